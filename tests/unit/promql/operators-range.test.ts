/** Arithmetic and comparisons (vector/scalar and vector/vector), selectors, lookback and range queries. */
import { describe, expect, it } from "vitest";
import { errorOf, range, scalarAt, tsdbWith, vectorAt } from "./fixtures.ts";

const db = tsdbWith([
  { labels: { __name__: "a", code: "200" }, points: [[0, 10]] },
  { labels: { __name__: "a", code: "404" }, points: [[0, 3]] },
  { labels: { __name__: "b", code: "200" }, points: [[0, 4]] },
  { labels: { __name__: "b", code: "500" }, points: [[0, 1]] },
]);

describe("vector and scalar", () => {
  it.each([
    ["a * 2", [['{code="200"}', 20], ['{code="404"}', 6]]],
    ["a - 1", [['{code="200"}', 9], ['{code="404"}', 2]]],
    ["a / 4", [['{code="200"}', 2.5], ['{code="404"}', 0.75]]],
    ["a % 4", [['{code="200"}', 2], ['{code="404"}', 3]]],
    ["a ^ 2", [['a{code="200"}', 100], ['a{code="404"}', 9]]], // 2.3 keeps the name for ^
    ["2 - a", [['{code="200"}', -8], ['{code="404"}', -1]]],
    ["-a", [['a{code="200"}', -10], ['a{code="404"}', -3]]],
    ["a > 5", [['a{code="200"}', 10]]], // filters, keeps the name and the value
    ["5 < a", [['a{code="200"}', 10]]],
    ["a == 3", [['a{code="404"}', 3]]],
    ["a != 3", [['a{code="200"}', 10]]],
    ["a >= 10", [['a{code="200"}', 10]]],
    ["a <= 3", [['a{code="404"}', 3]]],
    ["a > bool 5", [['{code="200"}', 1], ['{code="404"}', 0]]],
    ["a / 0", [['{code="200"}', Infinity], ['{code="404"}', Infinity]]],
  ])("%s", (q, expected) => {
    expect(vectorAt(db, q as string, 0)).toEqual(new Map(expected as [string, number][]));
  });
});

describe("vector and vector", () => {
  it("matches one-to-one on all labels but the name", () => {
    expect(vectorAt(db, "a / b", 0)).toEqual(new Map([['{code="200"}', 2.5]]));
    expect(vectorAt(db, "a > b", 0)).toEqual(new Map([['a{code="200"}', 10]]));
    // 2.3 keeps the left name for vector-vector `bool` comparisons (vector-scalar drops it).
    expect(vectorAt(db, "a < bool b", 0)).toEqual(new Map([['a{code="200"}', 0]]));
  });

  it("supports on(), ignoring() and the set operators", () => {
    expect(vectorAt(db, "sum(a) / on() sum(b)", 0)).toEqual(new Map([["{}", 13 / 5]]));
    expect(vectorAt(db, "a + ignoring(code) group_left sum(b)", 0)).toEqual(new Map([['{code="200"}', 15], ['{code="404"}', 8]]));
    expect([...vectorAt(db, "a and b", 0).keys()]).toEqual(['a{code="200"}']);
    expect([...vectorAt(db, "a unless b", 0).keys()]).toEqual(['a{code="404"}']);
    expect([...vectorAt(db, "a or b", 0).keys()]).toEqual(['a{code="200"}', 'a{code="404"}', 'b{code="500"}']);
  });

  it("refuses ambiguous matches with Prometheus' messages", () => {
    expect(errorOf(db, "a + on() b")).toBe("many-to-many matching not allowed: matching labels must be unique on one side");
    expect(errorOf(db, "a + on() sum(b)")).toBe("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
  });

  it("scalar(), vector(), time() and math functions", () => {
    expect(scalarAt(db, "scalar(sum(a))", 0)).toBe(13);
    expect(scalarAt(db, "scalar(a)", 0)).toBeNaN(); // two elements
    expect(vectorAt(db, "vector(3) * 2", 0)).toEqual(new Map([["{}", 6]]));
    expect(scalarAt(db, "time()", 42)).toBe(42);
    expect(vectorAt(db, "abs(a - 11)", 0)).toEqual(new Map([['{code="200"}', 1], ['{code="404"}', 8]]));
    expect(vectorAt(db, "ceil(a / 4)", 0)).toEqual(new Map([['{code="200"}', 3], ['{code="404"}', 1]]));
    expect(vectorAt(db, "floor(a / 4)", 0)).toEqual(new Map([['{code="200"}', 2], ['{code="404"}', 0]]));
  });
});

describe("label matchers", () => {
  it.each([
    ['a{code="200"}', ['a{code="200"}']],
    ['a{code!="200"}', ['a{code="404"}']],
    ['a{code=~"2.."}', ['a{code="200"}']],
    ['a{code=~"2"}', []], // anchored: a partial match is no match
    ['a{code!~"4.*"}', ['a{code="200"}']],
    ['{__name__=~"a|b",code=~"200|500"}', ['a{code="200"}', 'b{code="200"}', 'b{code="500"}']],
    ['a{nosuch=""}', ['a{code="200"}', 'a{code="404"}']], // empty matches an absent label
  ])("%s", (q, keys) => {
    expect([...vectorAt(db, q as string, 0).keys()]).toEqual(keys);
  });
});

describe("instant selectors and range queries", () => {
  const series = tsdbWith([
    { labels: { __name__: "c", code: "200" }, points: [[0, 1], [60, 2], [120, 3]] },
    { labels: { __name__: "c", code: "404" }, points: [[30, 5]] },
  ]);

  it("take the latest sample up to 5 minutes old", () => {
    expect(vectorAt(series, "c", 90).get('c{code="200"}')).toBe(2);
    expect(vectorAt(series, "c", 330).get('c{code="404"}')).toBe(5); // exactly 5 min
    expect(vectorAt(series, "c", 331).has('c{code="404"}')).toBe(false);
    expect(vectorAt(series, "c", 20).has('c{code="404"}')).toBe(false); // not yet written
  });

  it("evaluate at each step with the lookback, series sorted by labels", () => {
    const r = range(series, "c", 0, 420, 60);
    expect([...r.keys()]).toEqual(['c{code="200"}', 'c{code="404"}']);
    expect(r.get('c{code="200"}')).toEqual([[0, 1], [60, 2], [120, 3], [180, 3], [240, 3], [300, 3], [360, 3], [420, 3]]);
    expect(r.get('c{code="404"}')).toEqual([[60, 5], [120, 5], [180, 5], [240, 5], [300, 5]]);
  });

  it("evaluate scalars and aggregations per step", () => {
    expect(range(series, "sum(c)", 0, 60, 30)).toEqual(new Map([["{}", [[0, 1], [30, 6], [60, 7]]]]));
    expect(range(series, "time() * 2", 0, 20, 10)).toEqual(new Map([["{}", [[0, 0], [10, 20], [20, 40]]]]));
  });
});
