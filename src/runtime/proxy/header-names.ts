/**
 * Lower-cased header names without a new string per lookup: proxies compare header names
 * case-insensitively many times per request, and the same few names (`User-Agent`, `Host`,
 * origin response headers) come back on every request.
 */

import type { Header } from "./http.ts";

/** Bounded: header names are user input too (curl -H). */
const MAX_CACHED = 4096;
const lowerNames = new Map<string, string>();

export function lowerHeaderName(name: string): string {
  let lower = lowerNames.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    if (lowerNames.size < MAX_CACHED) lowerNames.set(name, lower);
  }
  return lower;
}

/**
 * Whether header `name` equals `lower` (a lower-case name) case-insensitively, as
 * `name.toLowerCase() === lower`, but without building the lower-cased copy in the common,
 * all-ASCII case.
 */
export function isHeaderName(name: string, lower: string): boolean {
  if (name === lower) return true;
  const n = name.length;
  // Lower-casing keeps the length of everything but U+0130 (İ), which becomes two units: only a
  // name holding one can match a longer `lower`. (Most calls end here: different lengths.)
  if (n !== lower.length) return n < lower.length && name.includes("\u0130") && name.toLowerCase() === lower;
  for (let i = 0; i < n; i++) {
    let c = name.charCodeAt(i);
    if (c >= 0x80) return name.toLowerCase() === lower;
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * The last lower-cased copy made per header name: clients and origins send the same headers
 * (`User-Agent`, `Content-Type`, `Via`...) with the same values again and again, so most
 * lower-casings reuse that copy. Bounded like `lowerHeaderName`'s cache.
 */
const lowerCopies = new Map<string, Header>();

/**
 * `h` with its name lower-cased, as Envoy's HTTP/1 codec holds every header it receives:
 * `h` itself when its name already is. `lower` is `lowerHeaderName(h.name)` when the caller has it.
 */
export function lowerCasedHeader(h: Header, lower = lowerHeaderName(h.name)): Header {
  if (lower === h.name) return h;
  const copy = lowerCopies.get(lower);
  if (copy !== undefined && copy.value === h.value) return copy;
  const made = Object.freeze({ name: lower, value: h.value });
  if (copy !== undefined || lowerCopies.size < MAX_CACHED) lowerCopies.set(lower, made);
  return made;
}
