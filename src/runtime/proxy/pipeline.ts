/**
 * What every stage of the request pipeline shares: the injected services, and the small
 * helpers for recording a hop in the request's trace.
 */
import type { Clock } from "../clock.ts";
import type { ClusterLogs, LogSink } from "../cluster/logs.ts";
import type { SeededRandom } from "../ids.ts";
import type { Internet } from "../internet/internet.ts";
import type { MixerClient } from "../mixer/types.ts";
import type { HttpResponse } from "./http.ts";
import type { LatencyModel } from "./latency.ts";
import type { MeshConfig } from "./mesh-config.ts";
import type { MeshPod } from "./mesh-snapshot.ts";
import type { ServiceHandlers } from "./service-handlers.ts";
import type { RequestTrace } from "./trace.ts";

export interface PipelineDeps {
  mesh: MeshConfig;
  internet: Internet;
  mixer: MixerClient;
  clock: Clock;
  rng: SeededRandom;
  logs: ClusterLogs;
  latency: LatencyModel;
  handlers: ServiceHandlers;
  /** The public address cluster traffic leaves from (what httpbin.org reports as `origin`). */
  clusterEgressIp: string;
  /** The reader's public address (requests from the workstation). */
  workstationIp: string;
  /** A container's log sink (cached: one access-log line per proxy per request). */
  logSink(pod: MeshPod, container: string): LogSink;
}

/** A response plus when its headers and its last byte arrived, relative to when it was sent. */
export interface TimedResponse {
  response: HttpResponse;
  headersMicros: number;
  bodyMicros: number;
}

export type UpstreamFailureKind =
  /** Nothing listens: RST. */
  | "refused"
  /** SYNs unanswered (NetworkPolicy, unrouted address). */
  | "timeout"
  /** The TLS handshake failed. */
  | "tls"
  /** The cluster has no endpoint. */
  | "no-healthy"
  /** The route names a cluster Envoy does not have. */
  | "no-cluster";

export type UpstreamResult =
  | ({ ok: true; upstreamHost: string } & TimedResponse)
  | { ok: false; kind: UpstreamFailureKind; upstreamHost?: string; micros: number; detail: string };

/** Records the outcome explanation once: the innermost component that decided wins. */
export function decide(trace: RequestTrace, why: string): void {
  if (!trace.why) trace.why = why;
}

/** The container whose log holds a proxy's access log (`egressgateway` on the egress gateway). */
export function proxyLogContainer(pod: MeshPod): string {
  if (pod.hasSidecar) return "istio-proxy";
  return pod.containers.find((c) => c !== "istio-init") ?? "istio-proxy";
}

/** `istio-egressgateway` for `istio-egressgateway-58d5d9c54d-xq8c2`: how traces name a proxy. */
export function workloadName(pod: MeshPod): string {
  let name = workloadNames.get(pod);
  if (name === undefined) {
    name = pod.labels["app"] ?? pod.name.replace(/-[a-z0-9]{8,10}-[a-z0-9]{5}$/, "");
    workloadNames.set(pod, name);
  }
  return name;
}

/** Snapshot pods are immutable and rebuilt on change: their workload names are computed once. */
const workloadNames = new WeakMap<MeshPod, string>();
