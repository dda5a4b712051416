/**
 * How a proxy reads and rewrites a request: its authority, the view route matching uses, and
 * the headers Envoy adds when forwarding (x-request-id, x-forwarded-proto, x-envoy-*, B3).
 */
import type { Header, HttpRequest } from "./http.ts";
import type { RouteAction, CompiledRoute, RouteRequestView } from "./route-table.ts";
import { pathWithoutQuery } from "./string-match.ts";
import { HOP_BY_HOP } from "./envoy-replies.ts";

/** `:authority`: the Host header as sent (curl omits the port when it is the scheme's default). */
export function authorityOf(request: HttpRequest): string {
  for (const h of request.headers) if (h.name.toLowerCase() === "host") return h.value;
  const defaultPort = request.scheme === "https" ? 443 : 80;
  return request.port === defaultPort ? request.host : `${request.host}:${request.port}`;
}

export function findHeader(headers: readonly Header[], lowerName: string): string | undefined {
  for (const h of headers) if (h.name.toLowerCase() === lowerName) return h.value;
  return undefined;
}

export function routeView(request: HttpRequest, authority: string): RouteRequestView {
  const headers = request.headers;
  return {
    path: request.path,
    pathNoQuery: pathWithoutQuery(request.path),
    method: request.method,
    authority,
    scheme: "http",
    header: (lower) => {
      if (lower === ":authority" || lower === "host") return authority;
      if (lower === ":path") return request.path;
      if (lower === ":method") return request.method;
      return findHeader(headers, lower);
    },
  };
}

/** Returns `headers` with `name` set (replacing the first occurrence, case-insensitively). */
export function withHeader(headers: Header[], name: string, value: string): Header[] {
  const lower = name.toLowerCase();
  const i = headers.findIndex((h) => h.name.toLowerCase() === lower);
  if (i >= 0) headers[i] = { name: headers[i].name, value };
  else headers.push({ name, value });
  return headers;
}

/** The request a proxy sends upstream after a route matched: rewrites applied, Envoy's headers added. */
export function forwardedRequest(
  request: HttpRequest,
  route: CompiledRoute,
  action: Extract<RouteAction, { kind: "route" }>,
  extra: readonly Header[],
): HttpRequest {
  const headers: Header[] = [];
  for (const h of request.headers) if (!HOP_BY_HOP.has(h.name.toLowerCase())) headers.push(h);
  let path = request.path;
  if (action.rewriteUri !== undefined) {
    const consumed = route.prefixLength ?? pathWithoutQuery(request.path).length;
    path = action.rewriteUri + request.path.slice(consumed);
    if (findHeader(headers, "x-envoy-original-path") === undefined) headers.push({ name: "x-envoy-original-path", value: request.path });
  }
  if (action.rewriteAuthority !== undefined) withHeader(headers, "host", action.rewriteAuthority);
  for (const h of extra) withHeader(headers, h.name, h.value);
  withHeader(headers, "x-envoy-expected-rq-timeout-ms", String(Math.round(action.timeoutMicros / 1000)));
  return { ...request, path, headers };
}

/** The path as Envoy's access log prints it: X-ENVOY-ORIGINAL-PATH if set, else :path. */
export function loggedPath(request: HttpRequest): string {
  return findHeader(request.headers, "x-envoy-original-path") ?? request.path;
}
