/**
 * Instant and range queries (Prometheus 2.3's query engine entry points): parse, evaluate at
 * one time or at each step, and shape the result the way the HTTP API reports it.
 */
import { documentedType, typeOf } from "./ast.ts";
import { Evaluator } from "./evaluator.ts";
import { compareLabels, labelsKey, type Labels } from "./labels.ts";
import { parsePromQL, PromQLParseError } from "./parser.ts";
import type { Tsdb } from "./tsdb.ts";
import { PromQLEvalError, type Point, type SeriesPoints } from "./values.ts";

export interface InstantSample {
  metric: Labels;
  value: number;
}

/** A query's data: what `data` holds in the API's JSON, with numbers still numbers. */
export type QueryData =
  | { resultType: "vector"; timeMs: number; result: InstantSample[] }
  | { resultType: "scalar"; timeMs: number; value: number }
  | { resultType: "string"; timeMs: number; value: string }
  | { resultType: "matrix"; result: SeriesPoints[] };

export type ErrorType = "bad_data" | "execution";

export type QueryOutcome<T = QueryData> = { ok: true; data: T } | { ok: false; errorType: ErrorType; error: string };

/** Guards against a pathological query eating the page: Prometheus' own per-series limit. */
export const MAX_POINTS_PER_SERIES = 11000;

function badData(error: string): QueryOutcome<never> {
  return { ok: false, errorType: "bad_data", error };
}

function failure(e: unknown): QueryOutcome<never> {
  if (e instanceof PromQLParseError) return badData(e.message);
  if (e instanceof PromQLEvalError) return { ok: false, errorType: "execution", error: e.message };
  // Thousands of nested parentheses exhaust the JS stack (Go's grows); answer instead of crashing.
  if (e instanceof RangeError) return badData("expression is nested too deeply for this emulated Prometheus");
  throw e;
}

export function instantQuery(tsdb: Tsdb, query: string, timeMs: number): QueryOutcome {
  try {
    const expr = parsePromQL(query);
    const v = new Evaluator(tsdb).eval(expr, timeMs);
    switch (v.type) {
      case "vector": return { ok: true, data: { resultType: "vector", timeMs, result: v.samples } };
      case "scalar": return { ok: true, data: { resultType: "scalar", timeMs, value: v.value } };
      case "string": return { ok: true, data: { resultType: "string", timeMs, value: v.value } };
      case "matrix": return { ok: true, data: { resultType: "matrix", result: v.series } };
    }
  } catch (e) {
    return failure(e);
  }
}

/** Evaluates at start, start+step, ... <= end; series sorted by labels, as 2.3 sorts them. */
export function rangeQuery(tsdb: Tsdb, query: string, startMs: number, endMs: number, stepMs: number): QueryOutcome<QueryData & { resultType: "matrix" }> {
  let expr;
  try {
    expr = parsePromQL(query);
  } catch (e) {
    return failure(e);
  }
  const t = typeOf(expr);
  if (t !== "vector" && t !== "scalar") return badData(`invalid expression type "${documentedType(t)}" for range query, must be Scalar or instant Vector`);
  try {
    const ev = new Evaluator(tsdb);
    const byKey = new Map<string, { metric: Labels; points: Point[] }>();
    const add = (metric: Labels, point: Point): void => {
      const k = labelsKey(metric);
      let s = byKey.get(k);
      if (!s) byKey.set(k, (s = { metric, points: [] }));
      s.points.push(point);
    };
    for (let ts = startMs; ts <= endMs; ts += stepMs) {
      const v = ev.eval(expr, ts);
      if (v.type === "scalar") add({}, { t: ts, v: v.value });
      else if (v.type === "vector") for (const s of v.samples) add(s.metric, { t: ts, v: s.value });
    }
    const result = [...byKey.values()].sort((a, b) => compareLabels(a.metric, b.metric));
    return { ok: true, data: { resultType: "matrix", result } };
  } catch (e) {
    return failure(e);
  }
}
