/**
 * JoinedStrings makes each two-part string once and keeps it. Whatever the sequence of pairs
 * (repeats, a repeated first part with a new second, second parts that print alike but differ
 * in type, more pairs than it keeps), each answer must be that pair's joined text.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { JoinedStrings } from "../../../src/runtime/proxy/joined-strings.ts";

const join = (first: string, second: number | string) => `${first}|${typeof second}:${second}`;

describe("joined strings", () => {
  it("are the joined text of each pair", () => {
    const firsts = ["a", "b", ["a", "b"].join(""), "ab"];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...firsts), fc.constantFrom<number | string>(1, 2, "1", "x")), { minLength: 1, maxLength: 40 }), (pairs) => {
        const strings = new JoinedStrings<number | string>(join);
        for (const [first, second] of pairs) expect(strings.get(first, second)).toBe(join(first, second));
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
