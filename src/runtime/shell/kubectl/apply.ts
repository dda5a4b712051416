/**
 * `kubectl create -f`, `apply -f`, `replace -f` and `create namespace`, with kubectl 1.10's
 * quoted success lines (`deployment.extensions "sleep" created`) and its error wrapping
 * (`Error from server (AlreadyExists): error when creating "STDIN": ...`).
 *
 * apply keeps the `kubectl.kubernetes.io/last-applied-configuration` annotation (the object
 * as applied, compact JSON with sorted keys and `"annotations":{}`, plus a newline) and does a
 * three-way merge: fields removed since the last apply are removed, fields others set (the
 * cluster IP, status) are kept; lists of named items merge by key for built-in kinds (a
 * strategic merge) and are replaced for custom resources (a JSON merge patch). "unchanged"
 * is printed when that merge changes nothing.
 */
import { deepClone, type KubeObject } from "../../cluster/objects.ts";
import { findKind, qualifiedSingular, type KindInfo } from "../../config/kinds.ts";
import type { VerbContext } from "./context.ts";
import { KubectlError, toKubectlError } from "./errors.ts";
import { toGoJsonCompact } from "./gojson.ts";
import { NO_FILES, readInputs, type InputItem } from "./manifest-input.ts";
import { resourceName } from "./output.ts";

export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

type Mutation = "create" | "apply" | "replace";

const PAST: Record<Mutation | "configured" | "unchanged", string> = {
  create: "created",
  apply: "configured",
  replace: "replaced",
  configured: "configured",
  unchanged: "unchanged",
};

/** One success line: `service "sleep" created`, or `service/sleep` with `-o name`. */
export function successLine(ctx: VerbContext, info: KindInfo, obj: KubeObject, verbPast: string): string {
  if (ctx.flags.str("output") === "name") return resourceName({ ...obj, kind: info.kind }) + "\n";
  return `${qualifiedSingular(info)} "${obj.metadata.name}" ${verbPast}\n`;
}

export async function runMutation(ctx: VerbContext, mutation: Mutation): Promise<void> {
  const files = ctx.flags.strs("filename");
  if (files.length === 0) {
    if (mutation === "apply") throw new KubectlError("must specify --filename");
    throw new KubectlError(NO_FILES);
  }
  const output = ctx.flags.str("output");
  if (output !== undefined && output !== "name") throw new KubectlError(`output format "${output}" not supported here; use "name"`);
  const items = await readInputs(ctx, files);
  for (const item of items) {
    if (item.error) {
      ctx.errors.push(item.error);
      continue;
    }
    try {
      ctx.stdout.push(mutateOne(ctx, mutation, item));
    } catch (e) {
      const verb = mutation === "replace" ? "replacing" : mutation === "apply" ? "applying" : "creating";
      ctx.errors.push(toKubectlError(e, verb, item.source));
    }
  }
}

function mutateOne(ctx: VerbContext, mutation: Mutation, item: InputItem): string {
  const info = item.info!;
  const obj = item.object!;
  const store = ctx.deps.store;
  switch (mutation) {
    case "create":
      return successLine(ctx, info, store.create(info, stripServerFields(obj)), PAST.create);
    case "replace":
      return successLine(ctx, info, store.update(info, stripServerFields(obj)), PAST.replace);
    case "apply": {
      const modified = withLastApplied(stripServerFields(obj));
      const current = store.get(info, obj.metadata.namespace, obj.metadata.name);
      if (!current) {
        try {
          return successLine(ctx, info, store.create(info, modified), PAST.create);
        } catch (e) {
          throw toKubectlError(e, "creating", item.source);
        }
      }
      const original = parseLastApplied(current);
      const merged = threeWayMerge(current, modified, original, info.family === "kube") as KubeObject;
      if (jsonEqual(merged, current)) return successLine(ctx, info, current, PAST.unchanged);
      merged.metadata.resourceVersion = current.metadata.resourceVersion;
      return successLine(ctx, info, store.update(info, merged), PAST.configured);
    }
  }
}

/** What the API server owns: a manifest's own values for these are ignored. */
function stripServerFields(obj: KubeObject): KubeObject {
  const o = deepClone(obj);
  delete o.metadata.resourceVersion;
  delete o.metadata.uid;
  delete o.metadata.creationTimestamp;
  return o;
}

/** kubectl's GetModifiedConfiguration: the object plus its own compact JSON as the annotation. */
export function withLastApplied(obj: KubeObject): KubeObject {
  const o = deepClone(obj);
  const annotations = { ...(o.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  o.metadata.annotations = annotations;
  const json = toGoJsonCompact(o) + "\n";
  o.metadata.annotations = { ...annotations, [LAST_APPLIED]: json };
  return o;
}

function parseLastApplied(o: KubeObject): unknown {
  const text = o.metadata.annotations?.[LAST_APPLIED];
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const MERGE_KEYS = ["name", "containerPort", "port", "mountPath", "ip"];

function mergeKeyOf(list: unknown[]): string | undefined {
  if (!list.length || !list.every(isMap)) return undefined;
  return MERGE_KEYS.find((k) => (list as Record<string, unknown>[]).every((e) => e[k] !== undefined));
}

/** current + (modified - original): the result of applying kubectl's patch to `current`. */
export function threeWayMerge(current: unknown, modified: unknown, original: unknown, strategic: boolean): unknown {
  if (isMap(modified) && isMap(current)) {
    const result: Record<string, unknown> = { ...current };
    for (const [k, v] of Object.entries(modified)) {
      result[k] = threeWayMerge(current[k], v, isMap(original) ? original[k] : undefined, strategic);
    }
    if (isMap(original)) for (const k of Object.keys(original)) if (!(k in modified)) delete result[k];
    return result;
  }
  if (strategic && Array.isArray(modified) && Array.isArray(current)) {
    const key = mergeKeyOf(modified);
    if (key && current.every(isMap)) {
      const cur = current as Record<string, unknown>[];
      const orig = Array.isArray(original) && original.every(isMap) ? (original as Record<string, unknown>[]) : [];
      const merged = (modified as Record<string, unknown>[]).map((m) => {
        const c = cur.find((e) => e[key] === m[key]);
        const o = orig.find((e) => e[key] === m[key]);
        return c ? threeWayMerge(c, m, o, strategic) : m;
      });
      // Items someone else added stay; items the last apply had and this one drops go.
      const kept = cur.filter((c) => !merged.some((m) => (m as Record<string, unknown>)[key] === c[key]) && !orig.some((o) => o[key] === c[key]));
      return [...merged, ...kept];
    }
  }
  return deepClone(modified);
}

function jsonEqual(a: unknown, b: unknown): boolean {
  return toGoJsonCompact(a) === toGoJsonCompact(b);
}

/** `kubectl create namespace NAME`. */
export function createNamespace(ctx: VerbContext, args: string[]): void {
  if (args.length !== 1) throw new KubectlError("exactly one NAME is required, got " + args.length);
  const info = findKind("namespace")!;
  const created = ctx.deps.store.create(info, { apiVersion: "v1", kind: "Namespace", metadata: { name: args[0] } });
  ctx.stdout.push(successLine(ctx, info, created, "created"));
}
