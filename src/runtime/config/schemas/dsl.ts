/**
 * A small schema language for manifests. One definition per kind drives three things:
 * decoding/validation with each tool's wording (jsonpb for Istio protos, the OpenAPI
 * validator for kubectl), canonical output (`istioctl get -o yaml`), and the JSON Schemas
 * the editor uses for completion and hover docs.
 */

interface Base {
  /** Hover documentation (Markdown allowed). */
  description?: string;
}

export interface StringSchema extends Base { t: "string"; pattern?: string; examples?: string[] }
/** Go integer field; `go` is the Go type named in decoding errors. */
export interface IntSchema extends Base { t: "int"; go: "int32" | "uint32" | "int64" | "uint64"; minimum?: number; maximum?: number }
export interface NumberSchema extends Base { t: "number"; go: "float32" | "float64" }
export interface BoolSchema extends Base { t: "bool" }
/** A proto enum: names in declaration order, so a value's index is its number. */
export interface EnumSchema extends Base { t: "enum"; values: readonly string[]; protoName: string }
/** google.protobuf.Duration as JSON: a Go duration string such as `5s` or `100ms`. */
export interface DurationSchema extends Base { t: "duration" }
/** Kubernetes IntOrString (container ports by name, targetPort). */
export interface IntOrStringSchema extends Base { t: "int-or-string" }
export interface MapSchema extends Base { t: "map"; values: Schema }
export interface ListSchema extends Base { t: "list"; items: Schema }
/** Free-form data (google.protobuf.Struct, Mixer adapter params we do not model). */
export interface AnySchema extends Base { t: "any" }

export interface Field {
  name: string;
  schema: Schema;
  /** jsonpb also accepts the proto field's original snake_case name. */
  alias?: string;
}

export interface ObjectSchema extends Base {
  t: "object";
  /** The type named in error messages: `v1alpha3.VirtualService`, `io.k8s.api.core.v1.PodSpec`. */
  typeName: string;
  fields: Field[];
  /** What a field the schema does not know means: an error (protos, OpenAPI types) or nothing. */
  unknownFields: "reject" | "allow";
  /** Fields kubectl's OpenAPI validation requires. */
  required?: string[];
  /** Proto message: snake_case aliases are accepted and enums may be numbers. */
  proto?: boolean;
}

export type Schema =
  | StringSchema | IntSchema | NumberSchema | BoolSchema | EnumSchema | DurationSchema
  | IntOrStringSchema | MapSchema | ListSchema | AnySchema | ObjectSchema;

export const str = (description?: string, extra: Partial<StringSchema> = {}): StringSchema => ({ t: "string", description, ...extra });
export const int32 = (description?: string, extra: Partial<IntSchema> = {}): IntSchema => ({ t: "int", go: "int32", description, ...extra });
export const uint32 = (description?: string, extra: Partial<IntSchema> = {}): IntSchema => ({ t: "int", go: "uint32", description, ...extra });
export const uint64 = (description?: string): IntSchema => ({ t: "int", go: "uint64", description });
export const int64 = (description?: string, extra: Partial<IntSchema> = {}): IntSchema => ({ t: "int", go: "int64", description, ...extra });
export const float = (description?: string): NumberSchema => ({ t: "number", go: "float32", description });
export const double = (description?: string): NumberSchema => ({ t: "number", go: "float64", description });
export const bool = (description?: string): BoolSchema => ({ t: "bool", description });
export const duration = (description?: string): DurationSchema => ({ t: "duration", description });
export const intOrString = (description?: string): IntOrStringSchema => ({ t: "int-or-string", description });
export const any = (description?: string): AnySchema => ({ t: "any", description });
export const mapOf = (values: Schema, description?: string): MapSchema => ({ t: "map", values, description });
export const listOf = (items: Schema, description?: string): ListSchema => ({ t: "list", items, description });
export const enumOf = (protoName: string, values: readonly string[], description?: string): EnumSchema => ({ t: "enum", protoName, values, description });

/** Gives a shared schema a field-specific description. */
export function doc<S extends Schema>(schema: S, description: string): S {
  return { ...schema, description };
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

type FieldSpec = Record<string, Schema>;

function fieldsOf(spec: FieldSpec, proto: boolean): Field[] {
  return Object.entries(spec).map(([name, schema]) => {
    const alias = proto ? snakeCase(name) : undefined;
    return { name, schema, alias: alias !== name ? alias : undefined };
  });
}

/** A protobuf message as jsonpb reads it (lowerCamel names, snake_case accepted, unknown fields rejected). */
export function message(typeName: string, fields: FieldSpec, description?: string): ObjectSchema {
  return { t: "object", typeName, fields: fieldsOf(fields, true), unknownFields: "reject", proto: true, description };
}

/** A Kubernetes OpenAPI type (unknown fields rejected by kubectl's validation). */
export function kubeType(typeName: string, fields: FieldSpec, required: string[] = [], description?: string): ObjectSchema {
  return { t: "object", typeName, fields: fieldsOf(fields, false), unknownFields: "reject", required, description };
}

/** An object whose other fields are accepted as written (Mixer params we model loosely). */
export function looseObject(typeName: string, fields: FieldSpec, description?: string): ObjectSchema {
  return { t: "object", typeName, fields: fieldsOf(fields, true), unknownFields: "allow", proto: true, description };
}

/** Looks a field up by its JSON name or its proto alias. */
export function findField(schema: ObjectSchema, key: string): Field | undefined {
  return schema.fields.find((f) => f.name === key || f.alias === key);
}
