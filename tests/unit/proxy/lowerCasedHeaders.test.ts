/**
 * Lower-cased header copies are shared between requests (a few per name): whatever sequence of
 * names and values comes in, each copy must be the header with its name lower-cased and its own
 * value, frozen since it is shared; a header whose name is already lower-case is kept as it is.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { lowerCasedHeader } from "../../../src/runtime/proxy/header-names.ts";
import type { Header } from "../../../src/runtime/proxy/http.ts";

const NAMES = ["Set-Cookie", "SET-COOKIE", "set-cookie", "Content-Length", "X-Timer", "İx", "\u212Aeep"];
const VALUES = ["", "1", "2", "3", "4", "5", "6", "a=1; Path=/"];

describe("lower-cased headers", () => {
  it("carry each header's own value under its lower-cased name, however many values a name takes", () => {
    const header = fc.record({ name: fc.constantFrom(...NAMES), value: fc.constantFrom(...VALUES) });
    fc.assert(fc.property(fc.array(header, { minLength: 1, maxLength: 40 }), (headers: Header[]) => {
      const made = headers.map((h) => lowerCasedHeader(h));
      headers.forEach((h, i) => {
        const copy = made[i];
        expect(copy).toEqual({ name: h.name.toLowerCase(), value: h.value });
        if (h.name === h.name.toLowerCase()) expect(copy).toBe(h);
        else expect(Object.isFrozen(copy)).toBe(true);
      });
    }), { numRuns: 500 });
  });

  it("reuse a copy for a value seen recently under the same name", () => {
    const a = lowerCasedHeader({ name: "X-Reuse-Test", value: "a" });
    lowerCasedHeader({ name: "X-Reuse-Test", value: "b" });
    lowerCasedHeader({ name: "x-REUSE-test", value: "c" });
    expect(lowerCasedHeader({ name: "X-Reuse-Test", value: "a" })).toBe(a);
  });
});
