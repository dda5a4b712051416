/**
 * Decoding a handler's `spec` the way Mixer 0.8 does (gogo jsonpb into a clone of the adapter's
 * DefaultConfig): lowerCamel and snake_case names are both accepted, unknown fields fail with
 * `unknown field "x" in config.Params`, and a map that is given replaces the default map.
 */
import { parseGoDuration } from "../config/validation/goDuration.ts";

export type FieldKind = "string" | "bool" | "int" | "number" | "duration" | "stringList" | "enum" | "map" | "object" | "any";

export interface FieldSpec {
  /** The proto field name (snake_case); the lowerCamel JSON name is derived. */
  name: string;
  kind: FieldKind;
  /** For enums: accepted names, indexed by number. */
  values?: readonly string[];
  /** For objects and lists of objects: the nested message. */
  message?: MessageSpec;
  repeated?: boolean;
}

export interface MessageSpec {
  /** Go type name used in error messages, e.g. `config.Params`. */
  typeName: string;
  fields: readonly FieldSpec[];
}

export class ParamsError extends Error {}

function camel(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function typeDescription(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v === "object" ? "object" : typeof v;
}

/** Go-duration strings as jsonpb accepts them for google.protobuf.Duration (`60s`, `1.5s`, `1m30s`). */
export function parseDurationSeconds(v: unknown): number | undefined {
  if (typeof v !== "string") return undefined;
  const parsed = parseGoDuration(v.trim());
  return "nanos" in parsed ? parsed.nanos / 1e9 : undefined;
}

function decodeValue(field: FieldSpec, value: unknown, where: string): unknown {
  const bad = (): never => {
    throw new ParamsError(`json: cannot unmarshal ${typeDescription(value)} into Go value of type ${goType(field)} (field ${where})`);
  };
  switch (field.kind) {
    case "string":
      return typeof value === "string" ? value : bad();
    case "bool":
      return typeof value === "boolean" ? value : bad();
    case "int":
      if (typeof value === "number" && Number.isInteger(value)) return value;
      if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
      return bad();
    case "number":
      return typeof value === "number" ? value : bad();
    case "duration": {
      const s = parseDurationSeconds(value);
      if (s === undefined) throw new ParamsError(`bad Duration: time: invalid duration ${JSON.stringify(String(value))}`);
      return s;
    }
    case "stringList":
      if (!Array.isArray(value) || value.some((x) => typeof x !== "string")) return bad();
      return value.slice();
    case "enum": {
      const values = field.values ?? [];
      if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value < values.length) return values[value];
      if (typeof value === "string" && values.includes(value)) return value;
      throw new ParamsError(`unknown value ${JSON.stringify(value)} for enum ${goType(field)}`);
    }
    case "map":
      if (value === null || typeof value !== "object" || Array.isArray(value)) return bad();
      return { ...(value as Record<string, unknown>) };
    case "object":
      if (value === null || typeof value !== "object" || Array.isArray(value)) return bad();
      return decodeMessage(field.message!, value as Record<string, unknown>);
    case "any":
      return value;
  }
}

function goType(field: FieldSpec): string {
  switch (field.kind) {
    case "string": return "string";
    case "bool": return "bool";
    case "int": return "int64";
    case "number": return "float64";
    case "stringList": return "[]string";
    case "map": return "map[string]";
    default: return field.message?.typeName ?? field.name;
  }
}

/**
 * Decodes `spec` against `message`, starting from `defaults`. Returns a plain object keyed by the
 * proto (snake_case) field names.
 */
export function decodeMessage(message: MessageSpec, spec: Record<string, unknown> | undefined, defaults: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaults };
  if (!spec) return out;
  const byJsonName = new Map<string, FieldSpec>();
  for (const f of message.fields) {
    byJsonName.set(f.name, f);
    byJsonName.set(camel(f.name), f);
  }
  for (const [key, value] of Object.entries(spec)) {
    const field = byJsonName.get(key);
    if (!field) throw new ParamsError(`unknown field ${JSON.stringify(key)} in ${message.typeName}`);
    if (value === null) continue; // jsonpb leaves a null field at its default
    if (field.repeated) {
      if (!Array.isArray(value)) throw new ParamsError(`json: cannot unmarshal ${typeDescription(value)} into Go value of type []${goType(field)}`);
      out[field.name] = value.map((v, i) => decodeValue(field, v, `${key}[${i}]`));
    } else {
      out[field.name] = decodeValue(field, value, key);
    }
  }
  return out;
}
