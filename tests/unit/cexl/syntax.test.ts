/**
 * Parsing as Go's parser.ParseExpr does (reference §2.2): Go precedence, Go's error messages
 * wrapped as Mixer wraps them ("unable to parse expression '<src>': <go error>").
 */
import { describe, expect, it } from "vitest";
import { compile, compileError, evaluate } from "./helpers.ts";

describe("precedence", () => {
  it("| binds tighter than ==: a | \"x\" == \"y\" is (a | \"x\") == \"y\"", () => {
    expect(compile('request.host | "x" == "y"').type).toBe("BOOL");
    expect(evaluate('request.host | "x" == "y"', {})).toBe(false);
    expect(evaluate('request.host | "x" == "y"', { "request.host": "y" })).toBe(true);
    expect(evaluate('request.host | "y" == "y"', {})).toBe(true);
    // The type error quotes the tree, which shows the grouping.
    expect(compileError('request.host | "x" == 1')).toBe('EQ(OR($request.host, "x"), 1) arg 2 (1) typeError got INT64, expected STRING');
  });

  it("== binds tighter than &&, which binds tighter than ||", () => {
    expect(evaluate("true || false && false")).toBe(true);
    expect(evaluate("false && true || true")).toBe(true);
    expect(evaluate('request.host == "a" || request.host == "b" && false', { "request.host": "a" })).toBe(true);
    expect(compileError('request.host == "a" && request.path')).toBe(
      'LAND(EQ($request.host, "a"), $request.path) arg 2 ($request.path) typeError got STRING, expected BOOL',
    );
  });

  it("| chains are left-associative and parentheses group", () => {
    expect(compileError('request.host | request.path | 1')).toBe('OR(OR($request.host, $request.path), 1) arg 2 (1) typeError got INT64, expected STRING');
    expect(evaluate('(false || true) && true')).toBe(true);
    expect(evaluate('false || (true && false)')).toBe(false);
  });
});

describe("literals", () => {
  it("double-quoted, raw and single-character strings are STRING", () => {
    expect(compile('"info"').type).toBe("STRING");
    expect(evaluate('"info"')).toBe("info");
    expect(evaluate("`a\\nb`")).toBe("a\\nb");
    expect(evaluate('"a\\tb\\x41\\u00e9"')).toBe("a\tbAé");
    expect(compile("'a'").type).toBe("STRING");
    expect(evaluate("'a'")).toBe("a");
  });

  it("a single-quoted literal longer than one character is Go's illegal rune literal", () => {
    expect(compileError("'ab'")).toBe("unable to parse expression ''ab'': 1:1: illegal rune literal");
  });

  it("integers are INT64, floats DOUBLE, true/false BOOL in any letter case", () => {
    expect(compile("200").type).toBe("INT64");
    expect(evaluate("200")).toBe(200);
    expect(evaluate("010")).toBe(10); // strconv.ParseInt(v, 10, 64): decimal
    expect(compile("1.5").type).toBe("DOUBLE");
    expect(evaluate(".5")).toBe(0.5);
    expect(evaluate("TRUE")).toBe(true);
    expect(evaluate("False")).toBe(false);
  });

  it("strings that parse as Go durations are DURATION constants (nanoseconds)", () => {
    expect(compile('"0ms"').type).toBe("DURATION");
    expect(evaluate('"0ms"')).toBe(0);
    expect(evaluate('"1.5s"')).toBe(1_500_000_000);
    expect(evaluate('"2h45m"')).toBe((2 * 3600 + 45 * 60) * 1e9);
    expect(evaluate('"10us"')).toBe(10_000);
    expect(evaluate('"-1.5h"')).toBe(-1.5 * 3600e9);
    expect(compile('"0"').type).toBe("DURATION");
    expect(compile('"1d"').type).toBe("STRING");
    expect(compile('"1"').type).toBe("STRING");
    expect(compile('"ms"').type).toBe("STRING");
    expect(compile('response.duration | "0ms"').type).toBe("DURATION");
  });

  it("literal conversion errors are Go's strconv messages", () => {
    expect(compileError("0x10")).toBe('strconv.ParseInt: parsing "0x10": invalid syntax');
    expect(compileError("99999999999999999999")).toBe('strconv.ParseInt: parsing "99999999999999999999": value out of range');
    expect(compileError("1i")).toBe("invalid syntax");
  });
});

