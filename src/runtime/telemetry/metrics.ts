/**
 * The metrics Mixer's prometheus adapter keeps (what it serves on istio-telemetry:42422/metrics)
 * and the emulated Prometheus scrapes: counters, gauges and histograms, aggregated per label set.
 *
 * The per-request path is `Metric.series(labelValues)` (a few recent series, then a trie) and
 * `incSeries`/`observeSeries`; the prometheus handler keeps the series of its recent label sets,
 * so most reports skip even that. Families and label orders are fixed when the handler is configured.
 */
import { formatGoFloat } from "./goFloat.ts";

export type MetricType = "counter" | "gauge" | "histogram";

export interface MetricSpec {
  /** Full Prometheus name, e.g. `istio_request_count`. */
  name: string;
  help: string;
  type: MetricType;
  /** Label names in the order the handler config lists them (values are passed in this order). */
  labelNames: readonly string[];
  /** Finite upper bounds, ascending (histograms only); `+Inf` is implicit. */
  buckets?: readonly number[];
}

/** One sample as a scrape sees it: `istio_request_duration_bucket{...,le="0.005"} 3`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** One label set's values. Opaque outside this file: callers keep it only to record into it again. */
export interface SeriesState {
  labelValues: string[];
  /** Counter/gauge value; histogram sum. */
  value: number;
  /** Histogram: non-cumulative counts per finite bucket, then the +Inf overflow. */
  counts?: number[];
  count?: number;
}

export interface MetricsSnapshot {
  metrics: { spec: MetricSpec; series: SeriesState[] }[];
}

/** Prometheus' standard buckets helpers, as client_golang defines them. */
export function exponentialBuckets(start: number, factor: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0, v = start; i < count; i++, v *= factor) out.push(v);
  return out;
}

export function linearBuckets(start: number, width: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(start + i * width);
  return out;
}

const KEY_SEPARATOR = "\u0001";

/** How many recently used series each metric checks before its trie. */
const RECENT_SERIES = 4;

