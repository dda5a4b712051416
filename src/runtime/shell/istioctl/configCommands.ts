/**
 * `istioctl create|replace|delete` (istioctl/cmd/istioctl/main.go @0.8.0). All documents are
 * parsed and Pilot kinds validated before anything is sent; Pilot kinds go first, in input
 * order, and the first failure stops the command; then the other kinds go to the
 * config.istio.io API unvalidated, and their failures are collected into one multierror.
 */
import { ApiError } from "../../cluster/store.ts";
import type { KubeObject } from "../../cluster/objects.ts";
import { KINDS, type KindInfo } from "../../config/kinds.ts";
import { istioctlParseErrorMessage, parseManifestStream } from "../../config/manifests.ts";
import { decodeForIstioctl, type IstioctlDecoded } from "../../config/validate.ts";
import { kindSchema } from "../../config/schemas/registry.ts";
import { omitProtoDefaults } from "../../config/validation/jsonpb.ts";
import { MultiError } from "../../config/goErrors.ts";
import { IstioctlError, type RunContext } from "./context.ts";
import { lookupConfigType } from "./configTypes.ts";

type Pilot = Extract<IstioctlDecoded, { family: "pilot" }>;
type Other = Extract<IstioctlDecoded, { family: "other" }>;

const MIXER_API_VERSION = "config.istio.io/v1alpha2";
const apiMessage = (e: unknown): string => (e instanceof ApiError ? e.message : String((e as Error)?.message ?? e));

async function readConfigs(ctx: RunContext, file: string): Promise<{ pilot: Pilot[]; others: Other[] }> {
  const text = await ctx.readInput(file);
  const { manifests, error } = parseManifestStream(text);
  if (error) throw new IstioctlError(istioctlParseErrorMessage(error));
  const pilot: Pilot[] = [];
  const others: Other[] = [];
  for (const m of manifests) {
    const r = decodeForIstioctl(m);
    if (!r.ok) throw new IstioctlError(r.error);
    if (r.value.family === "pilot") pilot.push(r.value);
    else others.push(r.value);
  }
  return { pilot, others };
}

const pilotKey = (c: Pilot, ns: string) => `${c.info.pilotType}/${ns}/${c.name}`;
const mixerKey = (c: Other) => `${c.kind}/${c.namespace}/${c.name}`;

/** What Pilot's CRD client posts: group/version from the schema, jsonpb output of the spec. */
function pilotObject(c: Pilot, namespace: string, resourceVersion?: string): KubeObject {
  const metadata: KubeObject["metadata"] = { name: c.name, namespace };
  if (c.labels) metadata.labels = c.labels;
  if (c.annotations) metadata.annotations = c.annotations;
  if (resourceVersion) metadata.resourceVersion = resourceVersion;
  return {
    apiVersion: `${c.info.group}/${c.info.version}`, kind: c.info.kind, metadata,
    spec: omitProtoDefaults(kindSchema(c.info).spec!, c.spec) as Record<string, unknown>,
  };
}

function mixerObject(c: Other): KubeObject {
  const meta = (c.object.metadata ?? {}) as Record<string, unknown>;
  const metadata: KubeObject["metadata"] = { name: c.name, namespace: c.namespace };
  for (const k of ["labels", "annotations", "resourceVersion"] as const) if (meta[k] !== undefined) (metadata as unknown as Record<string, unknown>)[k] = meta[k];
  const obj: KubeObject = { apiVersion: c.apiVersion, kind: c.kind, metadata };
  if (c.object.spec !== undefined) obj.spec = c.object.spec;
  return obj;
}

const nameRequired = (qualifiedKind: string) => `${qualifiedKind} "" is invalid: metadata.name: Required value: name or generateName is required`;

/** API discovery of config.istio.io/v1alpha2 by exact Kind. */
function mixerKind(kind: string): KindInfo | undefined {
  return KINDS.find((k) => k.group === "config.istio.io" && k.kind === kind);
}

/** preprocMixerConfig: namespaces and the default apiVersion. */
function preprocessOthers(ctx: RunContext, others: Other[]): void {
  for (const c of others) {
    c.namespace = ctx.namespaceFor(c.namespace);
    if (!c.apiVersion) c.apiVersion = MIXER_API_VERSION;
  }
}

