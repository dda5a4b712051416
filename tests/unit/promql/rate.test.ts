/**
 * rate, increase, irate, delta, idelta against values worked out by hand from Prometheus 2.3's
 * extrapolatedRate and instantValue (ranges include both ends; 1.1 x average interval threshold).
 */
import { describe, expect, it } from "vitest";
import { tsdbWith, vectorAt } from "./fixtures.ts";

const only = (m: Map<string, number>): number => {
  expect(m.size).toBe(1);
  return [...m.values()][0];
};

describe("increase and rate (extrapolatedRate)", () => {
  it("extrapolates to both window edges when samples come close to them", () => {
    // Samples at 5, 20, 35, 50 s (values 10..55), window [0, 60]:
    // delta 45 over 45 s; 5 s to the start and 10 s to the end are both < 1.1 x 15 s,
    // zero point at 45*(10/45) = 10 s > 5 s, so the interval is 45+5+10 = 60 -> 45*60/45 = 60.
    const db = tsdbWith([{ labels: { __name__: "c" }, points: [[5, 10], [20, 25], [35, 40], [50, 55]] }]);
    expect(only(vectorAt(db, "increase(c[1m])", 60))).toBeCloseTo(60, 12);
    expect(only(vectorAt(db, "rate(c[1m])", 60))).toBeCloseTo(1, 12);
  });

  it("does not extrapolate a counter below zero", () => {
    // Values 2, 17, 32, 47: zero would be reached 45*(2/45) = 2 s before the first sample,
    // earlier than the 5 s to the window start, so the start extends by 2 s: 45*(45+2+10)/45 = 57.
    const db = tsdbWith([{ labels: { __name__: "c" }, points: [[5, 2], [20, 17], [35, 32], [50, 47]] }]);
    expect(only(vectorAt(db, "increase(c[1m])", 60))).toBeCloseTo(57, 12);
    expect(only(vectorAt(db, "rate(c[1m])", 60))).toBeCloseTo(0.95, 12);
  });

  it("extends by half an interval when samples are far from the edges", () => {
    // Values 100, 110, 120 at 25, 30, 35 s; window [0, 60]: 25 s to each edge > 5.5 s,
    // so 2.5 s are added on each side: 20 * (10+2.5+2.5)/10 = 30; rate = 30/60.
    const db = tsdbWith([{ labels: { __name__: "c" }, points: [[25, 100], [30, 110], [35, 120]] }]);
    expect(only(vectorAt(db, "increase(c[1m])", 60))).toBeCloseTo(30, 12);
    expect(only(vectorAt(db, "rate(c[1m])", 60))).toBeCloseTo(0.5, 12);
  });

  it("uses the zero point when it falls inside the extrapolation threshold", () => {
    // Values 10, 20, 30 at 25, 30, 35 s: zero point 10*(10/20) = 5 s before the first sample,
    // which is under 1.1 x 5 s, so the start extends by 5 s and the end by 2.5 s: 20*17.5/10 = 35.
    const db = tsdbWith([{ labels: { __name__: "c" }, points: [[25, 10], [30, 20], [35, 30]] }]);
    expect(only(vectorAt(db, "increase(c[1m])", 60))).toBeCloseTo(35, 12);
  });

  it("adds back counter resets", () => {
    // 5, 10, 2, 6 at 15, 30, 45, 60 s: the drop to 2 adds 10, so the raw increase is 6-5+10 = 11.
    // 15 s to the start (< 16.5, zero point 45*5/11 = 20.45 s is further), 0 s to the end:
    // 11 * (45+15+0)/45 = 14.666...
    const db = tsdbWith([{ labels: { __name__: "c" }, points: [[15, 5], [30, 10], [45, 2], [60, 6]] }]);
    expect(only(vectorAt(db, "increase(c[1m])", 60))).toBeCloseTo(44 / 3, 12);
    expect(only(vectorAt(db, "rate(c[1m])", 60))).toBeCloseTo(44 / 3 / 60, 12);
  });

  it("needs at least two samples in the window, both window ends included", () => {
    const db = tsdbWith([{ labels: { __name__: "c" }, points: [[0, 1], [60, 7]] }]);
    // At 60 s the window [0, 60] holds both samples: 6 over 60 s, no extrapolation room.
    expect(only(vectorAt(db, "increase(c[1m])", 60))).toBeCloseTo(6, 12);
    // At 61 s the sample at 0 s has left the window: one sample, no result.
    expect(vectorAt(db, "increase(c[1m])", 61).size).toBe(0);
    expect(vectorAt(db, "rate(c[1m])", 61).size).toBe(0);
  });

  it("drops the metric name and keeps the other labels", () => {
    const db = tsdbWith([{ labels: { __name__: "c", code: "200" }, points: [[0, 0], [30, 30], [60, 60]] }]);
    expect([...vectorAt(db, "rate(c[1m])", 60).keys()]).toEqual(['{code="200"}']);
  });

  it("delta does not treat decreases as resets", () => {
    // Gauge 10, 4 at 0 and 60 s: delta -6 over the full window.
    const db = tsdbWith([{ labels: { __name__: "g" }, points: [[0, 10], [60, 4]] }]);
    expect(only(vectorAt(db, "delta(g[1m])", 60))).toBeCloseTo(-6, 12);
  });

  it("honours offset", () => {
    const db = tsdbWith([{ labels: { __name__: "c" }, points: [[0, 0], [60, 60], [120, 600]] }]);
    expect(only(vectorAt(db, "increase(c[1m] offset 1m)", 120))).toBeCloseTo(60, 12);
  });
});

