/**
 * The proxies read the request headers they need in one pass: each field must be what a plain
 * case-insensitive search for the first header of that name finds, whatever the spelling
 * (including non-ASCII names that lower-case to ASCII, or to something longer).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { scanRequestHeaders, type RequestHeaderFields } from "../../../src/runtime/proxy/request-header-fields.ts";
import { withForwardedFor } from "../../../src/runtime/proxy/request-view.ts";
import type { Header, HttpRequest } from "../../../src/runtime/proxy/http.ts";

function first(headers: readonly Header[], lower: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === lower)?.value;
}

const FIELDS: Record<Exclude<keyof RequestHeaderFields, "forwardedForAt">, string> = {
  host: "host",
  userAgent: "user-agent",
  referer: "referer",
  forwardedFor: "x-forwarded-for",
  forwardedProto: "x-forwarded-proto",
  requestId: "x-request-id",
  originalPath: "x-envoy-original-path",
  b3TraceId: "x-b3-traceid",
};

/** The names, some respellings (the Kelvin sign lower-cases to `k`; `İ` to two characters), and look-alikes. */
const NAMES = [
  ...Object.values(FIELDS), "Host", "HOST", "User-Agent", "Referer", "X-Forwarded-For", "X-FORWARDED-PROTO", "X-Request-Id",
  "X-Envoy-Original-Path", "X-B3-TraceId", "x-b3-spanid", "x-api-\u212Aey", "\u212Aeep-alive", "x-request-İd", "İost", "hosts",
  "x-forwarded-fo", "referrer", "user_agent", "x-b3-traceid ", "Accept", "",
];

const headers = fc.array(fc.record({ name: fc.constantFrom(...NAMES), value: fc.constantFrom("", "a", "b, c") }), { maxLength: 10 });

describe("request header fields", () => {
  it("are the first header of each name, compared case-insensitively", () => {
    fc.assert(fc.property(headers, (hs) => {
      const fields = scanRequestHeaders(hs);
      for (const [field, lower] of Object.entries(FIELDS)) expect(fields[field as keyof typeof FIELDS]).toBe(first(hs, lower));
      expect(fields.forwardedForAt).toBe(hs.findIndex((h) => h.name.toLowerCase() === "x-forwarded-for"));
    }), { numRuns: 1000 });
  });

  it("follow the caller's address appended to X-Forwarded-For, which lands where Envoy puts it", () => {
    fc.assert(fc.property(headers, fc.constantFrom("10.1.2.3", "172.17.0.9"), (hs, ip) => {
      const request: HttpRequest = { method: "GET", scheme: "http", host: "a.com", port: 80, path: "/", headers: hs, body: "" };
      const copy = hs.slice();
      const fields = scanRequestHeaders(hs);
      const forwarded = withForwardedFor(request, fields, ip);
      const at = hs.findIndex((h) => h.name.toLowerCase() === "x-forwarded-for");
      const expected = at < 0
        ? [...hs, { name: "x-forwarded-for", value: ip }]
        : hs.map((h, i) => (i === at ? { name: h.name, value: h.value ? `${h.value}, ${ip}` : ip } : h));
      expect(forwarded.headers).toEqual(expected);
      expect(hs).toEqual(copy);
      expect(fields).toEqual(scanRequestHeaders(forwarded.headers));
    }), { numRuns: 500 });
  });
});
