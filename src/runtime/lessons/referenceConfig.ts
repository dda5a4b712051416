/**
 * The reader-visible Istio and Mixer configuration of a sandbox (networking.istio.io and
 * config.istio.io objects), as YAML a diff editor can compare: the reader's current config on
 * one side, a lesson's reference end state on the other. Server-set metadata (uids,
 * resourceVersions, timestamps, kubectl's last-applied annotation) is left out, since it always differs and says nothing.
 */
import type { Sandbox } from "../sandbox.ts";
import { KINDS } from "../config/kinds.ts";
import { marshalGoYaml } from "../config/goYaml.ts";
import type { KubeObject } from "../cluster/objects.ts";
import { codeUnitOrder } from "../codeUnitOrder.ts";

const CONFIG_KINDS = KINDS.filter((k) => k.family !== "kube");

/** Istio and Mixer config objects, sorted by kind, namespace and name, without server-set metadata. */
export function configObjects(sandbox: Sandbox): KubeObject[] {
  const out: KubeObject[] = [];
  for (const kind of CONFIG_KINDS) {
    const objects = sandbox.store.list(kind).sort((a, b) =>
      codeUnitOrder(`${a.metadata.namespace ?? ""}/${a.metadata.name}`, `${b.metadata.namespace ?? ""}/${b.metadata.name}`));
    for (const o of objects) {
      const { resourceVersion: _rv, uid: _uid, creationTimestamp: _ts, generation: _g, annotations, ...metadata } = o.metadata;
      const kept = readerAnnotations(annotations);
      out.push({ apiVersion: o.apiVersion, kind: o.kind, metadata: kept ? { ...metadata, annotations: kept } : metadata, spec: o.spec });
    }
  }
  return out;
}

/** kubectl's copy of the applied manifest repeats the object: noise in a diff. */
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

function readerAnnotations(annotations: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!annotations) return undefined;
  const { [LAST_APPLIED]: _applied, ...rest } = annotations;
  return Object.keys(rest).length ? rest : undefined;
}

/**
 * The objects as one multi-document YAML text. Objects the default install created and
 * `baseline` still holds unchanged are left out, so the diff shows the lessons' work only.
 */
export function configYaml(objects: readonly KubeObject[], baseline: readonly KubeObject[] = []): string {
  const unchanged = new Set(baseline.map((o) => marshalGoYaml(o)));
  return objects
    .map((o) => marshalGoYaml(o))
    .filter((text) => !unchanged.has(text))
    .join("---\n");
}
