/**
 * The pipeline's allocation shortcuts must not change what it produces: forwarded headers
 * assembled in a shared array read like the plain rewrite, hops and traces made by constructors
 * are plain objects like the literals they replace, shared trace texts read like the ones built
 * per request, and the access-log entry filled again for every line leaves earlier lines as
 * they were written.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { forwardedRequest } from "../../../src/runtime/proxy/request-view.ts";
import type { CompiledRoute, RouteAction } from "../../../src/runtime/proxy/route-table.ts";
import type { Header, HttpRequest } from "../../../src/runtime/proxy/http.ts";
import { newHop, newTrace, newUpstreamHop } from "../../../src/runtime/proxy/trace-objects.ts";
import { adapterDenialWhy, checkDenialNote, successText, type TlsOriginator } from "../../../src/runtime/proxy/trace-texts.ts";
import { formatAccessLog, writeProxyAccessLog, type AccessLogEntry } from "../../../src/runtime/proxy/access-log.ts";
import type { RoutingOutcome } from "../../../src/runtime/proxy/proxy-routing.ts";
import { scanRequestHeaders } from "../../../src/runtime/proxy/request-header-fields.ts";
import { LogRing } from "../../../src/runtime/cluster/logs.ts";
import { localReply } from "../../../src/runtime/proxy/envoy-replies.ts";

type RouteActionRoute = Extract<RouteAction, { kind: "route" }>;

const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te"];

/** Envoy's forwarding rewrite, written plainly (pushes and a fresh array per request). */
function expectedForward(request: HttpRequest, prefixLength: number | undefined, action: RouteActionRoute, extra: readonly Header[]): HttpRequest {
  const headers = request.headers.filter((h) => !HOP_BY_HOP.includes(h.name.toLowerCase())).map((h) => ({ ...h }));
  const set = (name: string, value: string) => {
    const i = headers.findIndex((h) => h.name.toLowerCase() === name.toLowerCase());
    if (i >= 0) headers[i] = { name: headers[i].name, value };
    else headers.push({ name, value });
  };
  let path = request.path;
  if (action.rewriteUri !== undefined) {
    const q = request.path.indexOf("?");
    path = action.rewriteUri + request.path.slice(prefixLength ?? (q < 0 ? request.path.length : q));
    if (!headers.some((h) => h.name.toLowerCase() === "x-envoy-original-path")) headers.push({ name: "x-envoy-original-path", value: request.path });
  }
  if (action.rewriteAuthority !== undefined) set("host", action.rewriteAuthority);
  for (const h of extra) set(h.name, h.value);
  set("x-envoy-expected-rq-timeout-ms", String(Math.round(action.timeoutMicros / 1000)));
  return { ...request, path, headers };
}

const NAMES = ["Host", "host", "User-Agent", "Connection", "X-B3-TraceId", "x-b3-spanid", "X-Envoy-Original-Path", "x-envoy-expected-rq-timeout-ms", "TE", "Accept"];
const header = fc.record({ name: fc.constantFrom(...NAMES), value: fc.constantFrom("a", "b", "") });