function keyOf(labelValues: readonly string[]): string {
  return labelValues.length === 1 ? labelValues[0] : labelValues.join(KEY_SEPARATOR);
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Series by label values, one Map level per label: finds a series without building a key string. */
type SeriesTrie = Map<string, SeriesTrie | SeriesState>;

export class Metric {
  private readonly byKey = new Map<string, SeriesState>();
  private trie: SeriesTrie = new Map();
  /** Label names sorted byte-wise with their index into labelValues: the exposition order. */
  private readonly sortedLabels: { name: string; index: number }[];

  constructor(readonly spec: MetricSpec) {
    this.sortedLabels = spec.labelNames.map((name, index) => ({ name, index })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * The last few series used, newest first: Mixer reports the same few label sets over and over
   * (one per response code, say), and comparing a handful of short strings beats a Map lookup per label.
   */
  private recent: SeriesState[] = [];

  /**
   * The series for one label set (created on first use). `labelValues` follows `spec.labelNames`.
   * Callers may keep it and record into it again (`incSeries`...) while `generation` is unchanged.
   */
  series(labelValues: readonly string[]): SeriesState {
    const recent = this.recent;
    for (let r = 0; r < recent.length; r++) if (sameLabels(recent[r].labelValues, labelValues)) return recent[r];
    const s = this.seriesInTrie(labelValues);
    recent.unshift(s);
    if (recent.length > RECENT_SERIES) recent.pop();
    return s;
  }

  private seriesInTrie(labelValues: readonly string[]): SeriesState {
    const n = labelValues.length;
    let level = this.trie;
    for (let i = 0; i < n - 1; i++) {
      let next = level.get(labelValues[i]) as SeriesTrie | undefined;
      if (!next) level.set(labelValues[i], (next = new Map()));
      level = next;
    }
    const last = n ? labelValues[n - 1] : "";
    let leaf = level.get(last) as SeriesState | undefined;
    if (!leaf) level.set(last, (leaf = this.seriesByKey(labelValues)));
    return leaf;
  }

  private seriesByKey(labelValues: readonly string[]): SeriesState {
    const key = keyOf(labelValues);
    let s = this.byKey.get(key);
    if (!s) {
      s = { labelValues: labelValues.slice(), value: 0 };
      if (this.spec.type === "histogram") {
        s.counts = new Array((this.spec.buckets?.length ?? 0) + 1).fill(0);
        s.count = 0;
      }
      this.byKey.set(key, s);
    }
    return s;
  }

  /** Changes when the series are replaced (`importState`): series kept from before are no longer this metric's. */
  get generation(): number {
    return this.#generation;
  }

  #generation = 0;

  inc(labelValues: readonly string[], delta = 1): void {
    // Prometheus counters reject negative increments, before any series is made for them.
    if (delta < 0 && this.spec.type === "counter") return;
    this.series(labelValues).value += delta;
  }

  /** `inc` into a series from `series` (the caller has checked the increment is allowed). */
  incSeries(s: SeriesState, delta: number): void {
    s.value += delta;
  }

  set(labelValues: readonly string[], value: number): void {
    this.series(labelValues).value = value;
  }

  setSeries(s: SeriesState, value: number): void {
    s.value = value;
  }

  observe(labelValues: readonly string[], value: number): void {
    this.observeSeries(this.series(labelValues), value);
  }

  observeSeries(s: SeriesState, value: number): void {
    const bounds = this.spec.buckets ?? [];
    let i = 0;
    while (i < bounds.length && value > bounds[i]) i++;
    s.counts![i]++;
    s.count!++;
    s.value += value;
  }

  /** Series sorted as client_golang exposes them: by label values in label-name order. */
  private sortedSeries(): SeriesState[] {
    const order = this.sortedLabels;
    return [...this.byKey.values()].sort((a, b) => {
      for (const { index } of order) {
        const x = a.labelValues[index];
        const y = b.labelValues[index];
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    });
  }

  private labelsOf(s: SeriesState): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { name, index } of this.sortedLabels) out[name] = s.labelValues[index];
    return out;
  }

  samples(into: Sample[]): void {
    const name = this.spec.name;
    for (const s of this.sortedSeries()) {
      if (this.spec.type !== "histogram") {
        into.push({ name, labels: this.labelsOf(s), value: s.value });
        continue;
      }
      const bounds = this.spec.buckets ?? [];
      let cumulative = 0;
      for (let i = 0; i <= bounds.length; i++) {
        cumulative += s.counts![i];
        const le = i < bounds.length ? formatGoFloat(bounds[i]) : "+Inf";
        into.push({ name: `${name}_bucket`, labels: { ...this.labelsOf(s), le }, value: cumulative });
      }
      into.push({ name: `${name}_sum`, labels: this.labelsOf(s), value: s.value });
      into.push({ name: `${name}_count`, labels: this.labelsOf(s), value: s.count! });
    }
  }

  /** Number of label sets seen. */
  get size(): number {
    return this.byKey.size;
  }

  exportState(): SeriesState[] {
    return [...this.byKey.values()].map((s) => ({ ...s, labelValues: s.labelValues.slice(), counts: s.counts?.slice() }));
  }

  importState(series: SeriesState[]): void {
    this.#generation++;
    this.byKey.clear();
    this.trie = new Map();
    this.recent = [];
    for (const s of series) {
      const copy = { ...s, labelValues: s.labelValues.slice(), counts: s.counts?.slice() };
      this.byKey.set(keyOf(copy.labelValues), copy);
    }
  }
}

function sameShape(a: MetricSpec, b: MetricSpec): boolean {
  return a.type === b.type && a.help === b.help &&
    a.labelNames.length === b.labelNames.length && a.labelNames.every((n, i) => n === b.labelNames[i]) &&
    (a.buckets ?? []).length === (b.buckets ?? []).length && (a.buckets ?? []).every((v, i) => v === b.buckets![i]);
}

/** `\` -> `\\`, `"` -> `\"`, newline -> `\n`: the exposition format's label-value escaping. */
function escapeLabelValue(v: string): string {
  return /["\\\n]/.test(v) ? v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n") : v;
}

function escapeHelp(v: string): string {
  return /[\\\n]/.test(v) ? v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n") : v;
}

export class MetricsRegistry {
  private readonly byName = new Map<string, Metric>();

  /**
   * Registers a metric, or returns the existing one when the shape is the same (its values are
   * kept, as client_golang keeps an already-registered collector). A different shape replaces it.
   */
  register(spec: MetricSpec): Metric {
    const existing = this.byName.get(spec.name);
    if (existing && sameShape(existing.spec, spec)) return existing;
    const m = new Metric({ ...spec, labelNames: [...spec.labelNames], buckets: spec.buckets ? [...spec.buckets] : undefined });
    this.byName.set(spec.name, m);
    return m;
  }

  get(name: string): Metric | undefined {
    return this.byName.get(name);
  }

  unregister(name: string): void {
    this.byName.delete(name);
  }

  /** Registered metrics sorted by name (the exposition order). */
  metrics(): Metric[] {
    return [...this.byName.values()].sort((a, b) => (a.spec.name < b.spec.name ? -1 : a.spec.name > b.spec.name ? 1 : 0));
  }

  /** Every sample a scrape would read, families by name, series in exposition order. */
  samples(): Sample[] {
    const out: Sample[] = [];
    for (const m of this.metrics()) m.samples(out);
    return out;
  }

  /** The Prometheus text exposition format (version 0.0.4) of everything registered. */
  render(): string {
    const lines: string[] = [];
    for (const m of this.metrics()) {
      if (m.size === 0) continue; // client_golang omits vectors with no children
      lines.push(`# HELP ${m.spec.name} ${escapeHelp(m.spec.help)}`);
      lines.push(`# TYPE ${m.spec.name} ${m.spec.type}`);
      const samples: Sample[] = [];
      m.samples(samples);
      for (const s of samples) {
        const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(",");
        lines.push(`${s.name}${labels ? `{${labels}}` : ""} ${formatGoFloat(s.value)}`);
      }
    }
    return lines.length ? lines.join("\n") + "\n" : "";
  }

  clear(): void {
    this.byName.clear();
  }

  snapshot(): MetricsSnapshot {
    return {
      metrics: this.metrics().map((m) => ({
        spec: { ...m.spec, labelNames: [...m.spec.labelNames], buckets: m.spec.buckets ? [...m.spec.buckets] : undefined },
        series: m.exportState(),
      })),
    };
  }

  restore(state: MetricsSnapshot): void {
    this.byName.clear();
    for (const { spec, series } of state.metrics) this.register(spec).importState(series);
  }
}
