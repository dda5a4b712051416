/**
 * `istioctl kube-inject` of Istio 0.8.0 (pilot/pkg/kube/inject, IntoResourceFile):
 *   - the input is split into documents; each one whose kind has a pod template (Deployment,
 *     Pod, ReplicaSet, DaemonSet, StatefulSet, Job, CronJob, ReplicationController) is decoded
 *     into the Go structs, injected, and marshalled again with ghodss/yaml, which is why the
 *     output has sorted keys, `creationTimestamp: null`, `strategy: {}`, `resources: {}` and
 *     `status: {}`, and loses the document's comments;
 *   - any other document (a Service, an unknown kind, a comment-only document) is copied
 *     through unchanged, comments included;
 *   - every document is followed by `---`.
 * A syntax error stops the run with the ghodss message, which istioctl prints after `Error: `.
 */
import { marshalGoYaml } from "../config/goYaml.ts";
import { decodeYamlDocument, splitYamlDocuments } from "../config/manifests.ts";
import { injectionRequested, injectPodSpec, type InjectOptions, type PodTemplateLike } from "./sidecarInjector.ts";

export { injectPodSpec, injectionRequested, isInjected } from "./sidecarInjector.ts";

export class KubeInjectError extends Error {
  /** What istioctl had already written to stdout before failing (documents before the bad one). */
  constructor(message: string, readonly partialOutput: string) {
    super(message);
  }
}

export type KubeInjectOptions = InjectOptions;

/** Namespaces the 0.8 injector never touches. */
const IGNORED_NAMESPACES = new Set(["kube-system", "kube-public"]);

/** Returns the injected manifest text; throws KubeInjectError with istioctl's message. */
export function kubeInject(manifestText: string, options: KubeInjectOptions = {}): string {
  let out = "";
  for (const raw of splitYamlDocuments(manifestText)) {
    const parsed = decodeYamlDocument(raw.text);
    if (!parsed.ok) throw new KubeInjectError(`error converting YAML to JSON: ${parsed.message}`, out);
    const obj = parsed.value;
    const kind = isRecord(obj) ? workloadKind(obj) : undefined;
    if (!kind || !isRecord(obj)) {
      out += raw.text.endsWith("\n") ? raw.text : raw.text + "\n";
    } else {
      out += marshalGoYaml(injectWorkload(obj, kind, options));
    }
    out += "---\n";
  }
  return out;
}

type WorkloadKind = "Pod" | "CronJob" | "Deployment" | "Other";

const TEMPLATE_KINDS: Record<string, string[]> = {
  Deployment: ["extensions/v1beta1", "apps/v1beta1", "apps/v1beta2", "apps/v1"],
  ReplicaSet: ["extensions/v1beta1", "apps/v1beta2", "apps/v1"],
  DaemonSet: ["extensions/v1beta1", "apps/v1beta2", "apps/v1"],
  StatefulSet: ["apps/v1beta1", "apps/v1beta2", "apps/v1"],
  Job: ["batch/v1"],
  CronJob: ["batch/v1beta1", "batch/v2alpha1"],
  ReplicationController: ["v1"],
  Pod: ["v1"],
};

/** The kinds kube-inject's scheme decodes; everything else is "not registered" and passes raw. */
function workloadKind(obj: Record<string, unknown>): WorkloadKind | undefined {
  const kind = String(obj.kind ?? "");
  const versions = TEMPLATE_KINDS[kind];
  if (!versions || !versions.includes(String(obj.apiVersion ?? ""))) return undefined;
  if (kind === "Pod" || kind === "CronJob" || kind === "Deployment") return kind;
  return "Other";
}

function injectWorkload(source: Record<string, unknown>, kind: WorkloadKind, options: InjectOptions): Record<string, unknown> {
  const obj = goStructShape(source, kind);
  const namespace = (obj.metadata as any)?.namespace;
  const inject = (t: PodTemplateLike) =>
    IGNORED_NAMESPACES.has(namespace) || !injectionRequested(t) ? t : injectPodSpec(t, options);

  if (kind === "Pod") {
    const injected = inject({ metadata: obj.metadata as any, spec: obj.spec });
    return { ...obj, metadata: injected.metadata, spec: injected.spec };
  }
  const holder = kind === "CronJob" ? (obj.spec as any).jobTemplate.spec : (obj.spec as any);
  holder.template = inject(holder.template);
  return obj;
}

/**
 * What a decode/encode round trip through the Go structs adds: zero-valued structs that are
 * not `omitempty` (`creationTimestamp: null`, `resources: {}`, `status: {}`, a Deployment's
 * `strategy: {}`). Fields the structs do not know are kept (a simplification).
 */
function goStructShape(source: Record<string, unknown>, kind: WorkloadKind): Record<string, unknown> {
  const obj: Record<string, any> = JSON.parse(JSON.stringify(source));
  obj.metadata = objectMeta(obj.metadata);
  obj.spec = isRecord(obj.spec) ? obj.spec : {};
  if (kind === "Pod") {
    obj.spec = podSpec(obj.spec);
  } else if (kind === "CronJob") {
    const jt = (obj.spec.jobTemplate = isRecord(obj.spec.jobTemplate) ? obj.spec.jobTemplate : {});
    jt.metadata = objectMeta(jt.metadata);
    jt.spec = isRecord(jt.spec) ? jt.spec : {};
    jt.spec.template = podTemplate(jt.spec.template);
  } else {
    if (kind === "Deployment" && !isRecord(obj.spec.strategy)) obj.spec.strategy = {};
    obj.spec.template = podTemplate(obj.spec.template);
  }
  if (!isRecord(obj.status)) obj.status = {};
  return obj;
}

function objectMeta(meta: unknown): Record<string, unknown> {
  const m: Record<string, unknown> = isRecord(meta) ? meta : {};
  if (m.creationTimestamp === undefined) m.creationTimestamp = null;
  return m;
}

function podTemplate(t: unknown): Record<string, unknown> {
  const tpl: Record<string, unknown> = isRecord(t) ? t : {};
  tpl.metadata = objectMeta(tpl.metadata);
  tpl.spec = podSpec(tpl.spec);
  return tpl;
}

function podSpec(s: unknown): Record<string, any> {
  const spec: Record<string, any> = isRecord(s) ? s : {};
  // PodSpec.Containers is not omitempty: a template without containers prints `containers: null`.
  if (!Array.isArray(spec.containers)) spec.containers = null;
  for (const list of [spec.containers, spec.initContainers]) {
    if (!Array.isArray(list)) continue;
    for (const c of list) if (isRecord(c) && !isRecord(c.resources)) c.resources = {};
  }
  return spec;
}

function isRecord(v: unknown): v is Record<string, any> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
