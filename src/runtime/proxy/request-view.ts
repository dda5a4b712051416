/**
 * How a proxy reads and rewrites a request: its authority, the view route matching uses, and
 * the headers Envoy adds when forwarding (x-request-id, x-forwarded-proto, x-envoy-*, B3).
 */
import { isHeaderName, lowerHeaderName } from "./header-names.ts";
import type { Header, HttpRequest } from "./http.ts";
import type { RouteAction, CompiledRoute, RouteRequestView } from "./route-table.ts";
import { pathWithoutQuery } from "./string-match.ts";
import { isHopByHop } from "./envoy-replies.ts";

/** `:authority`: the Host header as sent (curl omits the port when it is the scheme's default). */
export function authorityOf(request: HttpRequest): string {
  for (const h of request.headers) if (isHeaderName(h.name, "host")) return h.value;
  const defaultPort = request.scheme === "https" ? 443 : 80;
  return request.port === defaultPort ? request.host : `${request.host}:${request.port}`;
}

export function findHeader(headers: readonly Header[], lowerName: string): string | undefined {
  for (const h of headers) if (isHeaderName(h.name, lowerName)) return h.value;
  return undefined;
}

/** What route matching reads of a request (a class: one allocation, no per-request closure). */
class RouteView implements RouteRequestView {
  readonly path: string;
  readonly pathNoQuery: string;
  readonly method: string;
  readonly scheme = "http";

  constructor(private readonly request: HttpRequest, readonly authority: string) {
    this.path = request.path;
    this.pathNoQuery = pathWithoutQuery(request.path);
    this.method = request.method;
  }

  header(lower: string): string | undefined {
    if (lower === ":authority" || lower === "host") return this.authority;
    if (lower === ":path") return this.path;
    if (lower === ":method") return this.method;
    return findHeader(this.request.headers, lower);
  }
}

export function routeView(request: HttpRequest, authority: string): RouteRequestView {
  return new RouteView(request, authority);
}

/**
 * `headers` with the caller's address appended to X-Forwarded-For (the first occurrence, keeping
 * its spelling) or a new `x-forwarded-for`: a copy, built in one pass.
 */
export function withForwardedFor(headers: readonly Header[], ip: string): Header[] {
  const out = new Array<Header>(headers.length + 1);
  let found = false;
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i];
    if (!found && isHeaderName(h.name, "x-forwarded-for")) {
      found = true;
      out[i] = { name: h.name, value: h.value ? `${h.value}, ${ip}` : ip };
    } else out[i] = h;
  }
  if (found) out.length = headers.length;
  else out[headers.length] = { name: "x-forwarded-for", value: ip };
  return out;
}

/**
 * Where `forwardedRequest` assembles headers before copying them out at their exact count: one
 * array per request, neither regrown by appends nor truncated. Only ever read up to the count
 * being built, so what previous requests left beyond it does not matter.
 */
const assembling: Header[] = [];

/**
 * Sets `header`'s value in `headers[0, n)`: replaces the first header of that name (keeping its
 * spelling), or appends `header` itself. Returns the new count.
 */
function setHeaderAt(headers: Header[], n: number, lower: string, header: Header): number {
  for (let i = 0; i < n; i++) {
    const existing = headers[i];
    if (isHeaderName(existing.name, lower)) {
      headers[i] = { name: existing.name, value: header.value };
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
  return { method: request.method, scheme: request.scheme, host: request.host, port: request.port, path, headers: headers.slice(0, n), body: request.body };
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

/** The path as Envoy's access log prints it: X-ENVOY-ORIGINAL-PATH if set, else :path. */
export function loggedPath(request: HttpRequest): string {
  return findHeader(request.headers, "x-envoy-original-path") ?? request.path;
}
