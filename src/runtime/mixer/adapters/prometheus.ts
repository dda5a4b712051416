/**
 * prometheus: turns metric instances into Prometheus counters, gauges and histograms named
 * `istio_<name>`, served on istio-telemetry:42422/metrics (the MetricsRegistry). Label values are
 * the instance dimensions named by `label_names`, in that order.
 */
import { exponentialBuckets, linearBuckets, type Metric, type MetricType, type SeriesState } from "../../telemetry/metrics.ts";
import { decodeMessage, type MessageSpec } from "../handlerParams.ts";
import type { MetricInstance } from "../templates/metric.ts";
import type { BuiltInstance } from "../templates/template.ts";
import type { AttributeValue } from "../types.ts";
import { plainValue } from "../zapEncoding.ts";
import { AdapterConfigError, type AdapterInfo, type Handler } from "./adapter.ts";

const KINDS = ["METRIC_KIND_UNSPECIFIED", "GAUGE", "COUNTER", "DISTRIBUTION"] as const;

const EXPLICIT: MessageSpec = { typeName: "config.Params_MetricInfo_BucketsDefinition_Explicit", fields: [{ name: "bounds", kind: "number", repeated: true }] };
const EXPONENTIAL: MessageSpec = {
  typeName: "config.Params_MetricInfo_BucketsDefinition_Exponential",
  fields: [{ name: "num_finite_buckets", kind: "int" }, { name: "growth_factor", kind: "number" }, { name: "scale", kind: "number" }],
};
const LINEAR: MessageSpec = {
  typeName: "config.Params_MetricInfo_BucketsDefinition_Linear",
  fields: [{ name: "num_finite_buckets", kind: "int" }, { name: "width", kind: "number" }, { name: "offset", kind: "number" }],
};
const BUCKETS: MessageSpec = {
  typeName: "config.Params_MetricInfo_BucketsDefinition",
  fields: [
    { name: "explicit_buckets", kind: "object", message: EXPLICIT },
    { name: "exponential_buckets", kind: "object", message: EXPONENTIAL },
    { name: "linear_buckets", kind: "object", message: LINEAR },
  ],
};
const METRIC_INFO: MessageSpec = {
  typeName: "config.Params_MetricInfo",
  fields: [
    { name: "name", kind: "string" },
    { name: "description", kind: "string" },
    { name: "instance_name", kind: "string" },
    { name: "kind", kind: "enum", values: KINDS },
    { name: "buckets", kind: "object", message: BUCKETS },
    { name: "label_names", kind: "stringList" },
  ],
};
const PARAMS: MessageSpec = { typeName: "config.Params", fields: [{ name: "metrics", kind: "object", message: METRIC_INFO, repeated: true }] };

interface ConfiguredMetric {
  metric: Metric;
  labelNames: readonly string[];
  /** Per dimension-name array (shared by all instances of one instance config): label -> dimension index. */
  indexCache: WeakMap<readonly string[], number[]>;
  /** The last entry used of `indexCache`: one instance config per metric is the rule. */
  lastNames: readonly string[] | undefined;
  lastIndexes: number[];
  /** The trace's explanation, `recorded istio_request_count`. */
  recorded: string;
  /** Label values of the report in progress (reused: reports never overlap, and series copy their labels). */
  scratch: string[];
  /**
   * The last few label sets reported, as dimension values in label order, with their series:
   * Mixer reports the same few label sets over and over (one per response code, say), and equal
   * values of the same instance config give equal label texts, so the texts are made and looked
   * up only for a new set. Valid while `recentNames` and the metric's generation are unchanged.
   */
  recent: RecentSeries[];
  recentNames: readonly string[] | undefined;
  recentGeneration: number;
}

function bucketsOf(name: string, b: Record<string, unknown> | undefined): number[] {
  const explicit = b?.explicit_buckets as Record<string, unknown> | undefined;
  const exp = b?.exponential_buckets as Record<string, unknown> | undefined;
  const lin = b?.linear_buckets as Record<string, unknown> | undefined;
  if (explicit) return ((explicit.bounds as number[]) ?? []).slice();
  if (exp) return exponentialBuckets((exp.scale as number) ?? 0, (exp.growth_factor as number) ?? 0, (exp.num_finite_buckets as number) ?? 0);
  if (lin) return linearBuckets((lin.offset as number) ?? 0, (lin.width as number) ?? 0, (lin.num_finite_buckets as number) ?? 0);
  throw new AdapterConfigError(`metrics: missing buckets for distribution metric ${name}`);
}

