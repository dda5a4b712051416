/**
 * Nothing a learner types may crash the runtime: compiling any string throws only
 * CexlCompileError, and evaluating any compiled expression throws only CexlEvalError.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CexlCompileError, CexlEvalError, compileExpression } from "../../../src/runtime/mixer/cexl/index.ts";
import { bag, gatewayRequest, vocabulary } from "./helpers.ts";

const FRAGMENTS = [
  "request.host", "request.path", "source.labels", "response.code", "response.duration", "source.ip", "foo",
  '"cnn.com"', '"0ms"', "'a'", "`raw`", "200", "1.5", "true", "FALSE", "0x1", "1i",
  "==", "!=", "&&", "||", "|", "!", "<", "+", "-", "*", "&", "^", "=", "...", ":",
  "(", ")", "[", "]", "{", "}", ",", ".", " ", "\n", "#", "\"", "'", "`", "\\",
  '.startsWith("/p")', '.endsWith(".com")', '.matches("a")', '["app"]', 'match(', 'ip(', 'timestamp(',
  "emptyStringMap()", "email(", "uri(", "dnsName(", "func", "map", "chan", "type", "// c", "/*",
];

const expressionish = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 14 }).map((parts) => parts.join(""));

function compileOnlyThrowsCompileError(src: string): void {
  try {
    const c = compileExpression(src, vocabulary);
    try {
      c.evaluate(bag(gatewayRequest));
      c.evaluate(bag({}));
    } catch (e) {
      if (!(e instanceof CexlEvalError)) throw e;
    }
  } catch (e) {
    if (!(e instanceof CexlCompileError) && !(e instanceof CexlEvalError)) throw e;
    if (e instanceof CexlCompileError) {
      expect(e.message).not.toMatch(/internal compiler error -- (?!equality)/);
    }
  }
}

describe("robustness", () => {
  it("random strings", () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), compileOnlyThrowsCompileError), { numRuns: 3000 });
  });

  it("random unicode strings", () => {
    fc.assert(fc.property(fc.fullUnicodeString({ maxLength: 40 }), compileOnlyThrowsCompileError), { numRuns: 1000 });
  });

  it("random expression-like token soups", () => {
    fc.assert(fc.property(expressionish, compileOnlyThrowsCompileError), { numRuns: 5000 });
  });
});
