/**
 * Entry points that check one manifest the way each tool does:
 * - `decodeForIstioctl`: istioctl 0.8's `crd.ParseInputs` (kind lookup by `kind` alone,
 *   jsonpb decoding of the spec, Pilot validation) for Pilot kinds; Mixer kinds pass as written;
 * - `kubectlValidationError`: kubectl 1.10's client-side validation (`--validate=true`).
 * Both return the tool's exact error text, ready to print.
 */
import { KINDS, kindOfManifest, type KindInfo } from "./kinds.ts";
import { kindSchema } from "./schemas/registry.ts";
import { decodeValue } from "./validation/jsonpb.ts";
import { openApiErrors } from "./validation/openapi.ts";
import { PILOT_VALIDATORS } from "./validation/pilotRules.ts";
import { goErrorText } from "./goErrors.ts";
import { marshalGoYaml } from "./goYaml.ts";
import type { ParsedManifest } from "./manifests.ts";

export type IstioctlDecoded =
  /** A networking.istio.io kind: decoded, validated, spec in canonical form. */
  | { family: "pilot"; info: KindInfo; name: string; namespace: string; spec: Record<string, unknown>; object: Record<string, unknown>; labels?: Record<string, string>; annotations?: Record<string, string> }
  /** Anything else: istioctl hands it to the config.istio.io API as written. */
  | { family: "other"; kind: string; apiVersion: string; name: string; namespace: string; object: Record<string, unknown> };

export type IstioctlDecodeResult = { ok: true; value: IstioctlDecoded } | { ok: false; error: string };

function metaOf(obj: Record<string, unknown>): Record<string, unknown> {
  const m = obj.metadata;
  return typeof m === "object" && m !== null && !Array.isArray(m) ? (m as Record<string, unknown>) : {};
}

const asString = (v: unknown): string => (typeof v === "string" ? v : "");


/** The Pilot kind for a manifest `kind`, as istioctl 0.8 finds it (CamelCase type name only). */
export function pilotKindOf(kind: string): KindInfo | undefined {
  return KINDS.find((k) => k.family === "pilot" && k.kind === kind);
}

/**
 * What istioctl 0.8 makes of one document before talking to the cluster. Errors carry the text
 * after `Error: ` (`cannot parse proto message: ...`, `configuration is invalid: ...`).
 */
export function decodeForIstioctl(doc: ParsedManifest): IstioctlDecodeResult {
  const obj = doc.object;
  const kind = asString(obj.kind);
  const meta = metaOf(obj);
  const name = asString(meta.name);
  const namespace = asString(meta.namespace);
  const info = pilotKindOf(kind);
  if (!info) return { ok: true, value: { family: "other", kind, apiVersion: asString(obj.apiVersion), name, namespace, object: obj } };

  const schema = kindSchema(info).spec!;
  const decoded = decodeValue(schema, obj.spec ?? {});
  if (!decoded.ok) return { ok: false, error: `cannot parse proto message: YAML decoding error: ${marshalGoYaml(obj.spec)} ${decoded.error}` };
  const spec = decoded.value as Record<string, unknown>;
  const invalid = PILOT_VALIDATORS[info.kind](spec);
  if (invalid !== undefined) return { ok: false, error: `configuration is invalid: ${goErrorText(invalid)}` };
  return {
    ok: true,
    value: {
      family: "pilot", info, name, namespace, spec, object: obj,
      labels: meta.labels as Record<string, string> | undefined, annotations: meta.annotations as Record<string, string> | undefined,
    },
  };
}

/** The canonical spec of a stored Istio object (snake_case aliases renamed, enum names, jsonpb durations), or undefined if it does not decode. */
export function canonicalSpec(info: KindInfo, spec: unknown): Record<string, unknown> | undefined {
  const schema = kindSchema(info).spec;
  if (!schema) return undefined;
  const r = decodeValue(schema, spec ?? {});
  return r.ok ? (r.value as Record<string, unknown>) : undefined;
}

const VALIDATE_HINT = "if you choose to ignore these errors, turn validation off with --validate=false";

/**
 * kubectl 1.10's validation of one document read from `source` (`STDIN` or the file name):
 * the full `error: error validating "STDIN": ...` line, `error: unable to recognize ...` for
 * kinds the server does not serve, or undefined when kubectl would send it.
 */
export function kubectlValidationError(doc: ParsedManifest, source: string): string | undefined {
  const obj = doc.object;
  const problems: string[] = [];
  if (typeof obj.apiVersion !== "string" || obj.apiVersion === "") problems.push("apiVersion not set");
  if (typeof obj.kind !== "string" || obj.kind === "") problems.push("kind not set");
  if (!problems.length) {
    const info = kindOfManifest(obj.kind as string, obj.apiVersion as string);
    if (!info) return `error: unable to recognize "${source}": no matches for kind "${obj.kind as string}" in version "${obj.apiVersion as string}"`;
    // Custom resources publish no OpenAPI schema in 1.10: kubectl checks nothing more.
    if (info.family === "kube") problems.push(...openApiErrors(kindSchema(info, obj.apiVersion as string).manifest, obj, info.kind));
  }
  if (!problems.length) return undefined;
  const text = problems.length === 1 ? problems[0] : `[${problems.join(", ")}]`;
  return `error: error validating "${source}": error validating data: ${text}; ${VALIDATE_HINT}`;
}
