/**
 * PromQL functions as Prometheus 2.3 computes them (promql/functions.go). Range-vector
 * functions receive the points inside the selector's window; `ts` is the evaluation time (ms).
 */
import type { Expr } from "./ast.ts";
import { expandTemplate } from "./goRegexpExpand.ts";
import { dropMetricName, labelsKey, METRIC_NAME, setLabel, signatureWithout, sortedLabels, type Labels } from "./labels.ts";
import { compileAnchored } from "./matchers.ts";
import { isValidLabelName } from "./parser.ts";
import { bucketQuantile, quantile, type Bucket } from "./quantiles.ts";
import { PromQLEvalError, type Sample, type SeriesPoints, type Value } from "./values.ts";

export interface CallContext {
  /** Evaluation time, ms. */
  ts: number;
  args: Value[];
  nodes: Expr[];
}

type FunctionImpl = (ctx: CallContext) => Value;

const vectorArg = (ctx: CallContext, i: number): Sample[] => (ctx.args[i] as { samples: Sample[] }).samples;
const matrixArg = (ctx: CallContext, i: number): SeriesPoints[] => (ctx.args[i] as { series: SeriesPoints[] }).series;
const scalarArg = (ctx: CallContext, i: number): number => (ctx.args[i] as { value: number }).value;
const stringArg = (ctx: CallContext, i: number): string => (ctx.args[i] as { value: string }).value;
const vector = (samples: Sample[]): Value => ({ type: "vector", samples });

/** A function of each sample's value; the metric name goes (the value no longer means the metric). */
function mathFn(f: (v: number) => number): FunctionImpl {
  return (ctx) => vector(vectorArg(ctx, 0).map((s) => ({ metric: dropMetricName(s.metric), value: f(s.value) })));
}

/** A function of a series' points in the window; series with no points give no result. */
function overTime(f: (values: number[], ctx: CallContext) => number): FunctionImpl {
  return (ctx) =>
    vector(matrixArg(ctx, 0).filter((s) => s.points.length > 0).map((s) => ({ metric: dropMetricName(s.metric), value: f(s.points.map((p) => p.v), ctx) })));
}

/** The window [start, end] of the range selector argument at evaluation time ts. */
function windowOf(ctx: CallContext): { start: number; end: number; rangeSeconds: number } {
  const node = ctx.nodes[0];
  if (node.kind !== "matrixSelector") throw new PromQLEvalError("range vector argument expected");
  return { start: ctx.ts - node.rangeMs - node.offsetMs, end: ctx.ts - node.offsetMs, rangeSeconds: node.rangeMs / 1000 };
}

/**
 * extrapolatedRate (rate, increase, delta): the change between the first and last points,
 * counter resets added back, extrapolated towards the window's edges when the points reach
 * within 1.1 average intervals of them (else by half an interval), and never below zero for
 * counters.
 */
function extrapolatedRate(isCounter: boolean, isRate: boolean): FunctionImpl {
  return (ctx) => {
    const { start: rangeStart, end: rangeEnd, rangeSeconds } = windowOf(ctx);
    const out: Sample[] = [];
    for (const series of matrixArg(ctx, 0)) {
      const pts = series.points;
      if (pts.length < 2) continue;
      let counterCorrection = 0;
      let lastValue = 0;
      for (const p of pts) {
        if (isCounter && p.v < lastValue) counterCorrection += lastValue;
        lastValue = p.v;
      }
      let resultValue = lastValue - pts[0].v + counterCorrection;
      let durationToStart = (pts[0].t - rangeStart) / 1000;
      const durationToEnd = (rangeEnd - pts[pts.length - 1].t) / 1000;
      const sampledInterval = (pts[pts.length - 1].t - pts[0].t) / 1000;
      const averageDurationBetweenSamples = sampledInterval / (pts.length - 1);
      if (isCounter && resultValue > 0 && pts[0].v >= 0) {
        const durationToZero = sampledInterval * (pts[0].v / resultValue);
        if (durationToZero < durationToStart) durationToStart = durationToZero;
      }
      const extrapolationThreshold = averageDurationBetweenSamples * 1.1;
      let extrapolateToInterval = sampledInterval;
      extrapolateToInterval += durationToStart < extrapolationThreshold ? durationToStart : averageDurationBetweenSamples / 2;
      extrapolateToInterval += durationToEnd < extrapolationThreshold ? durationToEnd : averageDurationBetweenSamples / 2;
      resultValue = resultValue * (extrapolateToInterval / sampledInterval);
      if (isRate) resultValue = resultValue / rangeSeconds;
      out.push({ metric: dropMetricName(series.metric), value: resultValue });
    }
    return vector(out);
  };
}

