/**
 * Which command applies a manifest file. istioctl 0.8's `create`/`replace` only handle Istio and
 * Mixer config kinds, so a file that is all Istio/Mixer documents goes to istioctl (as in the
 * blog); anything with a Kubernetes kind (or an unknown one, so kubectl reports it) goes to
 * `kubectl apply`, which also accepts Istio kinds through their CRDs.
 */
import { KINDS } from "../../runtime/config/kinds.ts";

export type IstioctlVerb = "create" | "replace";

const FAMILY_BY_KIND = new Map(KINDS.map((k) => [k.kind, k.family]));

/**
 * Kinds of the top-level documents of a YAML or JSON manifest. A cheap line scan (no YAML
 * parser on the page): in YAML a document's `kind:` is at column 0; in JSON, `"kind": "X"`.
 */
export function documentKinds(text: string): string[] {
  const kinds: string[] = [];
  for (const m of text.matchAll(/^kind:[ \t]*["']?([A-Za-z][A-Za-z0-9]*)|"kind"\s*:\s*"([A-Za-z][A-Za-z0-9]*)"/gm)) {
    kinds.push(m[1] ?? m[2]);
  }
  return kinds;
}

/** True when every document is an Istio or Mixer kind (and there is at least one). */
export function isIstioManifest(text: string): boolean {
  const kinds = documentKinds(text);
  return kinds.length > 0 && kinds.every((k) => {
    const family = FAMILY_BY_KIND.get(k);
    return family !== undefined && family !== "kube";
  });
}

/** Quotes a path for bash only when it needs it. */
function shellWord(path: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** The command line the Apply button types into the terminal. */
export function applyCommand(path: string, text: string, verb: IstioctlVerb = "create"): string {
  const file = shellWord(path);
  return isIstioManifest(text) ? `istioctl ${verb} -f ${file}` : `kubectl apply -f ${file}`;
}
