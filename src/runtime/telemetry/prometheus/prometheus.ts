/**
 * The emulated Prometheus 2.3 of Istio 0.8's add-on: it scrapes the Mixer prometheus adapter
 * (job `istio-mesh`) every 5 s of the runtime's clock, keeps 6 h of samples, and answers PromQL.
 *
 * Scraping is driven by time passing, not by timers: `catchUp(now)` performs every scrape due
 * up to `now`. The sandbox calls it before requests and sleeps, and after each command; queries
 * call it first. With a virtual clock nothing is scraped unless time moves. A catch-up over a
 * long idle gap records the unchanged values for each missed interval, as the real scrapes would.
 */
import type { Clock } from "../../clock.ts";
import type { ServiceHandler } from "../../proxy/service-handlers.ts";
import type { Sample as ExposedSample } from "../metrics.ts";
import { instantQuery, rangeQuery, MAX_POINTS_PER_SERIES, type QueryData, type QueryOutcome } from "./engine.ts";
import { compareLabels, METRIC_NAME, sortedLabels, type Labels } from "./labels.ts";
import { parseMetricSelector, PromQLParseError } from "./parser.ts";
import { prometheusHttpHandler } from "./httpApi.ts";
import { ISTIO_MESH_JOB } from "./target.ts";
import { Tsdb, type Series } from "./tsdb.ts";

export interface PrometheusOptions {
  clock: Clock;
  /** What a scrape reads: the Mixer prometheus adapter's registry. */
  metrics: { samples(): ExposedSample[] };
  /** The target's `host:port`, or undefined when there is nothing to scrape. */
  target: () => string | undefined;
  job?: string;
  scrapeIntervalSeconds?: number;
  /** `--storage.tsdb.retention=6h` in the 0.8 deployment. */
  retentionSeconds?: number;
}

export class Prometheus {
  readonly tsdb = new Tsdb();
  readonly clock: Clock;
  private readonly intervalMs: number;
  private readonly retentionMs: number;
  private readonly job: string;
  private nextScrapeMs: number;
  private lastScraped = new Set<Series>();
  private httpHandler: ServiceHandler | undefined;

  constructor(private readonly options: PrometheusOptions) {
    this.clock = options.clock;
    this.intervalMs = (options.scrapeIntervalSeconds ?? 5) * 1000;
    this.retentionMs = (options.retentionSeconds ?? 6 * 3600) * 1000;
    this.job = options.job ?? ISTIO_MESH_JOB;
    this.nextScrapeMs = Math.ceil(Math.floor(options.clock.nowMicros() / 1000) / this.intervalMs) * this.intervalMs;
  }

  /** Performs every scrape due at or before `nowMicros` (scrapes fall on multiples of the interval). */
  catchUp(nowMicros: number = this.clock.nowMicros()): void {
    const nowMs = Math.floor(nowMicros / 1000);
    if (nowMs < this.nextScrapeMs) return;
    let t = this.nextScrapeMs;
    // After a very long gap only the retained part matters.
    const oldest = nowMs - this.retentionMs;
    if (t < oldest) t = Math.ceil(oldest / this.intervalMs) * this.intervalMs;
    // The registry and the target cannot change during a catch-up: read them once.
    const target = this.options.target();
    const samples = target ? this.options.metrics.samples() : [];
    const labelled = samples.map((s) => ({ labels: this.targetLabels(s, target!), value: s.value }));
    for (; t <= nowMs; t += this.intervalMs) this.scrape(t, target, labelled);
    this.nextScrapeMs = t;
    this.tsdb.trim(nowMs - this.retentionMs);
  }

  private targetLabels(s: ExposedSample, instance: string): Labels {
    const labels: Record<string, string> = {};
    // honor_labels: false, so scraped `job`/`instance` labels are kept as `exported_*`.
    for (const [k, v] of Object.entries(s.labels)) labels[k === "job" || k === "instance" ? `exported_${k}` : k] = v;
    labels[METRIC_NAME] = s.name;
    labels.instance = instance;
    labels.job = this.job;
    return sortedLabels(labels);
  }