export const prometheusAdapter: AdapterInfo = {
  name: "prometheus",
  templates: ["metric"],
  build(fullName, spec, ctx): Handler {
    const p = decodeMessage(PARAMS, spec, { metrics: [] });
    const byInstance = new Map<string, ConfiguredMetric>();
    for (const m of p.metrics as Record<string, unknown>[]) {
      const name = (m.name as string) ?? "";
      const kind = (m.kind as string) ?? "METRIC_KIND_UNSPECIFIED";
      const type: MetricType | undefined = kind === "COUNTER" ? "counter" : kind === "GAUGE" ? "gauge" : kind === "DISTRIBUTION" ? "histogram" : undefined;
      if (!type) throw new AdapterConfigError(`metrics: unknown metric kind ${kind} for ${name}`);
      const labelNames = ((m.label_names as string[]) ?? []).slice();
      const metric = ctx.metrics.register({
        name: `istio_${name}`,
        // The 0.8 adapter falls back to the metric name when there is no description.
        help: (m.description as string) || name,
        type,
        labelNames,
        buckets: type === "histogram" ? bucketsOf(name, m.buckets as Record<string, unknown> | undefined) : undefined,
      });
      byInstance.set((m.instance_name as string) ?? "", { metric, labelNames, indexCache: new WeakMap(), lastNames: undefined, lastIndexes: [], recorded: `recorded ${metric.spec.name}`, scratch: [],
        recent: [], recentNames: undefined, recentGeneration: -1,
      });
    }

    return {
      name: fullName,
      adapter: "prometheus",
      report(instance: BuiltInstance): string {
        const inst = instance as MetricInstance;
        const cfg = byInstance.get(inst.name);
        if (!cfg) {
          ctx.log.error(`could not find metric info from adapter config for ${inst.name}`);
          return `no metric configured for ${inst.name}`;
        }
        const v = inst.value;
        // DURATION values are nanoseconds; Prometheus metrics are in seconds.
        const amount = inst.valueType === "DURATION" ? (v as number) / 1e9 : typeof v === "number" ? v : typeof v === "boolean" ? (v ? 1 : 0) : Number(v);
        if (Number.isNaN(amount)) {
          ctx.log.error(`could not record metric ${cfg.metric.spec.name}: value ${String(v)} is not numeric`);
          return "value is not numeric";
        }
        // Prometheus counters reject negative increments, before any series is made for them.
        if (amount < 0 && cfg.metric.spec.type === "counter") return cfg.recorded;
        const series = seriesOf(cfg, inst);
        switch (cfg.metric.spec.type) {
          case "counter": cfg.metric.incSeries(series, amount); break;
          case "gauge": cfg.metric.setSeries(series, amount); break;
          case "histogram": cfg.metric.observeSeries(series, amount); break;
        }
        return cfg.recorded;
      },
    };
  },
};

interface RecentSeries {
  readonly values: readonly AttributeValue[];
  readonly series: SeriesState;
}

const RECENT_SERIES = 4;

/** The series `inst`'s dimensions label in `cfg`'s metric (see `ConfiguredMetric.recent`). */
function seriesOf(cfg: ConfiguredMetric, inst: MetricInstance): SeriesState {
  let idx = cfg.lastNames === inst.dimensionNames ? cfg.lastIndexes : cfg.indexCache.get(inst.dimensionNames);
  if (!idx) {
    idx = cfg.labelNames.map((l) => inst.dimensionNames.indexOf(l));
    cfg.indexCache.set(inst.dimensionNames, idx);
  }
  cfg.lastNames = inst.dimensionNames;
  cfg.lastIndexes = idx;
  const values = inst.dimensionValues;
  let recent = cfg.recent;
  if (cfg.recentNames !== inst.dimensionNames || cfg.recentGeneration !== cfg.metric.generation) {
    recent = cfg.recent = [];
    cfg.recentNames = inst.dimensionNames;
    cfg.recentGeneration = cfg.metric.generation;
  }
  outer: for (let r = 0; r < recent.length; r++) {
    const known = recent[r].values;
    for (let i = 0; i < idx.length; i++) if (idx[i] >= 0 && known[i] !== values[idx[i]]) continue outer;
    return recent[r].series;
  }
  // The metric copies label values when it creates a series, so one scratch array per metric serves every report.
  const labels = cfg.scratch.length === idx.length ? cfg.scratch : (cfg.scratch = new Array<string>(idx.length));
  const inputs = new Array<AttributeValue>(idx.length);
  for (let i = 0; i < idx.length; i++) {
    const d = idx[i];
    labels[i] = d < 0 ? "" : plainValue(values[d], inst.dimensionTypes[d]);
    inputs[i] = d < 0 ? "" : values[d];
  }
  const series = cfg.metric.series(labels);
  recent.unshift({ values: inputs, series });
  if (recent.length > RECENT_SERIES) recent.pop();
  return series;
}