/** irate / idelta: from the last two points only; fewer than two points give no result. */
function instantValue(isRate: boolean): FunctionImpl {
  return (ctx) => {
    const out: Sample[] = [];
    for (const series of matrixArg(ctx, 0)) {
      const pts = series.points;
      if (pts.length < 2) continue;
      const last = pts[pts.length - 1];
      const previous = pts[pts.length - 2];
      const resultValue = isRate && last.v < previous.v ? last.v : last.v - previous.v;
      const sampledInterval = last.t - previous.t;
      if (sampledInterval === 0) continue;
      out.push({ metric: dropMetricName(series.metric), value: isRate ? resultValue / (sampledInterval / 1000) : resultValue });
    }
    return vector(out);
  };
}

function histogramQuantile(ctx: CallContext): Value {
  const q = scalarArg(ctx, 0);
  const groups = new Map<string, { metric: Labels; buckets: Bucket[] }>();
  for (const s of vectorArg(ctx, 1)) {
    const le = s.metric.le;
    const upperBound = le === undefined ? NaN : parseGoFloat(le);
    if (Number.isNaN(upperBound)) continue; // no or unparsable `le`: not a bucket
    const key = signatureWithout(s.metric, ["le", METRIC_NAME]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { metric: dropMetricName(setLabel(s.metric, "le", "")), buckets: [] }));
    g.buckets.push({ upperBound, count: s.value });
  }
  return vector([...groups.values()].map((g) => ({ metric: g.metric, value: bucketQuantile(q, g.buckets) })));
}

/** strconv.ParseFloat for `le` values: decimals, exponents, `+Inf`/`Inf`; NaN when invalid. */
function parseGoFloat(s: string): number {
  const lower = s.toLowerCase();
  if (lower === "+inf" || lower === "inf" || lower === "infinity" || lower === "+infinity") return Infinity;
  if (lower === "-inf" || lower === "-infinity") return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return NaN;
  return Number(s);
}

function labelReplace(ctx: CallContext): Value {
  const [dst, repl, src, regexText] = [stringArg(ctx, 1), stringArg(ctx, 2), stringArg(ctx, 3), stringArg(ctx, 4)];
  const re = compileAnchored(regexText);
  if ("error" in re) throw new PromQLEvalError(`invalid regular expression in label_replace(): ${regexText}`);
  if (!isValidLabelName(dst)) throw new PromQLEvalError(`invalid destination label name in label_replace(): ${dst}`);
  const out = vectorArg(ctx, 0).map((s) => {
    const m = re.matcher(s.metric[src] ?? "");
    if (!m.matches()) return s;
    const value = expandTemplate(repl, (g) => {
      try {
        return m.group(g);
      } catch {
        return null;
      }
    });
    return { metric: setLabel(s.metric, dst, value), value: s.value };
  });
  return vector(out);
}

function labelJoin(ctx: CallContext): Value {
  const dst = stringArg(ctx, 1);
  const sep = stringArg(ctx, 2);
  const srcs: string[] = [];
  for (let i = 3; i < ctx.args.length; i++) {
    const src = stringArg(ctx, i);
    if (!isValidLabelName(src)) throw new PromQLEvalError(`invalid source label name in label_join(): ${src}`);
    srcs.push(src);
  }
  if (!isValidLabelName(dst)) throw new PromQLEvalError(`invalid destination label name in label_join(): ${dst}`);
  return vector(vectorArg(ctx, 0).map((s) => ({ metric: setLabel(s.metric, dst, srcs.map((n) => s.metric[n] ?? "").join(sep)), value: s.value })));
}

