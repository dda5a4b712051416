/** The emulated internet: DNS, CNN's front, httpbin's echo, transport failures, lazy bodies. */
import { describe, expect, it } from "vitest";
import { Internet } from "../../../src/runtime/internet/internet.ts";
import type { Site } from "../../../src/runtime/internet/site.ts";
import type { HttpRequest, HttpResponse } from "../../../src/runtime/proxy/http.ts";

const ctx = { nowMicros: Date.UTC(2018, 5, 18, 13, 22, 58) * 1000 + 317448, clientIp: "35.205.114.22" };

function get(host: string, path: string, headers: Record<string, string> = {}, method = "GET"): HttpRequest {
  return {
    method, scheme: "http", host, port: 80, path, body: "",
    headers: [{ name: "Host", value: host }, { name: "User-Agent", value: "curl/7.35.0" }, { name: "Accept", value: "*/*" }, ...Object.entries(headers).map(([name, value]) => ({ name, value }))],
  };
}

function ok(reply: ReturnType<Internet["serve"]>): HttpResponse {
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.response;
}

const h = (r: HttpResponse, name: string) => r.headers.find((x) => x.name === name)?.value;

describe("DNS", () => {
  const net = new Internet();
  it("resolves the stand-in hosts to stable public addresses, and nothing else", () => {
    expect(net.resolve("edition.cnn.com")).toBe("151.101.1.67");
    expect(net.resolveAll("edition.cnn.com")).toEqual(["151.101.1.67", "151.101.65.67", "151.101.129.67", "151.101.193.67"]);
    expect(net.resolve("EDITION.CNN.COM.")).toBe("151.101.1.67");
    expect(net.resolve("httpbin.org")).toBeDefined();
    expect(net.resolve("www.google.com")).toBeDefined();
    expect(net.resolve("www.example.org")).toBe("93.184.216.34");
    expect(net.resolve("no-such-host.example")).toBeUndefined();
    expect(net.resolve("8.8.8.8")).toBe("8.8.8.8");
  });
});

describe("edition.cnn.com", () => {
  const net = new Internet();
  it(":80 redirects every path to HTTPS with Fastly's headers in their own case", () => {
    const r = ok(net.serve("edition.cnn.com", 80, false, get("edition.cnn.com", "/politics?x=1"), ctx));
    expect(r.status).toBe(301);
    expect(r.statusText).toBe("Moved Permanently");
    expect(h(r, "Location")).toBe("https://edition.cnn.com/politics?x=1");
    expect(h(r, "Server")).toBe("Varnish");
    expect(h(r, "Content-Length")).toBe("0");
    expect(h(r, "Date")).toBe("Mon, 18 Jun 2018 13:22:58 GMT");
    expect(r.body.size).toBe(0);
  });

  it(":443 serves the section pages with the blog's sizes, and a 404 page otherwise", () => {
    for (const [path, size] of [["/politics", 150448], ["/sport", 358651], ["/health", 332218]] as const) {
      const r = ok(net.serve("151.101.65.67", 443, true, get("edition.cnn.com", path), ctx));
      expect(r.status).toBe(200);
      expect(r.body.size).toBe(size);
      expect(h(r, "Content-Length")).toBe(String(size));
      expect(h(r, "Content-Type")).toBe("text/html; charset=utf-8");
    }
    const home = ok(net.serve("edition.cnn.com", 443, true, get("edition.cnn.com", "/"), ctx));
    expect(home.status).toBe(200);
    const missing = ok(net.serve("edition.cnn.com", 443, true, get("edition.cnn.com", "/no/such/page"), ctx));
    expect(missing.status).toBe(404);
    expect(missing.body.size).toBeGreaterThan(0);
  });

  it("page bodies are built lazily, deterministic, and exactly Content-Length bytes", () => {
    const a = ok(net.serve("edition.cnn.com", 443, true, get("edition.cnn.com", "/politics"), ctx));
    const b = ok(new Internet().serve("edition.cnn.com", 443, true, get("edition.cnn.com", "/politics"), ctx));
    const text = a.body.text();
    expect(new TextEncoder().encode(text).length).toBe(150448);
    expect(text).toBe(b.body.text());
    expect(text.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(text).toContain("<title>CNN Politics");
  });

  it("HEAD keeps the headers and drops the body", () => {
    const r = ok(net.serve("edition.cnn.com", 443, true, get("edition.cnn.com", "/sport", {}, "HEAD"), ctx));
    expect(h(r, "Content-Length")).toBe("358651");
    expect(r.body.size).toBe(0);
  });
});

describe("transport failures", () => {
  const net = new Internet();
  it("plain HTTP on a TLS port gets the 400 such ports send", () => {
    const r = ok(net.serve("edition.cnn.com", 443, false, get("edition.cnn.com", "/politics"), ctx));
    expect(r.status).toBe(400);
    expect(r.body.text()).toContain("The plain HTTP request was sent to HTTPS port");
  });

  it("TLS to a plain port fails the handshake the way curl 7.35 reports it", () => {
    const reply = net.serve("edition.cnn.com", 80, true, get("edition.cnn.com", "/"), ctx);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.failure).toBe("tls-handshake");
    expect(reply.error).toEqual({ curlCode: 35, message: "error:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:unknown protocol" });
  });

  it("a closed port refuses; an unknown address never answers", () => {
    const refused = net.serve("edition.cnn.com", 8080, false, get("edition.cnn.com", "/"), ctx);
    expect(!refused.ok && refused.error).toEqual({ curlCode: 7, message: "Failed to connect to edition.cnn.com port 8080: Connection refused" });
    const unreachable = net.serve("192.0.2.1", 80, false, get("192.0.2.1", "/"), ctx);
    expect(!unreachable.ok && unreachable.failure).toBe("unreachable");
  });
});

