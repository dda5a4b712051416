/**
 * Envoy route configuration as data: what Pilot sends a proxy for one port (RDS), built once
 * per (proxy, port) and configuration generation, then matched many times by
 * `VirtualServiceRouter`.
 */
import type { RouteMatchTrace } from "./trace.ts";

/** The parts of a request that route matching reads (header names lower-case). */
export interface RouteRequestView {
  /** Full `:path`, with the query. */
  path: string;
  /** `:path` up to the first `?`. */
  pathNoQuery: string;
  method: string;
  authority: string;
  scheme: string;
  header(lowerName: string): string | undefined;
}

export interface RouteCondition {
  /** `uri regex "/health|/sport"`, `header end-user exact "jason"`. */
  describe: string;
  test(request: RouteRequestView): boolean;
  /** The value the condition looked at, for "does not match ..." explanations. */
  actual(request: RouteRequestView): string | undefined;
}

export interface WeightedCluster {
  /** `outbound|443||edition.cnn.com`, or `BlackHoleCluster`. */
  cluster: string;
  host: string;
  port: number;
  subset: string;
  weight: number;
  /** The destination named a port by name: Pilot 0.8 routes it to the black hole. */
  blackhole: boolean;
}

export type RouteAction =
  | {
      kind: "route";
      clusters: readonly WeightedCluster[];
      totalWeight: number;
      timeoutMicros: number;
      rewriteUri?: string;
      rewriteAuthority?: string;
    }
  | { kind: "redirect"; uri?: string; authority?: string }
  | { kind: "direct"; status: number };

export interface CompiledRoute {
  /** Where the route came from; `virtualService` is "" for Pilot's default route. */
  origin: RouteMatchTrace;
  /** `http[1].match[0]`, `http[0]` (catch-all) or `default`. */
  label: string;
  conditions: readonly RouteCondition[];
  /** Length of the uri prefix the route matched on (prefix rewrite replaces it). */
  prefixLength?: number;
  action: RouteAction;
}

export interface VirtualHost {
  /** `edition.cnn.com:80`, `blackhole:443`. */
  name: string;
  domains: readonly string[];
  routes: readonly CompiledRoute[];
  /** The VirtualService behind this vhost (`direct-through-egress-gateway.default`), if any. */
  virtualService?: string;
}

export interface RouteTable {
  /** Route configuration name: `80` on sidecars, `http.443` on gateways. */
  name: string;
  virtualHosts: readonly VirtualHost[];
  /** Things worth telling the learner about how this table was built (skipped VS, disabled regex...). */
  notes: readonly string[];
}

/** The default route timeout of Envoy's router (Pilot 0.8 sets none unless the VS does). */
export const DEFAULT_ROUTE_TIMEOUT_MICROS = 15_000_000;
