/**
 * Pilot 0.8's translation of one VirtualService into Envoy routes for one proxy and port
 * (pilot/pkg/networking/core/v1alpha3/route/route.go), per reference §5.1-§5.3:
 * - each `http[i].match[j]` becomes one route, in order; a match is skipped when its
 *   `gateways` do not apply to this proxy, or (without `gateways`) its `sourceLabels` are not a
 *   subset of the proxy's workload labels, or its `port` is not the port being built;
 * - an `http` entry without `match` is a catch-all (`prefix: /`) and drops every later entry;
 * - fields of one match are ANDed; weights of 0 or omitted become 100;
 * - an invalid regex throws `RouteConfigError` (Envoy rejects the whole route configuration).
 */
import { compileStringMatch, RouteConfigError, type CompiledStringMatch } from "./string-match.ts";
import { outboundClusterName, resolveShortName } from "./hostnames.ts";
import { parseGoDurationMicros } from "./duration.ts";
import { labelsSubset, type MeshSnapshot, type MeshVirtualService } from "./mesh-snapshot.ts";
import {
  DEFAULT_ROUTE_TIMEOUT_MICROS, type CompiledRoute, type RouteAction, type RouteCondition, type RouteRequestView,
  type WeightedCluster,
} from "./route-table.ts";

export interface ProxyScope {
  /** `mesh` for sidecars; the resolved names of the Gateways bound to this gateway pod and port. */
  gatewayNames: ReadonlySet<string>;
  /** The proxy's workload labels (for `sourceLabels`). */
  labels: Readonly<Record<string, string>>;
  /** The service port (sidecar) or server port (gateway) being built. */
  port: number;
}

export function translateVirtualService(vs: MeshVirtualService, scope: ProxyScope, snapshot: MeshSnapshot, notes: string[]): CompiledRoute[] {
  const routes: CompiledRoute[] = [];
  for (let i = 0; i < vs.http.length; i++) {
    const http = vs.http[i] ?? {};
    const matches: any[] = Array.isArray(http.match) ? http.match : [];
    if (matches.length === 0) {
      routes.push({
        origin: { virtualService: vs.key, httpIndex: i, matchIndex: -1 },
        label: `http[${i}]`,
        conditions: [],
        prefixLength: 1,
        action: buildAction(http, vs, scope, snapshot),
      });
      if (i < vs.http.length - 1) notes.push(`${vs.key}: http[${i}] has no match, so it catches everything and http[${i + 1}..] are dropped`);
      break;
    }
    for (let j = 0; j < matches.length; j++) {
      const m = matches[j] ?? {};
      const label = `http[${i}].match[${j}]`;
      if (!matchApplies(m, vs, scope)) continue;
      const { conditions, prefixLength } = buildConditions(m);
      routes.push({
        origin: { virtualService: vs.key, httpIndex: i, matchIndex: j },
        label,
        conditions,
        prefixLength,
        action: buildAction(http, vs, scope, snapshot),
      });
    }
  }
  return routes;
}

function matchApplies(m: any, vs: MeshVirtualService, scope: ProxyScope): boolean {
  const gateways: unknown[] = Array.isArray(m.gateways) ? m.gateways : [];
  if (gateways.length) {
    const applies = gateways.some((g) => scope.gatewayNames.has(g === "mesh" ? "mesh" : resolveShortName(String(g), vs.namespace)));
    if (!applies) return false;
  } else if (m.sourceLabels && !labelsSubset(m.sourceLabels, scope.labels)) {
    return false;
  }
  if (typeof m.port === "number" && m.port !== scope.port) return false;
  return true;
}

function fromMatch(sm: CompiledStringMatch, read: (r: RouteRequestView) => string | undefined): RouteCondition {
  return {
    describe: sm.describe,
    test: (r) => {
      const v = read(r);
      return v !== undefined && sm.test(v);
    },
    actual: read,
  };
}

