import { describe, expect, it } from "vitest";
import { VirtualClock, WallClock, formatMicrosIso, formatMillisIso, parseIsoMicros } from "../../../src/runtime/clock.ts";
import { SeededRandom, podSuffix, podTemplateHash, requestId } from "../../../src/runtime/ids.ts";

describe("clock", () => {
  it("formats Mixer's 27-character time with six fractional digits", () => {
    const t = parseIsoMicros("2018-06-18T13:22:58.317448Z")!;
    expect(formatMicrosIso(t)).toBe("2018-06-18T13:22:58.317448Z");
    expect(formatMicrosIso(parseIsoMicros("2018-06-18T13:22:58Z")!)).toBe("2018-06-18T13:22:58.000000Z");
    expect(formatMicrosIso(t)).toHaveLength(27);
  });
  it("formats Envoy's millisecond start time", () => {
    expect(formatMillisIso(parseIsoMicros("2018-06-14T11:46:23.596123Z")!)).toBe("2018-06-14T11:46:23.596Z");
  });
  it("parses offsets and rejects garbage", () => {
    expect(parseIsoMicros("2018-06-18T15:22:58+02:00")).toBe(parseIsoMicros("2018-06-18T13:22:58Z"));
    expect(parseIsoMicros("yesterday")).toBeUndefined();
    expect(() => VirtualClock.fromIso("nope")).toThrow(/invalid time/);
  });
  it("a virtual clock moves only when advanced", () => {
    const c = VirtualClock.fromIso("2018-06-18T13:22:58Z");
    const t0 = c.nowMicros();
    expect(c.nowMicros()).toBe(t0);
    c.advance(1500);
    expect(c.nowMicros()).toBe(t0 + 1500);
  });
  it("the wall clock never repeats a microsecond", () => {
    const c = new WallClock();
    const a = c.nowMicros();
    const b = c.nowMicros();
    expect(b).toBeGreaterThan(a);
  });
});

describe("seeded ids", () => {
  it("gives the same names for the same seed and Kubernetes-shaped suffixes", () => {
    const a = new SeededRandom(1);
    const b = new SeededRandom(1);
    expect(podTemplateHash(a)).toBe(podTemplateHash(b));
    const suffix = podSuffix(a);
    expect(suffix).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(requestId(a)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});
