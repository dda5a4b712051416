/**
 * Relaying a response reuses per-name lookups and lower-cased header copies between responses:
 * whatever mix of reused and new header objects comes in, the relayed headers must be exactly
 * Envoy's rewrite of this response's headers.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { relayResponse } from "../../../src/runtime/proxy/envoy-replies.ts";
import { EMPTY_BODY, type Header } from "../../../src/runtime/proxy/http.ts";

const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te"];

/** Envoy's rewrite, written plainly: names lower-cased, hop-by-hop dropped, its own server and service time. */
function expectedRelay(headers: readonly Header[], ms: number): Header[] {
  const out: Header[] = [];
  let server = false;
  let serviceTime = false;
  for (const h of headers) {
    const name = h.name.toLowerCase();
    if (HOP_BY_HOP.includes(name)) continue;
    if (name === "server") {
      if (!server) out.push({ name: "server", value: "envoy" });
      server = true;
    } else if (name === "x-envoy-upstream-service-time") {
      serviceTime = true;
      out.push({ name, value: String(ms) });
    } else out.push({ name, value: h.value });
  }
  if (!server) out.push({ name: "server", value: "envoy" });
  if (!serviceTime) out.push({ name: "x-envoy-upstream-service-time", value: String(ms) });
  return out;
}

const NAMES = ["Content-Type", "content-type", "Server", "server", "Connection", "X-Envoy-Upstream-Service-Time", "Date", "Via", "TE"];
/** A pool of header objects, so that responses share some of them, in varying positions. */
const POOL: Header[] = NAMES.flatMap((name) => [{ name, value: "a" }, { name, value: "b" }]);

const response = fc.array(
  fc.oneof(fc.constantFrom(...POOL), fc.record({ name: fc.constantFrom(...NAMES), value: fc.constantFrom("a", "b", "c") })),
  { maxLength: 8 },
);

describe("relayed response headers", () => {
  it("are Envoy's rewrite of each response, however header objects are shared between responses", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(response, fc.nat(5000)), { minLength: 1, maxLength: 12 }), (responses) => {
        for (const [headers, ms] of responses) {
          const relayed = relayResponse({ status: 200, statusText: "OK", headers, body: EMPTY_BODY }, ms);
          expect(relayed.headers).toEqual(expectedRelay(headers, ms));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("notice a header replaced at the same position by another object", () => {
    const first = [POOL[0], { name: "Server", value: "x" }, POOL[12]];
    const second = [POOL[0], { name: "Connection", value: "close" }, POOL[12]];
    const relay = (headers: Header[]) => relayResponse({ status: 200, statusText: "OK", headers, body: EMPTY_BODY }, 3).headers;
    expect(relay(first)).toEqual(expectedRelay(first, 3));
    expect(relay(second)).toEqual(expectedRelay(second, 3));
  });
});
