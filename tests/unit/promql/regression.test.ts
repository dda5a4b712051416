/** deriv and predict_linear: least-squares fits worked out by hand. */
import { describe, expect, it } from "vitest";
import { tsdbWith, vectorAt } from "./fixtures.ts";

const only = (m: Map<string, number>): number => {
  expect(m.size).toBe(1);
  return [...m.values()][0];
};

describe("deriv and predict_linear", () => {
  // Points (10 s, 1), (20 s, 3), (30 s, 2), (40 s, 6): mean x 25, mean y 3;
  // cov = (-15)(-2) + (-5)(0) + (5)(-1) + (15)(3) = 70; var = 225+25+25+225 = 500;
  // slope = 0.14 per second; at x = 40 s the line is 3 + 0.14*15 = 5.1.
  const db = tsdbWith([{ labels: { __name__: "g" }, points: [[10, 1], [20, 3], [30, 2], [40, 6]] }]);

  it("deriv is the regression slope per second", () => {
    expect(only(vectorAt(db, "deriv(g[1m])", 40))).toBeCloseTo(0.14, 12);
  });

  it("predict_linear extrapolates from the evaluation time", () => {
    // At t = 40 s the fitted value is 5.1; 100 s later 5.1 + 14 = 19.1.
    expect(only(vectorAt(db, "predict_linear(g[1m], 100)", 40))).toBeCloseTo(19.1, 12);
    expect(only(vectorAt(db, "predict_linear(g[1m], 0)", 40))).toBeCloseTo(5.1, 12);
  });

  it("needs two points", () => {
    const one = tsdbWith([{ labels: { __name__: "g" }, points: [[30, 1]] }]);
    expect(vectorAt(one, "deriv(g[1m])", 40).size).toBe(0);
  });
});
