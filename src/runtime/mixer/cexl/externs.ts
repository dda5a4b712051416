/**
 * The run-time functions behind CEXL's externs (`mixer/pkg/lang/externs.go` @0.8): `ip`,
 * `timestamp`, `dnsName`, `email`, `uri`, `match`, `matches`, `emptyStringMap` and the typed
 * equalities (`ip_equal`, `timestamp_equal`, `dnsName_equal`, `email_equal`, `uri_equal`).
 * Errors are thrown as CexlEvalError with Mixer's wording; values follow the runtime's
 * representation (IP addresses as normalised strings, timestamps as µs since the epoch).
 */
import { RE2JS } from "re2js";
import { CexlEvalError } from "./types.ts";

// ---------------------------------------------------------------------------------------------
// IP addresses: Go's net.ParseIP (1.10: leading zeros in IPv4 octets are decimal), normalised to
// the form net.IP.String() prints, so that ip_equal is string equality of normalised values.

function parseIPv4Octets(s: string): number[] | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]{1,7}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

function parseIPv6Groups(s: string): number[] | undefined {
  const dbl = s.indexOf("::");
  if (dbl !== s.lastIndexOf("::") && dbl !== -1) return undefined;
  const parseSide = (side: string, allowV4Tail: boolean): number[] | undefined => {
    if (side === "") return [];
    const groups: number[] = [];
    const fields = side.split(":");
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      if (allowV4Tail && i === fields.length - 1 && f.includes(".")) {
        const v4 = parseIPv4Octets(f);
        if (!v4) return undefined;
        groups.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(f)) return undefined;
        groups.push(parseInt(f, 16));
      }
    }
    return groups;
  };
  if (dbl === -1) {
    const g = parseSide(s, true);
    return g && g.length === 8 ? g : undefined;
  }
  const head = parseSide(s.slice(0, dbl), false);
  const tail = parseSide(s.slice(dbl + 2), true);
  if (!head || !tail || head.length + tail.length > 7) return undefined;
  return [...head, ...new Array(8 - head.length - tail.length).fill(0), ...tail];
}

/** net.ParseIP + IP.String(); undefined when Go would return nil. */
export function normalizeIp(s: string): string | undefined {
  const v4 = parseIPv4Octets(s);
  if (v4) return v4.join(".");
  if (!s.includes(":")) return undefined;
  const g = parseIPv6Groups(s);
  if (!g) return undefined;
  // IPv4-mapped addresses print (and compare) as IPv4.
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return `${g[6] >> 8}.${g[6] & 255}.${g[7] >> 8}.${g[7] & 255}`;
  }
  // Compress the longest run (>= 2) of zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLen).join(":")}`;
}

export function externIp(s: string): string {
  const ip = normalizeIp(s);
  if (ip === undefined) throw new CexlEvalError(`could not convert ${s} to IP_ADDRESS`);
  return ip;
}

/** net.IP.Equal over attribute values that may arrive in any textual form. */
export function ipEqual(a: string, b: string): boolean {
  if (a === b) return true;
  const na = normalizeIp(a);
  return na !== undefined && na === normalizeIp(b);
}

// ---------------------------------------------------------------------------------------------
// Timestamps: time.Parse(time.RFC3339, s), fractional seconds accepted; values in µs.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-](\d{2}):(\d{2}))$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function parseRfc3339Micros(s: string): number | undefined {
  const m = RFC3339.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (mo < 1 || mo > 12 || d < 1 || d > (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]) || h > 23 || mi > 59 || sec > 59) return undefined;
  let ms = Date.UTC(y, mo - 1, d, h, mi, sec);
  if (m[8] !== "Z") {
    const zh = Number(m[9]);
    const zm = Number(m[10]);
    if (zh > 23 || zm > 59) return undefined;
    ms -= (m[8][0] === "+" ? 1 : -1) * (zh * 60 + zm) * 60_000;
  }
  // Date.UTC treats years 0..99 as 1900+; RFC 3339 years are literal.
  if (y < 100) ms = new Date(ms).setUTCFullYear(y);
  return ms * 1000 + Number(((m[7] ?? "") + "000000").slice(0, 6));
}

