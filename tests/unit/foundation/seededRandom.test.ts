/**
 * SeededRandom keeps its state as an int32 for speed: it must draw exactly what mulberry32 on a
 * uint32 state draws (names, ids and latencies of every replay depend on it), and its state must
 * read back as the uint32 that snapshots have always stored.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SeededRandom } from "../../../src/runtime/ids.ts";

/** mulberry32 as published, on a uint32 state. */
function reference(seed: number): { state: () => number; draw: () => number } {
  let state = seed >>> 0;
  return {
    state: () => state,
    draw: () => {
      let t = (state = (state + 0x6d2b79f5) >>> 0);
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return (t ^ (t >>> 14)) >>> 0;
    },
  };
}

const seeds = fc.oneof(fc.integer(), fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, -1, 2 ** 32, 1.5, -0));

describe("SeededRandom", () => {
  it("draws mulberry32's sequence from any seed, in every form", () => {
    fc.assert(fc.property(seeds, fc.array(fc.constantFrom("next", "nextUint32", "nextInt32", "int"), { maxLength: 60 }), (seed, calls) => {
      const rng = new SeededRandom(seed);
      const ref = reference(seed);
      for (const call of calls) {
        const u = ref.draw();
        if (call === "next") expect(rng.next()).toBe(u / 4294967296);
        else if (call === "nextUint32") expect(rng.nextUint32()).toBe(u);
        else if (call === "nextInt32") expect(rng.nextInt32()).toBe(u | 0);
        else expect(rng.int(3, 17)).toBe(3 + Math.floor((u / 4294967296) * 15));
        expect(rng.getState()).toBe(ref.state());
      }
    }));
  });

  it("reads its state back as the uint32 snapshots store, and resumes from it", () => {
    fc.assert(fc.property(seeds, fc.nat({ max: 20 }), (seed, skip) => {
      const a = new SeededRandom(seed);
      expect(a.getState()).toBe(seed >>> 0);
      for (let i = 0; i < skip; i++) a.nextUint32();
      const state = a.getState();
      expect(state).toBeGreaterThanOrEqual(0);
      expect(state).toBeLessThan(2 ** 32);
      const b = new SeededRandom(0);
      b.setState(state);
      for (let i = 0; i < 5; i++) expect(b.nextUint32()).toBe(a.nextUint32());
    }));
  });

  it("draws hex characters as the top four bits of each draw", () => {
    fc.assert(fc.property(seeds, fc.nat({ max: 40 }), (seed, length) => {
      const ref = reference(seed);
      const expected = Array.from({ length }, () => "0123456789abcdef"[ref.draw() >>> 28]).join("");
      expect(new SeededRandom(seed).chars("0123456789abcdef", length)).toBe(expected);
    }));
  });
});
