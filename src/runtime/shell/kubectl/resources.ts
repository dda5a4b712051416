/**
 * Resource arguments as kubectl 1.10's resource builder reads them: `TYPE[,TYPE...] [NAME...]`
 * or `TYPE/NAME...`, any name a kind goes by (`po`, `pods`, `virtualservice`,
 * `rules.config.istio.io`), and the `all` category.
 */
import { findKind, type KindInfo } from "../../config/kinds.ts";
import { KubectlError } from "./errors.ts";

/** `kubectl get all` in 1.10: the server's "all" category, in discovery order. */
const ALL_CATEGORY = ["pods", "services", "deployments", "replicasets", "jobs"];

export interface ResourceRequest {
  info: KindInfo;
  /** Empty: every object of the kind (subject to namespace and selector). */
  names: string[];
}

export function resolveKind(name: string): KindInfo {
  const info = findKind(name);
  if (!info) throw new KubectlError(`the server doesn't have a resource type "${name}"`);
  return info;
}

function expandTypes(spec: string): KindInfo[] {
  const out: KindInfo[] = [];
  for (const t of spec.split(",")) {
    if (t === "") continue;
    const infos = t.toLowerCase() === "all" ? ALL_CATEGORY.map((n) => findKind(n)!) : [resolveKind(t)];
    for (const i of infos) if (!out.includes(i)) out.push(i);
  }
  return out;
}

/** Parses resource arguments; `requests` keeps the order kubectl prints them in. */
export function parseResourceArgs(args: string[]): { requests: ResourceRequest[]; byName: boolean; multipleKinds: boolean } {
  if (args.some((a) => a.includes("/"))) {
    const requests: ResourceRequest[] = [];
    for (const a of args) {
      const slash = a.indexOf("/");
      if (slash < 0) {
        throw new KubectlError(
          "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
        );
      }
      const type = a.slice(0, slash);
      const name = a.slice(slash + 1);
      if (!type || !name) throw new KubectlError(`arguments in resource/name form must have a single resource and name`);
      const info = resolveKind(type);
      const existing = requests.find((r) => r.info === info);
      if (existing) existing.names.push(name);
      else requests.push({ info, names: [name] });
    }
    return { requests, byName: true, multipleKinds: requests.length > 1 };
  }
  const kinds = expandTypes(args[0] ?? "");
  const names = args.slice(1);
  const isAll = (args[0] ?? "").split(",").some((t) => t.toLowerCase() === "all");
  return {
    requests: kinds.map((info) => ({ info, names: [...names] })),
    byName: names.length > 0,
    multipleKinds: kinds.length > 1 || isAll,
  };
}
