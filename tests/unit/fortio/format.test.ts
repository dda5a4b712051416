/**
 * The numbers fortio prints: Go's %g family and time.Duration (checked against fortio outputs
 * quoted in Istio's and fortio's docs), and the stats histogram (buckets and percentiles by hand).
 */
import { describe, expect, it } from "vitest";
import { goDuration, goF, goG } from "../../../src/runtime/shell/fortio/goFormat.ts";
import { Histogram } from "../../../src/runtime/shell/fortio/histogram.ts";

describe("Go formatting", () => {
  it("%.8g, %.4g, %g and %.9g as in `count 20 avg 0.010215375 +/- 0.003604 min 0.005172024 max 0.019434859 sum 0.204307492`", () => {
    expect(goG(0.010215375, 8)).toBe("0.010215375");
    expect(goG(0.0036044, 4)).toBe("0.003604");
    expect(goG(0.005172024)).toBe("0.005172024");
    expect(goG(0.204307492, 9)).toBe("0.204307492");
  });

  it("switches to exponents where Go does", () => {
    expect(goG(2.97202938e10, 9)).toBe("2.97202938e+10");
    expect(goG(313002820, 9)).toBe("313002820");
    expect(goG(0.00001)).toBe("1e-05");
    expect(goG(123456789)).toBe("1.23456789e+08");
    expect(goG(100000)).toBe("100000");
  });

  it("drops trailing zeros and prints zero as 0", () => {
    expect(goG(0, 4)).toBe("0");
    expect(goG(0.5, 8)).toBe("0.5");
    expect(goG(1302, 8)).toBe("1302");
    expect(goG(7.9056, 5)).toBe("7.9056");
    expect(goG(9.98372, 5)).toBe("9.9837");
  });

  it("%.2f and %.1f", () => {
    expect(goF(58, 2)).toBe("58.00");
    expect(goF(95, 1)).toBe("95.0");
  });

  it("time.Duration like `Ended after 106.474079ms`, `5.056753279s`, `1m40.001425326s`", () => {
    expect(goDuration(106474.079)).toBe("106.474079ms");
    expect(goDuration(5056753.279)).toBe("5.056753279s");
    expect(goDuration(100001425.326)).toBe("1m40.001425326s");
    expect(goDuration(30_000_000)).toBe("30s");
    expect(goDuration(0)).toBe("0s");
    expect(goDuration(1500)).toBe("1.5ms");
  });
});

describe("fortio's histogram", () => {
  it("10, 20, 30 (divider 1): p50 = 15 by the comment's own example, buckets ]prev, bound]", () => {
    const h = new Histogram(0, 1);
    for (const v of [10, 20, 30]) h.record(v);
    // 10 falls in ]9,10], 20 in ]18,20], 30 in ]25,30].
    expect(h.buckets().map((b) => [b.start, b.end, b.count])).toEqual([[10, 10, 1], [18, 20, 1], [25, 30, 1]]);
    expect(h.percentile(50)).toBeCloseTo(19, 10); // 18 + (50-33.33)/(66.67-33.33) * 2
    expect(h.percentile(100)).toBe(30);
    expect(h.percentile(10)).toBe(10);
  });

  it("prints fortio's block: counter line, ranges with mid points and cumulative %, targets", () => {
    const h = new Histogram(0, 0.001);
    for (const v of [0.0015, 0.0025, 0.0025, 0.0035]) h.record(v);
    expect(h.print("Aggregated Function Time", [50, 90])).toBe(
      "Aggregated Function Time : count 4 avg 0.0025 +/- 0.0007071 min 0.0015 max 0.0035 sum 0.01\n" +
        "# range, mid point, percentile, count\n" +
        ">= 0.0015 <= 0.002 , 0.00175 , 25.00, 1\n" +
        "> 0.002 <= 0.003 , 0.0025 , 75.00, 2\n" +
        "> 0.003 <= 0.0035 , 0.00325 , 100.00, 1\n" +
        "# target 50% 0.0025\n" +
        "# target 90% 0.0033\n",
    );
  });

  it("an empty histogram prints `no data`", () => {
    expect(new Histogram(0, 1).print("Sizes", [])).toBe("Sizes : no data\n");
  });
});
