/** histogram_quantile on hand-made buckets, label_replace, round, and the aggregation operators. */
import { describe, expect, it } from "vitest";
import { errorOf, tsdbWith, vectorAt } from "./fixtures.ts";

const bucket = (le: string, count: number, code = "200") => ({
  labels: { __name__: "d_bucket", le, code, job: "j" },
  points: [[100, count]] as [number, number][],
});

describe("histogram_quantile", () => {
  // Cumulative: 10 observations <= 0.1, 30 <= 0.5, 40 <= 1, 50 in all.
  const db = tsdbWith([bucket("0.1", 10), bucket("0.5", 30), bucket("1", 40), bucket("+Inf", 50)]);

  it("interpolates linearly inside the bucket holding the rank", () => {
    // q=0.5: rank 25 falls in (0.1, 0.5] holding 20; 15 into it -> 0.1 + 0.4 * 15/20 = 0.4.
    expect(vectorAt(db, "histogram_quantile(0.5, d_bucket)", 100).get('{code="200",job="j"}')).toBeCloseTo(0.4, 12);
    // q=0.05: rank 2.5 in the first bucket, which starts at 0: 0.1 * 2.5/10 = 0.025.
    expect(vectorAt(db, "histogram_quantile(0.05, d_bucket)", 100).get('{code="200",job="j"}')).toBeCloseTo(0.025, 12);
    // q=0.7: rank 35 in (0.5, 1] holding 10, 5 into it -> 0.75.
    expect(vectorAt(db, "histogram_quantile(0.7, d_bucket)", 100).get('{code="200",job="j"}')).toBeCloseTo(0.75, 12);
  });

  it("answers the highest finite bound when the rank lands in the +Inf bucket", () => {
    // q=0.9: rank 45 > 40, in +Inf.
    expect(vectorAt(db, "histogram_quantile(0.9, d_bucket)", 100).get('{code="200",job="j"}')).toBe(1);
  });

  it("answers -Inf/+Inf outside [0, 1] and NaN without a +Inf bucket or observations", () => {
    expect(vectorAt(db, "histogram_quantile(-1, d_bucket)", 100).get('{code="200",job="j"}')).toBe(-Infinity);
    expect(vectorAt(db, "histogram_quantile(2, d_bucket)", 100).get('{code="200",job="j"}')).toBe(Infinity);
    const noInf = tsdbWith([bucket("0.1", 1), bucket("0.5", 2)]);
    expect(vectorAt(noInf, "histogram_quantile(0.5, d_bucket)", 100).get('{code="200",job="j"}')).toBeNaN();
    const zero = tsdbWith([bucket("0.1", 0), bucket("+Inf", 0)]);
    expect(vectorAt(zero, "histogram_quantile(0.5, d_bucket)", 100).get('{code="200",job="j"}')).toBeNaN();
  });

  it("keeps one result per label set without le, and works over rates", () => {
    const two = tsdbWith([
      { labels: { __name__: "d_bucket", le: "1", code: "200" }, points: [[0, 0], [60, 6]] },
      { labels: { __name__: "d_bucket", le: "+Inf", code: "200" }, points: [[0, 0], [60, 12]] },
      { labels: { __name__: "d_bucket", le: "1", code: "404" }, points: [[0, 0], [60, 3]] },
      { labels: { __name__: "d_bucket", le: "+Inf", code: "404" }, points: [[0, 0], [60, 3]] },
    ]);
    const r = vectorAt(two, "histogram_quantile(0.25, sum(rate(d_bucket[1m])) by (le, code))", 60);
    // 200: rates 0.1 (<=1) and 0.2 (all): rank 0.05 in the first bucket -> 1 * 0.05/0.1 = 0.5.
    expect(r.get('{code="200"}')).toBeCloseTo(0.5, 12);
    // 404: rates 0.05 and 0.05: rank 0.0125 -> 0.25.
    expect(r.get('{code="404"}')).toBeCloseTo(0.25, 12);
  });
});

