/**
 * Grafana 5's value formats for the units the Istio Dashboard uses (kbn.valueFormats): how a
 * number reads on an axis, in a legend and in a singlestat.
 */
import type { PanelUnit } from "../../runtime/telemetry/grafana/istioDashboard.ts";

/** Grafana's toFixed: enough decimals for small values, none for big ones. */
function toFixed(value: number, decimals?: number): string {
  if (decimals === undefined) {
    const magnitude = value === 0 ? 0 : Math.floor(Math.log10(Math.abs(value)));
    decimals = Math.max(0, Math.min(3, 1 - magnitude));
  }
  const fixed = value.toFixed(decimals);
  // Trailing zeros after the point add nothing to a reading.
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

function formatSeconds(v: number, decimals?: number): string {
  const abs = Math.abs(v);
  if (abs === 0) return "0 s";
  if (abs < 1e-6) return `${toFixed(v * 1e9, decimals)} ns`;
  if (abs < 1e-3) return `${toFixed(v * 1e6, decimals)} µs`;
  if (abs < 1) return `${toFixed(v * 1e3, decimals)} ms`;
  if (abs < 60) return `${toFixed(v, decimals)} s`;
  if (abs < 3600) return `${toFixed(v / 60, decimals)} min`;
  return `${toFixed(v / 3600, decimals)} hour`;
}

function formatDecBytes(v: number, decimals?: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let i = 0;
  let x = v;
  while (Math.abs(x) >= 1000 && i < units.length - 1) (x /= 1000), i++;
  return `${toFixed(x, decimals)} ${units[i]}`;
}

export function formatValue(unit: PanelUnit, v: number | null | undefined, decimals?: number): string {
  if (v === null || v === undefined || Number.isNaN(v)) return "N/A";
  switch (unit) {
    case "ops":
      return `${toFixed(v, decimals)} ops`;
    case "percentunit":
      return `${toFixed(v * 100, decimals)}%`;
    case "s":
      return formatSeconds(v, decimals);
    case "decbytes":
      return formatDecBytes(v, decimals);
  }
}
