/**
 * What Envoy itself puts on the wire: local replies (no route, Mixer denial, upstream failure)
 * and the header rewriting of relayed responses (names lower-cased by the HTTP/1 codec,
 * hop-by-hop headers dropped, `server: envoy`, `x-envoy-upstream-service-time`).
 */
import { headerName, isHeaderName, lowerCasedHeader } from "./header-names.ts";
import type { Header, HttpResponse } from "./http.ts";
import { EMPTY_BODY } from "./http.ts";
import { httpDate } from "../internet/http-date.ts";
import { lazyBody, utf8Length } from "../internet/lazy-body.ts";
import { statusText } from "../internet/status-text.ts";

/** A `sendLocalReply`: body-less replies get `content-length: 0` from the codec, after date/server. */
export function localReply(status: number, body: string, nowMicros: number, contentType = "text/plain"): HttpResponse {
  if (!body) {
    return {
      status,
      statusText: statusText(status),
      headers: [dateHeader(nowMicros), SERVER_ENVOY, CONTENT_LENGTH_ZERO],
      body: EMPTY_BODY,
    };
  }
  const size = utf8Length(body);
  return {
    status,
    statusText: statusText(status),
    headers: [
      { name: "content-length", value: String(size) },
      contentType === "text/plain" ? CONTENT_TYPE_TEXT : { name: "content-type", value: contentType },
      dateHeader(nowMicros),
      SERVER_ENVOY,
    ],
    body: lazyBody(size, () => body),
  };
}

/**
 * Local replies' headers are shared where their values repeat (frozen: nothing changes a
 * header in place): Mixer denials and 404s come back on every request of a loop.
 */
const CONTENT_LENGTH_ZERO: Header = Object.freeze({ name: "content-length", value: "0" });
const CONTENT_TYPE_TEXT: Header = Object.freeze({ name: "content-type", value: "text/plain" });
let lastDate: Header = Object.freeze({ name: "date", value: "" });

/** `date`: the same header until the (virtual) second changes. */
function dateHeader(nowMicros: number): Header {
  const value = httpDate(nowMicros);
  if (lastDate.value !== value) lastDate = Object.freeze({ name: "date", value });
  return lastDate;
}

/** Envoy's router redirect (VirtualService `redirect`): 301 with a location and no body. */
export function redirectReply(location: string, nowMicros: number): HttpResponse {
  return {
    status: 301,
    statusText: statusText(301),
    headers: [
      { name: "location", value: location },
      { name: "date", value: httpDate(nowMicros) },
      { name: "server", value: "envoy" },
      { name: "content-length", value: "0" },
    ],
    body: EMPTY_BODY,
  };
}

export const UPSTREAM_CONNECT_FAILURE_BODY = "upstream connect error or disconnect/reset before headers";
export const NO_HEALTHY_UPSTREAM_BODY = "no healthy upstream";
export const UPSTREAM_TIMEOUT_BODY = "upstream request timeout";

/** `headerName(name).hopByHop` without the lookup (lower-casing never changes these names' lengths). */
export function isHopByHop(name: string): boolean {
  switch (name.length) {
    case 2: return isHeaderName(name, "te");
    case 7: return isHeaderName(name, "upgrade");
    case 10: return isHeaderName(name, "connection") || isHeaderName(name, "keep-alive");
    case 16: return isHeaderName(name, "proxy-connection");
    case 17: return isHeaderName(name, "transfer-encoding");
    default: return false;
  }
}

/** The response as Envoy forwards it downstream. */
export function relayResponse(upstream: HttpResponse, upstreamServiceTimeMs: number): HttpResponse {
  const source = upstream.headers;
  const headers = relaying;
  let n = 0;
  let sawServer = false;
  let sawServiceTime = false;
  for (let i = 0; i < source.length; i++) {
    const h = source[i];
    const info = headerName(h.name);
    if (info.hopByHop) continue;
    const name = info.lower;
    if (name === "server") {
      if (sawServer) continue;
      sawServer = true;
      headers[n++] = SERVER_ENVOY;
    } else if (name === "x-envoy-upstream-service-time") {
      sawServiceTime = true;
      headers[n++] = { name, value: String(upstreamServiceTimeMs) };
    } else {
      headers[n++] = lowerCasedHeader(h, info);
    }
  }
  if (!sawServer) headers[n++] = SERVER_ENVOY;
  if (!sawServiceTime) headers[n++] = { name: "x-envoy-upstream-service-time", value: String(upstreamServiceTimeMs) };
  return { status: upstream.status, statusText: upstream.statusText, headers: headers.slice(0, n), body: upstream.body };
}

/**
 * Where `relayResponse` assembles headers before copying them out at their exact count (hop-by-hop
 * headers dropped, Envoy's added): no array sized for the worst case and then truncated. Read
 * only up to the count being built.
 */
const relaying: Header[] = [];

const SERVER_ENVOY: Header = Object.freeze({ name: "server", value: "envoy" });