  private scrape(t: number, target: string | undefined, samples: { labels: Labels; value: number }[]): void {
    const seen = new Set<Series>();
    if (target) {
      for (const s of samples) seen.add(this.tsdb.append(s.labels, t, s.value));
      const meta = { instance: target, job: this.job };
      seen.add(this.tsdb.append(sortedLabels({ ...meta, [METRIC_NAME]: "up" }), t, 1));
      seen.add(this.tsdb.append(sortedLabels({ ...meta, [METRIC_NAME]: "scrape_samples_scraped" }), t, samples.length));
    }
    // Series that vanished (handler reconfigured, telemetry pod replaced) end with a stale marker.
    for (const s of this.lastScraped) if (!seen.has(s)) this.tsdb.markStale(s, t);
    this.lastScraped = seen;
  }

  /** An instant query at `timeMicros` (default: now). */
  query(expr: string, timeMicros: number = this.clock.nowMicros()): QueryOutcome {
    this.catchUp();
    return instantQuery(this.tsdb, expr, Math.floor(timeMicros / 1000));
  }

  /** A range query from start to end (µs) every `stepSeconds`. */
  queryRange(expr: string, startMicros: number, endMicros: number, stepSeconds: number): QueryOutcome<QueryData & { resultType: "matrix" }> {
    this.catchUp();
    const startMs = Math.floor(startMicros / 1000);
    const endMs = Math.floor(endMicros / 1000);
    const stepMs = Math.floor(stepSeconds * 1000);
    if (endMs < startMs) return { ok: false, errorType: "bad_data", error: "end timestamp must not be before start time" };
    if (!(stepMs > 0)) return { ok: false, errorType: "bad_data", error: "zero or negative query resolution step widths are not accepted. Try a positive integer" };
    if ((endMs - startMs) / stepMs > MAX_POINTS_PER_SERIES) {
      return { ok: false, errorType: "bad_data", error: "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)" };
    }
    return rangeQuery(this.tsdb, expr, startMs, endMs, stepMs);
  }

  /** Series matching any of the selectors with a sample in [start, end] (µs; default: all). */
  series(selectors: readonly string[], startMicros = -Infinity, endMicros = Infinity): QueryOutcome<Labels[]> {
    this.catchUp();
    const mint = startMicros === -Infinity ? -Infinity : Math.floor(startMicros / 1000);
    const maxt = endMicros === Infinity ? Infinity : Math.floor(endMicros / 1000);
    const found = new Map<string, Labels>();
    for (const text of selectors) {
      let matchers;
      try {
        matchers = parseMetricSelector(text);
      } catch (e) {
        if (e instanceof PromQLParseError) return { ok: false, errorType: "bad_data", error: e.message };
        throw e;
      }
      for (const s of this.tsdb.select(matchers)) if (Tsdb.hasPointIn(s, mint, maxt)) found.set(s.key, s.labels);
    }
    return { ok: true, data: [...found.values()].sort(compareLabels) };
  }

  /** Label names across all stored series, sorted. */
  labelNames(): string[] {
    this.catchUp();
    const names = new Set<string>();
    for (const s of this.tsdb.all()) for (const k of Object.keys(s.labels)) names.add(k);
    return [...names].sort();
  }

  /** Values of `label` across stored series, of one metric when `metric` is given (Grafana's label_values). */
  labelValues(metric: string | undefined, label: string): string[] {
    this.catchUp();
    const values = new Set<string>();
    for (const s of this.tsdb.all()) {
      if (metric !== undefined && s.labels[METRIC_NAME] !== metric) continue;
      const v = s.labels[label];
      if (v !== undefined) values.add(v);
    }
    return [...values].sort();
  }

  /** The HTTP server of `prometheus.istio-system:9090` (register it with the data plane). */
  get handler(): ServiceHandler {
    return (this.httpHandler ??= prometheusHttpHandler(this));
  }
}
