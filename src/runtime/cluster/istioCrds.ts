/**
 * The CustomResourceDefinitions an Istio 0.8.0 helm install registers (crds.yaml plus the
 * mixer chart's adapter and template kinds), so `kubectl get crd` lists what a real cluster
 * lists. Whether the emulation implements a kind is decided elsewhere (config/kinds.ts).
 */
import type { KubeObject } from "./objects.ts";

type Labels = Record<string, string>;

const mixerCore: Labels = { app: "mixer", istio: "core", package: "istio.io.mixer" };
const adapter = (pkg: string): Labels => ({ app: "mixer", istio: "mixer-adapter", package: pkg });
const instance = (pkg: string): Labels => ({ app: "mixer", istio: "mixer-instance", package: pkg });
const rbac: Labels = { app: "mixer", istio: "rbac", package: "istio.io.mixer" };
const pilot: Labels = { app: "istio-pilot" };

/** [plural, Kind, group, version, labels, with listKind] */
const CRDS: [string, string, string, string, Labels | undefined, boolean][] = [
  ["rules", "rule", "config.istio.io", "v1alpha2", mixerCore, false],
  ["attributemanifests", "attributemanifest", "config.istio.io", "v1alpha2", mixerCore, false],
  ...["circonus:circonuses", "denier:deniers", "fluentd:fluentds", "kubernetesenv:kubernetesenvs", "listchecker:listcheckers",
    "memquota:memquotas", "noop:noops", "opa:opas", "prometheus:prometheuses", "rbac:rbacs", "servicecontrol:servicecontrols",
    "solarwinds:solarwindses", "stackdriver:stackdrivers", "statsd:statsds", "stdio:stdios"].map((s) => {
    const [k, p] = s.split(":");
    return [p, k, "config.istio.io", "v1alpha2", adapter(k), false] as [string, string, string, string, Labels, boolean];
  }),
  ...["apikey:apikeys", "authorization:authorizations", "checknothing:checknothings", "kubernetes:kuberneteses:adapter.template.kubernetes",
    "listentry:listentries", "logentry:logentries", "metric:metrics", "quota:quotas", "reportnothing:reportnothings",
    "servicecontrolreport:servicecontrolreports", "tracespan:tracespans"].map((s) => {
    const [k, p, pkg] = s.split(":");
    return [p, k, "config.istio.io", "v1alpha2", instance(pkg ?? k), false] as [string, string, string, string, Labels, boolean];
  }),
  ["serviceroles", "ServiceRole", "config.istio.io", "v1alpha2", rbac, false],
  ["servicerolebindings", "ServiceRoleBinding", "config.istio.io", "v1alpha2", rbac, false],
  ["destinationpolicies", "DestinationPolicy", "config.istio.io", "v1alpha2", pilot, true],
  ["egressrules", "EgressRule", "config.istio.io", "v1alpha2", pilot, true],
  ["routerules", "RouteRule", "config.istio.io", "v1alpha2", pilot, true],
  ["virtualservices", "VirtualService", "networking.istio.io", "v1alpha3", pilot, true],
  ["destinationrules", "DestinationRule", "networking.istio.io", "v1alpha3", pilot, true],
  ["serviceentries", "ServiceEntry", "networking.istio.io", "v1alpha3", pilot, true],
  ["gateways", "Gateway", "networking.istio.io", "v1alpha3", pilot, false],
  ["policies", "Policy", "authentication.istio.io", "v1alpha1", undefined, false],
  ["httpapispecbindings", "HTTPAPISpecBinding", "config.istio.io", "v1alpha2", undefined, false],
  ["httpapispecs", "HTTPAPISpec", "config.istio.io", "v1alpha2", undefined, false],
  ["quotaspecbindings", "QuotaSpecBinding", "config.istio.io", "v1alpha2", undefined, false],
  ["quotaspecs", "QuotaSpec", "config.istio.io", "v1alpha2", undefined, false],
];

export function istioCrds(): KubeObject[] {
  return CRDS.map(([plural, kind, group, version, labels, listKind]) => {
    const names = { kind, ...(listKind ? { listKind: `${kind}List` } : {}), plural, singular: kind.toLowerCase() };
    return {
      apiVersion: "apiextensions.k8s.io/v1beta1",
      kind: "CustomResourceDefinition",
      metadata: { name: `${plural}.${group}`, ...(labels ? { labels } : {}) },
      spec: { group, names, scope: "Namespaced", version },
      status: {
        acceptedNames: { kind, ...(listKind ? { listKind: `${kind}List` } : {}), plural, singular: kind.toLowerCase() },
        conditions: [
          { message: "no conflicts found", reason: "NoConflicts", status: "True", type: "NamesAccepted" },
          { message: "the initial names have been accepted", reason: "InitialNamesAccepted", status: "True", type: "Established" },
        ],
      },
    };
  });
}
