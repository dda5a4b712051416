/** The emulated Prometheus: what the sandbox, the dashboard and tests use. */
export { Prometheus, type PrometheusOptions } from "./prometheus.ts";
export { istioMeshTarget, ISTIO_MESH_JOB, MIXER_PROMETHEUS_PORT } from "./target.ts";
export type { QueryData, QueryOutcome, InstantSample, ErrorType } from "./engine.ts";
export type { Labels } from "./labels.ts";
export type { Point, SeriesPoints } from "./values.ts";
export { parsePromQL, PromQLParseError } from "./parser.ts";
export { formatSampleValue } from "./formatValue.ts";