describe("Go syntax errors", () => {
  it("reports line:column and what was found", () => {
    expect(compileError("a == )")).toBe("unable to parse expression 'a == )': 1:6: expected operand, found ')'");
    expect(compileError("request.host ==")).toBe("unable to parse expression 'request.host ==': 1:16: expected operand, found 'EOF'");
    expect(compileError("")).toBe("unable to parse expression '': 1:1: expected operand, found 'EOF'");
    expect(compileError("a b")).toBe("unable to parse expression 'a b': 1:3: expected 'EOF', found 'IDENT' b");
    expect(compileError('a "b"')).toBe("unable to parse expression 'a \"b\"': 1:3: expected 'EOF', found 'STRING' \"b\"");
    expect(compileError("(a")).toBe("unable to parse expression '(a': 1:3: expected ')', found newline");
  });

  it("= is read as a misspelt ==", () => {
    expect(compileError('request.host = "x"')).toBe("unable to parse expression 'request.host = \"x\"': 1:14: expected '==', found '='");
  });

  it("scanner errors", () => {
    expect(compileError("#")).toBe("unable to parse expression '#': 1:1: illegal character U+0023 '#'");
    expect(compileError('"abc')).toBe("unable to parse expression '\"abc': 1:1: string literal not terminated");
    expect(compileError("`abc")).toBe("unable to parse expression '`abc': 1:1: raw string literal not terminated");
    expect(compileError('"\\q"')).toBe("unable to parse expression '\"\\q\"': 1:3: unknown escape sequence");
    expect(compileError("'ab' == 'cd'")).toBe("unable to parse expression ''ab' == 'cd'': 1:1: illegal rune literal (and 1 more errors)");
  });

  it("missing commas in calls", () => {
    expect(compileError('match("a" "b")')).toBe("unable to parse expression 'match(\"a\" \"b\")': 1:11: missing ',' in argument list");
  });

  it("a newline after a complete operand ends the expression (automatic semicolon)", () => {
    expect(compileError('request.host == "a"\n&& true')).toBe("unable to parse expression 'request.host == \"a\"\n&& true': 2:1: expected 'EOF', found '&&'");
    expect(compile('request.host == "a" &&\ntrue').type).toBe("BOOL");
    expect(compile('request.host == "a" // a comment').type).toBe("BOOL");
  });

  it("columns count UTF-8 bytes, as Go's do", () => {
    expect(compileError('"é" ==')).toBe("unable to parse expression '\"é\" ==': 1:8: expected operand, found 'EOF'");
  });

  it("refuses absurdly deep nesting instead of overflowing the stack", () => {
    const deep = "(".repeat(5000) + "true" + ")".repeat(5000);
    expect(compileError(deep)).toMatch(/exceeded max nesting depth/);
    const long = Array.from({ length: 3000 }, () => "true").join(" || ");
    expect(compileError(long)).toMatch(/exceeded max nesting depth/);
  });
});

describe("Go syntax Mixer does not support", () => {
  it("unary ! is the unknown function NOT", () => {
    expect(compileError('!request.host.startsWith("a")')).toBe("unknown function: NOT");
  });

  it("comparison and arithmetic operators are unknown functions in 0.8", () => {
    expect(compileError("response.code < 400")).toBe("unknown function: LT");
    expect(compileError("response.code >= 400")).toBe("unknown function: GEQ");
    expect(compileError("response.code + 1")).toBe("unknown function: ADD");
    expect(compileError("response.code | -1")).toBe("unknown function: SUB");
    expect(compileError("response.code * 2")).toBe("unknown function: MUL");
    expect(compileError("response.code % 2")).toBe("unknown function: REM");
    expect(compileError("response.code << 2")).toBe("unknown function: ");
  });

  it("other Go expressions are unexpected", () => {
    expect(compileError("*request.host")).toMatch(/^unexpected expression: &ast\.StarExpr/);
    expect(compileError("request.path[1:2]")).toMatch(/^unexpected expression: &ast\.SliceExpr/);
    expect(compileError("request.host.(string)")).toMatch(/^unexpected expression: &ast\.TypeAssertExpr/);
    expect(compileError("[]string{}")).toMatch(/^unexpected expression: &ast\.ArrayType/);
    // Mixer's selector flattening does not accept an index expression as a receiver.
    expect(compileError('source.labels["app"].startsWith("s")')).toMatch(/^unexpected expression: &ast\.IndexExpr/);
    expect(compile('(source.labels["app"]).startsWith("s")').type).toBe("BOOL");
  });

  it("no conditional() in 0.8", () => {
    expect(compileError('conditional(true, "a", "b")')).toBe("unknown function: conditional");
  });
});