function round(ctx: CallContext): Value {
  const toNearest = ctx.args.length > 1 ? scalarArg(ctx, 1) : 1;
  // Dividing by the inverse (as Prometheus does) keeps results like 0.001 exact.
  const inverse = 1 / toNearest;
  return vector(vectorArg(ctx, 0).map((s) => ({ metric: dropMetricName(s.metric), value: Math.floor(s.value * inverse + 0.5) / inverse })));
}

function absent(ctx: CallContext): Value {
  if (vectorArg(ctx, 0).length > 0) return vector([]);
  const node = ctx.nodes[0];
  const labels: Record<string, string> = {};
  if (node.kind === "vectorSelector") {
    for (const m of node.matchers) if (m.type === "=" && m.name !== METRIC_NAME) labels[m.name] = m.value;
  }
  return vector([{ metric: sortedLabels(labels), value: 1 }]);
}

/** Date functions read each sample's value (or the evaluation time) as Unix seconds, in UTC. */
function dateFn(f: (d: Date) => number): FunctionImpl {
  return (ctx) => {
    if (ctx.args.length === 0) return vector([{ metric: {}, value: f(new Date(ctx.ts)) }]);
    return vector(vectorArg(ctx, 0).map((s) => ({ metric: dropMetricName(s.metric), value: f(new Date(s.value * 1000)) })));
  };
}

function changesOrResets(resets: boolean): FunctionImpl {
  return overTime((values) => {
    let n = 0;
    for (let i = 1; i < values.length; i++) {
      const prev = values[i - 1];
      const cur = values[i];
      if (resets ? cur < prev : cur !== prev && !(Number.isNaN(cur) && Number.isNaN(prev))) n++;
    }
    return n;
  });
}

function sortBy(desc: boolean): FunctionImpl {
  return (ctx) => {
    const sorted = [...vectorArg(ctx, 0)].sort((a, b) => {
      if (Number.isNaN(a.value)) return desc ? 1 : -1;
      if (Number.isNaN(b.value)) return desc ? -1 : 1;
      return desc ? b.value - a.value : a.value - b.value;
    });
    return vector(sorted);
  };
}

/**
 * Least-squares fit of a series' points, x in seconds relative to `interceptMs` (Prometheus'
 * linearRegression: the reference time keeps the arithmetic away from huge timestamps).
 */
function linearRegression(points: readonly { t: number; v: number }[], interceptMs: number): { slope: number; intercept: number } {
  let n = 0;
  let sumX = 0;
  let sumY = 0;
  let sumXY = 0;
  let sumX2 = 0;
  for (const p of points) {
    const x = (p.t - interceptMs) / 1e3;
    n += 1;
    sumY += p.v;
    sumX += x;
    sumXY += x * p.v;
    sumX2 += x * x;
  }
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  return { slope, intercept: sumY / n - (slope * sumX) / n };
}

/** deriv(v range-vector): per-second derivative by simple linear regression; needs two points. */
const deriv: FunctionImpl = (ctx) =>
  vector(
    matrixArg(ctx, 0)
      .filter((s) => s.points.length >= 2)
      .map((s) => ({ metric: dropMetricName(s.metric), value: linearRegression(s.points, s.points[0].t).slope })),
  );

/** predict_linear(v range-vector, t scalar): the fitted value t seconds after the evaluation time. */
const predictLinear: FunctionImpl = (ctx) => {
  const seconds = scalarArg(ctx, 1);
  return vector(
    matrixArg(ctx, 0)
      .filter((s) => s.points.length >= 2)
      .map((s) => {
        const { slope, intercept } = linearRegression(s.points, ctx.ts);
        return { metric: dropMetricName(s.metric), value: slope * seconds + intercept };
      }),
  );
};

function notSupported(name: string): FunctionImpl {
  return () => {
    throw new PromQLEvalError(`function "${name}" is not supported by this emulated Prometheus`);
  };
}

