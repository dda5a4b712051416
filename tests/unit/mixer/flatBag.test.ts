/**
 * Mixer evaluates a call's rules against a flat copy of the proxy's attributes with the generated
 * ones written over them (FlatBag), refilled by every call. Whatever the attributes, the overlay,
 * values computed on first read and the order of reads, it must answer exactly as the layered
 * view of the same two bags, and a refill must forget the previous call's attributes.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { attributeSlot, readAttribute, readMapEntry } from "../../../src/runtime/mixer/attributeSlots.ts";
import { FlatBag } from "../../../src/runtime/mixer/flatBag.ts";
import { LayeredBag } from "../../../src/runtime/mixer/layeredBag.ts";
import type { AttributeValue } from "../../../src/runtime/mixer/types.ts";
import { POSITION, RequestAttributes, type FilterAttribute } from "../../../src/runtime/proxy/request-attributes.ts";
import { CountedLazy, LazyHeaders } from "../../support/lazyAttributes.ts";

const FILTER_NAMES: FilterAttribute[] = ["request.host", "request.path", "request.headers", "source.uid", "response.code", "destination.service"];
const GENERATED_NAMES = ["source.namespace", "source.service", "destination.service", "request.path", "destination.labels"];
const value = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean());

const request = fc.record({
  filter: fc.dictionary(fc.constantFrom(...FILTER_NAMES.filter((n) => n !== "request.headers")), fc.tuple(value, fc.boolean())),
  headers: fc.option(fc.dictionary(fc.constantFrom("user-agent", "x-api-key", "host"), fc.string({ maxLength: 4 }))),
  /** Which of the run's overlays: Mixer fills with the same overlay object request after request (one per pod). */
  overlay: fc.nat(2),
  reads: fc.array(fc.oneof(fc.constantFrom(...FILTER_NAMES, ...GENERATED_NAMES, "origin.ip"), fc.constant("header")), { maxLength: 14 }),
});

function attributesOf(r: { filter: Record<string, [AttributeValue, boolean]>; headers: Record<string, string> | null }): RequestAttributes {
  const attrs = new RequestAttributes();
  for (const [name, [v, lazy]] of Object.entries(r.filter)) attrs.set(POSITION[name as FilterAttribute], lazy ? new CountedLazy(v) : v);
  if (r.headers) attrs.set(POSITION["request.headers"], new LazyHeaders(r.headers));
  return attrs;
}

describe("the flat bag of a Mixer call", () => {
  it("answers every read as the layered view of the request's and the generated attributes", () => {
    const flat = new FlatBag();
    fc.assert(
      fc.property(fc.array(fc.dictionary(fc.constantFrom(...GENERATED_NAMES), value), { minLength: 3, maxLength: 3 }), fc.array(request, { minLength: 1, maxLength: 6 }), (generated, requests) => {
        const overlays = generated.map((g) => new Map(Object.entries(g)));
        // One bag refilled for request after request, as Mixer refills its own.
        for (const r of requests) {
          const overlay = overlays[r.overlay];
          const layered = new LayeredBag(attributesOf(r), overlay);
          expect(flat.fill(attributesOf(r), overlay)).toBe(true);
          for (const name of r.reads) {
            if (name === "header") {
              const slot = attributeSlot("request.headers");
              for (const key of ["user-agent", "x-api-key", "constructor"]) {
                expect(readMapEntry(flat, slot, "request.headers", key)).toEqual(readMapEntry(layered, slot, "request.headers", key));
              }
            } else {
              expect(readAttribute(flat, attributeSlot(name), name)).toEqual(readAttribute(layered, attributeSlot(name), name));
              expect(flat.get(name)).toEqual(layered.get(name));
            }
          }
          expect(new Map(flat)).toEqual(new Map(layered));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("has the proxy's bag compute a deferred value once, and keep it", () => {
    const attrs = new RequestAttributes();
    const lazy = new CountedLazy("/politics");
    attrs.set(POSITION["request.path"], lazy);
    const flat = new FlatBag();
    flat.fill(attrs, new Map([["source.namespace", "default"]]));
    const slot = attributeSlot("request.path");
    expect(readAttribute(flat, slot, "request.path")).toBe("/politics");
    expect(readAttribute(flat, slot, "request.path")).toBe("/politics");
    expect(attrs.get("request.path")).toBe("/politics");
    expect(lazy.computed).toBe(1);
  });

  it("has the proxy's bag answer one key of a deferred map without building it, and build it for a whole read", () => {
    const attrs = new RequestAttributes();
    const headers = new LazyHeaders({ "x-api-key": "k", "user-agent": "curl" });
    attrs.set(POSITION["request.headers"], headers);
    const flat = new FlatBag();
    flat.fill(attrs, new Map());
    const slot = attributeSlot("request.headers");
    expect(readMapEntry(flat, slot, "request.headers", "x-api-key")).toBe("k");
    expect(readMapEntry(attrs, slot, "request.headers", "missing")).toBeUndefined();
    expect(headers.built).toBe(0);
    // A key the map cannot answer for alone (not lower case) builds it, once.
    expect(readMapEntry(flat, slot, "request.headers", "User-Agent")).toBeUndefined();
    expect(readAttribute(flat, slot, "request.headers")).toEqual({ "x-api-key": "k", "user-agent": "curl" });
    expect(headers.built).toBe(1);
  });

  it("copies a plain value set over a deferred one as plain, and a deferred one set over a plain one as deferred", () => {
    const attrs = new RequestAttributes();
    attrs.set(POSITION["request.path"], new CountedLazy("/lazy"));
    attrs.set(POSITION["request.path"], "/plain");
    const lazy = new CountedLazy("/politics");
    attrs.set(POSITION["request.host"], "edition.cnn.com").set(POSITION["request.host"], lazy);
    const flat = new FlatBag();
    flat.fill(attrs, new Map());
    expect(readAttribute(flat, attributeSlot("request.path"), "request.path")).toBe("/plain");
    expect(attrs.get("request.path")).toBe("/plain");
    expect(lazy.computed).toBe(0);
    expect(readAttribute(flat, attributeSlot("request.host"), "request.host")).toBe("/politics");
    expect(lazy.computed).toBe(1);
  });

  it("reads an attribute numbered after the fill by name", () => {
    const flat = new FlatBag();
    flat.fill(new RequestAttributes().set(POSITION["request.host"], "edition.cnn.com"), new Map([["late.attribute.flat", "yes"]]));
    // The overlay numbered its names when the flat bag was filled; a name first numbered now is in neither bag.
    const late = "never.numbered.before";
    expect(readAttribute(flat, attributeSlot(late), late)).toBeUndefined();
    expect(readAttribute(flat, attributeSlot("late.attribute.flat"), "late.attribute.flat")).toBe("yes");
  });

  it("declines a bag it cannot copy by slot", () => {
    expect(new FlatBag().fill(new Map([["request.host", "x"]]), new Map())).toBe(false);
  });
});
