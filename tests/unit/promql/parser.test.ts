/** The PromQL parser: precedence and associativity, and Prometheus 2.3's parse error texts. */
import { describe, expect, it } from "vitest";
import { parsePromQL } from "../../../src/runtime/telemetry/prometheus/parser.ts";
import { Tsdb } from "../../../src/runtime/telemetry/prometheus/tsdb.ts";
import { errorOf, scalarAt } from "./fixtures.ts";

const empty = new Tsdb();

describe("operator precedence", () => {
  it.each([
    ["1 + 2 * 3", 7],
    ["(1 + 2) * 3", 9],
    ["10 - 2 - 3", 5], // left-associative
    ["2 ^ 3 ^ 2", 512], // right-associative
    ["2 * 3 ^ 2", 18],
    ["-2 ^ 2", 4], // 2.3 folds the sign into the literal: (-2)^2
    ["7 % 4 * 2", 6],
    ["1 + 2 > bool 2", 1], // comparison binds looser than +
    ["1 > bool 2 + 0", 0],
    ["0x10 + 010", 24], // hex and octal, as strconv.ParseInt(s, 0, 64)
    ["1e3 / 4", 250],
  ])("%s = %d", (q, v) => {
    expect(scalarAt(empty, q)).toBe(v);
  });

  it("builds `a or b and c` as `a or (b and c)`", () => {
    const e = parsePromQL("a or b and c");
    expect(e.kind === "binary" && e.op).toBe("LOR");
    expect(e.kind === "binary" && e.rhs.kind === "binary" && e.rhs.op).toBe("LAND");
  });

  it("accepts both grouping positions of an aggregation", () => {
    const a = parsePromQL("sum by (code) (x)");
    const b = parsePromQL("sum(x) by (code)");
    // Matchers hold compiled functions; compare the data.
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it("reads keywords case-insensitively and offsets after selectors", () => {
    const e = parsePromQL("SUM(rate(x[5m] offset 1m))");
    expect(e.kind).toBe("aggregate");
  });
});

describe("parse errors, worded and positioned as Prometheus 2.3", () => {
  it.each([
    ["", "parse error at char 1: no expression found in input"],
    ["sum(foo", "parse error at char 8: unclosed left parenthesis"],
    ["foo)", 'parse error at char 4: could not parse remaining input ")"...'],
    ["foo bar", 'parse error at char 5: could not parse remaining input "bar"...'],
    ["rate(foo)", 'parse error at char 10: expected type range vector in call to function "rate", got instant vector'],
    ["rate(foo[5m)", 'parse error at char 12: unexpected ")" in range selector, expected "]"'],
    ["foo[5]", "parse error at char 5: missing unit character in duration"],
    ["foo[5x]", 'parse error at char 5: bad duration syntax: "5"'],
    ['foo{a="b"', "parse error at char 10: unexpected end of input inside braces"],
    ["{}", "parse error at char 2: vector selector must contain label matchers or metric name"],
    ['{a=""}', "parse error at char 6: vector selector must contain at least one non-empty matcher"],
    ['foo{a=~"(b"}', "parse error at char 8: error parsing regexp: missing closing ): `^(?:(b)$`"],
    ["1 > 2", "parse error at char 6: comparisons between scalars must use BOOL modifier"],
    ["foo + bool 1", "parse error at char 7: bool modifier can only be used on comparison operators"],
    ["nosuch(foo)", 'parse error at char 7: unknown function with name "nosuch"'],
    ["round()", 'parse error at char 8: expected at least 1 argument(s) in call to "round", got 0'],
    ["sum(foo) by (a) by (b)", 'parse error at char 17: could not parse remaining input "by (b)"...'],
    ["sum(foo", "parse error at char 8: unclosed left parenthesis"],
    ["@foo", "parse error at char 1: unexpected character: '@'"],
    ["foo @ 1", 'parse error at char 5: could not parse remaining input "@ 1"...'],
    ["sum(1)", "parse error at char 7: expected type instant vector in aggregation expression, got scalar"],
    ["foo and 1", 'parse error at char 10: set operator "and" not allowed in binary scalar expression'],
    ["sum(x) by (1)", 'parse error at char 12: unexpected number "1" in grouping opts, expected label'],
    ["(1 + 2", "parse error at char 7: unclosed left parenthesis"],
    ["1 +", "parse error at char 4: no valid expression found"],
    ["time()[5m]", "parse error at char 7: range specification must be preceded by a metric selector, but follows a *promql.Call instead"],
  ])("%j", (q, message) => {
    expect(errorOf(empty, q)).toBe(message);
  });

  it("answers absurdly deep nesting with an error, not a crash", () => {
    expect(errorOf(empty, "(".repeat(20000) + "1" + ")".repeat(20000))).toMatch(/nested too deeply/);
  });

  it("names the line in multi-line queries", () => {
    expect(errorOf(empty, "sum(\n  rate(foo)\n)")).toMatch(/^parse error at line \d+, char \d+: expected type range vector/);
  });
});
