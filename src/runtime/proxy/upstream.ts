/**
 * Envoy's upstream side: from a cluster name to an endpoint and a response. Kubernetes Services
 * balance over their pods (a gateway pod then runs its own pipeline); ServiceEntry hosts go to
 * the emulated internet (DNS, static endpoints, or the original destination), with TLS
 * originated when a DestinationRule says so. The source pod's NetworkPolicies apply to every
 * connection its sidecar opens.
 */
import type { HttpRequest } from "./http.ts";
import { checkEgress } from "./network-policy.ts";
import { labelsSubset, targetPortOf, type MeshPod, type MeshService } from "./mesh-snapshot.ts";
import { destinationRuleFor, originatesTls, subsetLabels, tlsModeFor } from "./destination-rules.ts";
import { ENVOY_CONNECT_TIMEOUT_MICROS } from "./latency.ts";
import { JoinedStrings } from "./joined-strings.ts";
import { handleAtGateway, type ForwardedCaller } from "./gateway-proxy.ts";
import type { PipelineDeps, TimedResponse, UpstreamResult } from "./pipeline.ts";
import type { WeightedCluster } from "./route-table.ts";
import type { HopTrace, RequestTrace } from "./trace.ts";
import { newUpstreamHop } from "./trace-objects.ts";

export interface ClusterCall {
  /** The proxy opening the connection (its pod's NetworkPolicies apply). */
  proxyPod: MeshPod;
  hop: HopTrace;
  trace: RequestTrace;
  cluster: WeightedCluster;
  request: HttpRequest;
  /** µs when the proxy sends the request upstream. */
  sendMicros: number;
  /** Who the next proxy should believe the caller is (Mixer source attributes). */
  caller: ForwardedCaller;
  /** The address the client originally dialled (ORIGINAL_DST clusters). */
  originalDstIp?: string;
  /** TCP proxying: forward the client's own TLS instead of applying the DestinationRule. */
  passthroughTls?: boolean;
}

export function callCluster(deps: PipelineDeps, call: ClusterCall): UpstreamResult {
  const { cluster, hop } = call;
  hop.cluster = cluster.cluster;
  if (cluster.blackhole) {
    return { ok: false, kind: "no-healthy", micros: 0, detail: "the route names its destination port by name, which Pilot 0.8 sends to BlackHoleCluster" };
  }
  const snapshot = deps.mesh.snapshot();
  const service = snapshot.servicesByHost.get(cluster.host);
  let servicePort: MeshService["ports"][number] | undefined;
  if (service) for (const p of service.ports) if (p.number === cluster.port && !servicePort) servicePort = p;
  if (!service || !servicePort) {
    return { ok: false, kind: "no-cluster", micros: 0, detail: `cluster ${cluster.cluster} does not exist: ${cluster.host} declares no port ${cluster.port}` };
  }
  const dr = destinationRuleFor(snapshot, service.hostname);
  if (dr) hop.destinationRule = dr.key;
  let labels: Readonly<Record<string, string>> | undefined;
  if (cluster.subset) {
    labels = subsetLabels(dr, cluster.subset);
    if (!labels) return { ok: false, kind: "no-cluster", micros: 0, detail: `cluster ${cluster.cluster} does not exist: no DestinationRule defines subset ${cluster.subset}` };
  }
  const tls = call.passthroughTls ?? originatesTls(tlsModeFor(dr, cluster.port, cluster.subset));
  if (!call.passthroughTls) hop.tlsOrigination = tls;

  if (service.kind === "kube") {
    const all = deps.mesh.endpointsOf(service);
    const endpoints = labels ? all.filter((p) => labelsSubset(labels, p.labels)) : all;
    if (!endpoints.length) return { ok: false, kind: "no-healthy", micros: 0, detail: `${service.hostname} has no ready endpoints` };
    const pod = endpoints.length === 1 ? endpoints[0] : deps.rng.pick(endpoints);
    const port = targetPortOf(servicePort, pod);
    if (port === undefined) return { ok: false, kind: "no-healthy", micros: 0, detail: `targetPort ${String(servicePort.targetPort)} is not a port of ${pod.key}` };
    const upstreamHost = hostPorts.get(pod.ip!, port);
    if (!egressAllowed(deps, call.proxyPod, pod.ip!, port, pod)) {
      return { ok: false, kind: "timeout", upstreamHost, micros: ENVOY_CONNECT_TIMEOUT_MICROS, detail: `NetworkPolicy forbids ${call.proxyPod.key} to connect to ${upstreamHost}` };
    }
    const hopOut = deps.latency.podHop();
    const reply = deliverToPod(deps, call.trace, pod, port, tls, call.request, call.caller, call.sendMicros + hopOut);
    if (!reply.ok) return { ...reply, upstreamHost, micros: reply.micros + hopOut };
    const hopBack = deps.latency.podHop();
    return { ok: true, upstreamHost, response: reply.response, headersMicros: hopOut + reply.headersMicros + hopBack, bodyMicros: reply.bodyMicros };
  }
  return callExternal(deps, call, service, tls);
}

