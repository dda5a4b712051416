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
   * The last few lower-cased copies made of headers with this name (at most COPIES_PER_NAME,
   * the oldest replaced first): clients and origins send the same headers with the same few
   * values again and again (`User-Agent`, two `Set-Cookie` per response, the `Content-Length`
   * of each page a curl loop fetches...), so most lower-casings reuse one.
   */
  readonly copies: Header[];
  /** Where the next copy goes once `copies` is full. */
  nextCopy: number;
}

/** Enough for a loop over a few pages, or a few repeats of a name in one message. */
const COPIES_PER_NAME = 4;

const headerNames = new Map<string, HeaderName>();

export function headerName(name: string): HeaderName {
  let info = headerNames.get(name);
  if (info === undefined) {
    const lower = name.toLowerCase();
    info = { lower, hopByHop: HOP_BY_HOP.has(lower), copies: [], nextCopy: 0 };
    if (headerNames.size < MAX_CACHED) headerNames.set(name, info);
  }
  return info;
}

/**
 * `headerName` by a header's position in its list, for lists that repeat from request to
 * request (an origin's response headers): a name that is the one seen at that position last
 * time (the same string, mostly) is answered without hashing it. An origin's pages share their
 * header names even where their header objects differ (Content-Length, Age, Date...).
 */
export class HeaderNamesByPosition {
  private readonly names = new Array<string | undefined>(POSITIONS).fill(undefined);
  private readonly infos = new Array<HeaderName | undefined>(POSITIONS).fill(undefined);

  at(position: number, name: string): HeaderName {
    if (position < POSITIONS && this.names[position] === name) return this.infos[position]!;
    const info = headerName(name);
    if (position < POSITIONS) {
      this.names[position] = name;
      this.infos[position] = info;
    }
    return info;
  }
}

/** Positions remembered: more than any origin's response has headers. */
const POSITIONS = 64;

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
  const copies = info.copies;
  const value = h.value;
  for (let i = 0; i < copies.length; i++) if (copies[i].value === value) return copies[i];
  // Frozen: shared by every request that sends this header again.
  const made = Object.freeze({ name: info.lower, value });
  if (copies.length < COPIES_PER_NAME) copies.push(made);
  else {
    copies[info.nextCopy] = made;
    info.nextCopy = (info.nextCopy + 1) % COPIES_PER_NAME;
  }
  return made;
}