export function externTimestamp(s: string): number {
  const t = parseRfc3339Micros(s);
  if (t === undefined) throw new CexlEvalError(`could not convert '${s}' to TIMESTAMP. expected format: '2006-01-02T15:04:05Z07:00'`);
  return t;
}

// ---------------------------------------------------------------------------------------------
// DNS names, e-mail addresses, URIs: validated like Go's idna / net/mail / net/url, but only as
// far as a lab needs (ASCII rules exactly, internationalised names accepted as letters).

function dnsNameProblem(s: string): string | undefined {
  for (const ch of s) {
    if (/[A-Za-z0-9.\-]/.test(ch)) continue;
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0x80 && /[\p{L}\p{N}\p{M}]/u.test(ch)) continue;
    return `idna: disallowed rune U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  const name = s.endsWith(".") ? s.slice(0, -1) : s;
  if (name.length === 0 || name.length > 253) return `idna: invalid label "${s}"`;
  for (const label of name.split(".")) {
    if (label.length === 0 || label.length > 63 || label.startsWith("-") || label.endsWith("-")) return `idna: invalid label "${label}"`;
  }
  return undefined;
}

export function externDnsName(s: string): string {
  const problem = dnsNameProblem(s);
  if (problem) throw new CexlEvalError(`error converting '${s}' to dns name: '${problem}'`);
  return s;
}

export function dnsNameEqual(a: string, b: string): boolean {
  let x = a.toLowerCase();
  let y = b.toLowerCase();
  if (x.endsWith(".") && !y.endsWith(".")) x = x.slice(0, -1);
  if (y.endsWith(".") && !x.endsWith(".")) y = y.slice(0, -1);
  return x === y;
}

function emailParts(s: string): { local: string; domain: string } | string {
  const t = s.trim();
  if (t === "") return "mail: no address";
  if (/[<>]/.test(t)) return t.startsWith("<") && t.endsWith(">") ? emailParts(t.slice(1, -1)) : "display names are not allowed";
  const at = t.lastIndexOf("@");
  if (at < 0) return "mail: missing @ in addr-spec";
  const local = t.slice(0, at);
  const domain = t.slice(at + 1);
  if (local === "" || /[\s()<>,;:\\"[\]]/.test(local)) return "mail: no angle-addr";
  if (domain === "") return "mail: no address";
  return { local, domain };
}

export function externEmail(s: string): string {
  const p = emailParts(s);
  if (typeof p === "string") {
    const detail = p === "display names are not allowed" ? p : `'${p}'`;
    throw new CexlEvalError(`error converting '${s}' to e-mail: ${detail}`);
  }
  const problem = dnsNameProblem(p.domain);
  if (problem) throw new CexlEvalError(`error converting '${s}' to e-mail: 'error converting '${p.domain}' to dns name: '${problem}''`);
  return s;
}

export function emailEqual(a: string, b: string): boolean {
  const x = emailParts(a);
  const y = emailParts(b);
  if (typeof x === "string" || typeof y === "string") return a === b;
  return x.local === y.local && dnsNameEqual(x.domain, y.domain);
}

const URI_SHAPE = /^(?:([A-Za-z][A-Za-z0-9+.\-]*):)?(?:\/\/([^/?#]*))?(.*)$/;

function uriProblem(s: string): string | undefined {
  if (s.startsWith(":")) return `parse ${s}: missing protocol scheme`;
  const badEscape = /%(?![0-9a-fA-F]{2})(.{0,2})/.exec(s);
  if (badEscape) return `parse ${s}: invalid URL escape "%${badEscape[1]}"`;
  return undefined;
}

export function externUri(s: string): string {
  if (s === "") throw new CexlEvalError("error converting string to uri: empty string");
  const problem = uriProblem(s);
  if (problem) throw new CexlEvalError(`error converting string to uri '${s}': '${problem}'`);
  return s;
}

export function uriEqual(a: string, b: string): boolean {
  const x = URI_SHAPE.exec(a);
  const y = URI_SHAPE.exec(b);
  if (!x || !y) return a === b;
  const scheme = (x[1] ?? "").toLowerCase();
  if (scheme !== (y[1] ?? "").toLowerCase()) return false;
  if (scheme === "http" || scheme === "https") {
    const hostPort = (auth: string): [string, string] => {
      const hp = auth.slice(auth.lastIndexOf("@") + 1);
      const m = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hp);
      return [m?.[1] ?? hp, m?.[2] ?? ""];
    };
    const [hx, px] = hostPort(x[2] ?? "");
    const [hy, py] = hostPort(y[2] ?? "");
    return dnsNameEqual(hx, hy) && px === py && x[3] === y[3];
  }
  return x[2] === y[2] && x[3] === y[3];
}

// ---------------------------------------------------------------------------------------------
// String predicates.

/** `match(str, pattern)`: one `*` at the end (prefix) or the start (suffix); otherwise exact. */
export function globMatch(str: string, pattern: string): boolean {
  if (pattern.endsWith("*")) return str.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith("*")) return str.endsWith(pattern.slice(1));
  return str === pattern;
}

/**
 * A compiled RE2 pattern, or Go's compile error to raise when it is used.
 *
 * Matching is the slow part of a CEXL evaluation (re2js takes microseconds for anchored
 * patterns), so literal patterns (`politics`, `^/health`, `\.com$`) become plain string tests,
 * and other results are memoised per input: request paths repeat, and matching is pure.
 */
export interface CompiledRegex {
  test(str: string): boolean;
}

const META = /[\\.+*?()|[\]{}^$]/;
const MEMO_LIMIT = 512;

/** The literal a pattern stands for, if it is only literal characters (with `\.`-style escapes). */
function literalOf(body: string): string | undefined {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") {
      const n = body[i + 1];
      if (n === undefined || !/[!-/:-@[-`{-~]/.test(n)) return undefined;
      out += n;
      i++;
    } else if (META.test(c)) {
      return undefined;
    } else {
      out += c;
    }
  }
  return out;
}

