/**
 * Value encodings (zap for stdio, Go's %g for Prometheus) and the metrics registry: buckets,
 * exposition format, samples, snapshot/restore (reference §3.3, §6.1).
 */
import { describe, expect, it } from "vitest";
import { formatGoDuration, zapQuote, zapValue } from "../../../src/runtime/mixer/zapEncoding.ts";
import { formatGoFloat } from "../../../src/runtime/telemetry/goFloat.ts";
import { exponentialBuckets, MetricsRegistry } from "../../../src/runtime/telemetry/metrics.ts";
import { parseIsoMicros } from "../../../src/runtime/clock.ts";

describe("zap encoding", () => {
  it("writes Go durations", () => {
    expect(formatGoDuration(0)).toBe("0s");
    expect(formatGoDuration(1_234_000)).toBe("1.234ms");
    expect(formatGoDuration(3_000_000)).toBe("3ms");
    expect(formatGoDuration(1_500)).toBe("1.5µs");
    expect(formatGoDuration(999)).toBe("999ns");
    expect(formatGoDuration(1_500_000_000)).toBe("1.5s");
    expect(formatGoDuration(90_000_000_000)).toBe("1m30s");
    expect(formatGoDuration(3_723_000_000_000)).toBe("1h2m3s");
  });

  it("writes timestamps in the 27-character form and ints as numbers", () => {
    expect(zapValue(parseIsoMicros("2018-06-19T12:39:48.050666Z")!, "TIMESTAMP")).toBe('"2018-06-19T12:39:48.050666Z"');
    expect(zapValue(parseIsoMicros("2018-06-19T12:39:48Z")!, "TIMESTAMP")).toBe('"2018-06-19T12:39:48.000000Z"');
    expect(zapValue(404, "INT64")).toBe("404");
    expect(zapValue(false, "BOOL")).toBe("false");
    expect(zapValue(1_234_000, "DURATION")).toBe('"1.234ms"');
    expect(zapValue({ b: "2", a: "1" }, "STRING_MAP")).toBe('{"a":"1","b":"2"}');
  });

  it("escapes strings like zap: quotes, backslashes, control bytes", () => {
    expect(zapQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(zapQuote("x\ny\tz\u0001")).toBe('"x\\ny\\tz\\u0001"');
    expect(zapQuote("<é>")).toBe('"<é>"');
  });
});

describe("Go %g floats (Prometheus exposition)", () => {
  it("formats values and bucket bounds like client_golang", () => {
    expect(formatGoFloat(3)).toBe("3");
    expect(formatGoFloat(0.005)).toBe("0.005");
    expect(formatGoFloat(100000)).toBe("100000");
    expect(formatGoFloat(1e6)).toBe("1e+06");
    expect(formatGoFloat(1e7)).toBe("1e+07");
    expect(formatGoFloat(1234567)).toBe("1.234567e+06");
    expect(formatGoFloat(0.00001)).toBe("1e-05");
    expect(formatGoFloat(Infinity)).toBe("+Inf");
  });
});

describe("MetricsRegistry", () => {
  const spec = { name: "istio_response_size", help: "response_size", type: "histogram" as const, labelNames: ["source_service", "response_code"], buckets: exponentialBuckets(1, 10, 8) };

  it("uses 8 finite exponential buckets 1..1e7 for sizes", () => {
    expect(exponentialBuckets(1, 10, 8)).toEqual([1, 10, 100, 1000, 10000, 100000, 1e6, 1e7]);
  });

  it("aggregates histograms per label set and renders cumulative buckets, sum and count", () => {
    const r = new MetricsRegistry();
    const m = r.register(spec);
    m.observe(["sleep.default.svc.cluster.local", "200"], 150448);
    m.observe(["sleep.default.svc.cluster.local", "200"], 76);
    const text = r.render();
    expect(text).toContain("# HELP istio_response_size response_size\n# TYPE istio_response_size histogram\n");
    expect(text).toContain('istio_response_size_bucket{response_code="200",source_service="sleep.default.svc.cluster.local",le="100"} 1\n');
    expect(text).toContain('istio_response_size_bucket{response_code="200",source_service="sleep.default.svc.cluster.local",le="1e+06"} 2\n');
    expect(text).toContain('istio_response_size_bucket{response_code="200",source_service="sleep.default.svc.cluster.local",le="+Inf"} 2\n');
    expect(text).toContain('istio_response_size_sum{response_code="200",source_service="sleep.default.svc.cluster.local"} 150524\n');
    expect(text).toContain('istio_response_size_count{response_code="200",source_service="sleep.default.svc.cluster.local"} 2\n');
  });

  it("keeps values when the same metric is registered again; replaces it when the shape changes", () => {
    const r = new MetricsRegistry();
    r.register({ name: "c", help: "c", type: "counter", labelNames: ["a"] }).inc(["x"]);
    r.register({ name: "c", help: "c", type: "counter", labelNames: ["a"] }).inc(["x"]);
    expect(r.samples()).toEqual([{ name: "c", labels: { a: "x" }, value: 2 }]);
    r.register({ name: "c", help: "c", type: "counter", labelNames: ["a", "b"] });
    expect(r.samples()).toEqual([]);
  });

  it("snapshots and restores every series", () => {
    const r = new MetricsRegistry();
    r.register(spec).observe(["s", "404"], 76);
    r.register({ name: "istio_request_count", help: "request_count", type: "counter", labelNames: ["response_code"] }).inc(["404"]);
    const snap = r.snapshot();
    r.get("istio_request_count")!.inc(["404"]);
    const copy = new MetricsRegistry();
    copy.restore(snap);
    expect(copy.render()).toContain('istio_response_size_sum{response_code="404",source_service="s"} 76\n');
    expect(copy.samples().find((s) => s.name === "istio_request_count")!.value).toBe(1);
    copy.get("istio_request_count")!.inc(["404"]);
    expect(copy.samples().find((s) => s.name === "istio_request_count")!.value).toBe(2);
  });

  it("escapes label values", () => {
    const r = new MetricsRegistry();
    r.register({ name: "c", help: "c", type: "counter", labelNames: ["a"] }).inc(['x"y\\z']);
    expect(r.render()).toContain('c{a="x\\"y\\\\z"} 1\n');
  });
});

import { parseDurationSeconds } from "../../../src/runtime/mixer/handlerParams.ts";
import { parseGoDurationMicros } from "../../../src/runtime/proxy/duration.ts";

describe("durations in handler params and routes are Go's time.ParseDuration", () => {
  it("accepts compound and signed durations and rejects what Go rejects", () => {
    expect(parseDurationSeconds("1m30s")).toBe(90);
    expect(parseDurationSeconds("300ms")).toBeCloseTo(0.3, 12);
    expect(parseDurationSeconds("0")).toBe(0);
    expect(parseDurationSeconds("5")).toBeUndefined();
    expect(parseGoDurationMicros("1m30s")).toBe(90_000_000);
    expect(parseGoDurationMicros("1.5s")).toBe(1_500_000);
    expect(parseGoDurationMicros("3x")).toBeUndefined();
  });
});