describe("label_replace", () => {
  const db = tsdbWith([
    { labels: { __name__: "r", svc: "sleep.default.svc.cluster.local", code: "200" }, points: [[0, 1]] },
    { labels: { __name__: "r", svc: "edition.cnn.com", code: "404" }, points: [[0, 2]] },
  ]);

  it("rewrites matching labels with $1 and keeps the rest (and the metric name)", () => {
    const r = vectorAt(db, 'label_replace(r, "svc", "$1", "svc", "(.*).svc.cluster.local")', 0);
    expect(r).toEqual(new Map([
      ['r{code="200",svc="sleep.default"}', 1],
      ['r{code="404",svc="edition.cnn.com"}', 2], // no match (anchored): unchanged
    ]));
  });

  it("adds a new label from several groups, and deletes it when the result is empty", () => {
    const r = vectorAt(db, 'label_replace(r, "ns", "${2}-$1", "svc", "([^.]*)\\\\.([^.]*)\\\\.svc.*")', 0);
    expect(r.get('r{code="200",ns="default-sleep",svc="sleep.default.svc.cluster.local"}')).toBe(1);
    // `$1x` names the group "1x", which does not exist: empty, so `code` is removed.
    const gone = vectorAt(db, 'label_replace(r{code="200"}, "code", "$1x", "code", "(.*)")', 0);
    expect([...gone.keys()]).toEqual(['r{svc="sleep.default.svc.cluster.local"}']);
  });

  it("rejects bad regexes and label names like Prometheus", () => {
    expect(errorOf(db, 'label_replace(r, "x", "$1", "svc", "(")')).toBe("invalid regular expression in label_replace(): (");
    expect(errorOf(db, 'label_replace(r, "1x", "$1", "svc", "(.*)")')).toBe("invalid destination label name in label_replace(): 1x");
  });

  it("fails when two results end with the same labels", () => {
    expect(errorOf(db, 'label_replace(label_replace(r, "svc", "x", "svc", ".*"), "code", "x", "code", ".*")')).toBe("vector cannot contain metrics with the same labelset");
  });
});

describe("round", () => {
  const db = tsdbWith([{ labels: { __name__: "v" }, points: [[0, 0.12345]] }, { labels: { __name__: "w" }, points: [[0, 2.5]] }]);
  it("rounds to the nearest multiple, halves up", () => {
    expect(vectorAt(db, "round(v, 0.001)", 0).get("{}")).toBe(0.123);
    expect(vectorAt(db, "round(w)", 0).get("{}")).toBe(3);
    expect(vectorAt(db, "round(-w)", 0).get("{}")).toBe(-2);
    expect(vectorAt(db, "round(v, 0.05)", 0).get("{}")).toBeCloseTo(0.1, 12);
  });
});

describe("aggregations", () => {
  const db = tsdbWith([
    { labels: { __name__: "req", src: "a", code: "200", inst: "1" }, points: [[0, 1]] },
    { labels: { __name__: "req", src: "a", code: "404", inst: "1" }, points: [[0, 2]] },
    { labels: { __name__: "req", src: "b", code: "200", inst: "1" }, points: [[0, 4]] },
    { labels: { __name__: "req", src: "b", code: "200", inst: "2" }, points: [[0, 8]] },
  ]);

  it.each([
    ["sum(req)", [["{}", 15]]],
    ["sum by (code) (req)", [['{code="200"}', 13], ['{code="404"}', 2]]],
    ["sum(req) by (code)", [['{code="200"}', 13], ['{code="404"}', 2]]],
    ["sum without (inst) (req)", [['{code="200",src="a"}', 1], ['{code="404",src="a"}', 2], ['{code="200",src="b"}', 12]]],
    ["avg(req) by (src)", [['{src="a"}', 1.5], ['{src="b"}', 6]]],
    ["min(req) by (src)", [['{src="a"}', 1], ['{src="b"}', 4]]],
    ["max(req) by (src)", [['{src="a"}', 2], ['{src="b"}', 8]]],
    ["count(req) without (code, inst)", [['{src="a"}', 2], ['{src="b"}', 2]]],
    ["count by (nosuch) (req)", [["{}", 4]]],
    ["topk(1, req)", [['req{code="200",inst="2",src="b"}', 8]]],
    ["quantile(0.5, req)", [["{}", 3]]],
    ["stddev(req)", [["{}", Math.sqrt((1 + 4 + 16 + 64) / 4 - (15 / 4) ** 2)]]],
  ])("%s", (q, expected) => {
    expect(vectorAt(db, q as string, 0)).toEqual(new Map(expected as [string, number][]));
  });
});
