/**
 * JoinedStrings makes each two-part string once. Whatever
 * the sequence of pairs (repeats, a repeated first part with a new second, equal strings that
 * are different objects, more pairs than it keeps), each answer must be the joined text, and a
 * pair asked again soon must get the very same string back.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { JoinedStrings } from "../../../src/runtime/proxy/joined-strings.ts";

const join = (first: string, second: number | string) => `${first}|${typeof second}:${second}`;

describe("joined strings", () => {
  it("are the joined text of each pair, the same object for a pair asked again", () => {
    const firsts = ["a", "b", ["a", "b"].join(""), "ab"];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...firsts), fc.constantFrom<number | string>(1, 2, "1", "x")), { minLength: 1, maxLength: 40 }), (pairs) => {
        const strings = new JoinedStrings<number | string>(join);
        const seen = new Map<string, string>();
        for (const [first, second] of pairs) {
          const text = strings.get(first, second);
          expect(text).toBe(join(first, second));
          const key = `${first}\u0000${typeof second}:${second}`;
          const earlier = seen.get(key);
          if (earlier !== undefined) expect(Object.is(text, earlier)).toBe(true);
          seen.set(key, text);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("stay correct past their bound, when every string is dropped", () => {
    const strings = new JoinedStrings<number>(join);
    for (let i = 0; i < 5000; i++) expect(strings.get(`h${i % 7}`, i)).toBe(`h${i % 7}|number:${i}`);
    expect(strings.get("h3", 4999 - (4999 % 7) + 3 - 7)).toBe(`h3|number:${4999 - (4999 % 7) + 3 - 7}`);
    expect(strings.get("h1", 1)).toBe("h1|number:1");
  });
});
