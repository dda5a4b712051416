/**
 * `kubectl label` and `kubectl annotate` (1.10): `KEY=VALUE` sets, `KEY-` removes, existing
 * keys need `--overwrite`, and each object prints `<kind> "<name>" labeled` (or
 * `not labeled` when nothing changed).
 */
import { deepClone, type KubeObject } from "../../cluster/objects.ts";
import type { KindInfo } from "../../config/kinds.ts";
import { successLine } from "./apply.ts";
import { usageError, type VerbContext } from "./context.ts";
import { KubectlError, toKubectlError } from "./errors.ts";
import { notFound } from "./delete.ts";
import { selectorOf } from "./get.ts";
import { readInputs } from "./manifest-input.ts";
import { parseResourceArgs } from "./resources.ts";

type Mode = "label" | "annotate";

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** apimachinery's IsValidLabelValue messages. */
function labelValueProblems(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push("must be no more than 63 characters");
  if (!LABEL_VALUE.test(value)) {
    errs.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  }
  return errs;
}

/** kubectl's parseLabels / parseAnnotations. */
function parseUpdates(mode: Mode, args: string[]): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const a of args) {
    if (a.includes("=")) {
      const parts = mode === "label" ? a.split("=") : [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)];
      if (parts.length !== 2 || parts[0] === "") throw new KubectlError(mode === "label" ? `invalid label spec: ${a}` : `invalid annotation format: ${a}`);
      if (mode === "label") {
        const errs = labelValueProblems(parts[1]);
        if (errs.length) throw new KubectlError(`invalid label value: ${JSON.stringify(a)}: ${errs.join(";")}`);
      }
      set[parts[0]] = parts[1];
    } else if (a.endsWith("-")) {
      remove.push(a.slice(0, -1));
    } else {
      throw new KubectlError(mode === "label" ? `unknown label spec: ${a}` : `invalid annotation format: ${a}`);
    }
  }
  for (const k of remove) {
    if (k in set) throw new KubectlError(`can not both modify and remove ${mode === "label" ? "a label" : "an annotation"} in the same command`);
  }
  return { set, remove };
}

function overwriteError(mode: Mode, current: Record<string, string>, set: Record<string, string>): KubectlError | undefined {
  const clashes = Object.keys(set).filter((k) => k in current && !(mode === "annotate" && k === "kubernetes.io/change-cause"));
  if (!clashes.length) return undefined;
  if (mode === "label") {
    return new KubectlError(clashes.map((k) => `'${k}' already has a value (${current[k]}), and --overwrite is false`).join("\n"));
  }
  return new KubectlError(`--overwrite is false but found the following declared annotation(s): ${clashes.map((k) => `'${k}' already has a value (${current[k]})`).join("; ")}`);
}

export async function runLabel(ctx: VerbContext, mode: Mode): Promise<void> {
  const isUpdate = (a: string) => a.includes("=") || a.endsWith("-");
  const resourceArgs = ctx.flags.positionals.filter((a) => !isUpdate(a));
  const updateArgs = ctx.flags.positionals.filter(isUpdate);
  if (updateArgs.length === 0) throw new KubectlError(usageError(ctx, `at least one ${mode === "label" ? "label" : "annotation"} update is required`));
  const { set, remove } = parseUpdates(mode, updateArgs);

  const targets: { info: KindInfo; namespace?: string; name: string }[] = [];
  const files = ctx.flags.strs("filename");
  if (files.length) {
    for (const item of await readInputs(ctx, files)) {
      if (item.error) ctx.errors.push(item.error);
      else targets.push({ info: item.info!, namespace: item.object!.metadata.namespace, name: item.object!.metadata.name });
    }
  } else {
    if (resourceArgs.length === 0) throw new KubectlError(usageError(ctx, "one or more resources must be specified as <resource> <name> or <resource>/<name>"));
    const parsed = parseResourceArgs(resourceArgs);
    const selector = selectorOf(ctx);
    for (const req of parsed.requests) {
      const ns = req.info.namespaced ? ctx.namespace : undefined;
      if (req.names.length) for (const name of req.names) targets.push({ info: req.info, namespace: ns, name });
      else if (selector || ctx.flags.bool("all")) for (const o of ctx.deps.store.list(req.info, ns, selector)) targets.push({ info: req.info, namespace: ns, name: o.metadata.name });
      else throw new KubectlError("resource(s) were provided, but no name, label selector, or --all flag specified");
    }
  }

  const field = mode === "label" ? "labels" : "annotations";
  for (const t of targets) {
    try {
      const current = ctx.deps.store.get(t.info, t.namespace, t.name);
      if (!current) throw notFound(t.info, t.name);
      const before: Record<string, string> = { ...(current.metadata[field] ?? {}) };
      if (!ctx.flags.bool("overwrite")) {
        const err = overwriteError(mode, before, set);
        if (err) throw err;
      }
      const after = { ...before, ...set };
      for (const k of remove) delete after[k];
      const changed = JSON.stringify(Object.entries(before).sort()) !== JSON.stringify(Object.entries(after).sort());
      let result: KubeObject = current;
      if (changed) {
        const next = deepClone(current);
        if (Object.keys(after).length) next.metadata[field] = after;
        else delete next.metadata[field];
        result = ctx.deps.store.update(t.info, next);
      }
      const verb = mode === "label" ? "labeled" : "annotated";
      ctx.stdout.push(successLine(ctx, t.info, result, changed ? verb : `not ${verb}`));
    } catch (e) {
      ctx.errors.push(toKubectlError(e));
    }
  }
}
