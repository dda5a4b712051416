/**
 * Pilot's view of the cluster at one moment: the objects the data plane needs (pods, Services,
 * ServiceEntries, Gateways, VirtualServices, DestinationRules, NetworkPolicies, namespaces),
 * parsed once into typed, indexed records. Rebuilt only after the store changes.
 */
import type { KubeObject } from "../cluster/objects.ts";
import type { ObjectStore } from "../cluster/store.ts";
import { findKind, type KindInfo } from "../config/kinds.ts";
import { JoinedStrings } from "./joined-strings.ts";
import { parseNetworkPolicy, type MeshNetworkPolicy } from "./network-policy.ts";
import {
  CLUSTER_DOMAIN, protocolFromField, protocolFromPortName, resolveShortName, type PortProtocol,
} from "./hostnames.ts";

export interface MeshPod {
  name: string;
  namespace: string;
  /** `sleep-6859f9d5cb-l877h.default`: the form Mixer's source.uid and the traces use. */
  key: string;
  /** `kubernetes://<key>`: the source.uid/destination.uid proxies send Mixer (one string per pod, not per request). */
  uid: string;
  labels: Readonly<Record<string, string>>;
  ip: string | undefined;
  containers: readonly string[];
  /** Named container ports (NetworkPolicy named ports, Service targetPort names). */
  containerPorts: readonly { name?: string; port: number }[];
  /** Has an `istio-proxy` container: outbound traffic is captured by its sidecar. */
  hasSidecar: boolean;
  /** Runs Envoy as a gateway (proxy type Router): Mixer Check/Report happen here in 0.8. */
  isGateway: boolean;
  running: boolean;
}

export interface ServicePort {
  number: number;
  name: string;
  protocol: PortProtocol;
  /** Kubernetes targetPort (number or container port name); undefined = same as `number`. */
  targetPort?: number | string;
}

export interface MeshService {
  /** `istio-egressgateway.istio-system.svc.cluster.local`, `edition.cnn.com`, `*.cnn.com`. */
  hostname: string;
  kind: "kube" | "entry";
  name: string;
  namespace: string;
  ports: readonly ServicePort[];
  clusterIp?: string;
  selector?: Readonly<Record<string, string>>;
  /** ServiceEntry resolution: NONE (original destination), STATIC (endpoints), DNS. */
  resolution?: "NONE" | "STATIC" | "DNS";
  endpoints?: readonly { address: string; ports?: Readonly<Record<string, number>> }[];
}

export interface GatewayServer {
  port: number;
  portName: string;
  protocol: PortProtocol;
  hosts: readonly string[];
  tlsMode?: string;
}

export interface MeshGateway {
  name: string;
  namespace: string;
  /** `istio-egressgateway.default.svc.cluster.local`: what VirtualServices must name. */
  resolvedName: string;
  selector: Readonly<Record<string, string>>;
  servers: readonly GatewayServer[];
}

export interface MeshVirtualService {
  name: string;
  namespace: string;
  /** `direct-through-egress-gateway.default` */
  key: string;
  /** Hosts as written (gateway vhost domains are these, exactly). */
  hosts: readonly string[];
  /** Hosts resolved to FQDNs (how sidecars find the service a VS is about). */
  resolvedHosts: readonly string[];
  /** Resolved gateway names; `mesh` stays `mesh`. Empty means "mesh only". */
  gateways: readonly string[];
  /** spec.http as written; translated per proxy and port. */
  http: readonly any[];
}

export interface MeshDestinationRule {
  name: string;
  namespace: string;
  key: string;
  /** Resolved host (may be a `*.suffix` wildcard). */
  host: string;
  spec: any;
}

export interface MeshSnapshot {
  /** Increases with every rebuild, so caches know when they are stale. */
  generation: number;
  pods: ReadonlyMap<string, MeshPod>;
  podsByIp: ReadonlyMap<string, MeshPod>;
  services: readonly MeshService[];
  /** By hostname; when several objects claim a host, the first (kube, then by namespace/name) wins. */
  servicesByHost: ReadonlyMap<string, MeshService>;
  servicesByIp: ReadonlyMap<string, MeshService>;
  gateways: readonly MeshGateway[];
  virtualServices: readonly MeshVirtualService[];
  destinationRules: readonly MeshDestinationRule[];
  networkPolicies: readonly MeshNetworkPolicy[];
  namespaceLabels: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

const kind = (name: string): KindInfo => {
  const info = findKind(name);
  if (!info) throw new Error(`kind ${name} is not registered`);
  return info;
};

/** The kinds whose changes invalidate the snapshot. */
export const WATCHED_KINDS: readonly string[] = [
  "Pod", "Service", "Namespace", "NetworkPolicy", "Gateway", "VirtualService", "DestinationRule", "ServiceEntry",
];

/** `sleep-6859f9d5cb-l877h.default`: the key of a pod in `MeshSnapshot.pods` (made once per pod). */
export function podKey(name: string, namespace: string): string {
  return podKeys.get(name, namespace);
}

const podKeys = new JoinedStrings<string>((name, namespace) => `${name}.${namespace}`);

export function labelsSubset(selector: Readonly<Record<string, string>> | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) return true;
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}

