/**
 * A tiny draft-07 checker for the keywords our generated schemas use, so tests can check that
 * manifests validate against them without a JSON Schema library.
 */
type S = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function typeOk(t: string, v: unknown): boolean {
  switch (t) {
    case "object": return typeof v === "object" && v !== null && !Array.isArray(v);
    case "array": return Array.isArray(v);
    case "string": return typeof v === "string";
    case "integer": return Number.isInteger(v);
    case "number": return typeof v === "number";
    case "boolean": return typeof v === "boolean";
    case "null": return v === null;
    default: return false;
  }
}

export function jsonSchemaErrors(schema: S, v: unknown, path = "$"): string[] {
  const errs: string[] = [];
  if (schema.type !== undefined) {
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeOk(t, v))) return [`${path}: expected ${types.join("|")}`];
  }
  if (schema.const !== undefined && v !== schema.const) errs.push(`${path}: expected ${schema.const}`);
  if (schema.enum && !schema.enum.includes(v)) errs.push(`${path}: not in enum`);
  if (schema.pattern && typeof v === "string" && !new RegExp(schema.pattern, "u").test(v)) errs.push(`${path}: pattern`);
  if (typeof v === "number" && schema.minimum !== undefined && v < schema.minimum) errs.push(`${path}: minimum`);
  if (typeof v === "number" && schema.maximum !== undefined && v > schema.maximum) errs.push(`${path}: maximum`);
  if (schema.anyOf && !schema.anyOf.some((s: S) => jsonSchemaErrors(s, v, path).length === 0)) errs.push(`${path}: anyOf`);
  for (const s of schema.allOf ?? []) {
    if (s.if) {
      if (jsonSchemaErrors(s.if, v, path).length === 0 && s.then) errs.push(...jsonSchemaErrors(s.then, v, path));
    } else errs.push(...jsonSchemaErrors(s, v, path));
  }
  if (typeOk("object", v)) {
    const o = v as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in o)) errs.push(`${path}: missing ${r}`);
    for (const [k, val] of Object.entries(o)) {
      if (schema.properties?.[k]) errs.push(...jsonSchemaErrors(schema.properties[k], val, `${path}.${k}`));
      else if (schema.additionalProperties === false) errs.push(`${path}: unexpected ${k}`);
      else if (typeof schema.additionalProperties === "object") errs.push(...jsonSchemaErrors(schema.additionalProperties, val, `${path}.${k}`));
    }
  }
  if (Array.isArray(v) && schema.items) v.forEach((item, i) => errs.push(...jsonSchemaErrors(schema.items, item, `${path}[${i}]`)));
  return errs;
}
