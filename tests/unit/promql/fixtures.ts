/** Hand-made series for the PromQL tests: samples inserted directly into the TSDB. */
import { instantQuery, rangeQuery, type InstantSample } from "../../../src/runtime/telemetry/prometheus/engine.ts";
import { sortedLabels } from "../../../src/runtime/telemetry/prometheus/labels.ts";
import { Tsdb } from "../../../src/runtime/telemetry/prometheus/tsdb.ts";

/** `points` are [seconds, value] pairs. */
export function tsdbWith(series: { labels: Record<string, string>; points: [number, number][] }[]): Tsdb {
  const db = new Tsdb();
  for (const s of series) for (const [t, v] of s.points) db.append(sortedLabels(s.labels), t * 1000, v);
  return db;
}

/** Evaluates at `atSeconds`; throws on errors; returns the vector as a label-string -> value map. */
export function vectorAt(db: Tsdb, query: string, atSeconds: number): Map<string, number> {
  const r = instantQuery(db, query, atSeconds * 1000);
  if (!r.ok) throw new Error(r.error);
  if (r.data.resultType !== "vector") throw new Error(`expected a vector, got ${r.data.resultType}`);
  return new Map(r.data.result.map((s: InstantSample) => [labelString(s.metric), s.value]));
}

export function scalarAt(db: Tsdb, query: string, atSeconds = 0): number {
  const r = instantQuery(db, query, atSeconds * 1000);
  if (!r.ok) throw new Error(r.error);
  if (r.data.resultType !== "scalar") throw new Error(`expected a scalar, got ${r.data.resultType}`);
  return r.data.value;
}

export function errorOf(db: Tsdb, query: string, atSeconds = 0): string {
  const r = instantQuery(db, query, atSeconds * 1000);
  if (r.ok) throw new Error(`expected an error for ${query}`);
  return r.error;
}

export function range(db: Tsdb, query: string, start: number, end: number, step: number): Map<string, [number, number][]> {
  const r = rangeQuery(db, query, start * 1000, end * 1000, step * 1000);
  if (!r.ok) throw new Error(r.error);
  return new Map(r.data.result.map((s) => [labelString(s.metric), s.points.map((p): [number, number] => [p.t / 1000, p.v])]));
}

/** `{a="1",b="2"}` with keys in order, `__name__` written in front as Prometheus prints it. */
export function labelString(l: Record<string, string>): string {
  const name = l.__name__ ?? "";
  const rest = Object.keys(l).filter((k) => k !== "__name__").map((k) => `${k}="${l[k]}"`).join(",");
  return `${name}{${rest}}`;
}