function buildConditions(m: any): { conditions: RouteCondition[]; prefixLength?: number } {
  const conditions: RouteCondition[] = [];
  let prefixLength: number | undefined = 1;
  if (m.uri) {
    const sm = compileStringMatch(m.uri, "uri");
    if (sm.kind === "prefix") {
      prefixLength = sm.value.length;
      conditions.push(fromMatch(sm, (r) => r.path));
    } else if (sm.kind !== "any") {
      prefixLength = undefined;
      conditions.push(fromMatch(sm, (r) => r.pathNoQuery));
    }
  }
  if (m.scheme) conditions.push(headerCondition(compileStringMatch(m.scheme, "scheme"), (r) => r.scheme));
  if (m.method) conditions.push(headerCondition(compileStringMatch(m.method, "method"), (r) => r.method));
  if (m.authority) conditions.push(headerCondition(compileStringMatch(m.authority, "authority"), (r) => r.authority));
  if (m.headers && typeof m.headers === "object") {
    for (const name of Object.keys(m.headers)) {
      const lower = name.toLowerCase();
      conditions.push(headerCondition(compileStringMatch(m.headers[name], `header ${lower}`), (r) => r.header(lower)));
    }
  }
  return { conditions, prefixLength };
}

function headerCondition(sm: CompiledStringMatch, read: (r: RouteRequestView) => string | undefined): RouteCondition {
  return sm.kind === "any" ? { describe: sm.describe, test: () => true, actual: read } : fromMatch(sm, read);
}

function buildAction(http: any, vs: MeshVirtualService, scope: ProxyScope, snapshot: MeshSnapshot): RouteAction {
  if (http.redirect && typeof http.redirect === "object") {
    return { kind: "redirect", uri: http.redirect.uri, authority: http.redirect.authority };
  }
  const destinations: any[] = Array.isArray(http.route) ? http.route : [];
  const clusters: WeightedCluster[] = destinations.map((d) => buildCluster(d, vs, scope, snapshot));
  if (clusters.length > 1) {
    const total = clusters.reduce((s, c) => s + c.weight, 0);
    // Envoy requires weighted clusters to add up to total_weight (100).
    if (total !== 100) throw new RouteConfigError(`Sum of weights in the weighted_cluster should add up to 100 (got ${total} in ${vs.key})`);
  }
  const timeout = parseGoDurationMicros(http.timeout);
  return {
    kind: "route",
    clusters,
    totalWeight: clusters.reduce((s, c) => s + c.weight, 0),
    timeoutMicros: timeout ?? DEFAULT_ROUTE_TIMEOUT_MICROS,
    rewriteUri: typeof http.rewrite?.uri === "string" ? http.rewrite.uri : undefined,
    rewriteAuthority: typeof http.rewrite?.authority === "string" ? http.rewrite.authority : undefined,
  };
}

/** §5.3: explicit port number; else the service's only port; else the port being built. A port name blackholes. */
function buildCluster(d: any, vs: MeshVirtualService, scope: ProxyScope, snapshot: MeshSnapshot): WeightedCluster {
  const dest = d?.destination ?? {};
  const host = resolveShortName(String(dest.host ?? ""), vs.namespace);
  const weight = typeof d?.weight === "number" && d.weight > 0 ? d.weight : 100;
  const subset = typeof dest.subset === "string" ? dest.subset : "";
  if (dest.port && typeof dest.port.name === "string" && typeof dest.port.number !== "number") {
    return { cluster: "BlackHoleCluster", host, port: 0, subset, weight, blackhole: true };
  }
  let port: number;
  if (typeof dest.port?.number === "number") port = dest.port.number;
  else {
    const svc = snapshot.servicesByHost.get(host);
    port = svc && svc.ports.length === 1 ? svc.ports[0].number : scope.port;
  }
  return { cluster: outboundClusterName(port, subset, host), host, port, subset, weight, blackhole: false };
}
