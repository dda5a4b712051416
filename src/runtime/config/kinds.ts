/**
 * Every kind of object the emulated API server knows, with the names each tool uses for it.
 * One table, so kubectl, istioctl, the validators and the editor's JSON Schemas agree.
 */

export type KindFamily =
  /** Kubernetes built-ins. */
  | "kube"
  /** networking.istio.io kinds that Pilot reads (istioctl validates them). */
  | "pilot"
  /** config.istio.io kinds that Mixer reads: adapters (handlers), templates (instances), rules... */
  | "mixer-adapter"
  | "mixer-template"
  | "mixer-config";

export interface KindInfo {
  kind: string;
  group: string;
  version: string;
  /** Lower-case plural, as in `kubectl get virtualservices` and error messages. */
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  family: KindFamily;
  /** istioctl 0.8's hyphenated config type for Pilot kinds (`virtual-service`). */
  pilotType?: string;
}

/** `apiVersion` as written in manifests: `v1`, `extensions/v1beta1`, `networking.istio.io/v1alpha3`. */
export function apiVersionOf(info: KindInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** kubectl's resource name in messages: `namespaces`, `virtualservices.networking.istio.io`. */
export function qualifiedPlural(info: KindInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

/** kubectl ≤1.10's kind in success lines: `service`, `deployment.extensions`, `rule.config.istio.io`. */
export function qualifiedSingular(info: KindInfo): string {
  return info.group ? `${info.singular}.${info.group}` : info.singular;
}

const kube = (kind: string, group: string, version: string, plural: string, shortNames: string[] = [], namespaced = true): KindInfo => ({
  kind, group, version, plural, singular: kind.toLowerCase(), shortNames, namespaced, family: "kube",
});
const pilot = (kind: string, plural: string, pilotType: string): KindInfo => ({
  kind, group: "networking.istio.io", version: "v1alpha3", plural, singular: kind.toLowerCase(), shortNames: [],
  namespaced: true, family: "pilot", pilotType,
});
const mixer = (kind: string, plural: string, family: KindFamily): KindInfo => ({
  kind, group: "config.istio.io", version: "v1alpha2", plural, singular: kind.toLowerCase(), shortNames: [],
  namespaced: true, family,
});

export const KINDS: readonly KindInfo[] = [
  kube("Namespace", "", "v1", "namespaces", ["ns"], false),
  kube("Node", "", "v1", "nodes", ["no"], false),
  kube("Pod", "", "v1", "pods", ["po"]),
  kube("Service", "", "v1", "services", ["svc"]),
  kube("Endpoints", "", "v1", "endpoints", ["ep"]),
  kube("ServiceAccount", "", "v1", "serviceaccounts", ["sa"]),
  kube("ConfigMap", "", "v1", "configmaps", ["cm"]),
  kube("Secret", "", "v1", "secrets"),
  kube("Deployment", "extensions", "v1beta1", "deployments", ["deploy"]),
  kube("ReplicaSet", "extensions", "v1beta1", "replicasets", ["rs"]),
  kube("Job", "batch", "v1", "jobs"),
  kube("NetworkPolicy", "networking.k8s.io", "v1", "networkpolicies", ["netpol"]),
  kube("CustomResourceDefinition", "apiextensions.k8s.io", "v1beta1", "customresourcedefinitions", ["crd", "crds"], false),
  pilot("Gateway", "gateways", "gateway"),
  pilot("VirtualService", "virtualservices", "virtual-service"),
  pilot("DestinationRule", "destinationrules", "destination-rule"),
  pilot("ServiceEntry", "serviceentries", "service-entry"),
  mixer("rule", "rules", "mixer-config"),
  mixer("attributemanifest", "attributemanifests", "mixer-config"),
  mixer("stdio", "stdios", "mixer-adapter"),
  mixer("listchecker", "listcheckers", "mixer-adapter"),
  mixer("denier", "deniers", "mixer-adapter"),
  mixer("prometheus", "prometheuses", "mixer-adapter"),
  mixer("kubernetesenv", "kubernetesenvs", "mixer-adapter"),
  mixer("memquota", "memquotas", "mixer-adapter"),
  mixer("logentry", "logentries", "mixer-template"),
  mixer("listentry", "listentries", "mixer-template"),
  mixer("metric", "metrics", "mixer-template"),
  mixer("checknothing", "checknothings", "mixer-template"),
  mixer("reportnothing", "reportnothings", "mixer-template"),
  mixer("quota", "quotas", "mixer-template"),
  mixer("kubernetes", "kuberneteses", "mixer-template"),
];

const byName = new Map<string, KindInfo>();
for (const info of KINDS) {
  for (const name of [info.kind.toLowerCase(), info.plural, info.singular, ...info.shortNames]) {
    if (!byName.has(name)) byName.set(name, info);
    if (info.group) byName.set(`${name}.${info.group}`, info);
  }
}

/** Finds a kind by any name kubectl accepts: `pods`, `po`, `pod`, `VirtualService`, `rules.config.istio.io`. */
export function findKind(name: string): KindInfo | undefined {
  return byName.get(name.toLowerCase());
}

/** Finds the kind of a manifest by its `kind` field (case-sensitive, as the API server does) and apiVersion. */
export function kindOfManifest(kind: string, apiVersion?: string): KindInfo | undefined {
  const candidates = KINDS.filter((k) => k.kind === kind);
  if (apiVersion === undefined) return candidates[0];
  // Deployments were served by both extensions/v1beta1 and apps/v1 in 1.10.
  if (kind === "Deployment" || kind === "ReplicaSet") {
    if (["extensions/v1beta1", "apps/v1", "apps/v1beta1", "apps/v1beta2"].includes(apiVersion)) return candidates[0];
    return undefined;
  }
  return candidates.find((k) => apiVersionOf(k) === apiVersion);
}

export function findPilotType(pilotType: string): KindInfo | undefined {
  return KINDS.find((k) => k.pilotType === pilotType);
}