function parsePod(o: KubeObject): MeshPod {
  const containers: string[] = (o.spec?.containers ?? []).map((c: any) => String(c?.name ?? ""));
  const containerPorts: { name?: string; port: number }[] = [];
  for (const c of o.spec?.containers ?? []) {
    for (const p of c?.ports ?? []) {
      if (typeof p?.containerPort === "number") containerPorts.push({ name: p.name, port: p.containerPort });
    }
  }
  const labels = { ...(o.metadata.labels ?? {}) };
  const ns = o.metadata.namespace ?? "default";
  const istioLabel = labels["istio"] ?? "";
  const phase = o.status?.phase;
  return {
    name: o.metadata.name,
    namespace: ns,
    key: podKey(o.metadata.name, ns),
    uid: `kubernetes://${podKey(o.metadata.name, ns)}`,
    labels,
    ip: typeof o.status?.podIP === "string" ? o.status.podIP : undefined,
    containers,
    containerPorts,
    hasSidecar: containers.includes("istio-proxy"),
    isGateway: istioLabel.endsWith("gateway") || containers.includes("egressgateway") || containers.includes("ingressgateway"),
    running: !o.metadata.deletionTimestamp && (phase === undefined || phase === "Running"),
  };
}

function parseKubeService(o: KubeObject): MeshService {
  const ns = o.metadata.namespace ?? "default";
  const ports: ServicePort[] = (o.spec?.ports ?? [])
    .filter((p: any) => typeof p?.port === "number")
    .map((p: any) => ({
      number: p.port,
      name: String(p.name ?? ""),
      // UDP ports carry no HTTP; everything else follows Istio's port-naming convention.
      protocol: String(p.protocol ?? "TCP").toUpperCase() === "UDP" ? "UDP" : protocolFromPortName(p.name),
      targetPort: p.targetPort,
    }));
  const ip = o.spec?.clusterIP;
  return {
    hostname: `${o.metadata.name}.${ns}.svc.${CLUSTER_DOMAIN}`,
    kind: "kube",
    name: o.metadata.name,
    namespace: ns,
    ports,
    clusterIp: typeof ip === "string" && ip !== "None" && ip !== "" ? ip : undefined,
    selector: o.spec?.selector && typeof o.spec.selector === "object" ? { ...o.spec.selector } : undefined,
  };
}

function parseServiceEntry(o: KubeObject): MeshService[] {
  const ns = o.metadata.namespace ?? "default";
  const spec = o.spec ?? {};
  const ports: ServicePort[] = (spec.ports ?? [])
    .filter((p: any) => typeof p?.number === "number")
    .map((p: any) => ({ number: p.number, name: String(p.name ?? ""), protocol: protocolFromField(p.protocol) }));
  const resolution = String(spec.resolution ?? "NONE").toUpperCase();
  const endpoints = (spec.endpoints ?? [])
    .filter((e: any) => typeof e?.address === "string")
    .map((e: any) => ({ address: e.address, ports: e.ports }));
  return (spec.hosts ?? []).map((h: unknown) => ({
    hostname: resolveShortName(String(h), ns),
    kind: "entry" as const,
    name: o.metadata.name,
    namespace: ns,
    ports,
    resolution: resolution === "DNS" || resolution === "STATIC" ? resolution : "NONE",
    endpoints,
  }));
}

