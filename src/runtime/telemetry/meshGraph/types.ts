/**
 * The mesh graph as the runtime reports it: who talked to whom over a time window, how often,
 * and with which responses. Plain data only: it crosses postMessage to the page, which draws
 * it (the UI never derives mesh behaviour from it, it only renders these fields).
 */

/**
 * `workload`: pods of one app (app label, else the owner's name) in one namespace;
 * `gateway`: a gateway workload (the egress gateway); `service`: an in-cluster Service that
 * answered (Prometheus); `host`: a host outside the cluster (edition.cnn.com, or an IP);
 * `unknown`: a name that did not resolve; `workstation`: the reader's own machine.
 */
export type MeshNodeKind = "workload" | "gateway" | "service" | "host" | "unknown" | "workstation";

export interface MeshGraphNode {
  /** Stable across calls: `workload:default/sleep`, `gateway:istio-system/istio-egressgateway`, `host:edition.cnn.com`. */
  id: string;
  kind: MeshNodeKind;
  /** What the graph prints: `sleep`, `istio-egressgateway`, `edition.cnn.com`. */
  name: string;
  namespace?: string;
  /** Workloads: false when a pod of it without an Envoy sidecar sent requests in the window. */
  sidecar?: boolean;
  /** Requests per second arriving at / leaving this node over the window. */
  inRate: number;
  outRate: number;
}

/** Requests by response class. `error`: no HTTP response (curl's exit 6, 7, 28, 52, 35...; or an upstream connection failure). */
export interface CodeMix {
  "2xx": number;
  "3xx": number;
  "4xx": number;
  "5xx": number;
  error: number;
}

/**
 * `healthy`: only 1xx-3xx; `degraded`: some 4xx, 5xx or failed connections; `failure`: at least
 * 20% 5xx or failed connections (Kiali's default failure threshold).
 */
export type EdgeHealth = "healthy" | "degraded" | "failure";

export interface ResponseCount {
  /** `200`, `404`, `curl 7` (transport error), `connect failure` (an upstream refused or timed out behind a proxy). */
  code: string;
  count: number;
}

export interface MeshGraphEdge {
  /** `<source id> -> <target id>`, plus ` (bypass)` for the bypassing twin of a routed edge. */
  id: string;
  source: string;
  target: string;
  /** Requests in the window, and requests per second (total / window). */
  total: number;
  rate: number;
  codes: CodeMix;
  /** Most frequent first. */
  responses: ResponseCount[];
  health: EdgeHealth;
  /** The request left its pod without passing a sidecar (no sidecar, or sent by the proxy's own user): no Envoy, no Mixer. */
  bypass: boolean;
  /** How many the source proxy answered itself because no route matched (404 NR): they never reached the target. */
  noRoute: number;
  /** How many Mixer's Check denied at the source proxy (the gateway): they never reached the target. */
  denied: number;
  /** `http` when a proxy saw the HTTP exchange, `tcp` when it only forwarded bytes (TLS pass-through), `direct` when no proxy did. */
  protocol: "http" | "tcp" | "direct";
}

export interface MeshGraph {
  /** The runtime clock's now, and the window the rates cover. */
  nowMicros: number;
  windowSeconds: number;
  nodes: MeshGraphNode[];
  edges: MeshGraphEdge[];
  /** Requests recorded in the window (each counted once, not once per edge). */
  requests: number;
}
