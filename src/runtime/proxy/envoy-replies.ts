/**
 * What Envoy itself puts on the wire: local replies (no route, Mixer denial, upstream failure)
 * and the header rewriting of relayed responses (names lower-cased by the HTTP/1 codec,
 * hop-by-hop headers dropped, `server: envoy`, `x-envoy-upstream-service-time`).
 */
import { HeaderNamesByPosition, isHeaderName, lowerCasedHeader } from "./header-names.ts";
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
  const n = isLastRelayed(source) ? rewriteRelayedHeaders(source, upstreamServiceTimeMs) : rewriteUpstreamHeaders(source, upstreamServiceTimeMs);
  const headers = relaying.slice(0, n);
  lastRelayed = headers;
  lastRelayedCount = n;
  return { status: upstream.status, statusText: upstream.statusText, headers, body: upstream.body };
}

/** Envoy's rewrite of an upstream's headers, into `relaying`; returns their count. */
function rewriteUpstreamHeaders(source: readonly Header[], upstreamServiceTimeMs: number): number {
  const headers = relaying;
  let n = 0;
  let sawServer = false;
  let sawServiceTime = false;
  for (let i = 0; i < source.length; i++) {
    const h = source[i];
    const info = upstreamNames.at(i, h.name);
    if (info.hopByHop) continue;
    const name = info.lower;
    if (name === "server") {
      if (sawServer) continue;
      sawServer = true;
      headers[n++] = SERVER_ENVOY;
    } else if (name === SERVICE_TIME) {
      sawServiceTime = true;
      headers[n++] = serviceTimeHeader(upstreamServiceTimeMs);
    } else {
      headers[n++] = lowerCasedHeader(h, info);
    }
  }
  if (!sawServer) headers[n++] = SERVER_ENVOY;
  if (!sawServiceTime) headers[n++] = serviceTimeHeader(upstreamServiceTimeMs);
  return n;
}

const upstreamNames = new HeaderNamesByPosition();

/**
 * `rewriteUpstreamHeaders` of headers a relay just made (a sidecar relaying what the egress
 * gateway relayed): their names are lower-case already, hop-by-hop headers are gone, the one
 * `server` is Envoy's and a service time is there, so only the service times change.
 */
function rewriteRelayedHeaders(source: readonly Header[], upstreamServiceTimeMs: number): number {
  const headers = relaying;
  for (let i = 0; i < source.length; i++) {
    const h = source[i];
    headers[i] = h.name === SERVICE_TIME ? serviceTimeHeader(upstreamServiceTimeMs) : h;
  }
  return source.length;
}

/**
 * The headers the last relay returned. Relays nest (the sidecar relays after the gateway it
 * called relayed), so the next relay is often of these very headers.
 */
let lastRelayed: readonly Header[] | undefined;
let lastRelayedCount = 0;

/**
 * Whether `source` is what the last relay returned, unchanged since: no element replaced, added
 * or removed (header objects themselves are never changed in place). `relaying` still holds
 * that relay's headers to compare with: only a relay writes it.
 */
function isLastRelayed(source: readonly Header[]): boolean {
  if (source !== lastRelayed || source.length !== lastRelayedCount) return false;
  for (let i = 0; i < source.length; i++) if (source[i] !== relaying[i]) return false;
  return true;
}

/**
 * Where relaying assembles headers before copying them out at their exact count (hop-by-hop
 * headers dropped, Envoy's added): no array sized for the worst case and then truncated. Read
 * only up to the count being built, and, by `isLastRelayed`, up to the last relay's count.
 */
const relaying: Header[] = [];

const SERVICE_TIME = "x-envoy-upstream-service-time";

/**
 * `x-envoy-upstream-service-time: <ms>`, one shared (frozen) header per value below a second:
 * every relay adds one, and service times repeat.
 */
function serviceTimeHeader(ms: number): Header {
  if (!(ms >= 0 && ms < SERVICE_TIMES_KEPT && Number.isInteger(ms))) return { name: SERVICE_TIME, value: String(ms) };
  let header = serviceTimeHeaders[ms];
  if (header === undefined) serviceTimeHeaders[ms] = header = Object.freeze({ name: SERVICE_TIME, value: String(ms) });
  return header;
}

const SERVICE_TIMES_KEPT = 1000;
const serviceTimeHeaders: (Header | undefined)[] = [];

const SERVER_ENVOY: Header = Object.freeze({ name: "server", value: "envoy" });

