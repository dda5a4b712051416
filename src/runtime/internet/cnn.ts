/**
 * edition.cnn.com as a 2018 client met it: Fastly (Varnish) in front, plain HTTP on :80
 * answering 301 to the HTTPS URL, HTTPS on :443 serving the section pages. Header names keep
 * CNN's own capitalisation; they only turn lower-case after passing through Envoy.
 */
import type { Header, HttpRequest, HttpResponse, ResponseBody } from "../proxy/http.ts";
import { headerValue } from "../proxy/http.ts";
import { httpDate } from "./http-date.ts";
import { lazyBody } from "./lazy-body.ts";
import { generatePage, seedOf } from "./generated-page.ts";
import type { OriginContext, Site } from "./site.ts";

interface CnnPage {
  title: string;
  size: number;
  age: number;
}

/** Sizes of the blog's three sections are those of its first log sample. */
const PAGES: Readonly<Record<string, CnnPage>> = {
  "/": { title: "CNN International - Breaking News, US News, World News and Video", size: 1_034_412, age: 41 },
  "/politics": { title: "CNN Politics - Political News, Analysis and Opinion", size: 150_448, age: 60 },
  "/sport": { title: "Sport - CNN", size: 358_651, age: 52 },
  "/health": { title: "Health - CNN", size: 332_218, age: 37 },
  "/world": { title: "World news - CNN", size: 512_344, age: 29 },
  "/business": { title: "Business - CNN", size: 401_877, age: 45 },
  "/travel": { title: "CNN Travel - Latest travel news and destinations", size: 287_431, age: 33 },
  "/style": { title: "CNN Style - Fashion, Design, Art, Architecture and Luxury", size: 265_870, age: 58 },
  "/entertainment": { title: "Entertainment - CNN", size: 301_522, age: 24 },
};

const NOT_FOUND_PAGE: CnnPage = { title: "404 Page not found - CNN", size: 58_623, age: 12 };

const CSP =
  "default-src 'self' blob: https://*.cnn.com:* http://*.cnn.com:* *.cnn.io:* *.cnn.net:* *.turner.com:* *.turner.io:* " +
  "*.ugdturner.com:* courageousstudio.com *.vgtf.net:*; script-src 'unsafe-eval' 'unsafe-inline' 'self' *; " +
  "style-src 'unsafe-inline' 'self' blob: *; child-src 'self' blob: *; frame-src 'self' *; object-src 'self' *; " +
  "img-src 'self' data: blob: *; media-src 'self' data: blob: *; font-src 'self' data: *; connect-src 'self' *; " +
  "frame-ancestors 'self' https://*.cnn.com:* http://*.cnn.com https://*.cnn.io:* http://*.cnn.io:* *.turner.com:* courageousstudio.com;";

function pathOnly(path: string): string {
  const q = path.indexOf("?");
  const p = q < 0 ? path : path.slice(0, q);
  return p.length > 1 && p.endsWith("/") ? p.slice(0, -1) : p;
}

/** Fastly's `X-Timer: S<epoch seconds>.<µs>,VS0,VE<ms>`. */
function xTimer(micros: number, ve: number): string {
  const s = Math.floor(micros / 1_000_000);
  const frac = String(micros % 1_000_000).padStart(6, "0");
  return `S${s}.${frac},VS0,VE${ve}`;
}

function fastlyTail(hits: string): Header[] {
  return [
    { name: "Set-Cookie", value: "countryCode=US; Domain=.cnn.com; Path=/" },
    { name: "Set-Cookie", value: "geoData=mountain view|CA|94043|US|NA|-700|broadband; Domain=.cnn.com; Path=/" },
    { name: "X-Served-By", value: hits === "0" ? "cache-sjc3150-SJC" : "cache-iad2150-IAD, cache-sjc3150-SJC" },
    { name: "X-Cache", value: hits === "0" ? "HIT" : "HIT, HIT" },
    { name: "X-Cache-Hits", value: hits },
    { name: "X-Timer", value: "" },
  ];
}

/** The name the client asked for (Host header without its port). */
function requestHostName(req: HttpRequest): string {
  const host = headerValue(req.headers, "host") ?? req.host;
  const colon = host.lastIndexOf(":");
  return (colon > 0 ? host.slice(0, colon) : host).toLowerCase();
}

/**
 * Header lists are built once; per request only Date, X-Timer (and Location) change, so the
 * hot path copies an array instead of rebuilding thirty header objects.
 */
interface HeaderTemplate {
  headers: Header[];
  date: number;
  timer: number;
  location: number;
}

function template(headers: Header[]): HeaderTemplate {
  return {
    headers,
    date: headers.findIndex((h) => h.name === "Date"),
    timer: headers.findIndex((h) => h.name === "X-Timer"),
    location: headers.findIndex((h) => h.name === "Location"),
  };
}

