/**
 * Reading an attribute by slot (what compiled CEXL does on the hot path) must give exactly what
 * reading it by name gives, whatever order names were numbered in and whichever bag is read.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { attributeSlot, readAttribute } from "../../../src/runtime/mixer/attributeSlots.ts";
import { LayeredBag } from "../../../src/runtime/mixer/layeredBag.ts";
import { POSITION, RequestAttributes, type FilterAttribute } from "../../../src/runtime/proxy/request-attributes.ts";

const FILTER_NAMES: FilterAttribute[] = ["request.host", "request.path", "request.method", "source.uid", "response.code"];
const OTHER_NAMES = ["source.namespace", "source.service", "destination.labels", "x.extra", "y.late"];
const value = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean());

describe("attribute reads by slot", () => {
  it("a layered bag answers by slot exactly as by name", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...OTHER_NAMES), value),
        fc.dictionary(fc.constantFrom(...OTHER_NAMES), value),
        fc.array(fc.constantFrom(...OTHER_NAMES, ...FILTER_NAMES, "z.never"), { maxLength: 12 }),
        (base, overlay, reads) => {
          const bag = new LayeredBag(new Map(Object.entries(base)), new Map(Object.entries(overlay)));
          for (const name of reads) expect(readAttribute(bag, attributeSlot(name), name)).toEqual(bag.get(name));
        },
      ),
    );
  });

  it("the gateway filter's fixed record answers by slot exactly as by name, also under a layered bag", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...FILTER_NAMES), value),
        fc.dictionary(fc.constantFrom(...OTHER_NAMES), value),
        fc.array(fc.constantFrom(...FILTER_NAMES, ...OTHER_NAMES), { maxLength: 12 }),
        (filter, generated, reads) => {
          const attrs = new RequestAttributes();
          for (const [k, v] of Object.entries(filter)) attrs.set(POSITION[k as FilterAttribute], v);
          const layered = new LayeredBag(attrs, new Map(Object.entries(generated)));
          for (const name of reads) {
            expect(readAttribute(attrs, attributeSlot(name), name)).toEqual(attrs.get(name));
            expect(readAttribute(layered, attributeSlot(name), name)).toEqual(layered.get(name));
          }
        },
      ),
    );
  });
});
