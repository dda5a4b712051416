/**
 * The per-request shortcuts must behave exactly like the plain code they replace: log lines kept
 * as table rows read like lines formatted at write time, header-name comparison is `toLowerCase()`
 * equality, request ids are the same draws as `chars(hex, 32)` with dashes.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ClusterLogs, LogRing, RowTable, writeRow, type RowKind } from "../../../src/runtime/cluster/logs.ts";
import { ENVOY_ACCESS_LOG, formatAccessLog } from "../../../src/runtime/proxy/access-log.ts";
import { LogEntryRowKinds } from "../../../src/runtime/mixer/adapters/stdioRows.ts";
import type { LogEntryInstance } from "../../../src/runtime/mixer/templates/logentry.ts";
import { isHeaderName, lowerHeaderName } from "../../../src/runtime/proxy/header-names.ts";
import { requestId, SeededRandom } from "../../../src/runtime/ids.ts";

/** A row kind whose entries are the text itself, counting how often rows are rendered. */
function textKind(): RowKind<string> & { renders: number } {
  const kind = {
    renders: 0,
    format: (e: string) => e,
    createTable: (capacity: number): RowTable<string> => {
      const texts = new Array<string>(capacity);
      return new (class extends RowTable<string> {
        store(row: number, e: string): void {
          texts[row] = e;
        }
        render(row: number): string {
          kind.renders++;
          return texts[row];
        }
      })();
    },
  };
  return kind;
}

describe("row log lines", () => {
  it("read like formatted lines, are formatted once, and roll off like them", () => {
    const ring = new LogRing(3);
    const kind = textKind();
    ring.write("x");
    ring.writeRow(kind, "a");
    ring.write("y");
    expect(ring.read()).toEqual(["x", "a", "y"]);
    expect(ring.read()).toEqual(["x", "a", "y"]);
    expect(kind.renders).toBe(1);
    ring.writeRow(kind, "b");
    expect(ring.readSince(2)).toEqual({ lines: ["y", "b"], next: 4 });
    expect(ring.read()).toEqual(["a", "y", "b"]);
  });

  it("reach live listeners as text at once, and sinks without rows as text", () => {
    const logs = new ClusterLogs(10);
    const kind = textKind();
    const seen: string[] = [];
    const sink = logs.sink("ns", "pod", "c");
    writeRow(sink, kind, "before");
    const stop = logs.subscribe((_ns, _pod, _c, text) => seen.push(text));
    writeRow(sink, kind, "live");
    stop();
    expect(seen).toEqual(["live"]);
    expect(logs.read("ns", "pod", "c")).toEqual(["before", "live"]);
    const written: string[] = [];
    writeRow({ write: (t) => written.push(t) }, kind, "plain");
    expect(written).toEqual(["plain"]);
  });

  it("stay readable when more kinds write to a ring than it keeps tables for", () => {
    const ring = new LogRing(40);
    const expected: string[] = [];
    for (let i = 0; i < 40; i++) {
      ring.writeRow(textKind(), `kind ${i}`);
      expected.push(`kind ${i}`);
    }
    expect(ring.read()).toEqual(expected);
  });

  it("keep Envoy access-log entries exactly: the line read equals the line formatted at write time", () => {
    const text = fc.option(fc.string(), { nil: undefined });
    const entry = fc.record({
      startMicros: fc.integer({ min: 0, max: 4_000_000_000_000_000 }),
      method: fc.string(),
      path: fc.string(),
      protocol: fc.constant("HTTP/1.1"),
      status: fc.integer({ min: 100, max: 599 }),
      flags: fc.option(fc.constantFrom("NR", "UF", "UH"), { nil: undefined }),
      bytesReceived: fc.nat(),
      bytesSent: fc.nat(),
      durationMicros: fc.nat(),
      upstreamServiceTimeMs: fc.option(fc.nat(), { nil: undefined }),
      forwardedFor: text,
      userAgent: text,
      requestId: text,
      authority: text,
      upstreamHost: text,
    });
    fc.assert(fc.property(fc.array(entry, { minLength: 1, maxLength: 8 }), (entries) => {
      const ring = new LogRing(5);
      for (const e of entries) ring.writeRow(ENVOY_ACCESS_LOG, e);
      expect(ring.read()).toEqual(entries.slice(-5).map(formatAccessLog));
    }));
  });

  it("keep stdio's logentry values exactly: numbers unboxed, other values as they were", () => {
    const variables = [
      { key: "latency", type: "DURATION" }, { key: "path", type: "STRING" }, { key: "size", type: "INT64" },
      { key: "ok", type: "BOOL" }, { key: "labels", type: "STRING_MAP" },
    ] as const;
    const format = (e: LogEntryInstance, level: number) => JSON.stringify([level, e.name, e.timestamp ?? null, e.values]);
    const kinds = new LogEntryRowKinds(format);
    const instance = fc.record({
      timestamp: fc.option(fc.integer({ min: 0, max: 4_000_000_000_000_000 }), { nil: undefined }),
      values: fc.tuple(fc.double({ noNaN: true }), fc.string(), fc.integer(), fc.boolean(), fc.dictionary(fc.string(), fc.string())),
      level: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(fc.property(fc.array(instance, { minLength: 1, maxLength: 6 }), (built) => {
      const ring = new LogRing(4);
      const texts = built.map(({ timestamp, values, level }) => {
        const e: LogEntryInstance = { name: "a.logentry.istio-system", template: "logentry", severity: "", timestamp, variables, values, monitoredResourceType: "" };
        ring.writeRow(kinds.of(e, level), e);
        return format(e, level);
      });
      expect(ring.read()).toEqual(texts.slice(-4));
    }));
  });
});

describe("header names", () => {
  it("compare as toLowerCase() equality", () => {
    // Prefixes of each other too: most lookups compare names that share a start (`x-`).
    const names = fc.oneof(fc.string(), fc.constantFrom("User-Agent", "HOST", "X-Request-Id", "x-request", "X-İd", "x-i\u0307d", "İ", "\u212A", "k", "i\u0307", "x-"));
    fc.assert(fc.property(names, names, (name, other) => {
      const lower = other.toLowerCase();
      expect(isHeaderName(name, lower)).toBe(name.toLowerCase() === lower);
      expect(lowerHeaderName(name)).toBe(name.toLowerCase());
    }), { numRuns: 2000 });
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

describe("random characters", () => {
  it("draw hex digits from the draw's top bits exactly as floor(next() * 16) picks them", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 64 }), (seed, length) => {
      const fast = new SeededRandom(seed);
      const plain = new SeededRandom(seed);
      const hex = "0123456789abcdef";
      const expected = Array.from({ length }, () => hex[Math.floor(plain.next() * 16)]).join("");
      expect(fast.chars(hex, length)).toBe(expected);
      expect(fast.getState()).toBe(plain.getState());
    }));
  });
});