describe("irate and idelta (last two samples)", () => {
  it("divides the last difference by the last interval", () => {
    const db = tsdbWith([{ labels: { __name__: "c" }, points: [[10, 1], [40, 4], [50, 10], [56, 16]] }]);
    expect(only(vectorAt(db, "irate(c[1m])", 60))).toBeCloseTo(1, 12); // (16-10)/6
    expect(only(vectorAt(db, "idelta(c[1m])", 60))).toBe(6);
  });

  it("gives no result with fewer than two samples in the window", () => {
    const db = tsdbWith([{ labels: { __name__: "c" }, points: [[0, 1], [70, 5]] }]);
    expect(vectorAt(db, "irate(c[1m])", 80).size).toBe(0); // only the sample at 70 s
    expect(vectorAt(db, "irate(c[1m])", 60).size).toBe(0); // only the sample at 0 s
    expect(vectorAt(db, "irate(c[1m])", 5).size).toBe(0);
  });

  it("includes a sample exactly at the window start", () => {
    const db = tsdbWith([{ labels: { __name__: "c" }, points: [[0, 1], [60, 31]] }]);
    expect(only(vectorAt(db, "irate(c[1m])", 60))).toBeCloseTo(0.5, 12); // 30/60
    expect(vectorAt(db, "irate(c[1m])", 60.001).size).toBe(0);
  });

  it("takes the new value as the increase after a counter reset", () => {
    const db = tsdbWith([{ labels: { __name__: "c" }, points: [[50, 100], [55, 3]] }]);
    expect(only(vectorAt(db, "irate(c[1m])", 60))).toBeCloseTo(0.6, 12); // 3/5
    expect(only(vectorAt(db, "idelta(c[1m])", 60))).toBe(-97);
  });
});

describe("other range functions", () => {
  const db = tsdbWith([{ labels: { __name__: "g", k: "a" }, points: [[0, 3], [20, 1], [40, 4], [60, 1]] }]);
  it.each([
    ["sum_over_time(g[1m])", 9],
    ["avg_over_time(g[1m])", 2.25],
    ["min_over_time(g[1m])", 1],
    ["max_over_time(g[1m])", 4],
    ["count_over_time(g[1m])", 4],
    ["changes(g[1m])", 3],
    ["resets(g[1m])", 2],
  ])("%s = %d", (q, v) => {
    expect(vectorAt(db, q, 60).get('{k="a"}')).toBe(v);
  });
});
