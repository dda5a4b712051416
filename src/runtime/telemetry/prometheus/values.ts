/** Values the PromQL engine produces (promql/value.go): scalars, strings, instant and range vectors. */
import type { Labels } from "./labels.ts";

export interface Sample {
  metric: Labels;
  value: number;
}

export interface Point {
  /** Milliseconds since the epoch. */
  t: number;
  v: number;
}

export interface SeriesPoints {
  metric: Labels;
  points: Point[];
}

export type Value =
  | { type: "scalar"; value: number }
  | { type: "string"; value: string }
  | { type: "vector"; samples: Sample[] }
  | { type: "matrix"; series: SeriesPoints[] };

/** An error while evaluating (Prometheus answers these with errorType "execution"). */
export class PromQLEvalError extends Error {}
