/**
 * Routing as data: built once from a `RouteTable`, matches many requests. Virtual host lookup is
 * Envoy's (exact domain, then the longest wildcard, then `*`); within a vhost the first route
 * whose conditions all hold wins.
 */
import type { SeededRandom } from "../ids.ts";
import { wildcardDomainMatches } from "./hostnames.ts";
import type { CompiledRoute, RouteRequestView, RouteTable, VirtualHost, WeightedCluster } from "./route-table.ts";

export interface RouteDecision {
  virtualHost?: VirtualHost;
  route?: CompiledRoute;
  /** Routes tried before the winner (or all, when none matched), with why each failed. */
  rejected: string[];
}

/** Shared by decisions whose first route matched; frozen, since it is shared. */
const NONE_REJECTED = Object.freeze([]) as unknown as string[];

export class VirtualServiceRouter {
  private readonly exact = new Map<string, VirtualHost>();
  private readonly wildcards: { pattern: string; vhost: VirtualHost }[] = [];
  private catchAll?: VirtualHost;

  constructor(readonly table: RouteTable) {
    for (const vh of table.virtualHosts) {
      for (const d of vh.domains) {
        const domain = d.toLowerCase();
        if (domain === "*") this.catchAll ??= vh;
        else if (domain.startsWith("*") || domain.endsWith("*")) this.wildcards.push({ pattern: domain, vhost: vh });
        else if (!this.exact.has(domain)) this.exact.set(domain, vh);
      }
    }
    // Envoy prefers the longest wildcard.
    this.wildcards.sort((a, b) => b.pattern.length - a.pattern.length);
  }

  findVirtualHost(authority: string): VirtualHost | undefined {
    const host = authority.toLowerCase();
    const hit = this.exact.get(host);
    if (hit) return hit;
    for (const w of this.wildcards) if (wildcardDomainMatches(w.pattern, host)) return w.vhost;
    return this.catchAll;
  }

  route(request: RouteRequestView): RouteDecision {
    const virtualHost = this.findVirtualHost(request.authority);
    // Most requests match the first route they try: the list is only built when one fails.
    let rejected: string[] | undefined;
    if (!virtualHost) return { rejected: [] };
    for (const route of virtualHost.routes) {
      const failed = firstFailing(route, request);
      if (failed === undefined) return { virtualHost, route, rejected: rejected ?? NONE_REJECTED };
      (rejected ??= []).push(failed);
    }
    return { virtualHost, rejected: rejected ?? [] };
  }
}

function firstFailing(route: CompiledRoute, request: RouteRequestView): string | undefined {
  for (const c of route.conditions) {
    if (!c.test(request)) {
      const actual = c.actual(request);
      const where = route.origin.virtualService ? `${route.origin.virtualService} ${route.label}` : route.label;
      return actual === undefined ? `${where}: ${c.describe}: value absent` : `${where}: ${c.describe} does not match "${actual}"`;
    }
  }
  return undefined;
}

/** Picks one of a route's weighted clusters (deterministically, from the sandbox's generator). */
export function pickWeightedCluster(clusters: readonly WeightedCluster[], totalWeight: number, rng: SeededRandom): WeightedCluster | undefined {
  if (clusters.length <= 1) return clusters[0];
  let r = rng.next() * totalWeight;
  for (const c of clusters) {
    r -= c.weight;
    if (r < 0) return c;
  }
  return clusters[clusters.length - 1];
}