function literalMatcher(pattern: string): CompiledRegex | undefined {
  const anchoredStart = pattern.startsWith("^");
  const anchoredEnd = pattern.endsWith("$") && !pattern.endsWith("\\$");
  const lit = literalOf(pattern.slice(anchoredStart ? 1 : 0, anchoredEnd ? -1 : undefined));
  if (lit === undefined) return undefined;
  if (anchoredStart && anchoredEnd) return { test: (s) => s === lit };
  if (anchoredStart) return { test: (s) => s.startsWith(lit) };
  if (anchoredEnd) return { test: (s) => s.endsWith(lit) };
  return { test: (s) => s.includes(lit) };
}

class Re2Matcher implements CompiledRegex {
  private readonly memo = new Map<string, boolean>();
  constructor(private readonly re: RE2JS) {}

  test(str: string): boolean {
    let r = this.memo.get(str);
    if (r === undefined) {
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      r = this.re.test(str);
      this.memo.set(str, r);
    }
    return r;
  }
}

class BrokenPattern implements CompiledRegex {
  constructor(private readonly error: string) {}
  test(): boolean {
    throw new CexlEvalError(this.error);
  }
}

export function compileRe2(pattern: string): CompiledRegex {
  let re: RE2JS;
  try {
    // Compiled even for literal patterns, so that RE2's verdict on validity is the one used.
    re = RE2JS.compile(pattern);
  } catch (e) {
    return new BrokenPattern(e instanceof Error ? e.message : `error parsing regexp: ${String(e)}`);
  }
  return literalMatcher(pattern) ?? new Re2Matcher(re);
}

/** Go's `regexp.MatchString`: unanchored (a match anywhere in the string). */
export function regexMatches(compiled: CompiledRegex, str: string): boolean {
  return compiled.test(str);
}

/**
 * Patterns that only exist at run time (`request.headers["x"].matches(...)` style receivers
 * are rare) are compiled once and remembered; the cache is bounded so attackers cannot grow it.
 */
export class RegexCache {
  private readonly entries = new Map<string, CompiledRegex>();
  constructor(private readonly capacity = 256) {}

  get(pattern: string): CompiledRegex {
    let c = this.entries.get(pattern);
    if (c === undefined) {
      if (this.entries.size >= this.capacity) this.entries.clear();
      c = compileRe2(pattern);
      this.entries.set(pattern, c);
    }
    return c;
  }
}

export const EMPTY_STRING_MAP: Readonly<Record<string, string>> = Object.freeze({});
