/**
 * A log ring finds the table of a row kind through its last few kinds before its Map (Mixer's
 * log takes each stdio instance's rows in turn). Whatever the interleaving of kinds, including
 * more kinds than it keeps tables for, the ring must read exactly the lines written, in order.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { LogRing, RowTable, type RowKind } from "../../../src/runtime/cluster/logs.ts";

/** A kind that renders its entries with its own prefix, so a row stored in another kind's table shows. */
function prefixedKind(prefix: string): RowKind<string> {
  return {
    format: (e) => `${prefix}${e}`,
    createTable: (capacity) => {
      const texts = new Array<string>(capacity);
      return new (class extends RowTable<string> {
        store(row: number, e: string): void {
          texts[row] = e;
        }
        render(row: number): string {
          return `${prefix}${texts[row]}`;
        }
      })();
    },
  };
}

const KINDS = Array.from({ length: 20 }, (_, i) => prefixedKind(`k${i}:`));

describe("a log ring's row kinds", () => {
  it("read back every line as its own kind formats it, however kinds alternate", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: KINDS.length - 1 }), fc.boolean()), { minLength: 1, maxLength: 80 }),
        (capacity, writes) => {
          const ring = new LogRing(capacity);
          const expected: string[] = [];
          writes.forEach(([k, readNow], i) => {
            ring.writeRow(KINDS[k], `line ${i}`);
            expected.push(KINDS[k].format(`line ${i}`));
            // Reading turns rows into text, which lets the ring drop tables no line uses.
            if (readNow) expect(ring.read()).toEqual(expected.slice(-capacity));
          });
          expect(ring.read()).toEqual(expected.slice(-capacity));
        },
      ),
      { numRuns: 300 },
    );
  });
});
