/**
 * The request headers a proxy reads by name, found in one pass over a request's headers: the
 * authority (Host), what the connection manager checks before adding its own headers
 * (X-Forwarded-Proto, X-Request-Id, X-B3-TraceId), Mixer's attributes (User-Agent, Referer)
 * and the access log's fields (X-Forwarded-For, X-Envoy-Original-Path...). Looked up one by
 * one, they made a dozen scans of the headers per proxy per request.
 */
import { isHeaderName } from "./header-names.ts";
import type { Header } from "./http.ts";

/** Each field is the value of the first header of that name (compared case-insensitively), as a scan for it finds. */
export interface RequestHeaderFields {
  host: string | undefined;
  userAgent: string | undefined;
  referer: string | undefined;
  forwardedFor: string | undefined;
  /** The position of the first X-Forwarded-For (-1: none), where the gateway appends its caller. */
  forwardedForAt: number;
  forwardedProto: string | undefined;
  requestId: string | undefined;
  /** X-Envoy-Original-Path: the path before a rewrite by an earlier proxy. */
  originalPath: string | undefined;
  b3TraceId: string | undefined;
}

export function scanRequestHeaders(headers: readonly Header[]): RequestHeaderFields {
  // A literal, not a class: a class instance's shape is reachable only through weak transitions,
  // so a full GC with no instance alive dropped it and deoptimized every function using it.
  const fields: RequestHeaderFields = {
    host: undefined, userAgent: undefined, referer: undefined, forwardedFor: undefined, forwardedForAt: -1,
    forwardedProto: undefined, requestId: undefined, originalPath: undefined, b3TraceId: undefined,
  };
  for (let i = 0; i < headers.length; i++) {
    const { name, value } = headers[i];
    // Lower-casing keeps a name's length, except for U+0130 (İ, which becomes `i̇`): no name
    // lower-cases to one of these with it. So only a name as long as one of them can be it.
    switch (name.length) {
      case 4:
        if (isHeaderName(name, "host")) fields.host ??= value;
        break;
      case 7:
        if (isHeaderName(name, "referer")) fields.referer ??= value;
        break;
      case 10:
        if (isHeaderName(name, "user-agent")) fields.userAgent ??= value;
        break;
      case 12:
        if (isHeaderName(name, "x-request-id")) fields.requestId ??= value;
        else if (isHeaderName(name, "x-b3-traceid")) fields.b3TraceId ??= value;
        break;
      case 15:
        if (fields.forwardedForAt < 0 && isHeaderName(name, "x-forwarded-for")) {
          fields.forwardedFor = value;
          fields.forwardedForAt = i;
        }
        break;
      case 17:
        if (isHeaderName(name, "x-forwarded-proto")) fields.forwardedProto ??= value;
        break;
      case 21:
        if (isHeaderName(name, "x-envoy-original-path")) fields.originalPath ??= value;
        break;
    }
  }
  return fields;
}