describe("httpbin.org (2018)", () => {
  const net = new Internet();
  it("/get echoes args, Title-Cased sorted headers (proxy headers hidden), origin and url", () => {
    const r = ok(net.serve("httpbin.org", 80, false, get("httpbin.org", "/get?b=2&a=1&a=3", { "x-request-id": "abc", "x-b3-traceid": "1234", "X-Forwarded-For": "172.30.146.87" }), ctx));
    expect(h(r, "Content-Type")).toBe("application/json");
    expect(h(r, "Server")).toBe("gunicorn/19.8.1");
    const text = r.body.text();
    expect(text).toBe(
      '{\n  "args": {\n    "a": [\n      "1",\n      "3"\n    ],\n    "b": "2"\n  },\n  "headers": {\n' +
      '    "Accept": "*/*",\n    "Connection": "close",\n    "Host": "httpbin.org",\n    "User-Agent": "curl/7.35.0",\n    "X-B3-Traceid": "1234"\n  },\n' +
      '  "origin": "172.30.146.87, 35.205.114.22",\n  "url": "http://httpbin.org/get?b=2&a=1&a=3"\n}\n',
    );
    expect(r.body.size).toBe(new TextEncoder().encode(text).length);
    expect(h(r, "Content-Length")).toBe(String(r.body.size));
  });

  it("/headers, /ip, /status/N, /delay/N, /html", () => {
    expect(JSON.parse(ok(net.serve("httpbin.org", 80, false, get("httpbin.org", "/headers"), ctx)).body.text()).headers.Host).toBe("httpbin.org");
    expect(JSON.parse(ok(net.serve("httpbin.org", 80, false, get("httpbin.org", "/ip"), ctx)).body.text())).toEqual({ origin: "35.205.114.22" });
    expect(ok(net.serve("httpbin.org", 80, false, get("httpbin.org", "/status/503"), ctx)).status).toBe(503);
    expect(ok(net.serve("httpbin.org", 80, false, get("httpbin.org", "/status/418"), ctx)).body.text()).toContain("teapot");
    const delayed = net.serve("httpbin.org", 80, false, get("httpbin.org", "/delay/5"), ctx);
    expect(delayed.ok && delayed.delayMicros).toBe(5_000_000);
    const html = ok(net.serve("httpbin.org", 443, true, get("httpbin.org", "/html"), ctx));
    expect(html.body.size).toBe(3741);
    expect(ok(net.serve("httpbin.org", 80, false, get("httpbin.org", "/nope"), ctx)).status).toBe(404);
  });
});

describe("data-driven hosts", () => {
  it("lessons can add a site", () => {
    const net = new Internet();
    const site: Site = {
      names: ["api.example.net"], ips: ["198.51.100.7"], timing: { rttMicros: 1000, thinkMicros: 1000, bytesPerSecond: 1e6 },
      ports: [{ port: 80, tls: false, handler: () => ({ status: 204, statusText: "No Content", headers: [], body: { size: 0, text: () => "" } }) }],
    };
    net.addSite(site);
    expect(net.resolve("api.example.net")).toBe("198.51.100.7");
    expect(ok(net.serve("api.example.net", 80, false, get("api.example.net", "/"), ctx)).status).toBe(204);
  });
});
