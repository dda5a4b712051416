/**
 * A pod's sidecar on the outbound path (Istio 0.8): iptables hands it every TCP connection.
 * Plain HTTP on a port some Service/ServiceEntry declares as HTTP goes through the `<port>`
 * route table (no Mixer here in 0.8; the source attributes travel on to the next proxy);
 * TLS to a ServiceEntry HTTPS/TLS port is proxied as TCP; anything else is dropped.
 */
import type { Header, HttpRequest } from "./http.ts";
import { requestId } from "../ids.ts";
import { lowerCasedHeader } from "./header-names.ts";
import { writeProxyAccessLog } from "./access-log.ts";
import { curlErrors } from "./curl-errors.ts";
import type { ClientOutcome } from "./direct-connection.ts";
import { isHttpProtocol, outboundClusterName, wildcardDomainMatches } from "./hostnames.ts";
import type { MeshPod, MeshService } from "./mesh-snapshot.ts";
import { decide, type PipelineDeps } from "./pipeline.ts";
import { routeAndForward } from "./proxy-routing.ts";
import { authorityOf } from "./request-view.ts";
import { scanRequestHeaders } from "./request-header-fields.ts";
import { callCluster } from "./upstream.ts";
import type { HopTrace, RequestTrace } from "./trace.ts";
import { newHop } from "./trace-objects.ts";
import { JoinedStrings } from "./joined-strings.ts";
import { successText } from "./trace-texts.ts";

export interface OutboundTarget {
  host: string;
  ip: string;
  port: number;
  tls: boolean;
}

const HEX = "0123456789abcdef";
const FORWARDED_PROTO_HTTP: Header = Object.freeze({ name: "x-forwarded-proto", value: "http" });
/** Every trace the sidecar starts is sampled: one shared (frozen) header. */
const B3_SAMPLED: Header = Object.freeze({ name: "x-b3-sampled", value: "1" });

export function sidecarOutbound(deps: PipelineDeps, trace: RequestTrace, pod: MeshPod, target: OutboundTarget, request: HttpRequest, t0: number): ClientOutcome {
  const httpPorts = deps.mesh.sidecarHttpPorts();
  const snapshot = deps.mesh.snapshot();
  const kubeService = snapshot.servicesByIp.get(target.ip);
  let kubeTcpPort = false;
  if (kubeService) for (const p of kubeService.ports) if (p.number === target.port && !isHttpProtocol(p.protocol)) kubeTcpPort = true;
  if (!target.tls) {
    if (httpPorts.has(target.port)) return sidecarHttp(deps, trace, pod, target, request, t0);
    if (kubeService && kubeTcpPort) return sidecarTcp(deps, trace, pod, target, request, t0, kubeService, `${target.ip}_${target.port}`);
    return dropped(trace, pod, target, `no listener for plain traffic to port ${target.port}: the connection goes to BlackHoleCluster`, curlErrors.emptyReply());
  }
  const sni = target.host.toLowerCase();
  for (const svc of snapshot.servicesByHost.values()) {
    if (svc.kind !== "entry" || !wildcardDomainMatches(svc.hostname, sni)) continue;
    if (svc.ports.some((p) => p.number === target.port && (p.protocol === "HTTPS" || p.protocol === "TLS"))) {
      return sidecarTcp(deps, trace, pod, target, request, t0, svc, `0.0.0.0_${target.port}`);
    }
  }
  if (kubeService && kubeTcpPort) return sidecarTcp(deps, trace, pod, target, request, t0, kubeService, `${target.ip}_${target.port}`);
  if (httpPorts.has(target.port)) {
    return dropped(trace, pod, target,
      `port ${target.port} is declared as plain HTTP, so the sidecar's HTTP listener answers curl's TLS ClientHello with an HTTP 400`,
      curlErrors.sslUnknownProtocol());
  }
  return dropped(trace, pod, target,
    `no ServiceEntry declares ${target.host}:${target.port} as HTTPS/TLS: Istio 0.8 closes the connection`,
    curlErrors.sslConnectionClosed(target.host, target.port));
}

function dropped(trace: RequestTrace, pod: MeshPod, target: OutboundTarget, why: string, error: ReturnType<typeof curlErrors.emptyReply>): ClientOutcome {
  trace.hops.push({ kind: "sidecar", at: pod.key, listener: "virtual (15001)", note: why });
  decide(trace, `dropped by the sidecar of ${pod.key}: ${why}`);
  return { ok: false, error, micros: 300 };
}