const IMPLEMENTATIONS: Record<string, FunctionImpl> = {
  abs: mathFn(Math.abs),
  absent,
  avg_over_time: overTime((vs) => vs.reduce((a, b) => a + b, 0) / vs.length),
  ceil: mathFn(Math.ceil),
  changes: changesOrResets(false),
  clamp_max: (ctx) => vector(vectorArg(ctx, 0).map((s) => ({ metric: dropMetricName(s.metric), value: goMin(s.value, scalarArg(ctx, 1)) }))),
  clamp_min: (ctx) => vector(vectorArg(ctx, 0).map((s) => ({ metric: dropMetricName(s.metric), value: goMax(s.value, scalarArg(ctx, 1)) }))),
  count_over_time: overTime((vs) => vs.length),
  days_in_month: dateFn((d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()),
  day_of_month: dateFn((d) => d.getUTCDate()),
  day_of_week: dateFn((d) => d.getUTCDay()),
  delta: extrapolatedRate(false, false),
  deriv,
  exp: mathFn(Math.exp),
  floor: mathFn(Math.floor),
  histogram_quantile: histogramQuantile,
  holt_winters: notSupported("holt_winters"),
  hour: dateFn((d) => d.getUTCHours()),
  idelta: instantValue(false),
  increase: extrapolatedRate(true, false),
  irate: instantValue(true),
  label_join: labelJoin,
  label_replace: labelReplace,
  ln: mathFn(Math.log),
  log10: mathFn(Math.log10),
  log2: mathFn(Math.log2),
  max_over_time: overTime((vs) => vs.reduce((a, b) => goMax(a, b))),
  min_over_time: overTime((vs) => vs.reduce((a, b) => goMin(a, b))),
  minute: dateFn((d) => d.getUTCMinutes()),
  month: dateFn((d) => d.getUTCMonth() + 1),
  predict_linear: predictLinear,
  quantile_over_time: (ctx) => {
    const q = scalarArg(ctx, 0);
    return vector(matrixArg(ctx, 1).filter((s) => s.points.length > 0).map((s) => ({ metric: dropMetricName(s.metric), value: quantile(q, s.points.map((p) => p.v)) })));
  },
  rate: extrapolatedRate(true, true),
  resets: changesOrResets(true),
  round,
  scalar: (ctx) => {
    const v = vectorArg(ctx, 0);
    return { type: "scalar", value: v.length === 1 ? v[0].value : NaN };
  },
  sort: sortBy(false),
  sort_desc: sortBy(true),
  sqrt: mathFn(Math.sqrt),
  stddev_over_time: overTime((vs) => Math.sqrt(variance(vs))),
  stdvar_over_time: overTime(variance),
  sum_over_time: overTime((vs) => vs.reduce((a, b) => a + b, 0)),
  time: (ctx) => ({ type: "scalar", value: ctx.ts / 1000 }),
  timestamp: notSupported("timestamp"),
  vector: (ctx) => vector([{ metric: {}, value: scalarArg(ctx, 0) }]),
  year: dateFn((d) => d.getUTCFullYear()),
};

function variance(vs: number[]): number {
  let sum = 0;
  let squares = 0;
  for (const v of vs) {
    sum += v;
    squares += v * v;
  }
  const mean = sum / vs.length;
  return squares / vs.length - mean * mean;
}

/** Go's math.Max/Min: NaN wins. */
function goMax(a: number, b: number): number {
  return Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b);
}

function goMin(a: number, b: number): number {
  return Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b);
}

export function callFunction(name: string, ctx: CallContext): Value {
  const impl = IMPLEMENTATIONS[name];
  if (!impl) throw new PromQLEvalError(`function "${name}" is not supported by this emulated Prometheus`);
  const result = impl(ctx);
  if (result.type === "vector") assertUniqueLabelsets(result.samples);
  return result;
}

/** rangeEval's check: a function may not produce two samples with the same labels. */
export function assertUniqueLabelsets(samples: readonly Sample[]): void {
  if (samples.length < 2) return;
  const seen = new Set<string>();
  for (const s of samples) {
    const k = labelsKey(s.metric);
    if (seen.has(k)) throw new PromQLEvalError("vector cannot contain metrics with the same labelset");
    seen.add(k);
  }
}
