/** The editor's JSON Schemas come from the same definitions and accept what the tools accept. */
import { describe, expect, it } from "vitest";
import { jsonSchemasForEditor, manifestJsonSchema, toJsonSchema } from "../../../src/runtime/config/jsonSchema.ts";
import { KINDS } from "../../../src/runtime/config/kinds.ts";
import { parseManifests } from "../../../src/runtime/config/manifests.ts";
import { jsonSchemaErrors } from "./miniJsonSchema.ts";
import { EGRESS_GATEWAY_NO_API_VERSION, LISTCHECKER, LOGGING, RULES_EXEMPT_POLITICS, SE_VS_DR, SLEEP, VS_WITH_REGEX } from "../../support/blogManifests.ts";

const ALL_BLOG = [EGRESS_GATEWAY_NO_API_VERSION, SE_VS_DR, LOGGING, VS_WITH_REGEX, LISTCHECKER, RULES_EXEMPT_POLITICS, SLEEP].join("---\n");

describe("JSON Schema generation", () => {
  it("has a draft-07 object schema with descriptions for every kind", () => {
    for (const k of KINDS) {
      const s = toJsonSchema(k.kind)!;
      expect(s.$schema).toBe("http://json-schema.org/draft-07/schema#");
      expect(s.type).toBe("object");
      expect((s.properties as Record<string, unknown>).metadata).toBeDefined();
      expect((s.properties as Record<string, { const: string }>).kind.const).toBe(k.kind);
      expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    }
    const vs = toJsonSchema("VirtualService") as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(vs.properties.spec.properties.http.items.properties.match.items.properties.uri.description).toMatch(/regex/);
  });

  it("offers enums for proto enums, by name or number", () => {
    const se = toJsonSchema("ServiceEntry") as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(se.properties.spec.properties.resolution.anyOf[0].enum).toEqual(["NONE", "STATIC", "DNS"]);
    const dr = toJsonSchema("DestinationRule") as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(dr.properties.spec.properties.trafficPolicy.properties.tls.properties.mode.anyOf[0].enum).toEqual(["DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL"]);
    const lc = toJsonSchema("listchecker") as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(lc.properties.spec.properties.entryType.anyOf[0].enum).toContain("REGEX");
  });

  it("accepts every manifest of the blog and its prerequisite task", () => {
    const schema = manifestJsonSchema();
    for (const doc of parseManifests(ALL_BLOG)) expect(jsonSchemaErrors(schema, doc.object)).toEqual([]);
  });

  it("flags what the tools would reject", () => {
    const schema = manifestJsonSchema();
    const [typo] = parseManifests("apiVersion: networking.istio.io/v1alpha3\nkind: ServiceEntry\nmetadata: {name: x}\nspec:\n  hosts: [a.com]\n  resolution: DSN\n  prots: []\n");
    expect(jsonSchemaErrors(schema, typo.object).length).toBeGreaterThan(0);
    const [dep] = parseManifests("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  replica: 1\n");
    expect(jsonSchemaErrors(schema, dep.object)).toEqual(expect.arrayContaining(["$.spec: unexpected replica", "$.spec: missing selector", "$.spec: missing template"]));
  });

  it("is handed to the editor as one schema for every model", () => {
    const [entry] = jsonSchemasForEditor();
    expect(entry.fileMatch).toEqual(["*"]);
    expect(entry.uri).toMatch(/^https?:\/\//);
    expect(entry.schema.allOf).toBeDefined();
  });
});