function sendOthers(ctx: RunContext, others: Other[], verb: "create" | "replace"): void {
  preprocessOthers(ctx, others);
  const errs: string[] = [];
  for (const c of others) {
    const info = mixerKind(c.kind);
    if (!info) { errs.push(`kind ${c.kind} is not known`); continue; }
    if (c.apiVersion !== MIXER_API_VERSION) {
      errs.push(`the API version in the data (${c.apiVersion}) does not match the expected API version (${MIXER_API_VERSION})`);
      continue;
    }
    const obj = mixerObject(c);
    try {
      if (verb === "create") {
        if (!c.name) throw new ApiError("Invalid", nameRequired(`${c.kind}.${info.group}`));
        const stored = ctx.deps.store.create(info, obj);
        ctx.stdout(`Created config ${mixerKey(c)} at revision ${stored.metadata.resourceVersion}\n`);
      } else {
        if (!obj.metadata.resourceVersion) {
          const current = ctx.deps.store.get(info, c.namespace, c.name);
          if (current?.metadata.resourceVersion) obj.metadata.resourceVersion = current.metadata.resourceVersion;
        }
        const stored = ctx.deps.store.update(info, obj);
        ctx.stdout(`Updated config ${mixerKey(c)} to revision ${stored.metadata.resourceVersion}\n`);
      }
    } catch (e) {
      errs.push(apiMessage(e));
    }
  }
  if (errs.length) throw new IstioctlError(new MultiError(errs).toString());
}

export async function createOrReplace(ctx: RunContext, verb: "create" | "replace", file: string, args: readonly string[], usage: string): Promise<void> {
  if (args.length) throw new IstioctlError(`${verb} takes no arguments`, usage);
  const { pilot, others } = await readConfigs(ctx, file);
  if (!pilot.length && !others.length) throw new IstioctlError(`nothing to ${verb}`);
  const store = ctx.deps.store;
  for (const c of pilot) {
    const ns = ctx.namespaceFor(c.namespace);
    try {
      if (verb === "create") {
        if (!c.name) throw new ApiError("Invalid", nameRequired(`${c.info.kind}.${c.info.group}`));
        const stored = store.create(c.info, pilotObject(c, ns));
        ctx.stderr(`Created config ${pilotKey(c, ns)} at revision ${stored.metadata.resourceVersion}\n`);
      } else {
        const given = (c.object.metadata as Record<string, unknown> | undefined)?.resourceVersion;
        const rv = typeof given === "string" && given ? given : store.get(c.info, ns, c.name)?.metadata.resourceVersion;
        if (!rv) throw new IstioctlError("revision is required");
        const stored = store.update(c.info, pilotObject(c, ns, rv));
        ctx.stdout(`Updated config ${pilotKey(c, ns)} to revision ${stored.metadata.resourceVersion}\n`);
      }
    } catch (e) {
      if (e instanceof IstioctlError) throw e;
      throw new IstioctlError(apiMessage(e));
    }
  }
  if (others.length) sendOthers(ctx, others, verb);
}

export async function deleteConfigs(ctx: RunContext, file: string, args: readonly string[], usage: string): Promise<void> {
  const store = ctx.deps.store;
  if (file === "") {
    if (args.length < 2) throw new IstioctlError("provide configuration type and name or -f option", usage);
    const found = lookupConfigType(args[0]);
    if (!found.ok) throw new IstioctlError(found.error);
    const ns = ctx.namespaceFor("");
    const errs: string[] = [];
    for (const name of args.slice(1)) {
      try {
        if (!found.type.info) throw new ApiError("NotFound", `${found.type.qualifiedPlural} "${name}" not found`);
        store.delete(found.type.info, ns, name);
        ctx.stderr(`Deleted config: ${args[0]} ${name}\n`);
      } catch (e) {
        errs.push(`cannot delete ${name}: ${apiMessage(e)}`);
      }
    }
    if (errs.length) throw new IstioctlError(new MultiError(errs).toString());
    return;
  }
  if (args.length) throw new IstioctlError("delete takes no arguments when the file option is used", usage);
  const { pilot, others } = await readConfigs(ctx, file);
  if (!pilot.length && !others.length) throw new IstioctlError("nothing to delete");
  const errs: string[] = [];
  for (const c of pilot) {
    const ns = ctx.namespaceFor(c.namespace);
    try {
      store.delete(c.info, ns, c.name);
      ctx.stderr(`Deleted config: ${pilotKey(c, ns)}\n`);
    } catch (e) {
      errs.push(`cannot delete ${pilotKey(c, ns)}: ${apiMessage(e)}`);
    }
  }
  if (errs.length) throw new IstioctlError(new MultiError(errs).toString());
  if (!others.length) return;
  preprocessOthers(ctx, others);
  for (const c of others) {
    const info = mixerKind(c.kind);
    if (!info) { errs.push(`kind ${c.kind} is not known`); continue; }
    try {
      store.delete(info, c.namespace, c.name);
      ctx.stdout(`Deleted config: ${mixerKey(c)}\n`);
    } catch (e) {
      errs.push(`failed to delete: ${apiMessage(e)}`);
    }
  }
  if (errs.length) throw new IstioctlError(new MultiError(errs).toString());
}

