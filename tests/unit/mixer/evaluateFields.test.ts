/**
 * Templates build an instance's fields a list at a time (`evaluateFields`), which reads a
 * lookup's first alternative straight from a flat bag's slots when it is present. Whatever the
 * bag holds (plain values, values computed on first read, maps given as they are or built on
 * first read, generated attributes over the proxy's), each field must get exactly what
 * evaluating it alone gives, failures included.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { FlatBag } from "../../../src/runtime/mixer/flatBag.ts";
import { beginInstanceCall, compileField, evaluateField, evaluateFields, InstanceBuildError } from "../../../src/runtime/mixer/instanceFields.ts";
import { LayeredBag } from "../../../src/runtime/mixer/layeredBag.ts";
import type { AttributeValue } from "../../../src/runtime/mixer/types.ts";
import { POSITION, RequestAttributes } from "../../../src/runtime/proxy/request-attributes.ts";
import { CountedLazy, LazyHeaders } from "../../support/lazyAttributes.ts";
import { vocabulary } from "../cexl/helpers.ts";

/** Lookups of every shape: plain, keyed first, chains, literal fallbacks, and one that is no lookup. */
const FIELDS = [
  "request.host",
  'request.path | "unknown"',
  'destination.labels["app"] | "none"',
  'destination.labels["version"]',
  'request.headers["x-api-key"] | ""',
  'source.labels["app"] | source.service | "unknown"',
  'source.service | destination.service | ""',
  'source.service | request.host | "x"',
  "response.code | 0",
  'request.host == "edition.cnn.com"',
];

const labels = fc.dictionary(fc.constantFrom("app", "version", "constructor"), fc.constantFrom("", "sleep", "v1"));

const attributes = fc.record({
  host: fc.option(fc.tuple(fc.constantFrom("edition.cnn.com", ""), fc.boolean()), { nil: undefined }),
  path: fc.option(fc.tuple(fc.constantFrom("/politics", ""), fc.boolean()), { nil: undefined }),
  code: fc.option(fc.constantFrom(200, 404), { nil: undefined }),
  destinationLabels: fc.option(fc.tuple(labels, fc.boolean()), { nil: undefined }),
  headers: fc.option(fc.dictionary(fc.constantFrom("x-api-key", "user-agent"), fc.constantFrom("", "k")), { nil: undefined }),
  /** Generated attributes (attribute generation's overlay). */
  generated: fc.record({
    "source.service": fc.option(fc.constantFrom("sleep.default.svc.cluster.local", ""), { nil: undefined }),
    "source.labels": fc.option(labels, { nil: undefined }),
    "destination.service": fc.option(fc.constantFrom("istio-egressgateway.istio-system.svc.cluster.local"), { nil: undefined }),
  }),
});

type Attributes = typeof attributes extends fc.Arbitrary<infer T> ? T : never;

/** A value as the proxy's bag holds it: as it is, or computed on first read. */
function held(v: [AttributeValue, boolean]): AttributeValue | CountedLazy {
  return v[1] ? new CountedLazy(v[0]) : v[0];
}

function bagsOf(a: Attributes): { flat: FlatBag; layered: LayeredBag } {
  const proxy = (): RequestAttributes => {
    const attrs = new RequestAttributes();
    if (a.host) attrs.set(POSITION["request.host"], held(a.host));
    if (a.path) attrs.set(POSITION["request.path"], held(a.path));
    if (a.code !== undefined) attrs.set(POSITION["response.code"], a.code);
    if (a.destinationLabels) attrs.set(POSITION["destination.labels"], held(a.destinationLabels));
    if (a.headers) attrs.set(POSITION["request.headers"], new LazyHeaders(a.headers));
    return attrs;
  };
  const generated = new Map<string, AttributeValue>();
  for (const [name, v] of Object.entries(a.generated)) if (v !== undefined) generated.set(name, v);
  const flat = new FlatBag();
  flat.fill(proxy(), generated);
  return { flat, layered: new LayeredBag(proxy(), generated) };
}

/** A field's value, or its build error's message. */
function alone(src: string, bag: LayeredBag): AttributeValue {
  try {
    return evaluateField(compileField(vocabulary, "Value", src), bag);
  } catch (e) {
    if (e instanceof InstanceBuildError) return `error: ${e.message}`;
    throw e;
  }
}

function together(sources: string[], bag: FlatBag): AttributeValue[] | string {
  const out: AttributeValue[] = [];
  try {
    evaluateFields(sources.map((s) => compileField(vocabulary, "Value", s)), bag, out);
    return out;
  } catch (e) {
    if (e instanceof InstanceBuildError) return `error: ${e.message}`;
    throw e;
  }
}

describe("an instance's fields read a list at a time", () => {
  it("give what each field gives alone, in any bag", () => {
    fc.assert(
      fc.property(attributes, fc.array(fc.constantFrom(...FIELDS), { minLength: 1, maxLength: 6 }), (a, sources) => {
        beginInstanceCall();
        const { flat, layered } = bagsOf(a);
        const each = sources.map((s) => alone(s, layered));
        const failure = each.find((v) => typeof v === "string" && v.startsWith("error: "));
        beginInstanceCall();
        // The first failing field fails the whole build, with its message.
        expect(together(sources, flat)).toEqual(failure ?? each);
      }),
      { numRuns: 500 },
    );
  });

  it("read a present value by slot, and leave values computed on first read to the bag", () => {
    const attrs = new RequestAttributes();
    const path = new CountedLazy("/politics");
    attrs.set(POSITION["request.host"], "edition.cnn.com").set(POSITION["request.path"], path);
    const flat = new FlatBag();
    flat.fill(attrs, new Map());
    beginInstanceCall();
    const out: AttributeValue[] = [];
    evaluateFields(["request.host", 'request.path | ""', 'request.path | "x"'].map((s) => compileField(vocabulary, "Value", s)), flat, out);
    expect(out).toEqual(["edition.cnn.com", "/politics", "/politics"]);
    expect(path.computed).toBe(1);
  });
});
