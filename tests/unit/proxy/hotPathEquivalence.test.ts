/**
 * The per-request shortcuts must behave exactly like the plain code they replace: deferred log
 * lines read like lines formatted at write time, header-name comparison is `toLowerCase()`
 * equality, request ids are the same draws as `chars(hex, 32)` with dashes.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ClusterLogs, LogRing, writeDeferred, type DeferredLine } from "../../../src/runtime/cluster/logs.ts";
import { isHeaderName, lowerHeaderName } from "../../../src/runtime/proxy/header-names.ts";
import { requestId, SeededRandom } from "../../../src/runtime/ids.ts";

const line = (text: string): DeferredLine & { renders: number } => {
  const l = { renders: 0, render: () => (l.renders++, text) };
  return l;
};

describe("deferred log lines", () => {
  it("read like formatted lines, are formatted once, and roll off like them", () => {
    const ring = new LogRing(3);
    const a = line("a");
    ring.write("x");
    ring.writeDeferred(a);
    ring.write("y");
    expect(ring.read()).toEqual(["x", "a", "y"]);
    expect(ring.read()).toEqual(["x", "a", "y"]);
    expect(a.renders).toBe(1);
    const b = line("b");
    ring.writeDeferred(b);
    expect(ring.readSince(2)).toEqual({ lines: ["y", "b"], next: 4 });
    expect(ring.read()).toEqual(["a", "y", "b"]);
  });

  it("reach live listeners as text at once, and sinks without deferral as text", () => {
    const logs = new ClusterLogs(10);
    const seen: string[] = [];
    const sink = logs.sink("ns", "pod", "c");
    writeDeferred(sink, line("before"));
    const stop = logs.subscribe((_ns, _pod, _c, text) => seen.push(text));
    writeDeferred(sink, line("live"));
    stop();
    expect(seen).toEqual(["live"]);
    expect(logs.read("ns", "pod", "c")).toEqual(["before", "live"]);
    const written: string[] = [];
    writeDeferred({ write: (t) => written.push(t) }, line("plain"));
    expect(written).toEqual(["plain"]);
  });
});

describe("header names", () => {
  it("compare as toLowerCase() equality", () => {
    const names = fc.oneof(fc.string(), fc.constantFrom("User-Agent", "HOST", "X-Request-Id", "İ", "\u212A", "k", "i\u0307"));
    fc.assert(fc.property(names, names, (name, other) => {
      const lower = other.toLowerCase();
      expect(isHeaderName(name, lower)).toBe(name.toLowerCase() === lower);
      expect(lowerHeaderName(name)).toBe(name.toLowerCase());
    }));
  });
});

describe("request ids", () => {
  it("are 32 hex draws with dashes at 8-4-4-4-12", () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    for (let i = 0; i < 50; i++) {
      const hex = b.chars("0123456789abcdef", 32);
      expect(requestId(a)).toBe(`${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`);
    }
  });
});