function callExternal(deps: PipelineDeps, call: ClusterCall, service: MeshService, tls: boolean): UpstreamResult {
  const { cluster } = call;
  let addresses: readonly string[];
  if (service.resolution === "DNS") addresses = service.hostname.includes("*") ? [] : deps.internet.resolveAll(service.hostname);
  else if (service.resolution === "STATIC") addresses = (service.endpoints ?? []).map((e) => e.address);
  else addresses = call.originalDstIp ? [call.originalDstIp] : [];
  if (!addresses.length) return { ok: false, kind: "no-healthy", micros: 0, detail: `${cluster.cluster} has no endpoints (resolution ${service.resolution})` };
  const ip = addresses.length === 1 ? addresses[0] : deps.rng.pick(addresses);
  const upstreamHost = hostPorts.get(ip, cluster.port);
  const upstreamHop = newUpstreamHop(upstreamLabels.get(cluster.host === service.hostname && !cluster.host.includes("*") ? cluster.host : ip, upstreamHost), tls);
  call.trace.hops.push(upstreamHop);
  if (!egressAllowed(deps, call.proxyPod, ip, cluster.port)) {
    upstreamHop.note = "connection dropped by NetworkPolicy";
    return { ok: false, kind: "timeout", upstreamHost, micros: ENVOY_CONNECT_TIMEOUT_MICROS, detail: `NetworkPolicy forbids ${call.proxyPod.key} to connect to ${upstreamHost}` };
  }
  const reply = deps.internet.serve(ip, cluster.port, tls, call.request, { nowMicros: call.sendMicros, clientIp: deps.clusterEgressIp });
  if (!reply.ok) {
    upstreamHop.note = reply.error.message;
    const kind = reply.failure === "refused" ? "refused" : reply.failure === "tls-handshake" ? "tls" : "timeout";
    const rtt = reply.site?.timing.rttMicros ?? 0;
    return { ok: false, kind, upstreamHost, micros: kind === "timeout" ? ENVOY_CONNECT_TIMEOUT_MICROS : rtt * (kind === "tls" ? 2 : 1), detail: `${upstreamHost}: ${reply.error.message}` };
  }
  upstreamHop.status = reply.response.status;
  const timing = deps.latency.origin(reply.site.timing, tls, reply.response.body.size, reply.delayMicros);
  return { ok: true, upstreamHost, response: reply.response, headersMicros: timing.headersMicros, bodyMicros: timing.bodyMicros };
}

/** `151.101.65.67:443`: Envoy's upstream host. */
const hostPorts = new JoinedStrings<number>((ip, port) => `${ip}:${port}`);
/** `edition.cnn.com (151.101.65.67:443)`: how a trace names the origin. */
const upstreamLabels = new JoinedStrings<string>((name, upstreamHost) => `${name} (${upstreamHost})`);

export function egressAllowed(deps: PipelineDeps, pod: MeshPod, ip: string, port: number, targetPod?: MeshPod): boolean {
  const policies = deps.mesh.egressPoliciesOf(pod);
  if (!policies.length) return true;
  const snapshot = deps.mesh.snapshot();
  return checkEgress(policies, pod, { ip, port, protocol: "TCP", pod: targetPod ?? snapshot.podsByIp.get(ip) }, snapshot.namespaceLabels).allowed;
}

export type PodReply =
  | ({ ok: true } & TimedResponse)
  | { ok: false; kind: "refused" | "tls" | "timeout"; micros: number; detail: string };

/**
 * A connection arriving at a pod's port: a gateway pod runs its listener for that port; other
 * pods answer through a registered service handler, or refuse.
 */
export function deliverToPod(
  deps: PipelineDeps, trace: RequestTrace, pod: MeshPod, port: number, tls: boolean, request: HttpRequest,
  caller: ForwardedCaller, arrivalMicros: number,
): PodReply {
  if (pod.isGateway) {
    const listener = deps.mesh.gatewayListener(pod, port);
    if (!listener) return { ok: false, kind: "refused", micros: 0, detail: `${pod.key} has no listener on port ${port} (no Gateway server on that port selects it)` };
    if (tls !== listener.tls) {
      return { ok: false, kind: "tls", micros: 0, detail: `${pod.key} listener ${listener.name} expects ${listener.tls ? "TLS" : "plain HTTP"} but got ${tls ? "TLS" : "plain HTTP"}` };
    }
    if (!listener.http) return { ok: false, kind: "refused", micros: 0, detail: `${pod.key} listener ${listener.name} is not an HTTP listener` };
    const handled = handleAtGateway(deps, trace, pod, listener, request, caller, arrivalMicros);
    return { ok: true, response: handled.response, headersMicros: handled.headersMicros, bodyMicros: handled.bodyMicros };
  }
  const snapshot = deps.mesh.snapshot();
  for (const svc of snapshot.services) {
    if (svc.kind !== "kube" || svc.namespace !== pod.namespace || !svc.selector || !labelsSubset(svc.selector, pod.labels)) continue;
    for (const sp of svc.ports) {
      if (targetPortOf(sp, pod) !== port) continue;
      const handler = deps.handlers.get(svc.name, svc.namespace, sp.number);
      if (!handler) continue;
      if (tls) return { ok: false, kind: "tls", micros: 0, detail: `${pod.key}:${port} speaks plain HTTP` };
      trace.hops.push({ kind: "upstream", at: `${pod.key} (${pod.ip}:${port})`, note: `served by ${svc.name}.${svc.namespace}:${sp.number}` });
      const think = deps.latency.inClusterServer();
      const response = handler(request, { nowMicros: arrivalMicros + think, sourceIp: caller.ip, pod: { name: pod.name, namespace: pod.namespace } });
      const hop = trace.hops[trace.hops.length - 1];
      hop.status = response.status;
      return { ok: true, response, headersMicros: think, bodyMicros: Math.round(response.body.size / 50) };
    }
  }
  return { ok: false, kind: "refused", micros: 0, detail: `nothing listens on ${pod.key}:${port}` };
}