/** TCP proxying (HTTPS pass-through, TCP services): the bytes, and the origin's headers, go through untouched. */
function sidecarTcp(deps: PipelineDeps, trace: RequestTrace, pod: MeshPod, target: OutboundTarget, request: HttpRequest, t0: number, svc: MeshService, listener: string): ClientOutcome {
  const hop: HopTrace = { kind: "sidecar", at: pod.key, listener, note: "TCP proxy (pass-through)" };
  trace.hops.push(hop);
  const start = t0 + deps.latency.proxy();
  const result = callCluster(deps, {
    proxyPod: pod,
    hop,
    trace,
    cluster: { cluster: outboundClusterName(target.port, "", svc.hostname), host: svc.hostname, port: target.port, subset: "", weight: 100, blackhole: false },
    request,
    sendMicros: start,
    caller: { ip: pod.ip },
    originalDstIp: target.ip,
    passthroughTls: target.tls,
  });
  if (!result.ok) {
    hop.note = `${hop.note}; ${result.detail}`;
    decide(trace, `the sidecar of ${pod.key} could not reach ${hop.cluster}: ${result.detail}`);
    // Envoy accepted the connection, then closed it when the upstream failed.
    const error = target.tls ? curlErrors.sslConnectionClosed(target.host, target.port) : curlErrors.emptyReply();
    return { ok: false, error, micros: start - t0 + Math.min(result.micros, 10_000_000) };
  }
  hop.status = result.response.status;
  decide(trace, `${result.response.status} from ${svc.hostname} (${result.upstreamHost}), TCP-proxied by the sidecar: it sees only TLS, not the HTTP inside`);
  return { ok: true, response: result.response, headersMicros: start - t0 + result.headersMicros, bodyMicros: result.bodyMicros };
}

function sidecarHttp(deps: PipelineDeps, trace: RequestTrace, pod: MeshPod, target: OutboundTarget, request: HttpRequest, t0: number): ClientOutcome {
  const hop = newHop("sidecar", pod.key, httpListenerName(target.port));
  trace.hops.push(hop);
  const fields = scanRequestHeaders(request.headers);
  const authority = authorityOf(request, fields);
  const rid = fields.requestId ?? requestId(deps.rng);
  trace.requestId = rid;
  trace.id = rid;
  // The codec lower-cases every header name on receipt (so does everything after it, and what
  // it forwards); then the connection manager adds its headers before routing.
  const source = request.headers;
  const headers = new Array<Header>(source.length + 2);
  let n = 0;
  for (let i = 0; i < source.length; i++) headers[n++] = lowerCasedHeader(source[i]);
  if (fields.forwardedProto === undefined) headers[n++] = FORWARDED_PROTO_HTTP;
  if (fields.requestId === undefined) headers[n++] = { name: "x-request-id", value: rid };
  headers.length = n;
  const received: HttpRequest = { method: request.method, scheme: request.scheme, host: request.host, port: request.port, path: request.path, headers, body: request.body };
  // Tracing (Zipkin) is on in 0.8: the sidecar starts a trace for requests without one.
  const incomingTrace = fields.b3TraceId;
  const spanId = deps.rng.chars(HEX, 16);
  const b3: Header[] = [
    { name: "x-b3-traceid", value: incomingTrace ?? spanId },
    { name: "x-b3-spanid", value: spanId },
    B3_SAMPLED,
  ];
  const start = t0 + deps.latency.proxy();
  const outcome = routeAndForward(deps, {
    state: deps.mesh.sidecarRoutes(pod, target.port),
    request: received,
    authority,
    hop,
    trace,
    proxyPod: pod,
    proxyLabel: sidecarLabels.get("the sidecar of ", pod.key),
    caller: { ip: pod.ip, uid: pod.uid, labels: pod.labels },
    startMicros: start,
    extraHeaders: b3,
    originalDstIp: target.ip,
  });
  hop.status = outcome.response.status;
  hop.responseFlags = outcome.flags ?? "-";
  const headersMicros = start - t0 + outcome.headersMicros;
  writeProxyAccessLog(deps.logSink(pod, "istio-proxy"), received, fields, rid, authority, t0, headersMicros + outcome.bodyMicros, outcome);
  if (!trace.why) decide(trace, successWhy(trace, outcome.response.status, outcome.upstreamHost ?? authority));
  return { ok: true, response: outcome.response, headersMicros, bodyMicros: outcome.bodyMicros };
}

/** `the sidecar of sleep-...default`: made once per pod. */
const sidecarLabels = new JoinedStrings<string>((prefix, podKey) => prefix + podKey);

const listenerNames = new Map<number, string>();

/** `0.0.0.0_80`: one string per port, not one per request. */
function httpListenerName(port: number): string {
  let name = listenerNames.get(port);
  if (name === undefined) listenerNames.set(port, (name = `0.0.0.0_${port}`));
  return name;
}

/** `200 from edition.cnn.com (151.101.65.67:443) via istio-egressgateway-..., TLS originated by ...`. */
function successWhy(trace: RequestTrace, status: number, fallback: string): string {
  let origin = fallback;
  let gateway: HopTrace | undefined;
  let originator: HopTrace | undefined;
  for (const h of trace.hops) {
    if (h.kind === "upstream") origin = h.at;
    else if (h.kind === "gateway") gateway ??= h;
    if (h.tlsOrigination && h.kind !== "upstream") originator ??= h;
  }
  return successText(status, origin, gateway?.at, !originator ? "none" : originator.kind === "gateway" ? "gateway" : "sidecar");
}
