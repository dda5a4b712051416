/** URL parsing and redirect resolution as in curl 7.35. */
import { describe, expect, it } from "vitest";
import { curlEscape, parseCurlUrl, resolveLocation, type CurlUrl } from "../../../src/runtime/shell/curl/url.ts";

function ok(input: string): CurlUrl {
  const r = parseCurlUrl(input);
  if (!r.ok) throw new Error(r.message);
  return r.url;
}

describe("parseCurlUrl", () => {
  it("splits scheme, host, port and path", () => {
    expect(ok("http://edition.cnn.com/politics")).toMatchObject({ scheme: "http", host: "edition.cnn.com", port: 80, path: "/politics", effective: "http://edition.cnn.com/politics" });
    expect(ok("https://edition.cnn.com/politics?x=1#top")).toMatchObject({ scheme: "https", port: 443, path: "/politics?x=1" });
    expect(ok("HTTP://151.101.1.67:8080")).toMatchObject({ scheme: "http", host: "151.101.1.67", port: 8080, path: "/" });
  });

  it("guesses http:// and adds the missing slash", () => {
    expect(ok("edition.cnn.com")).toMatchObject({ scheme: "http", path: "/", effective: "http://edition.cnn.com/", rebuiltTo: "edition.cnn.com/" });
    expect(ok("localhost:3000")).toMatchObject({ host: "localhost", port: 3000, effective: "http://localhost:3000/" });
  });

  it("moves a query typed without a slash into the path", () => {
    expect(ok("http://x.example?a=1")).toMatchObject({ host: "x.example", path: "/?a=1" });
  });

  it("takes credentials from the URL and drops a port-less colon", () => {
    expect(ok("http://bob:pw@x.example:/p")).toMatchObject({ user: "bob", password: "pw", host: "x.example", port: 80 });
  });

  it("reports 7.35's errors", () => {
    expect(parseCurlUrl("")).toEqual({ ok: false, code: 3, message: "<url> malformed" });
    expect(parseCurlUrl("ftp://x/")).toEqual({ ok: false, code: 1, message: "Protocol ftp not supported or disabled in libcurl" });
    expect(parseCurlUrl("ftp.example.com/file")).toEqual({ ok: false, code: 1, message: "Protocol ftp not supported or disabled in libcurl" });
  });
});

describe("resolveLocation", () => {
  const base = ok("http://x.example:8080/a/b/c?q=1");
  it("handles absolute, protocol-relative, absolute-path, query-only and relative locations", () => {
    expect(resolveLocation(base, "https://edition.cnn.com/politics")).toBe("https://edition.cnn.com/politics");
    expect(resolveLocation(base, "//y.example/z")).toBe("http://y.example/z");
    expect(resolveLocation(base, "/root")).toBe("http://x.example:8080/root");
    expect(resolveLocation(base, "?p=2")).toBe("http://x.example:8080/a/b/c?p=2");
    expect(resolveLocation(base, "d")).toBe("http://x.example:8080/a/b/d");
    expect(resolveLocation(base, "../d")).toBe("http://x.example:8080/a/d");
  });

  it("escapes spaces: %20 in the path, + in the query", () => {
    expect(resolveLocation(base, "/a b?c d")).toBe("http://x.example:8080/a%20b?c+d");
  });
});

describe("curlEscape", () => {
  it("keeps only unreserved characters", () => {
    expect(curlEscape("rate(istio_request_count[1m]) é")).toBe("rate%28istio_request_count%5B1m%5D%29%20%C3%A9");
  });
});
