/**
 * stdio keeps a logentry's numeric variables unboxed, row by row. A value of a numeric variable
 * that is not a number (CEXL's types say it cannot happen; the table must not lose it if it
 * does) is kept aside, and a later row written into the same ring slot must read as itself.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { LogRing } from "../../../src/runtime/cluster/logs.ts";
import { LogEntryRowKinds } from "../../../src/runtime/mixer/adapters/stdioRows.ts";
import type { LogEntryInstance } from "../../../src/runtime/mixer/templates/logentry.ts";
import type { AttributeValue } from "../../../src/runtime/mixer/types.ts";

const VARIABLES = [
  { key: "a", type: "INT64" }, { key: "b", type: "STRING" }, { key: "c", type: "DURATION" }, { key: "d", type: "BOOL" },
] as const;

describe("stdio rows of numeric variables", () => {
  it("read back every value as written, numbers or not, as the ring's slots are reused", () => {
    const format = (e: LogEntryInstance) => JSON.stringify(e.values);
    const kinds = new LogEntryRowKinds(format);
    const numberOrNot = fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.constantFrom<AttributeValue>("12ms", "x"));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.tuple(numberOrNot, fc.string(), numberOrNot, fc.boolean()), { minLength: 1, maxLength: 14 }), (capacity, rows) => {
        const ring = new LogRing(capacity);
        const texts = rows.map((values) => {
          const e: LogEntryInstance = { name: "n.logentry.istio-system", template: "logentry", severity: "", timestamp: 1, variables: VARIABLES, values, monitoredResourceType: "" };
          ring.writeRow(kinds.of(e, 0), e);
          return format(e);
        });
        expect(ring.read()).toEqual(texts.slice(-capacity));
      }),
      { numRuns: 300 },
    );
  });
});
