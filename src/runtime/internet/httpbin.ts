/**
 * httpbin.org as of mid-2018 (Flask httpbin behind Heroku's router): endpoints that echo the
 * request as sorted, 2-space-indented JSON with Werkzeug's Title-Cased header names, and hide
 * the proxy headers httpbin always hid (X-Forwarded-For, X-Request-Id, Via...).
 */
import type { Header, HttpRequest, HttpResponse } from "../proxy/http.ts";
import { httpDate } from "./http-date.ts";
import { lazyBody, utf8Length } from "./lazy-body.ts";
import { statusText } from "./status-text.ts";
import type { OriginContext, OriginResponse, Site } from "./site.ts";

/** Headers httpbin filtered out of `headers` unless `?show_env=1`. */
const HIDDEN = new Set([
  "x-varnish", "x-request-start", "x-heroku-queue-depth", "x-real-ip", "x-forwarded-proto", "x-forwarded-protocol",
  "x-forwarded-ssl", "x-heroku-queue-wait-time", "x-forwarded-for", "x-heroku-dynos-in-use", "x-forwarded-port",
  "x-request-id", "via", "total-route-time", "connect-time",
]);

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** Python's json.dumps(indent=2, sort_keys=True) for our data shapes, plus httpbin's trailing newline. */
function dumps(value: Json): string {
  return JSON.stringify(sortKeys(value), null, 2) + "\n";
}

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    const out: { [k: string]: Json } = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
    return out;
  }
  return v;
}

/** Werkzeug's `X-B3-Traceid` style: each dash-separated word capitalised, the rest lower-case. */
function werkzeugName(name: string): string {
  return name.toLowerCase().split("-").map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w)).join("-");
}

