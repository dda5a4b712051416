/**
 * `kubectl delete` (1.10): by `TYPE NAME...`, `TYPE/NAME`, `-f`, `-l` or `--all`, printing
 * `<kind[.group]> "<name>" deleted` per object. What the object owned (a Deployment's
 * ReplicaSets and pods, a namespace's content) is removed by the cluster's controllers.
 */
import type { KubeObject } from "../../cluster/objects.ts";
import { qualifiedPlural, type KindInfo } from "../../config/kinds.ts";
import { successLine } from "./apply.ts";
import type { VerbContext } from "./context.ts";
import { KubectlError, toKubectlError } from "./errors.ts";
import { selectorOf } from "./get.ts";
import { NO_FILES, readInputs } from "./manifest-input.ts";
import { parseResourceArgs } from "./resources.ts";

function deleteOne(ctx: VerbContext, info: KindInfo, namespace: string | undefined, name: string, source?: string): void {
  try {
    const removed = ctx.deps.store.delete(info, namespace, name);
    ctx.stdout.push(successLine(ctx, info, removed, "deleted"));
  } catch (e) {
    const err = toKubectlError(e, source ? "deleting" : undefined, source);
    if (err.apiReason === "NotFound" && ctx.flags.bool("ignore-not-found")) return;
    ctx.errors.push(err);
  }
}

export async function runDelete(ctx: VerbContext): Promise<void> {
  const files = ctx.flags.strs("filename");
  const args = ctx.flags.positionals;
  if (files.length) {
    if (args.length) throw new KubectlError("resource(s) were provided, but no name, label selector, or --all flag specified");
    for (const item of await readInputs(ctx, files)) {
      if (item.error) ctx.errors.push(item.error);
      else deleteOne(ctx, item.info!, item.object!.metadata.namespace, item.object!.metadata.name, item.source);
    }
    return;
  }
  if (args.length === 0) throw new KubectlError(NO_FILES);
  const selector = selectorOf(ctx);
  const all = ctx.flags.bool("all");
  const parsed = parseResourceArgs(args);
  if (!parsed.byName && !selector && !all) {
    throw new KubectlError("resource(s) were provided, but no name, label selector, or --all flag specified");
  }
  if (parsed.byName && (selector || all)) throw new KubectlError("name cannot be provided when a selector is specified");
  const namespace = ctx.flags.bool("all-namespaces") ? undefined : ctx.namespace;
  let found = 0;
  for (const req of parsed.requests) {
    const ns = req.info.namespaced ? namespace : undefined;
    if (req.names.length) {
      for (const name of req.names) deleteOne(ctx, req.info, ns ?? ctx.namespace, name);
      continue;
    }
    const victims: KubeObject[] = ctx.deps.store.list(req.info, ns, selector);
    found += victims.length;
    for (const o of victims) deleteOne(ctx, req.info, o.metadata.namespace, o.metadata.name);
  }
  if (!parsed.byName && found === 0 && ctx.errors.length === 0) ctx.warnings.push("No resources found\n");
}

/** `Error from server (NotFound): pods "x" not found`. */
export function notFound(info: KindInfo, name: string): KubectlError {
  return new KubectlError(`${qualifiedPlural(info)} "${name}" not found`, "NotFound");
}