describe("forwarded requests", () => {
  it("are the plain rewrite of each request, one after another through the shared assembly array", () => {
    const forward = fc.record({
      headers: fc.array(header, { maxLength: 9 }),
      extra: fc.array(header, { maxLength: 4 }),
      path: fc.constantFrom("/politics", "/a/b?x=1", "/"),
      rewriteUri: fc.option(fc.constantFrom("/", "/v2"), { nil: undefined }),
      rewriteAuthority: fc.option(fc.constantFrom("x.example", "edition.cnn.com"), { nil: undefined }),
      prefixLength: fc.option(fc.constantFrom(0, 1), { nil: undefined }),
      timeoutMicros: fc.constantFrom(15_000_000, 2_500_000, 1_000),
    });
    fc.assert(
      fc.property(fc.array(forward, { minLength: 1, maxLength: 6 }), (requests) => {
        const made: [HttpRequest, HttpRequest][] = [];
        for (const r of requests) {
          const request: HttpRequest = { method: "GET", scheme: "http", host: "h", port: 80, path: r.path, headers: r.headers, body: "" };
          const action: RouteActionRoute = { kind: "route", clusters: [], totalWeight: 0, timeoutMicros: r.timeoutMicros, rewriteUri: r.rewriteUri, rewriteAuthority: r.rewriteAuthority };
          const route = { prefixLength: r.prefixLength } as CompiledRoute;
          const forwarded = forwardedRequest(request, route, action, r.extra);
          expect(forwarded).toEqual(expectedForward(request, r.prefixLength, action, r.extra));
          made.push([forwarded, expectedForward(request, r.prefixLength, action, r.extra)]);
        }
        // Earlier requests' headers are arrays of their own: later ones did not change them.
        for (const [forwarded, expected] of made) expect(forwarded).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("a request forwarded again (the egress gateway forwarding what the sidecar forwarded)", () => {
  it("reads like the plain rewrite, and leaves the request it came from as it was", () => {
    const action: RouteActionRoute = { kind: "route", clusters: [], totalWeight: 0, timeoutMicros: 15_000_000 };
    const route = {} as CompiledRoute;
    fc.assert(fc.property(fc.array(header, { maxLength: 9 }), fc.constantFrom(15_000_000, 2_500_000), (headers, timeoutMicros) => {
      const sidecar: HttpRequest = { method: "GET", scheme: "http", host: "h", port: 80, path: "/p", headers, body: "" };
      const once = forwardedRequest(sidecar, route, { ...action, timeoutMicros }, []);
      const before = JSON.stringify(once);
      const twice = forwardedRequest(once, route, action, []);
      expect(twice).toEqual(expectedForward(once, undefined, action, []));
      expect(JSON.stringify(once)).toBe(before);
    }), { numRuns: 300 });
  });
});

describe("hops and traces", () => {
  it("are plain objects with the literals' keys, in the literals' order", () => {
    const hop = newHop("gateway", "gw.istio-system", "0.0.0.0_80");
    expect(Object.getPrototypeOf(hop)).toBe(Object.prototype);
    expect(hop.constructor).toBe(Object);
    expect(Object.keys(hop)).toEqual(["kind", "at", "listener"]);
    hop.status = 200;
    expect(JSON.stringify(hop)).toBe(JSON.stringify({ kind: "gateway", at: "gw.istio-system", listener: "0.0.0.0_80", status: 200 }));

    const upstream = newUpstreamHop("edition.cnn.com (1.2.3.4:443)", true);
    upstream.status = 200;
    expect(Object.getPrototypeOf(upstream)).toBe(Object.prototype);
    expect(JSON.stringify(upstream)).toBe(JSON.stringify({ kind: "upstream", at: "edition.cnn.com (1.2.3.4:443)", tlsOrigination: true, status: 200 }));

    const trace = newTrace(5, "sleep.default", undefined, "GET", "http://x/");
    const literal = { id: "", startMicros: 5, durationMicros: 0, source: "sleep.default", sourceNamespace: undefined, method: "GET", url: "http://x/", hops: [], why: "" };
    expect(Object.getPrototypeOf(trace)).toBe(Object.prototype);
    expect(Object.keys(trace)).toEqual(Object.keys(literal));
    expect(trace).toEqual(literal);
    expect(newTrace(5, "s", "ns", "GET", "u").hops).not.toBe(trace.hops);
  });
});

describe("shared trace texts", () => {
  it("read like the text built for each request, and are made once", () => {
    const originators: TlsOriginator[] = ["none", "gateway", "sidecar"];
    for (const gateway of [undefined, "istio-egressgateway-x.istio-system"]) {
      for (const originator of originators) {
        let why = `503 from edition.cnn.com (1.2.3.4:443)`;
        if (gateway) why += ` via the egress gateway ${gateway}`;
        if (originator !== "none") why += `, TLS originated by ${originator === "gateway" ? "the egress gateway" : "the sidecar"}`;
        expect(successText(503, "edition.cnn.com (1.2.3.4:443)", gateway, originator)).toBe(why);
      }
    }
    expect(successText(200, "o", undefined, "none")).toBe("200 from o");
    expect(successText(201, "o", undefined, "none")).toBe("201 from o");
    expect(adapterDenialWhy.get("whitelist.listchecker", "NOT_FOUND:x")).toBe("denied by Mixer: whitelist.listchecker: NOT_FOUND:x");
    expect(checkDenialNote.get("PERMISSION_DENIED")).toBe("Mixer Check denied: PERMISSION_DENIED");
  });
});

describe("proxies' access-log lines", () => {
  it("written one after another from the shared entry, read as each request's own line", () => {
    const ring = new LogRing(4);
    const request = (path: string, headers: Header[]): HttpRequest => ({ method: "GET", scheme: "http", host: "edition.cnn.com", port: 80, path, headers, body: "" });
    const first = request("/politics", [{ name: "x-forwarded-for", value: "10.0.0.1" }, { name: "user-agent", value: "curl" }, { name: "x-envoy-original-path", value: "/p" }]);
    const second = request("/sport", [{ name: "x-request-id", value: "id-2" }]);
    const ok: RoutingOutcome = { response: { status: 200, statusText: "OK", headers: [], body: { size: 10, text: () => "" } }, upstreamHost: "1.2.3.4:443", upstreamServiceTimeMs: 3, headersMicros: 0, bodyMicros: 0 };
    const noRoute: RoutingOutcome = { response: { status: 404, statusText: "Not Found", headers: [], body: { size: 0, text: () => "" } }, flags: "NR", headersMicros: 0, bodyMicros: 0 };
    writeProxyAccessLog(ring, first, scanRequestHeaders(first.headers), "id-1", "edition.cnn.com", 1_529_328_178_000_000, 1234, ok);
    writeProxyAccessLog(ring, second, scanRequestHeaders(second.headers), undefined, "edition.cnn.com:80", 1_529_328_179_000_000, 99, noRoute);
    const line = (e: Partial<AccessLogEntry>): string => formatAccessLog({
      method: "GET", protocol: "HTTP/1.1", bytesReceived: 0, flags: undefined, upstreamServiceTimeMs: undefined, forwardedFor: undefined,
      userAgent: undefined, requestId: undefined, upstreamHost: undefined, ...e,
    } as AccessLogEntry);
    expect(ring.read()).toEqual([
      line({ startMicros: 1_529_328_178_000_000, path: "/p", status: 200, bytesSent: 10, durationMicros: 1234, upstreamServiceTimeMs: 3, forwardedFor: "10.0.0.1", userAgent: "curl", requestId: "id-1", authority: "edition.cnn.com", upstreamHost: "1.2.3.4:443" }),
      line({ startMicros: 1_529_328_179_000_000, path: "/sport", status: 404, flags: "NR", bytesSent: 0, durationMicros: 99, authority: "edition.cnn.com:80" }),
    ]);
  });
});

describe("local replies", () => {
  it("carry the date of their own second", () => {
    const a = localReply(404, "", 1_529_328_178_000_000);
    const b = localReply(404, "", 1_529_328_179_500_000);
    expect(a.headers).toEqual([
      { name: "date", value: "Mon, 18 Jun 2018 13:22:58 GMT" }, { name: "server", value: "envoy" }, { name: "content-length", value: "0" },
    ]);
    expect(b.headers[0]).toEqual({ name: "date", value: "Mon, 18 Jun 2018 13:22:59 GMT" });
    expect(localReply(403, "denied", 1_529_328_178_000_000, "application/json").headers.map((h) => h.value)).toEqual([
      "6", "application/json", "Mon, 18 Jun 2018 13:22:58 GMT", "envoy",
    ]);
  });
});
