/**
 * Lower-cased header names without a new string per lookup: proxies compare header names
 * case-insensitively many times per request, and the same few names (`User-Agent`, `Host`,
 * origin response headers) come back on every request.
 */

import type { Header } from "./http.ts";

/** Bounded: header names are user input too (curl -H). */
const MAX_CACHED = 4096;

/** Connection-level headers Envoy never forwards, in either direction. */
export const HOP_BY_HOP: ReadonlySet<string> = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te"]);

/**
 * What the proxies need to know about one spelling of a header name, worked out once: relaying
 * a response asks all of it for each of ~30 headers, twice per request, with one lookup.
 */
export interface HeaderName {
  readonly lower: string;
  /** A connection-level header (HOP_BY_HOP). */
  readonly hopByHop: boolean;
  /**
   * The last lower-cased copy made of a header with this name: clients and origins send the
   * same headers (`User-Agent`, `Content-Type`, `Via`...) with the same values again and again,
   * so most lower-casings reuse it.
   */
  lastCopy: Header | undefined;
}

const headerNames = new Map<string, HeaderName>();

export function headerName(name: string): HeaderName {
  let info = headerNames.get(name);
  if (info === undefined) {
    const lower = name.toLowerCase();
    info = { lower, hopByHop: HOP_BY_HOP.has(lower), lastCopy: undefined };
    if (headerNames.size < MAX_CACHED) headerNames.set(name, info);
  }
  return info;
}

export function lowerHeaderName(name: string): string {
  return headerName(name).lower;
}

/**
 * Whether header `name` equals `lower` (a lower-case name) case-insensitively, as
 * `name.toLowerCase() === lower`, but without building the lower-cased copy in the common,
 * all-ASCII case.
 */
export function isHeaderName(name: string, lower: string): boolean {
  if (name === lower) return true;
  const n = name.length;
  // Lower-casing never shortens a name (it keeps the length of everything but U+0130 (İ), which
  // becomes two units), so only a name as long as `lower` or shorter can match.
  if (n > lower.length) return false;
  // Up to its first non-ASCII character, a name lower-cases character by character: most
  // calls end at the first characters (lookups compare every header's name with one name).
  for (let i = 0; i < n; i++) {
    let c = name.charCodeAt(i);
    if (c >= 0x80) return name.toLowerCase() === lower;
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c !== lower.charCodeAt(i)) return false;
  }
  // All ASCII: the lower-cased name is as long as the name.
  return n === lower.length;
}

/** Whether `name.toLowerCase() === name`, without the copy for all-ASCII names. */
export function isLowerCaseName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0x80) return name.toLowerCase() === name;
    if (c >= 0x41 && c <= 0x5a) return false;
  }
  return true;
}

/**
 * `h` with its name lower-cased, as Envoy's HTTP/1 codec holds every header it receives:
 * `h` itself when its name already is. `info` is `headerName(h.name)` when the caller has it.
 */
export function lowerCasedHeader(h: Header, info = headerName(h.name)): Header {
  if (info.lower === h.name) return h;
  const copy = info.lastCopy;
  if (copy !== undefined && copy.value === h.value) return copy;
  const made = Object.freeze({ name: info.lower, value: h.value });
  info.lastCopy = made;
  return made;
}
