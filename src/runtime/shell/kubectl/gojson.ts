/**
 * `kubectl get -o json`: Go's `json.MarshalIndent(obj, "", "    ")` of an unstructured object,
 * so map keys are sorted bytewise, `<`, `>` and `&` are escaped as \u003c..., and empty
 * objects/arrays print as `{}` / `[]`.
 */
import { formatGoFloat } from "../../telemetry/goFloat.ts";

const ESCAPES: Record<string, string> = {
  '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
  "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029",
};

/** Go's encoding/json string encoding (HTML-safe). */
export function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const e = ESCAPES[c];
    if (e !== undefined) out += e;
    else if (c < " ") out += "\\u00" + c.charCodeAt(0).toString(16).padStart(2, "0");
    else out += c;
  }
  return out + '"';
}

/** Go's float encoding in JSON: plain digits, exponent only outside [1e-6, 1e21). */
function goJsonNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    // Go: 'e' format, then "e-07" -> "e-7" style cleanup.
    return formatGoFloat(n).replace(/e([-+])0(\d)$/, "e$1$2");
  }
  return String(n);
}

function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function toGoJson(value: unknown, indent = "    ", prefix = ""): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return goJsonString(value);
  if (typeof value === "number") return Number.isFinite(value) ? goJsonNumber(value) : "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  const inner = prefix + indent;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return "[\n" + value.map((v) => inner + toGoJson(v, indent, inner)).join(",\n") + "\n" + prefix + "]";
  }
  const o = value as Record<string, unknown>;
  const keys = sortedKeys(o).filter((k) => o[k] !== undefined);
  if (keys.length === 0) return "{}";
  return "{\n" + keys.map((k) => `${inner}${goJsonString(k)}: ${toGoJson(o[k], indent, inner)}`).join(",\n") + "\n" + prefix + "}";
}

/** Compact `json.Marshal` with sorted keys (the last-applied-configuration annotation). */
export function toGoJsonCompact(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return goJsonString(value);
  if (typeof value === "number") return Number.isFinite(value) ? goJsonNumber(value) : "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return "[" + value.map(toGoJsonCompact).join(",") + "]";
  const o = value as Record<string, unknown>;
  return "{" + sortedKeys(o).filter((k) => o[k] !== undefined).map((k) => `${goJsonString(k)}:${toGoJsonCompact(o[k])}`).join(",") + "}";
}
