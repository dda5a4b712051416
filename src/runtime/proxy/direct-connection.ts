/**
 * A connection nobody proxies: from the reader's workstation, from a pod without a sidecar (the
 * bypass the blog warns about), or from the sidecar's own user. kube-proxy turns a Service IP
 * into one of its pods; NetworkPolicies of the source pod may drop the connection (connect
 * timeout); otherwise the target pod or the internet answers with its own headers.
 */
import type { HttpRequest, TransportError } from "./http.ts";
import { curlErrors } from "./curl-errors.ts";
import { localReply, UPSTREAM_CONNECT_FAILURE_BODY } from "./envoy-replies.ts";
import { serviceEndpoints, targetPortOf, type MeshPod } from "./mesh-snapshot.ts";
import { decide, type PipelineDeps, type TimedResponse } from "./pipeline.ts";
import { deliverToPod, egressAllowed } from "./upstream.ts";
import type { HopTrace, RequestTrace } from "./trace.ts";

export type ClientOutcome =
  | ({ ok: true } & TimedResponse)
  | { ok: false; error: TransportError; micros: number }
  /** SYNs went unanswered: curl's wording depends on --max-time, so the caller phrases it. */
  | { ok: false; connectTimeout: { host: string; port: number } };

export interface DirectTarget {
  /** The host as curl typed it (for error wording). */
  host: string;
  ip: string;
  port: number;
  tls: boolean;
}

export function connectDirect(
  deps: PipelineDeps, trace: RequestTrace, from: MeshPod | undefined, target: DirectTarget, request: HttpRequest, t0: number,
): ClientOutcome {
  const hop: HopTrace = { kind: "direct", at: from ? from.key : "workstation" };
  trace.hops.push(hop);
  const snapshot = deps.mesh.snapshot();
  let ip = target.ip;
  let port = target.port;
  let pod: MeshPod | undefined;
  if (from) {
    const svc = snapshot.servicesByIp.get(ip);
    if (svc) {
      const sp = svc.ports.find((p) => p.number === port);
      if (!sp) {
        hop.note = `${svc.hostname} has no port ${port}`;
        decide(trace, `${svc.hostname} has no port ${port}: the connection goes nowhere`);
        return { ok: false, connectTimeout: { host: target.host, port: target.port } };
      }
      const endpoints = serviceEndpoints(snapshot, svc);
      if (!endpoints.length) {
        decide(trace, `${svc.hostname} has no ready endpoints: kube-proxy rejects the connection`);
        return { ok: false, error: curlErrors.connectionRefused(target.host, target.port), micros: deps.latency.podHop() };
      }
      pod = endpoints.length === 1 ? endpoints[0] : deps.rng.pick(endpoints);
      port = targetPortOf(sp, pod) ?? port;
      ip = pod.ip!;
      hop.cluster = `${svc.hostname}:${sp.number} -> ${ip}:${port} (kube-proxy)`;
    } else {
      pod = snapshot.podsByIp.get(ip);
    }
    if (!egressAllowed(deps, from, ip, port, pod)) {
      const names = deps.mesh.egressPoliciesOf(from).map((p) => `${p.namespace}/${p.name}`).join(", ");
      hop.note = `dropped by NetworkPolicy ${names}`;
      decide(trace, `connection to ${ip}:${port} dropped by NetworkPolicy ${names}: the client times out`);
      return { ok: false, connectTimeout: { host: target.host, port: target.port } };
    }
  }
  if (pod) return toPod(deps, trace, hop, from, pod, ip, port, target, request, t0);

  if (!from) hop.note = "outside the mesh: no sidecar, no Mixer";
  else if (from.hasSidecar) hop.note = "sent by the istio-proxy user, which the sidecar's iptables rules do not capture";
  else hop.note = `${from.key} has no sidecar: the request bypasses Istio`;
  const sendAt = t0 + (from ? deps.latency.podHop() : 0);
  const reply = deps.internet.serve(ip, port, target.tls, request, { nowMicros: sendAt, clientIp: from ? deps.clusterEgressIp : deps.workstationIp });
  if (!reply.ok) {
    hop.note = `${hop.note}; ${reply.error.message}`;
    if (reply.failure === "unreachable") {
      decide(trace, `nothing answers at ${ip}:${port}`);
      return { ok: false, connectTimeout: { host: target.host, port: target.port } };
    }
    decide(trace, `${target.host}:${target.port}: ${reply.error.message}`);
    const rtt = reply.site?.timing.rttMicros ?? 0;
    const error = reply.failure === "refused" ? curlErrors.connectionRefused(target.host, target.port) : reply.error;
    return { ok: false, error, micros: rtt * (reply.failure === "tls-handshake" ? 2 : 1) };
  }
  hop.status = reply.response.status;
  hop.cluster = `${ip}:${port}`;
  trace.hops.push({ kind: "upstream", at: `${target.host} (${ip}:${port})`, status: reply.response.status, tlsOrigination: false });
  decide(trace, `${reply.response.status} from ${target.host} (${ip}:${port}), sent directly: ${from ? (from.hasSidecar ? "the istio-proxy user bypasses the sidecar" : "the pod has no sidecar") : "the workstation is outside the mesh"}`);
  const timing = deps.latency.origin(reply.site.timing, target.tls, reply.response.body.size, reply.delayMicros);
  return { ok: true, response: reply.response, headersMicros: sendAt - t0 + timing.headersMicros, bodyMicros: timing.bodyMicros };
}

function toPod(
  deps: PipelineDeps, trace: RequestTrace, hop: HopTrace, from: MeshPod | undefined, pod: MeshPod, ip: string, port: number,
  target: DirectTarget, request: HttpRequest, t0: number,
): ClientOutcome {
  const hopOut = deps.latency.podHop();
  const reply = deliverToPod(deps, trace, pod, port, target.tls, request, { ip: from?.ip }, t0 + hopOut);
  if (reply.ok) {
    hop.status = reply.response.status;
    decide(trace, `${reply.response.status} from ${pod.key} (${ip}:${port})`);
    return { ok: true, response: reply.response, headersMicros: hopOut + reply.headersMicros + deps.latency.podHop(), bodyMicros: reply.bodyMicros };
  }
  hop.note = reply.detail;
  decide(trace, reply.detail);
  if (reply.kind === "tls") return { ok: false, error: curlErrors.sslUnknownProtocol(), micros: hopOut * 2 };
  if (pod.hasSidecar && !pod.isGateway) {
    // The target's sidecar accepts inbound connections and fails to reach the closed local port.
    const response = localReply(503, UPSTREAM_CONNECT_FAILURE_BODY, t0 + hopOut);
    return { ok: true, response, headersMicros: hopOut * 2, bodyMicros: 0 };
  }
  return { ok: false, error: curlErrors.connectionRefused(target.host, target.port), micros: hopOut * 2 };
}
