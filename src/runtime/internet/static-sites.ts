/**
 * Two more hosts the Istio egress tasks of 2018 used: www.google.com (the HTTPS example) and
 * www.example.org (IANA's reserved example page). Small, fixed pages.
 */
import type { HttpRequest, HttpResponse } from "../proxy/http.ts";
import { httpDate } from "./http-date.ts";
import { lazyBody, utf8Length } from "./lazy-body.ts";
import type { OriginContext, Site } from "./site.ts";

const EXAMPLE_HTML =
  "<!doctype html>\n<html>\n<head>\n    <title>Example Domain</title>\n\n    <meta charset=\"utf-8\" />\n" +
  "    <meta http-equiv=\"Content-type\" content=\"text/html; charset=utf-8\" />\n" +
  "    <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n</head>\n\n<body>\n<div>\n" +
  "    <h1>Example Domain</h1>\n    <p>This domain is established to be used for illustrative examples in documents. " +
  "You may use this\n    domain in examples without prior coordination or asking for permission.</p>\n" +
  "    <p><a href=\"http://www.iana.org/domains/example\">More information...</a></p>\n</div>\n</body>\n</html>\n";

function pathOnly(path: string): string {
  const q = path.indexOf("?");
  return q < 0 ? path : path.slice(0, q);
}

function exampleOrg(req: HttpRequest, ctx: OriginContext): HttpResponse {
  const found = pathOnly(req.path) === "/" || pathOnly(req.path) === "/index.html";
  const size = utf8Length(EXAMPLE_HTML);
  return {
    status: found ? 200 : 404,
    statusText: found ? "OK" : "Not Found",
    headers: [
      { name: "Cache-Control", value: "max-age=604800" },
      { name: "Content-Type", value: "text/html; charset=UTF-8" },
      { name: "Date", value: httpDate(ctx.nowMicros) },
      { name: "Etag", value: "\"1541025663+ident\"" },
      { name: "Expires", value: httpDate(ctx.nowMicros + 604_800_000_000) },
      { name: "Last-Modified", value: "Fri, 09 Aug 2013 23:54:35 GMT" },
      { name: "Server", value: "ECS (dca/24A0)" },
      { name: "Vary", value: "Accept-Encoding" },
      { name: "X-Cache", value: found ? "HIT" : "404-HIT" },
      { name: "Content-Length", value: String(size) },
    ],
    body: lazyBody(size, () => EXAMPLE_HTML),
  };
}

const GOOGLE_SIZE = 11_364;

function googleHome(req: HttpRequest, ctx: OriginContext): HttpResponse {
  const text = googlePage();
  return {
    status: 200,
    statusText: "OK",
    headers: [
      { name: "Date", value: httpDate(ctx.nowMicros) },
      { name: "Expires", value: "-1" },
      { name: "Cache-Control", value: "private, max-age=0" },
      { name: "Content-Type", value: "text/html; charset=ISO-8859-1" },
      { name: "P3P", value: "CP=\"This is not a P3P policy! See g.co/p3phelp for more info.\"" },
      { name: "Server", value: "gws" },
      { name: "X-XSS-Protection", value: "1; mode=block" },
      { name: "X-Frame-Options", value: "SAMEORIGIN" },
      { name: "Accept-Ranges", value: "none" },
      { name: "Vary", value: "Accept-Encoding" },
      { name: "Content-Length", value: String(GOOGLE_SIZE) },
    ],
    body: req.method === "HEAD" ? lazyBody(0, () => "") : lazyBody(GOOGLE_SIZE, () => text),
  };
}

function googlePage(): string {
  const head = "<!doctype html><html itemscope=\"\" itemtype=\"http://schema.org/WebPage\" lang=\"en\"><head><meta content=\"Search the world's information, including webpages, images, videos and more.\" name=\"description\"><title>Google</title></head><body bgcolor=\"#fff\">";
  const tail = "</body></html>";
  return head + "<!--" + " ".repeat(GOOGLE_SIZE - head.length - tail.length - 7) + "-->" + tail;
}

export function googleSite(): Site {
  return {
    names: ["www.google.com", "google.com"],
    ips: ["172.217.22.4"],
    ports: [
      { port: 80, tls: false, handler: googleHome },
      { port: 443, tls: true, handler: googleHome },
    ],
    timing: { rttMicros: 4_000, thinkMicros: 25_000, bytesPerSecond: 8_000_000 },
  };
}

export function exampleOrgSite(): Site {
  return {
    names: ["www.example.org", "example.org", "www.example.com", "example.com"],
    ips: ["93.184.216.34"],
    ports: [
      { port: 80, tls: false, handler: exampleOrg },
      { port: 443, tls: true, handler: exampleOrg },
    ],
    timing: { rttMicros: 85_000, thinkMicros: 1_000, bytesPerSecond: 3_000_000 },
  };
}
