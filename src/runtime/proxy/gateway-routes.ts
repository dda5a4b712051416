/**
 * The route configuration of a gateway pod for one server port (RDS name `http.<port>`), as
 * Pilot 0.8's gateway.go builds it: the Gateways whose selector matches the pod, their servers
 * on that port, and the VirtualServices bound to them by resolved name. Virtual host domains are
 * the VirtualService's hosts exactly; when nothing is bound, a `blackhole:<port>` vhost answers 404.
 */
import { isHttpProtocol } from "./hostnames.ts";
import { labelsSubset, type GatewayServer, type MeshGateway, type MeshPod, type MeshSnapshot } from "./mesh-snapshot.ts";
import type { RouteTable, VirtualHost } from "./route-table.ts";
import { assertUniqueDomains } from "./sidecar-routes.ts";
import { translateVirtualService, type ProxyScope } from "./vs-translation.ts";

export interface GatewayListener {
  port: number;
  /** `0.0.0.0_443` */
  name: string;
  gateways: readonly MeshGateway[];
  servers: readonly GatewayServer[];
  /** Plain HTTP (protocol HTTP/HTTP2/GRPC) or TLS-terminating (HTTPS with tls.mode SIMPLE/MUTUAL). */
  http: boolean;
  /** The server expects TLS from its client. */
  tls: boolean;
}

/** The listener a gateway pod has on `port`, or undefined when no bound Gateway declares it. */
export function gatewayListener(snapshot: MeshSnapshot, pod: MeshPod, port: number): GatewayListener | undefined {
  const gateways: MeshGateway[] = [];
  const servers: GatewayServer[] = [];
  for (const g of snapshot.gateways) {
    if (!labelsSubset(g.selector, pod.labels)) continue;
    const onPort = g.servers.filter((s) => s.port === port);
    if (!onPort.length) continue;
    gateways.push(g);
    servers.push(...onPort);
  }
  if (!gateways.length) return undefined;
  const first = servers[0];
  const tls = first.protocol === "HTTPS" || first.protocol === "TLS";
  const http = isHttpProtocol(first.protocol) || (first.protocol === "HTTPS" && first.tlsMode !== "PASSTHROUGH");
  return { port, name: `0.0.0.0_${port}`, gateways, servers, http, tls };
}

export function buildGatewayRouteTable(snapshot: MeshSnapshot, pod: MeshPod, listener: GatewayListener): RouteTable {
  const notes: string[] = [];
  const names = new Set(listener.gateways.map((g) => g.resolvedName));
  const scope: ProxyScope = { gatewayNames: names, labels: pod.labels, port: listener.port };
  const virtualHosts: VirtualHost[] = [];
  for (const vs of snapshot.virtualServices) {
    if (!vs.gateways.some((g) => names.has(g))) continue;
    const routes = translateVirtualService(vs, scope, snapshot, notes);
    if (!routes.length) {
      notes.push(`${vs.key} is bound to this gateway but has no route for port ${listener.port}`);
      continue;
    }
    virtualHosts.push({ name: `${vs.hosts.join(",")}:${listener.port}`, domains: vs.hosts, routes, virtualService: vs.key });
  }
  for (const vs of snapshot.virtualServices) {
    const unresolved = vs.gateways.filter((g) => g !== "mesh" && !snapshot.gateways.some((gw) => gw.resolvedName === g));
    for (const g of unresolved) notes.push(`${vs.key} names gateway ${g}, which matches no Gateway (short names resolve in the VirtualService's namespace)`);
  }
  if (!virtualHosts.length) {
    virtualHosts.push({
      name: `blackhole:${listener.port}`,
      domains: ["*"],
      routes: [{
        origin: { virtualService: "", httpIndex: -1, matchIndex: -1 },
        label: "blackhole",
        conditions: [],
        action: { kind: "direct", status: 404 },
      }],
    });
  }
  assertUniqueDomains(virtualHosts);
  return { name: `http.${listener.port}`, virtualHosts, notes };
}
