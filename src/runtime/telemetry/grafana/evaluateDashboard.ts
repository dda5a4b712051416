/**
 * Evaluates the Istio Dashboard's panels against the emulated Prometheus (in the worker), the
 * way Grafana does: one range query per target over the selected time range, step-aligned, the
 * `$http_destination` row repeated for each value of its label_values query. Every number in
 * the result comes out of the PromQL engine; this file only aligns and names the series.
 */
import type { QueryData, QueryOutcome } from "../prometheus/index.ts";
import {
  ALL_VARIABLES,
  HTTP_DESTINATIONS,
  HTTP_SERVICE_PANELS,
  MESH_PANELS,
  SINGLESTATS,
  formatLegend,
  regexVariableValue,
  substituteVariables,
  type GraphPanel,
  type PanelUnit,
  type TemplateVariables,
} from "./istioDashboard.ts";

/** What the dashboard needs of Prometheus (the sandbox's `prometheus`). */
export interface DashboardDataSource {
  queryRange(expr: string, startMicros: number, endMicros: number, stepSeconds: number): QueryOutcome<QueryData & { resultType: "matrix" }>;
  labelValues(metric: string | undefined, label: string): string[];
}

export interface DashboardRequest {
  /** The time picker's range ("last 5 minutes" = 300). */
  rangeSeconds: number;
  stepSeconds: number;
}

export interface SeriesData {
  legend: string;
  /** One value per entry of `times`; null where Prometheus returned no point. */
  values: (number | null)[];
}

export interface PanelData {
  id: number;
  title: string;
  unit: PanelUnit;
  nullAsZero: boolean;
  yMax?: number;
  series: SeriesData[];
  /** Prometheus' error for a failing target (shown in the panel's corner, as Grafana does). */
  error?: string;
}

export interface SinglestatData {
  id: number;
  title: string;
  unit: PanelUnit;
  /** The series (Grafana's sparkline) and its average over the range (the panels' valueName "avg"); null = N/A. */
  values: (number | null)[];
  average: number | null;
  error?: string;
}

export interface DashboardData {
  /** Seconds since the epoch, every `stepSeconds` from the range's start to now. */
  times: number[];
  singlestats: SinglestatData[];
  mesh: PanelData[];
  /** One row per `label_values(istio_request_count, destination_service)` value. */
  httpRows: { destination: string; panels: PanelData[] }[];
}

interface Frame {
  startMicros: number;
  endMicros: number;
  stepSeconds: number;
  times: number[];
}

function frameFor(nowMicros: number, req: DashboardRequest): Frame {
  const stepSeconds = Math.max(1, Math.round(req.stepSeconds));
  const stepMicros = stepSeconds * 1_000_000;
  // Grafana aligns the range to the step so that successive refreshes reuse the same timestamps.
  const endMicros = Math.floor(nowMicros / stepMicros) * stepMicros;
  const startMicros = endMicros - Math.max(stepSeconds, Math.round(req.rangeSeconds)) * 1_000_000;
  const times: number[] = [];
  for (let t = startMicros; t <= endMicros; t += stepMicros) times.push(t / 1_000_000);
  return { startMicros, endMicros, stepSeconds, times };
}

interface TargetResult {
  series: SeriesData[];
  error?: string;
}

function runTarget(source: DashboardDataSource, frame: Frame, expr: string, legendFormat: string): TargetResult {
  const outcome = source.queryRange(expr, frame.startMicros, frame.endMicros, frame.stepSeconds);
  if (!outcome.ok) return { series: [], error: outcome.error };
  const startSeconds = frame.startMicros / 1_000_000;
  const series = outcome.data.result.map((s) => {
    const values: (number | null)[] = new Array(frame.times.length).fill(null);
    for (const p of s.points) {
      const i = Math.round((p.t / 1000 - startSeconds) / frame.stepSeconds);
      if (i >= 0 && i < values.length) values[i] = Number.isFinite(p.v) ? p.v : null;
    }
    return { legend: formatLegend(legendFormat, s.metric), values };
  });
  return { series };
}

function evaluatePanel(source: DashboardDataSource, frame: Frame, panel: GraphPanel, vars: TemplateVariables): PanelData {
  const series: SeriesData[] = [];
  let error: string | undefined;
  for (const target of panel.targets) {
    const r = runTarget(source, frame, substituteVariables(target.expr, vars), target.legendFormat);
    series.push(...r.series);
    error ??= r.error;
  }
  return { id: panel.id, title: panel.title, unit: panel.unit, nullAsZero: panel.nullAsZero, yMax: panel.yMax, series, error };
}

function average(values: (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) if (v !== null) (sum += v), n++;
  return n ? sum / n : null;
}

/** All panels of the dashboard, evaluated over the last `rangeSeconds` before `nowMicros`. */
export function evaluateDashboard(source: DashboardDataSource, nowMicros: number, req: DashboardRequest): DashboardData {
  const frame = frameFor(nowMicros, req);
  const singlestats = SINGLESTATS.map((panel): SinglestatData => {
    const r = runTarget(source, frame, substituteVariables(panel.target.expr, ALL_VARIABLES), "");
    // A singlestat shows one series; Grafana warns on several and takes the first.
    const values = r.series[0]?.values ?? frame.times.map(() => null);
    return { id: panel.id, title: panel.title, unit: panel.unit, values, average: average(values), error: r.error };
  });
  const mesh = MESH_PANELS.map((p) => evaluatePanel(source, frame, p, ALL_VARIABLES));
  const httpRows = source.labelValues(HTTP_DESTINATIONS.metric, HTTP_DESTINATIONS.label).map((destination) => {
    const vars = { ...ALL_VARIABLES, http_destination: regexVariableValue(destination) };
    return { destination, panels: HTTP_SERVICE_PANELS.map((p) => evaluatePanel(source, frame, p, vars)) };
  });
  return { times: frame.times, singlestats, mesh, httpRows };
}