function stamp(t: HeaderTemplate, ctx: OriginContext, ve: number, location?: string): Header[] {
  const headers = t.headers.slice();
  headers[t.date] = dateHeader(ctx.nowMicros);
  headers[t.timer] = { name: "X-Timer", value: xTimer(ctx.nowMicros, ve) };
  if (location !== undefined && t.location >= 0) headers[t.location] = { name: "Location", value: location };
  return headers;
}

let lastDate: Header = Object.freeze({ name: "Date", value: "" });

/** `Date`: one header per (virtual) second, shared by its responses (frozen: never changed in place). */
function dateHeader(nowMicros: number): Header {
  const value = httpDate(nowMicros);
  if (lastDate.value !== value) lastDate = Object.freeze({ name: "Date", value });
  return lastDate;
}

const REDIRECT = template([
  { name: "Server", value: "Varnish" },
  { name: "Retry-After", value: "0" },
  { name: "Content-Length", value: "0" },
  { name: "Location", value: "" },
  { name: "Accept-Ranges", value: "bytes" },
  { name: "Date", value: "" },
  { name: "Via", value: "1.1 varnish" },
  { name: "Connection", value: "close" },
  ...fastlyTail("0"),
]);

const EMPTY = lazyBody(0, () => "");

/** :80 answers every request with a redirect to the HTTPS URL. */
function redirectToHttps(req: HttpRequest, ctx: OriginContext): HttpResponse {
  return {
    status: 301,
    statusText: "Moved Permanently",
    headers: stamp(REDIRECT, ctx, 0, `https://${requestHostName(req)}${req.path || "/"}`),
    body: EMPTY,
  };
}

interface PreparedPage {
  found: boolean;
  template: HeaderTemplate;
  /** Shared by every response of the page: the text is built once, when first read. */
  body: ResponseBody;
  size: number;
}

/** Known pages by path, plus one shared entry for every unknown path (so random paths cannot grow it). */
const prepared = new Map<string, PreparedPage>();

function prepare(path: string): PreparedPage {
  const page = PAGES[path];
  const key = page ? path : "(404)";
  let p = prepared.get(key);
  if (p) return p;
  const shown = page ?? NOT_FOUND_PAGE;
  const section = page ? (path === "/" ? "index" : path.slice(1).replace(/\//g, "-")) : "errors";
  let text: string | undefined;
  p = {
    found: !!page,
    size: shown.size,
    body: lazyBody(shown.size, () => (text ??= generatePage({ size: shown.size, title: shown.title, section, seed: seedOf(key) }))),
    template: template([
      { name: "Content-Type", value: "text/html; charset=utf-8" },
      { name: "x-servedByHost", value: "::ffff:172.17.69.14" },
      { name: "access-control-allow-origin", value: "*" },
      { name: "cache-control", value: page ? "max-age=60" : "max-age=10" },
      { name: "content-security-policy", value: CSP },
      { name: "x-content-type-options", value: "nosniff" },
      { name: "x-xss-protection", value: "1; mode=block" },
      { name: "Via", value: "1.1 varnish" },
      { name: "Content-Length", value: String(shown.size) },
      { name: "Accept-Ranges", value: "bytes" },
      { name: "Date", value: "" },
      { name: "Via", value: "1.1 varnish" },
      { name: "Age", value: String(shown.age) },
      { name: "Connection", value: "keep-alive" },
      ...fastlyTail("1, 3"),
      { name: "Vary", value: "Accept-Encoding, Fastly-SSL" },
    ]),
  };
  prepared.set(key, p);
  return p;
}

function servePage(req: HttpRequest, ctx: OriginContext): HttpResponse {
  const p = prepare(pathOnly(req.path));
  return {
    status: p.found ? 200 : 404,
    statusText: p.found ? "OK" : "Not Found",
    headers: stamp(p.template, ctx, 1),
    body: p.body,
  };
}

export function cnnSite(): Site {
  return {
    names: ["edition.cnn.com", "www.cnn.com", "cnn.com"],
    // Fastly's anycast addresses for CNN in 2018 (the blog's gateway logs show .65.67 and .193.67).
    ips: ["151.101.1.67", "151.101.65.67", "151.101.129.67", "151.101.193.67"],
    ports: [
      { port: 80, tls: false, handler: redirectToHttps },
      { port: 443, tls: true, handler: servePage },
    ],
    timing: { rttMicros: 9_000, thinkMicros: 2_000, bytesPerSecond: 4_000_000 },
  };
}

/** The page sizes, for lessons and tests that want to show what a section weighs. */
export function cnnPageSize(path: string): number | undefined {
  return PAGES[pathOnly(path)]?.size;
}
