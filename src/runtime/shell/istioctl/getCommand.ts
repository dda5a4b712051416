/**
 * `istioctl get <type> [<name>]` for Pilot config, in istioctl 0.8's formats: the short
 * listing (`NAME KIND NAMESPACE`, tabwriter 10/4/3) and `-o yaml` (each object, then `---`).
 * Objects are read back through Pilot's conversion, so specs print in jsonpb's canonical form.
 */
import { canonicalSpec } from "../../config/validate.ts";
import { kindSchema } from "../../config/schemas/registry.ts";
import { omitProtoDefaults } from "../../config/validation/jsonpb.ts";
import { marshalGoYaml } from "../../config/goYaml.ts";
import type { KubeObject } from "../../cluster/objects.ts";
import { IstioctlError, type RunContext } from "./context.ts";
import { CONFIG_TYPES, lookupConfigType, resourceName, SORT_WEIGHT, type ConfigType } from "./configTypes.ts";
import { ISTIOCTL_TABLE, tabwrite } from "../tabwriter.ts";

interface Listed {
  type: ConfigType;
  object: KubeObject;
  spec: Record<string, unknown>;
}

function toListed(type: ConfigType, o: KubeObject): Listed | undefined {
  // Pilot's CRD client drops objects whose spec no longer converts.
  const spec = canonicalSpec(type.info!, o.spec);
  return spec ? { type, object: o, spec } : undefined;
}

function shortOutput(items: Listed[]): string {
  let text = "";
  let prev = "";
  for (const it of items) {
    if (it.type.type !== prev) {
      if (prev) text += "\n";
      text += "NAME\tKIND\tNAMESPACE\n";
      prev = it.type.type;
    }
    text += `${it.object.metadata.name}\t${it.type.kindColumn}\t${it.object.metadata.namespace}\n`;
  }
  return tabwrite(text, ISTIOCTL_TABLE);
}

function yamlOutput(items: Listed[]): string {
  return items.map((it) => {
    const m = it.object.metadata;
    const metadata: Record<string, unknown> = { creationTimestamp: null, name: m.name, namespace: m.namespace, resourceVersion: m.resourceVersion };
    if (m.labels) metadata.labels = m.labels;
    if (m.annotations) metadata.annotations = m.annotations;
    const info = it.type.info!;
    const doc = { apiVersion: `${info.group}/${info.version}`, kind: info.kind, metadata, spec: omitProtoDefaults(kindSchema(info).spec!, it.spec) };
    return `${marshalGoYaml(doc)}---\n`;
  }).join("");
}

export function getConfigs(ctx: RunContext, args: readonly string[], output: string, allNamespaces: boolean, usage: string): void {
  if (args.length < 1) {
    throw new IstioctlError(`specify the type of resource to get. Types are ${CONFIG_TYPES.map((c) => resourceName(c.type)).join(", ")}`, usage);
  }
  const byName = args.length > 1;
  if (allNamespaces && byName) throw new IstioctlError("a resource cannot be retrieved by name across all namespaces");
  let types: ConfigType[];
  if (!byName && args[0].toLowerCase() === "all") types = [...CONFIG_TYPES];
  else {
    const found = lookupConfigType(args[0]);
    if (!found.ok) throw new IstioctlError(found.error, usage);
    types = [found.type];
  }
  const ns = allNamespaces ? undefined : ctx.namespaceFor("");
  const store = ctx.deps.store;
  const items: Listed[] = [];
  for (const type of types) {
    if (!type.info) continue;
    const objects = byName ? [store.get(type.info, ns, args[1])].filter((o): o is KubeObject => !!o) : store.list(type.info, ns);
    for (const o of objects) {
      const l = toListed(type, o);
      if (l) items.push(l);
    }
  }
  if (!items.length) { ctx.stderr("No resources found.\n"); return; }
  items.sort((a, b) => (SORT_WEIGHT[a.type.type] ?? 0) - (SORT_WEIGHT[b.type.type] ?? 0));
  if (output === "short") ctx.stdout(shortOutput(items));
  else if (output === "yaml") ctx.stdout(yamlOutput(items));
  else throw new IstioctlError(`unknown output format ${output}. Types are yaml|short`);
}
