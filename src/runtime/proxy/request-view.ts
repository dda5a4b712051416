/**
 * How a proxy reads and rewrites a request: its authority, the view route matching uses, and
 * the headers Envoy adds when forwarding (x-request-id, x-forwarded-proto, x-envoy-*, B3).
 */
import { isHeaderName, lowerHeaderName } from "./header-names.ts";
import type { Header, HttpRequest } from "./http.ts";
import type { RouteAction, CompiledRoute, RouteRequestView } from "./route-table.ts";
import { pathWithoutQuery } from "./string-match.ts";
import { isHopByHop } from "./envoy-replies.ts";
import type { RequestHeaderFields } from "./request-header-fields.ts";

/** `:authority`: the Host header as sent (curl omits the port when it is the scheme's default). */
export function authorityOf(request: HttpRequest, fields: RequestHeaderFields): string {
  if (fields.host !== undefined) return fields.host;
  const defaultPort = request.scheme === "https" ? 443 : 80;
  return request.port === defaultPort ? request.host : `${request.host}:${request.port}`;
}

export function findHeader(headers: readonly Header[], lowerName: string): string | undefined {
  for (const h of headers) if (isHeaderName(h.name, lowerName)) return h.value;
  return undefined;
}

/** What route matching reads of a request, and the request for reading other headers. */
interface RouteView extends RouteRequestView {
  readonly request: HttpRequest;
}

/**
 * `RouteView.header`, one function shared by every view: no per-request closure. (A literal,
 * not a class instance: a class instance's shape is reachable only through weak transitions, so
 * a full GC between requests dropped it and deoptimized the router.)
 */
function routeViewHeader(this: RouteView, lower: string): string | undefined {
  if (lower === ":authority" || lower === "host") return this.authority;
  if (lower === ":path") return this.path;
  if (lower === ":method") return this.method;
  return findHeader(this.request.headers, lower);
}

export function routeView(request: HttpRequest, authority: string): RouteRequestView {
  const view: RouteView = {
    path: request.path, pathNoQuery: pathWithoutQuery(request.path), method: request.method, authority, scheme: "http", request,
    header: routeViewHeader,
  };
  return view;
}

/**
 * `request` with the caller's address appended to its first X-Forwarded-For (keeping its
 * spelling), or in a new `x-forwarded-for` at the end; `fields`, `request`'s, now describe it.
 */
export function withForwardedFor(request: HttpRequest, fields: RequestHeaderFields, ip: string): HttpRequest {
  const source = request.headers;
  let headers: Header[];
  let at = fields.forwardedForAt;
  if (at < 0) {
    at = source.length;
    headers = new Array<Header>(at + 1);
    for (let i = 0; i < at; i++) headers[i] = source[i];
    headers[at] = { name: "x-forwarded-for", value: ip };
  } else {
    headers = source.slice();
    const h = source[at];
    headers[at] = { name: h.name, value: h.value ? `${h.value}, ${ip}` : ip };
  }
  fields.forwardedForAt = at;
  fields.forwardedFor = headers[at].value;
  return { method: request.method, scheme: request.scheme, host: request.host, port: request.port, path: request.path, headers, body: request.body };
}

/**
 * Where `forwardedRequest` assembles headers before copying them out at their exact count: one
 * array per request, neither regrown by appends nor truncated. Only ever read up to the count
 * being built, so what previous requests left beyond it does not matter.
 */
const assembling: Header[] = [];

/**
 * Sets `header`'s value in `headers[0, n)`: replaces the first header of that name (keeping its
 * spelling; kept as it is when it has that value already, as the previous proxy's timeout header
 * mostly has), or appends `header` itself. Returns the new count.
 */
function setHeaderAt(headers: Header[], n: number, lower: string, header: Header): number {
  for (let i = 0; i < n; i++) {
    const existing = headers[i];
    if (isHeaderName(existing.name, lower)) {
      if (existing.value !== header.value) headers[i] = { name: existing.name, value: header.value };
      return n;
    }
  }
  headers[n] = header;
  return n + 1;
}

/** The request a proxy sends upstream after a route matched: rewrites applied, Envoy's headers added. */
export function forwardedRequest(
  request: HttpRequest,
  route: CompiledRoute,
  action: Extract<RouteAction, { kind: "route" }>,
  extra: readonly Header[],
): HttpRequest {
  const source = request.headers;
  const headers = assembling;
  let n = 0;
  for (let i = 0; i < source.length; i++) if (!isHopByHop(source[i].name)) headers[n++] = source[i];
  let path = request.path;
  if (action.rewriteUri !== undefined) {
    const consumed = route.prefixLength ?? pathWithoutQuery(request.path).length;
    path = action.rewriteUri + request.path.slice(consumed);
    let hasOriginalPath = false;
    for (let i = 0; i < n && !hasOriginalPath; i++) hasOriginalPath = isHeaderName(headers[i].name, "x-envoy-original-path");
    if (!hasOriginalPath) headers[n++] = { name: "x-envoy-original-path", value: request.path };
  }
  if (action.rewriteAuthority !== undefined) n = setHeaderAt(headers, n, "host", { name: "host", value: action.rewriteAuthority });
  // An extra header is appended as it is (the proxy made it for this request, and headers are never changed in place).
  for (let i = 0; i < extra.length; i++) n = setHeaderAt(headers, n, lowerHeaderName(extra[i].name), extra[i]);
  n = setHeaderAt(headers, n, "x-envoy-expected-rq-timeout-ms", timeoutHeader(action.timeoutMicros));
  // Requests are never changed in place, so one that forwarding left as it was goes on as it
  // is: the egress gateway forwards what the sidecar sent, timeout header included.
  if (path === request.path && isSameHeaders(headers, n, source)) return request;
  return { method: request.method, scheme: request.scheme, host: request.host, port: request.port, path, headers: headers.slice(0, n), body: request.body };
}

/** Whether `headers[0, n)` are `source`'s header objects, all of them, in order. */
function isSameHeaders(headers: readonly Header[], n: number, source: readonly Header[]): boolean {
  if (n !== source.length) return false;
  for (let i = 0; i < n; i++) if (headers[i] !== source[i]) return false;
  return true;
}

/** Route timeouts come from config: a few distinct values, each header made once (frozen: shared by requests). */
const timeoutHeaders = new Map<number, Header>();

function timeoutHeader(micros: number): Header {
  let header = timeoutHeaders.get(micros);
  if (header === undefined) {
    header = Object.freeze({ name: "x-envoy-expected-rq-timeout-ms", value: String(Math.round(micros / 1000)) });
    if (timeoutHeaders.size < 256) timeoutHeaders.set(micros, header);
  }
  return header;
}

/**
 * The path as Envoy's access log prints it, `%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%` of the request
 * as the router left it: the X-Envoy-Original-Path it arrived with, or else the path it arrived
 * with (a rewrite keeps that in a new X-Envoy-Original-Path).
 */
export function loggedPath(request: HttpRequest, fields: RequestHeaderFields): string {
  return fields.originalPath ?? request.path;
}
