/** Scraping driven by the clock: every 5 s, job/instance labels, staleness, bounded retention. */
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../../src/runtime/clock.ts";
import { Prometheus } from "../../../src/runtime/telemetry/prometheus/prometheus.ts";
import { MetricsRegistry } from "../../../src/runtime/telemetry/metrics.ts";

const T0 = Date.UTC(2018, 5, 18, 13, 23, 0) * 1000;

function setup(target: () => string | undefined = () => "10.1.0.7:42422") {
  const clock = new VirtualClock(T0);
  const registry = new MetricsRegistry();
  const count = registry.register({ name: "istio_request_count", help: "h", type: "counter", labelNames: ["response_code"] });
  const duration = registry.register({ name: "istio_request_duration", help: "h", type: "histogram", labelNames: ["response_code"], buckets: [0.1, 1] });
  const prometheus = new Prometheus({ clock, metrics: registry, target });
  return { clock, registry, count, duration, prometheus };
}

const value = (p: Prometheus, q: string): number[] => {
  const r = p.query(q);
  if (!r.ok || r.data.resultType !== "vector") throw new Error(JSON.stringify(r));
  return r.data.result.map((s) => s.value);
};

describe("scraping", () => {
  it("adds job and instance labels to every scraped series", () => {
    const { count, duration, prometheus } = setup();
    count.inc(["200"]);
    duration.observe(["200"], 0.05);
    const r = prometheus.query('istio_request_duration_bucket{le="0.1"}');
    expect(r.ok && r.data.resultType === "vector" && r.data.result[0].metric).toEqual({
      __name__: "istio_request_duration_bucket", instance: "10.1.0.7:42422", job: "istio-mesh", le: "0.1", response_code: "200",
    });
    expect(value(prometheus, "up")).toEqual([1]);
  });

  it("scrapes only when the clock moves past a 5 s boundary", () => {
    const { clock, count, prometheus } = setup();
    prometheus.catchUp();
    count.inc(["200"], 2);
    expect(value(prometheus, "istio_request_count")).toEqual([]); // scraped at T0, before the requests
    clock.advance(4_999_999);
    expect(value(prometheus, "istio_request_count")).toEqual([]);
    clock.advance(1);
    expect(value(prometheus, "istio_request_count")).toEqual([2]);
    expect(value(prometheus, "count_over_time(up[1m])")).toEqual([2]); // T0 and T0+5 s
  });

  it("records one sample per interval after an idle gap", () => {
    const { clock, count, prometheus } = setup();
    count.inc(["200"]);
    prometheus.catchUp();
    clock.advance(60_000_000);
    expect(value(prometheus, "count_over_time(istio_request_count[1m])")).toEqual([13]);
    expect(value(prometheus, "rate(istio_request_count[1m])")).toEqual([0]);
  });

  it("marks vanished series stale so instant queries stop returning them", () => {
    let target: string | undefined = "10.1.0.7:42422";
    const { clock, count, prometheus } = setup(() => target);
    count.inc(["200"]);
    prometheus.catchUp();
    target = undefined; // the telemetry pod went away
    clock.advance(5_000_000);
    expect(value(prometheus, "istio_request_count")).toEqual([]);
    expect(value(prometheus, "up")).toEqual([]);
    target = "10.1.0.8:42422"; // its replacement: a new instance, a new series
    clock.advance(5_000_000);
    const r = prometheus.query("istio_request_count");
    expect(r.ok && r.data.resultType === "vector" && r.data.result.map((s) => s.metric.instance)).toEqual(["10.1.0.8:42422"]);
  });

  it("keeps memory bounded by the retention window", () => {
    const { clock, count, prometheus } = setup();
    count.inc(["200"]);
    for (let i = 0; i < 8 * 720; i++) {
      clock.advance(5_000_000);
      prometheus.catchUp();
    }
    const series = prometheus.tsdb.all().find((s) => s.labels.__name__ === "istio_request_count")!;
    expect(series.length).toBe(6 * 720 + 1); // 6 h of 5 s samples, both ends
    expect(series.t.length).toBeLessThan(6 * 720 * 2);
    clock.advance(24 * 3600 * 1_000_000); // a day asleep: only the retained part is scraped
    prometheus.catchUp();
    expect(series.length).toBe(6 * 720 + 1);
  });

  it("answers Grafana's label_values", () => {
    const { count, prometheus } = setup();
    count.inc(["404"]);
    count.inc(["200"]);
    expect(prometheus.labelValues("istio_request_count", "response_code")).toEqual(["200", "404"]);
    expect(prometheus.labelValues(undefined, "job")).toEqual(["istio-mesh"]);
    expect(prometheus.labelValues("nosuch", "job")).toEqual([]);
  });

  it("answers range queries in µs and seconds", () => {
    const { clock, count, prometheus } = setup();
    prometheus.catchUp();
    count.inc(["200"], 5);
    clock.advance(60_000_000);
    const r = prometheus.queryRange("sum(istio_request_count)", T0, T0 + 60_000_000, 30);
    expect(r.ok && r.data.result).toEqual([{ metric: {}, points: [{ t: T0 / 1000 + 30_000, v: 5 }, { t: T0 / 1000 + 60_000, v: 5 }] }]);
  });
});
