/**
 * Go's literal conversions that Mixer 0.8 applies to every literal it meets
 * (`strconv.ParseInt(v, 10, 64)`, `strconv.ParseFloat`, `strconv.Unquote`, `time.ParseDuration`).
 * They decide both values and the surprising types: any string literal that parses as a
 * duration (`"0ms"`, `"1h"`, even `"0"`) becomes a DURATION constant.
 */

const INT64_MAX = 9223372036854775807n;

/** `strconv.ParseInt(v, 10, 64)`: base 10 only, so `0x10` is a syntax error and `010` is ten. */
export function parseGoInt(v: string): { value: number } | { error: string } {
  if (!/^[+-]?[0-9]+$/.test(v)) return { error: `strconv.ParseInt: parsing ${goQuote(v)}: invalid syntax` };
  const big = BigInt(v);
  if (big > INT64_MAX || big < -INT64_MAX - 1n) return { error: `strconv.ParseInt: parsing ${goQuote(v)}: value out of range` };
  return { value: Number(big) };
}

/** `strconv.ParseFloat(v, 64)` for the float literals Go's scanner produces. */
export function parseGoFloat(v: string): { value: number } | { error: string } {
  const n = Number(v);
  if (Number.isNaN(n)) return { error: `strconv.ParseFloat: parsing ${goQuote(v)}: invalid syntax` };
  if (!Number.isFinite(n)) return { error: `strconv.ParseFloat: parsing ${goQuote(v)}: value out of range` };
  return { value: n };
}

/** Go's `%q` for simple ASCII strings (enough for number literals in error messages). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92, "'": 39, '"': 34,
};

/**
 * `strconv.Unquote` of a literal the scanner already accepted (so escapes are well formed).
 * Returns undefined for Go's `invalid syntax` (e.g. an imaginary literal handed to Unquote).
 */
export function unquoteGo(lit: string): string | undefined {
  if (lit.length < 2) return undefined;
  const q = lit[0];
  if (q !== lit[lit.length - 1]) return undefined;
  const body = lit.slice(1, -1);
  if (q === "`") return body.includes("`") ? undefined : body.replace(/\r/g, "");
  if (q !== '"' && q !== "'") return undefined;
  // Escapes produce bytes (\xff, \377) or code points; Go strings are bytes, decoded here as UTF-8.
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  let runes = 0;
  for (let i = 0; i < body.length; ) {
    const c = body[i];
    if (c === q || c === "\n") return undefined;
    runes++;
    if (c !== "\\") {
      const cp = body.codePointAt(i) ?? 0;
      const ch = String.fromCodePoint(cp);
      for (const b of encoder.encode(ch)) bytes.push(b);
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return undefined;
    if (e in SIMPLE_ESCAPES) {
      if ((e === "'" && q !== "'") || (e === '"' && q !== '"')) return undefined;
      bytes.push(SIMPLE_ESCAPES[e]);
      i += 2;
    } else if (e >= "0" && e <= "7") {
      const v = parseInt(body.slice(i + 1, i + 4), 8);
      if (!/^[0-7]{3}$/.test(body.slice(i + 1, i + 4)) || v > 255) return undefined;
      bytes.push(v);
      i += 4;
    } else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + n);
      if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
      const v = parseInt(hex, 16);
      if (e === "x") bytes.push(v);
      else {
        if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return undefined;
        for (const b of encoder.encode(String.fromCodePoint(v))) bytes.push(b);
      }
      i += 2 + n;
    } else {
      return undefined;
    }
  }
  if (q === "'" && runes !== 1) return undefined;
  return new TextDecoder("utf-8").decode(new Uint8Array(bytes));
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1, us: 1e3, "µs": 1e3, "μs": 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9,
};
const MAX_DURATION_NS = 9223372036854775807;

/**
 * `time.ParseDuration`: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or `0`. Returns nanoseconds.
 * Used at compile time only (every string literal is tried once).
 */
export function parseGoDuration(s: string): number | undefined {
  let rest = s;
  let neg = false;
  if (rest !== "" && (rest[0] === "-" || rest[0] === "+")) {
    neg = rest[0] === "-";
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") return undefined;
  let total = 0;
  while (rest !== "") {
    const m = /^([0-9]*)(?:\.([0-9]*))?/.exec(rest);
    if (!m) return undefined;
    const intPart = m[1];
    const fracPart = m[2];
    const hadDot = m[0].includes(".");
    if (intPart === "" && (fracPart === undefined || fracPart === "")) return undefined;
    if (!hadDot && intPart === "") return undefined;
    rest = rest.slice(m[0].length);
    let u = 0;
    while (u < rest.length && rest[u] !== "." && !(rest[u] >= "0" && rest[u] <= "9")) u++;
    if (u === 0) return undefined; // missing unit
    const unit = DURATION_UNITS[rest.slice(0, u)];
    if (unit === undefined) return undefined;
    rest = rest.slice(u);
    const value = Number(intPart || "0") * unit + (fracPart ? Number(`0.${fracPart}`) * unit : 0);
    total += value;
    if (total > MAX_DURATION_NS) return undefined;
  }
  return neg ? -Math.round(total) : Math.round(total);
}