function splitPath(path: string): { route: string; query: string } {
  const q = path.indexOf("?");
  return q < 0 ? { route: path, query: "" } : { route: path.slice(0, q), query: path.slice(q + 1) };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

function parseArgs(query: string): { [k: string]: Json } {
  const args: { [k: string]: Json } = {};
  if (!query) return args;
  for (const pair of query.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const k = decode(eq < 0 ? pair : pair.slice(0, eq));
    const v = eq < 0 ? "" : decode(pair.slice(eq + 1));
    const prev = args[k];
    if (prev === undefined) args[k] = v;
    else args[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return args;
}

function echoedHeaders(req: HttpRequest, showEnv: boolean): { [k: string]: string } {
  const out: { [k: string]: string } = {};
  for (const h of req.headers) {
    const lower = h.name.toLowerCase();
    if (!showEnv && HIDDEN.has(lower)) continue;
    const name = werkzeugName(h.name);
    out[name] = out[name] === undefined ? h.value : `${out[name]},${h.value}`;
  }
  // Heroku's router closed the connection to the dyno.
  out["Connection"] = "close";
  if (req.body && out["Content-Length"] === undefined) out["Content-Length"] = String(utf8Length(req.body));
  return out;
}

/** `origin`: the X-Forwarded-For chain the client sent, then the address the router saw. */
function origin(req: HttpRequest, ctx: OriginContext): string {
  const xff = req.headers.find((h) => h.name.toLowerCase() === "x-forwarded-for")?.value;
  return xff ? `${xff}, ${ctx.clientIp}` : ctx.clientIp;
}

function url(req: HttpRequest, ctx: OriginContext): string {
  const host = req.headers.find((h) => h.name.toLowerCase() === "host")?.value ?? req.host;
  return `${ctx.tls ? "https" : "http"}://${host}${req.path}`;
}

function respond(status: number, ctx: OriginContext, contentType: string, text: string, extra: Header[] = []): HttpResponse {
  const size = utf8Length(text);
  return {
    status,
    statusText: statusText(status),
    headers: [
      { name: "Connection", value: "keep-alive" },
      { name: "Server", value: "gunicorn/19.8.1" },
      { name: "Date", value: httpDate(ctx.nowMicros) },
      ...(contentType ? [{ name: "Content-Type", value: contentType }] : []),
      { name: "Content-Length", value: String(size) },
      ...extra,
      { name: "Access-Control-Allow-Origin", value: "*" },
      { name: "Access-Control-Allow-Credentials", value: "true" },
      { name: "Via", value: "1.1 vegur" },
    ],
    body: lazyBody(size, () => text),
  };
}

const NOT_FOUND_HTML =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' +
  "<p>The requested URL was not found on the server.  If you entered the URL manually please check your spelling and try again.</p>\n";

const METHOD_NOT_ALLOWED_HTML =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n' +
  "<p>The method is not allowed for the requested URL.</p>\n";

const TEAPOT =
  "\n    -=[ teapot ]=-\n\n       _...._\n     .'  _ _ `.\n    | .\"` ^ `\". _,\n    \\_;`\"---\"`|//\n      |       ;/\n      \\_     _/\n        `\"\"\"`\n";

/** The /html page: a fixed-size document standing in for httpbin's Moby-Dick excerpt. */
const HTML_PAGE = (() => {
  const head = "<!DOCTYPE html>\n<html>\n  <head>\n  </head>\n  <body>\n      <h1>Herman Melville - Moby-Dick</h1>\n\n      <div>\n        <p>\n";
  const tail = "\n        </p>\n      </div>\n  </body>\n</html>";
  const line = "          Availing himself of the mild, summer-cool weather that now reigned in these latitudes.\n";
  let text = head;
  while (text.length + line.length + tail.length <= 3741) text += line;
  return text + " ".repeat(3741 - text.length - tail.length) + tail;
})();

function echo(req: HttpRequest, ctx: OriginContext, fields: ("args" | "headers" | "origin" | "url" | "data" | "files" | "form" | "json" | "method")[]): string {
  const { query } = splitPath(req.path);
  const args = parseArgs(query);
  const showEnv = args["show_env"] !== undefined;
  const out: { [k: string]: Json } = {};
  for (const f of fields) {
    switch (f) {
      case "args": out.args = args; break;
      case "headers": out.headers = echoedHeaders(req, showEnv); break;
      case "origin": out.origin = origin(req, ctx); break;
      case "url": out.url = url(req, ctx); break;
      case "data": out.data = req.body; break;
      case "files": out.files = {}; break;
      case "form": out.form = {}; break;
      case "json": {
        let parsed: Json = null;
        try { parsed = req.body ? (JSON.parse(req.body) as Json) : null; } catch { parsed = null; }
        out.json = parsed;
        break;
      }
      case "method": out.method = req.method; break;
    }
  }
  return dumps(out);
}

function handle(req: HttpRequest, ctx: OriginContext): OriginResponse {
  const { route } = splitPath(req.path);
  const json = "application/json";
  const get = req.method === "GET" || req.method === "HEAD";
  const onlyGet = (body: () => string): OriginResponse =>
    get ? respond(200, ctx, json, body()) : respond(405, ctx, "text/html", METHOD_NOT_ALLOWED_HTML, [{ name: "Allow", value: "HEAD, OPTIONS, GET" }]);

  if (route === "/get") return onlyGet(() => echo(req, ctx, ["args", "headers", "origin", "url"]));
  if (route === "/headers") return onlyGet(() => dumps({ headers: echoedHeaders(req, false) }));
  if (route === "/ip") return onlyGet(() => dumps({ origin: origin(req, ctx) }));
  if (route === "/user-agent") {
    const ua = req.headers.find((h) => h.name.toLowerCase() === "user-agent")?.value ?? null;
    return onlyGet(() => dumps({ "user-agent": ua }));
  }
  if (route === "/html") return get ? respond(200, ctx, "text/html; charset=utf-8", HTML_PAGE) : respond(405, ctx, "text/html", METHOD_NOT_ALLOWED_HTML);
  if (route === "/post") {
    return req.method === "POST"
      ? respond(200, ctx, json, echo(req, ctx, ["args", "data", "files", "form", "headers", "json", "origin", "url"]))
      : respond(405, ctx, "text/html", METHOD_NOT_ALLOWED_HTML, [{ name: "Allow", value: "POST, OPTIONS" }]);
  }
  if (route === "/anything" || route.startsWith("/anything/")) {
    return respond(200, ctx, json, echo(req, ctx, ["args", "data", "files", "form", "headers", "json", "method", "origin", "url"]));
  }
  let m = /^\/delay\/(\d+(?:\.\d+)?)$/.exec(route);
  if (m) {
    const seconds = Math.min(10, Number(m[1]));
    const r: OriginResponse = respond(200, ctx, json, echo(req, ctx, ["args", "data", "files", "form", "headers", "origin", "url"]));
    r.delayMicros = Math.round(seconds * 1_000_000);
    return r;
  }
  m = /^\/status\/(\d{3})$/.exec(route);
  if (m) {
    const code = Number(m[1]);
    if (code === 418) return respond(418, ctx, "", TEAPOT, [{ name: "x-more-info", value: "http://tools.ietf.org/html/rfc2324" }]);
    const extra: Header[] = code >= 300 && code < 400 && code !== 304 ? [{ name: "Location", value: "/redirect/1" }] : [];
    return respond(code, ctx, "text/html; charset=utf-8", "", extra);
  }
  return respond(404, ctx, "text/html", NOT_FOUND_HTML);
}

export function httpbinSite(): Site {
  return {
    names: ["httpbin.org", "www.httpbin.org"],
    ips: ["52.22.188.80", "52.202.60.111"],
    ports: [
      { port: 80, tls: false, handler: handle },
      { port: 443, tls: true, handler: handle },
    ],
    // us-east-1 from a European cluster: a long round trip, a quick server.
    timing: { rttMicros: 95_000, thinkMicros: 3_000, bytesPerSecond: 2_000_000 },
  };
}
