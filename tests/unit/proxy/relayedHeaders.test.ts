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

describe("a response relayed twice (a sidecar relaying its egress gateway's response)", () => {
  const relay = (headers: Header[], ms: number) => relayResponse({ status: 200, statusText: "OK", headers, body: EMPTY_BODY }, ms).headers;

  it("is Envoy's rewrite of the first relay's headers, with the second service time", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(response, fc.nat(5000), fc.nat(5000)), { minLength: 1, maxLength: 8 }), (responses) => {
        for (const [headers, first, second] of responses) {
          const once = relay(headers, first);
          const expected = expectedRelay(once, second);
          expect(relay(once, second)).toEqual(expected);
          // And once more: the second relay's headers are the last relayed now.
          const twice = relay(once, second);
          expect(relay(twice, first)).toEqual(expectedRelay(twice, first));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("notices the first relay's headers changed in between: replaced, added or removed", () => {
    const headers: Header[] = [{ name: "Content-Type", value: "text/html" }, { name: "Server", value: "Varnish" }];
    const edits: ((h: Header[]) => void)[] = [
      (h) => { h[0] = { name: "Via", value: "x" }; },
      (h) => { h.push({ name: "Connection", value: "close" }); },
      (h) => { h.push({ name: "Server", value: "other" }); },
      (h) => { h.pop(); },
      (h) => { h.splice(1, 1); },
      (h) => { h.unshift({ name: "X-Envoy-Upstream-Service-Time", value: "9" }); },
    ];
    for (const edit of edits) {
      const once = relay(headers, 4);
      edit(once);
      expect(relay(once, 7)).toEqual(expectedRelay(once, 7));
    }
  });

  it("is not confused by a relay of other headers in between", () => {
    const a = relay([{ name: "Via", value: "1" }, { name: "TE", value: "x" }], 1);
    relay([{ name: "Date", value: "d" }], 2);
    expect(relay(a, 3)).toEqual(expectedRelay(a, 3));
  });
});
