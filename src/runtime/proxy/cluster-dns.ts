/**
 * Name resolution as a pod's resolv.conf gives it (kube-dns, search `<ns>.svc.cluster.local
 * svc.cluster.local cluster.local`): Service names in their short and long forms resolve to the
 * cluster IP (headless Services to a pod IP); everything else goes to the internet's DNS.
 */
import type { Internet } from "../internet/internet.ts";
import { isIpv4 } from "../internet/internet.ts";
import { CLUSTER_DOMAIN } from "./hostnames.ts";
import { serviceEndpoints, type MeshSnapshot } from "./mesh-snapshot.ts";

const SUFFIX = `.svc.${CLUSTER_DOMAIN}`;

function serviceIp(snapshot: MeshSnapshot, name: string, namespace: string): string | undefined {
  const svc = snapshot.servicesByHost.get(`${name}.${namespace}${SUFFIX}`);
  if (!svc || svc.kind !== "kube") return undefined;
  return svc.clusterIp ?? serviceEndpoints(snapshot, svc)[0]?.ip;
}

/** Resolves `host` for a pod in `podNamespace`; undefined when the name does not exist. */
export function resolveFromPod(snapshot: MeshSnapshot, internet: Internet, host: string, podNamespace: string): string | undefined {
  if (isIpv4(host)) return host;
  // Cluster names depend only on the snapshot: looked up once per (snapshot, namespace, host).
  let byNamespace = clusterNames.get(snapshot);
  if (!byNamespace) clusterNames.set(snapshot, (byNamespace = new Map()));
  let byHost = byNamespace.get(podNamespace);
  if (!byHost) byNamespace.set(podNamespace, (byHost = new Map()));
  let known = byHost.get(host);
  if (known === undefined) {
    known = resolveClusterName(snapshot, host, podNamespace);
    // Bounded: host names are user input.
    if (byHost.size < 1024) byHost.set(host, known);
  }
  return known.ip ?? internet.resolve(known.name);
}

/** A name as the pod's resolver sees it: the Service address it names, if any, else the name for the internet's DNS. */
interface ClusterName {
  name: string;
  ip: string | undefined;
}

const clusterNames = new WeakMap<MeshSnapshot, Map<string, Map<string, ClusterName>>>();

function resolveClusterName(snapshot: MeshSnapshot, host: string, podNamespace: string): ClusterName {
  const name = host.toLowerCase().replace(/\.$/, "");
  const parts = name.split(".");
  let ip: string | undefined;
  if (name.endsWith(SUFFIX) && parts.length === 5) ip = serviceIp(snapshot, parts[0], parts[1]);
  else if (name.endsWith(".svc") && parts.length === 3) ip = serviceIp(snapshot, parts[0], parts[1]);
  else if (parts.length === 2) ip = serviceIp(snapshot, parts[0], parts[1]);
  else if (parts.length === 1) ip = serviceIp(snapshot, parts[0], podNamespace);
  return { name, ip };
}
