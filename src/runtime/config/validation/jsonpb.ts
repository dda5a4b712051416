/**
 * Decodes an Istio spec the way istioctl 0.8 does (gogo jsonpb over ghodss YAML->JSON): proto
 * field names (lowerCamel or snake_case), enum names or numbers, quoted numbers, Go durations.
 * It stops at the first problem with jsonpb's wording (`unknown field "foo" in
 * v1alpha3.VirtualService`), and otherwise returns the spec in canonical form (lowerCamel
 * keys, enum names, jsonpb durations) so the rest of the runtime reads one shape.
 */
import { findField, type EnumSchema, type IntSchema, type ObjectSchema, type Schema } from "../schemas/dsl.ts";
import { formatProtoDuration, parseGoDuration } from "./goDuration.ts";

export type DecodeResult = { ok: true; value: unknown } | { ok: false; error: string };

/** The JSON type name Go's encoding/json uses in "cannot unmarshal X" errors. */
export function goJsonType(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  if (typeof v === "boolean") return "bool";
  return typeof v;
}

const cannot = (v: unknown, goType: string, withValue = false): DecodeResult => ({
  ok: false,
  error: `json: cannot unmarshal ${goJsonType(v)}${withValue ? ` ${String(v)}` : ""} into Go value of type ${goType}`,
});

const INT_RANGES: Record<IntSchema["go"], [number, number]> = {
  int32: [-2147483648, 2147483647], uint32: [0, 4294967295],
  int64: [-9223372036854775808, 9223372036854775807], uint64: [0, 18446744073709551615],
};

function decodeInt(s: IntSchema, v: unknown): DecodeResult {
  let n = v;
  // jsonpb accepts integers written as JSON strings ("80") by dropping the quotes.
  if (typeof v === "string") {
    if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v)) return { ok: false, error: `invalid character '${v[0] ?? '"'}' looking for beginning of value` };
    n = Number(v);
  }
  if (typeof n !== "number") return cannot(v, s.go);
  const [lo, hi] = INT_RANGES[s.go];
  if (!Number.isInteger(n) || n < lo || n > hi) return cannot(n, s.go, true);
  return { ok: true, value: n };
}

function enumGoType(s: EnumSchema): string {
  return s.protoName.split(".").slice(-2).join(".");
}

function decodeEnum(s: EnumSchema, v: unknown): DecodeResult {
  if (typeof v === "string") {
    return s.values.includes(v) ? { ok: true, value: v } : { ok: false, error: `unknown value "${v}" for enum ${s.protoName}` };
  }
  if (typeof v === "number" && Number.isInteger(v)) return { ok: true, value: s.values[v] ?? v };
  return cannot(v, enumGoType(s));
}

function decodeObject(s: ObjectSchema, v: unknown): DecodeResult {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return cannot(v, "map[string]json.RawMessage");
  const input = v as Record<string, unknown>;
  const consumed = new Set<string>();
  const out: Record<string, unknown> = {};
  for (const field of s.fields) {
    // Both spellings are accepted; when both are present the lowerCamel one wins.
    const key = field.name in input ? field.name : field.alias !== undefined && field.alias in input ? field.alias : undefined;
    if (field.alias !== undefined && field.alias in input) consumed.add(field.alias);
    if (key === undefined) continue;
    consumed.add(key);
    const raw = input[key];
    if (raw === null || raw === undefined) continue;
    const r = decodeValue(field.schema, raw);
    if (!r.ok) return r;
    out[field.name] = r.value;
  }
  if (s.unknownFields === "allow") {
    for (const [k, val] of Object.entries(input)) if (!consumed.has(k)) out[k] = val;
  } else {
    const unknown = Object.keys(input).find((k) => !consumed.has(k));
    if (unknown !== undefined) return { ok: false, error: `unknown field "${unknown}" in ${s.typeName}` };
  }
  return { ok: true, value: out };
}

/** Decodes one value against its schema with jsonpb's rules. */
export function decodeValue(s: Schema, v: unknown): DecodeResult {
  switch (s.t) {
    case "object": return decodeObject(s, v);
    case "string": return typeof v === "string" ? { ok: true, value: v } : cannot(v, "string");
    case "bool": return typeof v === "boolean" ? { ok: true, value: v } : cannot(v, "bool");
    case "int": return decodeInt(s, v);
    case "number": {
      const n = typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : v;
      return typeof n === "number" ? { ok: true, value: n } : cannot(v, s.go);
    }
    case "int-or-string": return typeof v === "string" || typeof v === "number" ? { ok: true, value: v } : cannot(v, "intstr.IntOrString");
    case "enum": return decodeEnum(s, v);
    case "duration": {
      if (typeof v !== "string") return { ok: false, error: "invalid syntax" };
      const d = parseGoDuration(v);
      return "error" in d ? { ok: false, error: `bad Duration: ${d.error}` } : { ok: true, value: formatProtoDuration(d.nanos) };
    }
    case "any": return { ok: true, value: v };
    case "list": {
      if (!Array.isArray(v)) return cannot(v, "[]json.RawMessage");
      const out: unknown[] = [];
      for (const item of v) {
        if (item === null) continue;
        const r = decodeValue(s.items, item);
        if (!r.ok) return r;
        out.push(r.value);
      }
      return { ok: true, value: out };
    }
    case "map": {
      if (typeof v !== "object" || v === null || Array.isArray(v)) return cannot(v, "map[string]json.RawMessage");
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
        if (item === null) continue;
        const r = decodeValue(s.values, item);
        if (!r.ok) return r;
        out[k] = r.value;
      }
      return { ok: true, value: out };
    }
  }
}

function isZero(s: Schema, v: unknown): boolean {
  if (v === undefined || v === null) return true;
  switch (s.t) {
    case "string": return v === "";
    case "bool": return v === false;
    case "int": case "number": return v === 0;
    case "enum": return v === s.values[0] || v === 0;
    case "list": return Array.isArray(v) && v.length === 0;
    case "map": return typeof v === "object" && Object.keys(v as object).length === 0;
    default: return false;
  }
}

/**
 * jsonpb's Marshaler output (EmitDefaults off) of a canonical spec: zero scalars, first enum
 * values and empty lists/maps are left out, as `istioctl get -o yaml` shows them.
 */
export function omitProtoDefaults(s: Schema, v: unknown): unknown {
  if (s.t === "object" && typeof v === "object" && v !== null && !Array.isArray(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
      const field = findField(s, k);
      if (!field) { out[k] = val; continue; }
      if (isZero(field.schema, val)) continue;
      out[k] = omitProtoDefaults(field.schema, val);
    }
    return out;
  }
  if (s.t === "list" && Array.isArray(v)) return v.map((item) => omitProtoDefaults(s.items, item));
  if (s.t === "map" && typeof v === "object" && v !== null) {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, val]) => [k, omitProtoDefaults(s.values, val)]));
  }
  return v;
}
