/**
 * `a | b | c` is compiled as one chain when every alternative but the last is an attribute.
 * However the `|`s are parenthesised and whatever is present, it must give what Mixer's
 * `a.tryGet ?? b.tryGet ?? c.get` gives: the first present alternative (presence, not
 * emptiness), else the last one's value, or the last attribute's lookup failure.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CexlEvalError } from "../../../src/runtime/mixer/cexl/types.ts";
import { FlatBag } from "../../../src/runtime/mixer/flatBag.ts";
import { LayeredBag } from "../../../src/runtime/mixer/layeredBag.ts";
import { beginInstanceCall, compileField, evaluateField, InstanceBuildError } from "../../../src/runtime/mixer/instanceFields.ts";
import { POSITION, RequestAttributes, type FilterAttribute } from "../../../src/runtime/proxy/request-attributes.ts";
import { LazyHeaders } from "../../support/lazyAttributes.ts";
import { bag, compile, vocabulary } from "./helpers.ts";

const ATTRIBUTES = ["request.host", "request.path", "source.service", "destination.service"];

type Last = { kind: "const"; text: string; value: string } | { kind: "attr"; name: string } | { kind: "header"; key: string };

const last: fc.Arbitrary<Last> = fc.oneof(
  fc.constantFrom("unknown", "").map((v) => ({ kind: "const" as const, text: JSON.stringify(v), value: v })),
  fc.constantFrom(...ATTRIBUTES).map((name) => ({ kind: "attr" as const, name })),
  fc.constantFrom("x-api-key", "user-agent").map((key) => ({ kind: "header" as const, key })),
);

function textOf(l: Last): string {
  return l.kind === "const" ? l.text : l.kind === "attr" ? l.name : `request.headers["${l.key}"]`;
}

/** `a | b | c` with parentheses grouping from the left, from the right, or none. */
function joined(parts: string[], grouping: "left" | "right" | "none"): string {
  if (grouping === "none" || parts.length < 3) return parts.join(" | ");
  if (grouping === "left") return parts.reduce((acc, p) => `(${acc}) | ${p}`);
  return parts.reduceRight((acc, p) => `${p} | (${acc})`);
}

/** What Mixer gives: the first present alternative, else the last's value or failure. */
function expected(firsts: string[], l: Last, values: Record<string, unknown>): { value: unknown } | { error: string } {
  for (const a of firsts) if (values[a] !== undefined) return { value: values[a] };
  if (l.kind === "const") return { value: l.value };
  if (l.kind === "attr") return values[l.name] !== undefined ? { value: values[l.name] } : { error: `lookup failed: '${l.name}'` };
  const headers = values["request.headers"] as Record<string, string> | undefined;
  if (headers === undefined) return { error: "lookup failed: 'request.headers'" };
  return l.key in headers ? { value: headers[l.key] } : { error: `member lookup failed: '${l.key}'` };
}

function actual(src: string, values: Record<string, string | Record<string, string>>): { value: unknown } | { error: string } {
  try {
    return { value: compile(src).evaluate(bag(values)) };
  } catch (e) {
    if (e instanceof CexlEvalError) return { error: e.message };
    throw e;
  }
}

const FILTER: readonly string[] = ["request.host", "request.path", "destination.service"];

/**
 * The same expression as an instance field of a Mixer call, read by its lookup description from
 * a bag read by slot: the call's flat bag (the proxy's attributes, lazy headers among them, under
 * generated ones), or the same two layered (Mixer's fallback when a bag cannot be flattened).
 */
function actualInCall(
  src: string,
  values: Record<string, string | Record<string, string>>,
  layout: "flat" | "layered" = "flat",
): { value: unknown } | { error: string } {
  const attrs = new RequestAttributes();
  const generated = new Map<string, string>();
  for (const [name, v] of Object.entries(values)) {
    if (name === "request.headers") attrs.set(POSITION["request.headers"], new LazyHeaders(v as Record<string, string>));
    else if (FILTER.includes(name)) attrs.set(POSITION[name as FilterAttribute], v as string);
    else generated.set(name, v as string);
  }
  const flat = new FlatBag();
  flat.fill(attrs, generated);
  const bagOfCall = layout === "flat" ? flat : new LayeredBag(attrs, generated);
  beginInstanceCall();
  try {
    return { value: evaluateField(compileField(vocabulary, "Value", src), bagOfCall) };
  } catch (e) {
    if (e instanceof InstanceBuildError) return { error: e.message.replace("failed to evaluate expression for field 'Value': ", "") };
    throw e;
  }
}

describe("attribute chains joined by |", () => {
  it("give the first present alternative, however they are grouped", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ATTRIBUTES), { minLength: 1, maxLength: 3 }),
        last,
        fc.constantFrom("left", "right", "none"),
        fc.dictionary(fc.constantFrom(...ATTRIBUTES), fc.constantFrom("", "edition.cnn.com", "/politics")),
        fc.option(fc.dictionary(fc.constantFrom("x-api-key", "user-agent"), fc.constantFrom("", "curl")), { nil: undefined }),
        (firsts, l, grouping, values, headers) => {
          const src = joined([...firsts, textOf(l)], grouping as "left" | "right" | "none");
          const all: Record<string, string | Record<string, string>> = { ...values, ...(headers ? { "request.headers": headers } : {}) };
          expect(actual(src, all)).toEqual(expected(firsts, l, all));
          expect(actualInCall(src, all)).toEqual(expected(firsts, l, all));
          expect(actualInCall(src, all, "layered")).toEqual(expected(firsts, l, all));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("default to a folded literal such as ip(\"0.0.0.0\") as the closures do", () => {
    const cases: Record<string, string>[] = [{}, { "origin.ip": "10.0.0.1" }];
    for (const values of cases) {
      const src = 'origin.ip | ip("0.0.0.0")';
      expect(actualInCall(src, values)).toEqual(actual(src, values));
      expect(compile(src).lookup?.fallback).toEqual(compile('ip("0.0.0.0")').evaluate(bag({})));
    }
  });

  it("read their attributes in order, once each", () => {
    expect(compile('source.user | source.uid | source.user | ""').attributes).toEqual(["source.user", "source.uid"]);
    expect(compile('(request.host | request.path) | request.headers["x"]').attributes).toEqual(["request.host", "request.path", "request.headers"]);
  });
});