function parseGateway(o: KubeObject): MeshGateway {
  const ns = o.metadata.namespace ?? "default";
  const servers: GatewayServer[] = [];
  for (const s of o.spec?.servers ?? []) {
    if (typeof s?.port?.number !== "number") continue;
    servers.push({
      port: s.port.number,
      portName: String(s.port.name ?? ""),
      protocol: protocolFromField(s.port.protocol),
      hosts: (s.hosts ?? []).map(String),
      tlsMode: s.tls?.mode ? String(s.tls.mode).toUpperCase() : undefined,
    });
  }
  return {
    name: o.metadata.name,
    namespace: ns,
    resolvedName: resolveShortName(o.metadata.name, ns),
    selector: { ...(o.spec?.selector ?? {}) },
    servers,
  };
}

function parseVirtualService(o: KubeObject): MeshVirtualService {
  const ns = o.metadata.namespace ?? "default";
  const hosts: string[] = (o.spec?.hosts ?? []).map(String);
  const gateways: string[] = (o.spec?.gateways ?? []).map((g: unknown) => (g === "mesh" ? "mesh" : resolveShortName(String(g), ns)));
  return {
    name: o.metadata.name,
    namespace: ns,
    key: `${o.metadata.name}.${ns}`,
    hosts,
    resolvedHosts: hosts.map((h) => resolveShortName(h, ns)),
    gateways,
    http: Array.isArray(o.spec?.http) ? o.spec.http : [],
  };
}

function parseDestinationRule(o: KubeObject): MeshDestinationRule {
  const ns = o.metadata.namespace ?? "default";
  return { name: o.metadata.name, namespace: ns, key: `${o.metadata.name}.${ns}`, host: resolveShortName(String(o.spec?.host ?? ""), ns), spec: o.spec ?? {} };
}

/** Pilot orders configs by creation time, then by name. */
function byCreation(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp ?? "";
  const tb = b.metadata.creationTimestamp ?? "";
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (a.metadata.namespace ?? "").localeCompare(b.metadata.namespace ?? "") || a.metadata.name.localeCompare(b.metadata.name);
}

export function buildSnapshot(store: ObjectStore, generation: number): MeshSnapshot {
  const pods = new Map<string, MeshPod>();
  const podsByIp = new Map<string, MeshPod>();
  for (const o of store.list(kind("Pod"))) {
    const p = parsePod(o);
    pods.set(p.key, p);
    if (p.ip && p.running) podsByIp.set(p.ip, p);
  }
  const services: MeshService[] = [];
  for (const o of store.list(kind("Service"))) services.push(parseKubeService(o));
  for (const o of [...store.list(kind("ServiceEntry"))].sort(byCreation)) services.push(...parseServiceEntry(o));
  const servicesByHost = new Map<string, MeshService>();
  const servicesByIp = new Map<string, MeshService>();
  for (const s of services) {
    if (!servicesByHost.has(s.hostname)) servicesByHost.set(s.hostname, s);
    if (s.clusterIp && !servicesByIp.has(s.clusterIp)) servicesByIp.set(s.clusterIp, s);
  }
  const namespaceLabels = new Map<string, Readonly<Record<string, string>>>();
  for (const o of store.list(kind("Namespace"))) namespaceLabels.set(o.metadata.name, { ...(o.metadata.labels ?? {}) });

  return {
    generation,
    pods,
    podsByIp,
    services,
    servicesByHost,
    servicesByIp,
    gateways: [...store.list(kind("Gateway"))].sort(byCreation).map(parseGateway),
    virtualServices: [...store.list(kind("VirtualService"))].sort(byCreation).map(parseVirtualService),
    destinationRules: [...store.list(kind("DestinationRule"))].sort(byCreation).map(parseDestinationRule),
    networkPolicies: store.list(kind("NetworkPolicy")).map(parseNetworkPolicy),
    namespaceLabels,
  };
}

/** The pods a Kubernetes Service sends to: its selector, in its namespace, running, with an IP. */
export function serviceEndpoints(snapshot: MeshSnapshot, service: MeshService): MeshPod[] {
  if (service.kind !== "kube" || !service.selector) return [];
  const out: MeshPod[] = [];
  for (const p of snapshot.pods.values()) {
    if (p.namespace === service.namespace && p.running && p.ip && labelsSubset(service.selector, p.labels)) out.push(p);
  }
  return out;
}

/** The container port a Service port lands on for one pod (named targetPorts look up the container). */
export function targetPortOf(port: ServicePort, pod: MeshPod): number | undefined {
  const t = port.targetPort;
  if (t === undefined || t === null || t === "") return port.number;
  if (typeof t === "number") return t;
  if (/^\d+$/.test(String(t))) return Number(t);
  return pod.containerPorts.find((c) => c.name === t)?.port;
}
