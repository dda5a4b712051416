/**
 * JSON Schemas (draft-07) for the manifest editor (monaco-yaml), generated from the same
 * definitions the validators use, so completion, hover docs and squiggles agree with what
 * kubectl and istioctl will say.
 */
import { apiVersionOf, KINDS } from "./kinds.ts";
import { allKindSchemas, kindSchema, type KindSchema } from "./schemas/registry.ts";
import type { Schema } from "./schemas/dsl.ts";

export type JsonSchema = Record<string, unknown>;

const INT_BOUNDS: Record<string, [number, number]> = {
  int32: [-2147483648, 2147483647], uint32: [0, 4294967295], int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER], uint64: [0, Number.MAX_SAFE_INTEGER],
};

const DURATION_PATTERN = "^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$";

/** JSON Schema of one DSL node. */
export function schemaToJson(s: Schema): JsonSchema {
  const d = s.description ? { description: s.description, markdownDescription: s.description } : {};
  switch (s.t) {
    case "string": return { type: "string", ...(s.examples ? { examples: s.examples } : {}), ...d };
    case "int": {
      const [min, max] = INT_BOUNDS[s.go];
      return { type: "integer", minimum: s.minimum ?? min, maximum: s.maximum ?? max, ...d };
    }
    case "number": return { type: "number", ...d };
    case "bool": return { type: "boolean", ...d };
    // jsonpb takes enum names or their numbers (the blog writes `info: 2`).
    case "enum": return { anyOf: [{ type: "string", enum: [...s.values] }, { type: "integer", minimum: 0, maximum: s.values.length - 1 }], ...d };
    case "duration": return { type: "string", pattern: DURATION_PATTERN, examples: ["5s", "100ms", "1m"], ...d };
    case "int-or-string": return { type: ["integer", "string"], ...d };
    case "any": return { ...d };
    case "map": return { type: "object", additionalProperties: schemaToJson(s.values), ...d };
    case "list": return { type: "array", items: schemaToJson(s.items), ...d };
    case "object": {
      const properties: Record<string, JsonSchema> = {};
      for (const f of s.fields) {
        properties[f.name] = schemaToJson(f.schema);
        if (f.alias) properties[f.alias] = { ...schemaToJson(f.schema), description: `Same as \`${f.name}\`.` };
      }
      return {
        type: "object", properties,
        ...(s.unknownFields === "reject" ? { additionalProperties: false } : {}),
        ...(s.required?.length ? { required: s.required } : {}),
        ...d,
      };
    }
  }
}

function manifestJson(ks: KindSchema): JsonSchema {
  const base = schemaToJson(ks.manifest) as { properties: Record<string, JsonSchema>; required?: string[] };
  base.properties.apiVersion = { ...base.properties.apiVersion, enum: ks.apiVersions };
  base.properties.kind = { ...base.properties.kind, const: ks.info.kind };
  // istioctl 0.8 accepts Istio manifests without apiVersion (the egress task's Gateway has none).
  base.required = ks.info.family === "kube" ? ["apiVersion", "kind", ...(base.required ?? [])] : ["kind"];
  return base as JsonSchema;
}

/** The JSON Schema of one kind's manifests (for Deployments, of one apiVersion). */
export function toJsonSchema(kind: string, apiVersion?: string): JsonSchema | undefined {
  const info = KINDS.find((k) => k.kind === kind);
  if (!info) return undefined;
  return { $schema: "http://json-schema.org/draft-07/schema#", title: kind, ...manifestJson(kindSchema(info, apiVersion)) };
}

/** One schema for any manifest the lab understands, dispatching on `kind` (and `apiVersion` where shapes differ). */
export function manifestJsonSchema(): JsonSchema {
  const branches = allKindSchemas().map((ks) => {
    const several = allKindSchemas().filter((o) => o.info === ks.info).length > 1;
    const cond = several
      ? { properties: { kind: { const: ks.info.kind }, apiVersion: { const: ks.apiVersions[0] } }, required: ["kind", "apiVersion"] }
      : { properties: { kind: { const: ks.info.kind } }, required: ["kind"] };
    return { if: cond, then: manifestJson(ks) };
  });
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Kubernetes / Istio 0.8 manifest",
    type: "object",
    properties: {
      apiVersion: { type: "string", enum: [...new Set([...KINDS.map(apiVersionOf), "apps/v1", "apps/v1beta1", "apps/v1beta2"])], description: "API group and version." },
      kind: { type: "string", enum: KINDS.map((k) => k.kind), description: "The kind of object." },
    },
    required: ["kind"],
    allOf: branches,
  };
}

export interface EditorSchema {
  uri: string;
  fileMatch: string[];
  schema: JsonSchema;
}

/** What monaco-yaml's `schemas` option takes: one schema for every YAML model of the editor. */
export function jsonSchemasForEditor(): EditorSchema[] {
  return [{ uri: "https://egress-lab.local/schemas/manifest.json", fileMatch: ["*"], schema: manifestJsonSchema() }];
}
