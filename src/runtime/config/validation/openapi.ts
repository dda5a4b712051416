/**
 * kubectl 1.10's client-side validation (`--validate=true`, from the server's OpenAPI
 * document): every problem is reported, each as
 * `ValidationError(Deployment.spec): unknown field "replica" in io.k8s.api.apps.v1.DeploymentSpec`.
 */
import type { ObjectSchema, Schema } from "../schemas/dsl.ts";

/** The OpenAPI type name of a JSON value, as the validator prints it. */
function openApiType(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  if (typeof v === "object") return "map";
  return typeof v;
}

function expectedType(s: Schema): string | undefined {
  switch (s.t) {
    case "string": case "duration": case "enum": return "string";
    case "int": return "integer";
    case "number": return "number";
    case "bool": return "boolean";
    case "list": return "array";
    case "map": case "object": return "map";
    default: return undefined;
  }
}

function check(s: Schema, v: unknown, path: string, owner: string, errors: string[]): void {
  if (v === null || v === undefined) return;
  if (s.t === "any") return;
  if (s.t === "int-or-string") {
    if (typeof v !== "string" && typeof v !== "number") errors.push(`ValidationError(${path}): invalid type for ${owner}: got "${openApiType(v)}", expected "string"`);
    return;
  }
  const expected = expectedType(s);
  const got = openApiType(v);
  if (expected && got !== expected && !(expected === "number" && got === "integer")) {
    errors.push(`ValidationError(${path}): invalid type for ${owner}: got "${got}", expected "${expected}"`);
    return;
  }
  if (s.t === "list") (v as unknown[]).forEach((item, i) => check(s.items, item, `${path}[${i}]`, owner, errors));
  else if (s.t === "map") for (const [k, item] of Object.entries(v as Record<string, unknown>)) check(s.values, item, `${path}.${k}`, owner, errors);
  else if (s.t === "object") checkObject(s, v as Record<string, unknown>, path, errors);
}

function checkObject(s: ObjectSchema, obj: Record<string, unknown>, path: string, errors: string[]): void {
  for (const [k, v] of Object.entries(obj)) {
    const field = s.fields.find((f) => f.name === k);
    if (!field) {
      if (s.unknownFields === "reject") errors.push(`ValidationError(${path}): unknown field "${k}" in ${s.typeName}`);
      continue;
    }
    check(field.schema, v, `${path}.${k}`, `${s.typeName}.${k}`, errors);
  }
  for (const r of s.required ?? []) {
    if (obj[r] === undefined || obj[r] === null) errors.push(`ValidationError(${path}): missing required field "${r}" in ${s.typeName}`);
  }
}

/** All validation errors of a manifest against its kind's schema (empty when valid). */
export function openApiErrors(manifest: ObjectSchema, object: Record<string, unknown>, kind: string): string[] {
  const errors: string[] = [];
  checkObject(manifest, object, kind, errors);
  return errors;
}
