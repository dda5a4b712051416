/**
 * The outbound HTTP route configuration of a sidecar for one port (RDS name `<port>`), as Pilot
 * 0.8 builds it: one virtual host per service (Kubernetes Service or ServiceEntry host) that
 * declares an HTTP port with that number; routes from the first VirtualService for that host that
 * applies to the mesh, else a default route to `outbound|<port>||<host>`. There is no `*` vhost:
 * a host nobody declared gets 404 NR (0.8 blocks external hosts without a ServiceEntry).
 */
import { isHttpProtocol, outboundClusterName } from "./hostnames.ts";
import type { MeshPod, MeshService, MeshSnapshot } from "./mesh-snapshot.ts";
import { DEFAULT_ROUTE_TIMEOUT_MICROS, type RouteTable, type VirtualHost } from "./route-table.ts";
import { RouteConfigError } from "./string-match.ts";
import { translateVirtualService, type ProxyScope } from "./vs-translation.ts";

/** Ports on which a sidecar has an HTTP listener (`0.0.0.0_<port>`). */
export function sidecarHttpPorts(snapshot: MeshSnapshot): Set<number> {
  const ports = new Set<number>();
  for (const svc of snapshot.servicesByHost.values()) for (const p of svc.ports) if (isHttpProtocol(p.protocol)) ports.add(p.number);
  return ports;
}

/**
 * The names a sidecar in `podNamespace` may use for a service (0.8's generateAltVirtualHosts):
 * the FQDN, the shorter in-cluster forms, the cluster IP, each also with `:port`.
 */
function serviceDomains(svc: MeshService, port: number, podNamespace: string): string[] {
  const names = [svc.hostname];
  if (svc.kind === "kube") {
    names.push(`${svc.name}.${svc.namespace}.svc`, `${svc.name}.${svc.namespace}`);
    if (svc.namespace === podNamespace) names.push(svc.name);
    if (svc.clusterIp) names.push(svc.clusterIp);
  }
  const out: string[] = [];
  for (const n of names) out.push(n, `${n}:${port}`);
  return out;
}

export function buildSidecarRouteTable(snapshot: MeshSnapshot, pod: MeshPod, port: number): RouteTable {
  const notes: string[] = [];
  const scope: ProxyScope = { gatewayNames: new Set(["mesh"]), labels: pod.labels, port };
  const meshVirtualServices = snapshot.virtualServices.filter((vs) => vs.gateways.length === 0 || vs.gateways.includes("mesh"));
  const virtualHosts: VirtualHost[] = [];
  for (const svc of snapshot.servicesByHost.values()) {
    if (!svc.ports.some((p) => p.number === port && isHttpProtocol(p.protocol))) continue;
    const domains = serviceDomains(svc, port, pod.namespace);
    const name = `${svc.hostname}:${port}`;
    const vs = meshVirtualServices.find((v) => v.resolvedHosts.includes(svc.hostname));
    if (vs) {
      const routes = translateVirtualService(vs, scope, snapshot, notes);
      if (!routes.length) {
        notes.push(`${vs.key} has no route for port ${port} on this sidecar, so ${svc.hostname} gets no virtual host here`);
        continue;
      }
      virtualHosts.push({ name, domains, routes, virtualService: vs.key });
    } else {
      virtualHosts.push({
        name,
        domains,
        routes: [{
          origin: { virtualService: "", httpIndex: -1, matchIndex: -1 },
          label: "default",
          conditions: [],
          prefixLength: 1,
          action: {
            kind: "route",
            clusters: [{ cluster: outboundClusterName(port, "", svc.hostname), host: svc.hostname, port, subset: "", weight: 100, blackhole: false }],
            totalWeight: 100,
            timeoutMicros: DEFAULT_ROUTE_TIMEOUT_MICROS,
          },
        }],
      });
    }
  }
  for (const vs of meshVirtualServices) {
    for (const h of vs.resolvedHosts) {
      if (!snapshot.servicesByHost.has(h)) notes.push(`${vs.key}: host ${h} is neither a Service nor a ServiceEntry host, so the sidecar ignores it`);
    }
  }
  virtualHosts.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  assertUniqueDomains(virtualHosts);
  return { name: String(port), virtualHosts, notes };
}

/** Envoy refuses a route configuration in which two virtual hosts claim the same domain. */
export function assertUniqueDomains(virtualHosts: readonly VirtualHost[]): void {
  const seen = new Set<string>();
  for (const vh of virtualHosts) {
    for (const d of vh.domains) {
      const key = d.toLowerCase();
      if (seen.has(key)) throw new RouteConfigError(`Only unique values for domains are permitted. Duplicate entry of domain ${key}`);
      seen.add(key);
    }
  }
}
