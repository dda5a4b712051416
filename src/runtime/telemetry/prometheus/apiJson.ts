/**
 * Prometheus 2.3's HTTP API JSON: `{"status":"success","data":...}` with sample values as
 * strings (strconv 'f' format) next to Unix-second timestamps, label maps with sorted keys, and
 * Go's string escaping (`<`, `>`, `&` become \u003c, \u003e, \u0026).
 */
import type { QueryData } from "./engine.ts";
import { formatSampleValue } from "./formatValue.ts";
import type { Labels } from "./labels.ts";
import type { Point } from "./values.ts";

/** A JSON string as Go's encoding/json writes it. */
export function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029\b\f]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

/** float64(ms)/1000 as a JSON number (Go's shortest 'f' form in this range, like JavaScript's). */
function seconds(ms: number): string {
  return String(ms / 1000);
}

export function labelsJson(l: Labels): string {
  return "{" + Object.keys(l).map((k) => `${goJsonString(k)}:${goJsonString(l[k])}`).join(",") + "}";
}

function pointJson(t: number, v: number): string {
  return `[${seconds(t)},"${formatSampleValue(v)}"]`;
}

function pointsJson(points: readonly Point[]): string {
  return "[" + points.map((p) => pointJson(p.t, p.v)).join(",") + "]";
}

export function queryDataJson(d: QueryData): string {
  switch (d.resultType) {
    case "vector":
      return `{"resultType":"vector","result":[${d.result.map((s) => `{"metric":${labelsJson(s.metric)},"value":${pointJson(d.timeMs, s.value)}}`).join(",")}]}`;
    case "scalar":
      return `{"resultType":"scalar","result":${pointJson(d.timeMs, d.value)}}`;
    case "string":
      return `{"resultType":"string","result":[${seconds(d.timeMs)},${goJsonString(d.value)}]}`;
    case "matrix":
      return `{"resultType":"matrix","result":[${d.result.map((s) => `{"metric":${labelsJson(s.metric)},"values":${pointsJson(s.points)}}`).join(",")}]}`;
  }
}

export function successJson(dataJson: string): string {
  return `{"status":"success","data":${dataJson}}`;
}

export function errorJson(errorType: string, error: string): string {
  return `{"status":"error","errorType":${goJsonString(errorType)},"error":${goJsonString(error)}}`;
}
