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

/** Returns `headers` with `name` set (replacing the first occurrence, case-insensitively). */
export function withHeader(headers: Header[], name: string, value: string): Header[] {
  return setHeader(headers, lowerHeaderName(name), name, value);
}

/** `withHeader` for a name already in lower case. */
function setLowerHeader(headers: Header[], lower: string, value: string): Header[] {
  return setHeader(headers, lower, lower, value);
}

function setHeader(headers: Header[], lower: string, name: string, value: string): Header[] {
  let i = -1;
  for (let j = 0; j < headers.length && i < 0; j++) if (isHeaderName(headers[j].name, lower)) i = j;
  if (i >= 0) headers[i] = { name: headers[i].name, value };
  else headers.push({ name, value });
  return headers;
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

/** The request a proxy sends upstream after a route matched: rewrites applied, Envoy's headers added. */
export function forwardedRequest(
  request: HttpRequest,
  route: CompiledRoute,
  action: Extract<RouteAction, { kind: "route" }>,
  extra: readonly Header[],
): HttpRequest {
  const source = request.headers;
  // Sized for every header Envoy may add (original path, host, extras, timeout): no regrowth.
  const headers = new Array<Header>(source.length + extra.length + 3);
  let n = 0;
  for (let i = 0; i < source.length; i++) if (!isHopByHop(source[i].name)) headers[n++] = source[i];
  headers.length = n;
  let path = request.path;
  if (action.rewriteUri !== undefined) {
    const consumed = route.prefixLength ?? pathWithoutQuery(request.path).length;
    path = action.rewriteUri + request.path.slice(consumed);
    if (findHeader(headers, "x-envoy-original-path") === undefined) headers.push({ name: "x-envoy-original-path", value: request.path });
  }
  if (action.rewriteAuthority !== undefined) withHeader(headers, "host", action.rewriteAuthority);
  for (let i = 0; i < extra.length; i++) withHeader(headers, extra[i].name, extra[i].value);
  setLowerHeader(headers, "x-envoy-expected-rq-timeout-ms", timeoutMs(action.timeoutMicros));
  return { method: request.method, scheme: request.scheme, host: request.host, port: request.port, path, headers, body: request.body };
}

/** Route timeouts come from config: a few distinct values, formatted once each. */
const timeoutTexts = new Map<number, string>();

function timeoutMs(micros: number): string {
  let text = timeoutTexts.get(micros);
  if (text === undefined) {
    text = String(Math.round(micros / 1000));
    if (timeoutTexts.size < 256) timeoutTexts.set(micros, text);
  }
  return text;
}

/** The path as Envoy's access log prints it: X-ENVOY-ORIGINAL-PATH if set, else :path. */
export function loggedPath(request: HttpRequest): string {
  return findHeader(request.headers, "x-envoy-original-path") ?? request.path;
}
