/**
 * `request.headers["k"]` and `response.headers["k"]` are answered by the gateway filter's bag
 * without building the header maps: the answer (and the error, when it fails) must be exactly
 * what indexing the built map gives, for any headers and any key.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compileExpression } from "../../../src/runtime/mixer/cexl/index.ts";
import { LayeredBag } from "../../../src/runtime/mixer/layeredBag.ts";
import { Vocabulary } from "../../../src/runtime/mixer/vocabulary.ts";
import type { AttributeBag, AttributeValue } from "../../../src/runtime/mixer/types.ts";
import { checkAttributes, reportAttributes } from "../../../src/runtime/proxy/mixer-attributes.ts";
import { EMPTY_BODY, type Header, type HttpRequest } from "../../../src/runtime/proxy/http.ts";

const vocabulary = Vocabulary.default();

const NAMES = ["X-Api-Key", "x-api-key", "Host", "host", "x-istio-attributes", "User-Agent", ":path", ":authority", "constructor", "__proto__", "toString", "İx", "Via"];
const KEYS = [...NAMES, "x-api-key", "user-agent", ":method", "İx".toLowerCase(), "missing", "X-API-KEY", "hasOwnProperty"];

const header = fc.record({ name: fc.constantFrom(...NAMES), value: fc.string({ maxLength: 4 }) });

function gatewayBag(requestHeaders: Header[], responseHeaders: Header[]) {
  const request: HttpRequest = { method: "GET", scheme: "http", host: "a.com", port: 80, path: "/p", headers: requestHeaders, body: "" };
  const bag = checkAttributes({
    request, authority: "a.com", source: {}, destinationService: "gw.istio-system.svc.cluster.local",
    destinationLabels: {}, destinationUid: "kubernetes://gw", timeMicros: 1,
  });
  reportAttributes(bag, { response: { status: 200, statusText: "OK", headers: responseHeaders, body: EMPTY_BODY }, durationMicros: 1, responseTimeMicros: 2 });
  return bag;
}

/** What `expr` gives for `bag`: its value, or its error message. */
function outcome(expr: string, bag: AttributeBag): AttributeValue {
  try {
    return compileExpression(expr, vocabulary).evaluate(bag);
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

/** The same attributes with every map built up front (a plain Map bag). */
function builtMaps(bag: AttributeBag): AttributeBag {
  return new Map([...bag.entries()].map(([k, v]) => [k, typeof v === "object" ? { ...v } : v]));
}

describe("header map keys read without building the map", () => {
  it("give what the built map gives, directly and under attribute generation's layer", () => {
    fc.assert(
      fc.property(fc.array(header, { maxLength: 6 }), fc.array(header, { maxLength: 6 }), fc.constantFrom(...KEYS), (req, resp, key) => {
        const literal = JSON.stringify(key);
        for (const attr of ["request.headers", "response.headers"]) {
          for (const expr of [`${attr}[${literal}]`, `${attr}[${literal}] | "none"`]) {
            const expected = outcome(expr, builtMaps(gatewayBag(req, resp)));
            expect(outcome(expr, gatewayBag(req, resp))).toEqual(expected);
            expect(outcome(expr, new LayeredBag(gatewayBag(req, resp), new Map([["source.service", "s"]])))).toEqual(expected);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("read from the overlay when attribute generation sets the map, and fail as Mixer does when it is absent", () => {
    const layered = new LayeredBag(gatewayBag([{ name: "x-a", value: "base" }], []), new Map([["request.headers", { "x-a": "overlay" }]]));
    expect(outcome('request.headers["x-a"]', layered)).toBe("overlay");
    expect(outcome('source.labels["app"]', new Map())).toBe("error: lookup failed: 'source.labels'");
    expect(outcome('source.labels["app"]', new Map([["source.labels", {}]]))).toBe("error: member lookup failed: 'app'");
    expect(outcome('source.labels["app"] | "x"', new Map())).toBe("x");
  });

  it("join repeated request headers and keep the last repeated response header", () => {
    const bag = gatewayBag(
      [{ name: "X-Api-Key", value: "a" }, { name: "x-api-key", value: "b" }],
      [{ name: "Via", value: "1" }, { name: "via", value: "2" }],
    );
    expect(outcome('request.headers["x-api-key"]', bag)).toBe("a,b");
    expect(outcome('response.headers["via"]', bag)).toBe("2");
    expect(outcome('request.headers[":path"]', bag)).toBe("/p");
  });
});
