/**
 * `kubectl get` (1.10): tables through the tabwriter, `-o wide`, `--all-namespaces`, `-l`,
 * several kinds at once (kind-prefixed names, a blank line between tables), `-f`, the generic
 * formats, and `No resources found.` on stderr for an empty table.
 */
import type { KubeObject } from "../../cluster/objects.ts";
import { parseLabelSelector, type LabelRequirement } from "../../cluster/store.ts";
import { KINDS, qualifiedPlural, type KindInfo } from "../../config/kinds.ts";
import { nowMicros, usageError, type VerbContext } from "./context.ts";
import { KubectlError, toKubectlError } from "./errors.ts";
import { readInputs } from "./manifest-input.ts";
import { isGeneric, parseOutput, printGeneric } from "./output.ts";
import { parseResourceArgs } from "./resources.ts";
import { tableText } from "./table-printers.ts";
import { tabwrite } from "../tabwriter.ts";

interface Group {
  info: KindInfo;
  objects: KubeObject[];
}

export function selectorOf(ctx: VerbContext): LabelRequirement[] | undefined {
  const sel = ctx.flags.str("selector");
  if (sel === undefined) return undefined;
  try {
    return parseLabelSelector(sel);
  } catch (e) {
    throw toKubectlError(e);
  }
}

function requiredResourceMessage(): string {
  const names = [...new Set(KINDS.filter((k) => k.family === "kube").map((k) => k.plural))].sort();
  const lines = ["  * all", ...names.map((n) => {
    const k = KINDS.find((x) => x.plural === n)!;
    return k.shortNames.length ? `  * ${n} (aka '${k.shortNames[0]}')` : `  * ${n}`;
  })];
  return (
    "You must specify the type of resource to get. Valid resource types include:\n\n" +
    lines.join("\n") +
    "\n"
  );
}

export async function runGet(ctx: VerbContext): Promise<void> {
  const spec = parseOutput(ctx.flags.str("output"), ctx.flags.str("template"));
  if (ctx.flags.bool("show-all")) ctx.warnings.push("Flag --show-all has been deprecated, will be removed in an upcoming release\n");
  const allNamespaces = ctx.flags.bool("all-namespaces");
  const namespace = allNamespaces ? undefined : ctx.namespace;
  const selector = selectorOf(ctx);
  const groups: Group[] = [];
  let single = false;
  let multipleKinds = false;

  const files = ctx.flags.strs("filename");
  if (files.length) {
    const items = await readInputs(ctx, files);
    for (const item of items) {
      if (item.error) {
        ctx.errors.push(item.error);
        continue;
      }
      const info = item.info!;
      const o = ctx.deps.store.get(info, item.object!.metadata.namespace, item.object!.metadata.name);
      if (!o) {
        ctx.errors.push(new KubectlError(`${qualifiedPlural(info)} "${item.object!.metadata.name}" not found`, "NotFound"));
        continue;
      }
      addTo(groups, info, o);
    }
    single = files.length === 1 && items.length === 1;
    multipleKinds = groups.length > 1;
  } else {
    const args = ctx.flags.positionals;
    if (args.length === 0) {
      ctx.warnings.push(requiredResourceMessage());
      throw new KubectlError(
        usageError(ctx, "Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods)."),
      );
    }
    const parsed = parseResourceArgs(args);
    if (parsed.byName && selector) throw new KubectlError("selector (-l) and names cannot be used together");
    multipleKinds = parsed.multipleKinds;
    for (const req of parsed.requests) {
      const ns = req.info.namespaced ? namespace : undefined;
      if (req.names.length === 0) {
        groups.push({ info: req.info, objects: ctx.deps.store.list(req.info, ns, selector) });
        continue;
      }
      for (const name of req.names) {
        const o = ctx.deps.store.get(req.info, ns ?? ctx.namespace, name);
        if (o) addTo(groups, req.info, o);
        else if (!ctx.flags.bool("ignore-not-found")) ctx.errors.push(new KubectlError(`${qualifiedPlural(req.info)} "${name}" not found`, "NotFound"));
      }
    }
    single = parsed.requests.length === 1 && parsed.requests[0].names.length === 1;
  }

  if (isGeneric(spec)) {
    const res = printGeneric(spec, groups.flatMap((g) => g.objects), single, ctx.flags.values.get("allow-missing-template-keys") !== false);
    ctx.stdout.push(res.stdout);
    if (res.error) ctx.errors.push(res.error);
    return;
  }

  const nonEmpty = groups.filter((g) => g.objects.length);
  if (nonEmpty.length === 0) {
    if (ctx.errors.length === 0 && !ctx.flags.bool("ignore-not-found")) ctx.warnings.push("No resources found.\n");
    return;
  }
  const opts = {
    wide: spec.kind === "human" && spec.wide,
    withNamespace: allNamespaces,
    withKind: multipleKinds || ctx.flags.bool("show-kind"),
    noHeaders: ctx.flags.bool("no-headers"),
    showLabels: ctx.flags.bool("show-labels"),
    labelColumns: ctx.flags.strs("label-columns").flatMap((l) => l.split(",")).filter(Boolean),
  };
  const rowCtx = { nowMicros: nowMicros(ctx) };
  const text = nonEmpty.map((g) => tableText(g.info, g.objects, opts, rowCtx)).join(opts.noHeaders ? "" : "\n");
  ctx.stdout.push(tabwrite(text));
}

function addTo(groups: Group[], info: KindInfo, o: KubeObject): void {
  const last = groups[groups.length - 1];
  if (last && last.info === info) last.objects.push(o);
  else groups.push({ info, objects: [o] });
}
