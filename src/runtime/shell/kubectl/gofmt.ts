/**
 * How Go's fmt prints decoded JSON values, for the places kubectl shows them raw: JSONPath
 * results (`%v`: `map[a:1 b:[x y]]`) and the JSONPath debug dump (`%#v`:
 * `map[string]interface {}{"a":1}`).
 *
 * A JSON number is an int64 in an unstructured object but a float64 once kubectl has
 * round-tripped a List through encoding/json; `floats` says which world we are in, because
 * Go prints 1500000 as `1500000` (int64) but `1.5e+06` (float64).
 */
import { formatGoFloat } from "../../telemetry/goFloat.ts";

export interface GoValueOptions {
  /** Numbers are float64 (a List decoded by encoding/json) rather than int64 when integral. */
  floats: boolean;
}

function isIntNumber(n: number, opts: GoValueOptions): boolean {
  return !opts.floats && Number.isInteger(n);
}

export function goNumber(n: number, opts: GoValueOptions): string {
  return isIntNumber(n, opts) ? String(n) : formatGoFloat(n);
}

function sortedKeys(o: object): string[] {
  return Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `fmt.Sprint(v)` (Go ≥1.12 map order: sorted keys). */
export function goSprint(v: unknown, opts: GoValueOptions): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "number") return goNumber(v, opts);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return "[" + v.map((x) => goSprint(x, opts)).join(" ") + "]";
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    return "map[" + sortedKeys(o).map((k) => `${k}:${goSprint(o[k], opts)}`).join(" ") + "]";
  }
  return String(v);
}

/** Go's `strconv.Quote`: printable runes kept, the rest escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case "\\": out += "\\\\"; continue;
      case "\n": out += "\\n"; continue;
      case "\t": out += "\\t"; continue;
      case "\r": out += "\\r"; continue;
      case "\x07": out += "\\a"; continue;
      case "\b": out += "\\b"; continue;
      case "\f": out += "\\f"; continue;
      case "\v": out += "\\v"; continue;
    }
    if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c >= 0x80 && c < 0xa0) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
}

/** `fmt.Sprintf("%#v", v)` of a value decoded into `interface{}`. */
export function goSharpV(v: unknown, opts: GoValueOptions): string {
  if (v === null || v === undefined) return "interface {}(nil)";
  if (typeof v === "string") return goQuote(v);
  if (typeof v === "number") return goNumber(v, opts);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return "[]interface {}{" + v.map((x) => goSharpV(x, opts)).join(", ") + "}";
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    return "map[string]interface {}{" + sortedKeys(o).map((k) => `${goQuote(k)}:${goSharpV(o[k], opts)}`).join(", ") + "}";
  }
  return String(v);
}
