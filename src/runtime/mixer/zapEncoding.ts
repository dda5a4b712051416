/**
 * How zap (v1.7, the stdio adapter's encoder) writes values: JSON strings with zap's own
 * escaping, int64 as numbers, durations as Go's `Duration.String()`, timestamps in the 27-char
 * UTC form, maps as objects with sorted keys.
 */
import { formatMicrosIso } from "../clock.ts";
import type { ValueType } from "./cexl/types.ts";
import type { AttributeValue } from "./types.ts";

const HEX = "0123456789abcdef";

/** zap's `safeAddString`: escapes `"`, `\`, and control bytes (\n \r \t by name, others \u00XX). */
export function zapQuote(s: string): string {
  let simple = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) {
      simple = false;
      break;
    }
  }
  if (simple) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c < 0x20) out += "\\u00" + HEX[c >> 4] + HEX[c & 15];
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      out += s[i] + s[i + 1];
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) out += "\ufffd"; // invalid UTF-8 becomes U+FFFD
    else out += s[i];
  }
  return out + '"';
}

/** Go's `time.Duration.String()` of a duration in nanoseconds: `0s`, `1.234ms`, `1m30s`. */
export function formatGoDuration(nanos: number): string {
  let n = Math.trunc(nanos);
  if (n === 0) return "0s";
  const neg = n < 0;
  if (neg) n = -n;
  let out: string;
  if (n < 1_000) out = `${n}ns`;
  else if (n < 1_000_000) out = `${fraction(n, 1_000)}µs`;
  else if (n < 1_000_000_000) out = `${fraction(n, 1_000_000)}ms`;
  else {
    const totalSeconds = Math.floor(n / 1_000_000_000);
    const secNanos = n - totalSeconds * 1_000_000_000;
    const h = Math.floor(totalSeconds / 3600);
    const m = Math.floor((totalSeconds % 3600) / 60);
    const s = totalSeconds % 60;
    const sec = fraction(s * 1_000_000_000 + secNanos, 1_000_000_000) + "s";
    out = h > 0 ? `${h}h${m}m${sec}` : m > 0 ? `${m}m${sec}` : sec;
  }
  return neg ? "-" + out : out;
}

/** `value/unit` with the fractional digits Go prints (trailing zeros trimmed). */
function fraction(value: number, unit: number): string {
  const whole = Math.floor(value / unit);
  const rest = value - whole * unit;
  if (rest === 0) return String(whole);
  const digits = String(unit).length - 1;
  return `${whole}.${String(rest).padStart(digits, "0").replace(/0+$/, "")}`;
}

/** zap's float encoding (`strconv.AppendFloat(f, 'f', -1, 64)`), with NaN/Inf as strings. */
export function zapFloat(v: number): string {
  if (Number.isNaN(v)) return '"NaN"';
  if (v === Infinity) return '"+Inf"';
  if (v === -Infinity) return '"-Inf"';
  const s = String(v);
  if (!s.includes("e")) return s;
  // Expand JS exponent notation into plain decimal digits, as Go's 'f' format does.
  return v.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 });
}

let cachedSecond = Number.NaN;
let cachedBase = "";

/**
 * `formatMicrosIso`, memoizing the date part of the last second seen: log lines of one burst of
 * requests share it, and building a Date per line is the costliest part of writing one.
 */
export function zapTime(micros: number): string {
  const second = Math.floor(micros / 1_000_000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedBase = formatMicrosIso(second * 1_000_000).slice(0, 20);
  }
  return cachedBase + String(micros - second * 1_000_000).padStart(6, "0") + "Z";
}

/** One attribute value as zap writes it, given its static CEXL type. */
export function zapValue(value: AttributeValue, type: ValueType): string {
  switch (type) {
    case "INT64":
      return typeof value === "number" ? String(Math.trunc(value)) : zapQuote(String(value));
    case "DOUBLE":
      return typeof value === "number" ? zapFloat(value) : zapQuote(String(value));
    case "BOOL":
      return value ? "true" : "false";
    case "DURATION":
      return zapQuote(typeof value === "number" ? formatGoDuration(value) : String(value));
    case "TIMESTAMP":
      return zapQuote(typeof value === "number" ? zapTime(value) : String(value));
    case "STRING_MAP": {
      const map = value as Readonly<Record<string, string>>;
      const keys = Object.keys(map).sort();
      return "{" + keys.map((k) => `${zapQuote(k)}:${zapQuote(map[k])}`).join(",") + "}";
    }
    default:
      return zapQuote(String(value));
  }
}

/** A value as a Prometheus label or a plain string (Go's `fmt.Sprint`). */
export function plainValue(value: AttributeValue, type: ValueType): string {
  switch (type) {
    case "DURATION":
      return typeof value === "number" ? formatGoDuration(value) : String(value);
    case "TIMESTAMP":
      return typeof value === "number" ? formatMicrosIso(value) : String(value);
    case "STRING_MAP": {
      const map = value as Readonly<Record<string, string>>;
      return "map[" + Object.keys(map).sort().map((k) => `${k}:${map[k]}`).join(" ") + "]";
    }
    default:
      return typeof value === "number" ? numberText(value) : String(value);
  }
}

/** Status codes and other small integers label every metric sample: their text is made once. */
const SMALL_INTS: readonly string[] = Array.from({ length: 1024 }, (_, i) => String(i));

function numberText(v: number): string {
  if (Number.isInteger(v) && v >= 0 && v < 1024) return SMALL_INTS[v];
  return String(v);
}
