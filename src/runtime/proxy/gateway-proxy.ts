/**
 * The egress gateway (Envoy as proxy type Router): HTTP listener on the Gateway server port,
 * Mixer Check before routing (a denial becomes a local reply with Mixer's status and message),
 * the gateway route table, then Report with the response, and one access-log line in the
 * gateway container's log. In 0.8 this is the only place egress traffic meets Mixer.
 */
import type { AdapterVerdict, CheckResult } from "../mixer/types.ts";
import { writeProxyAccessLog } from "./access-log.ts";
import type { Header, HttpRequest } from "./http.ts";
import { localReply } from "./envoy-replies.ts";
import type { GatewayListener } from "./gateway-routes.ts";
import { checkAttributes, reportAttributes, type ForwardedSource } from "./mixer-attributes.ts";
import { labelsSubset, targetPortOf, type MeshPod, type MeshSnapshot } from "./mesh-snapshot.ts";
import { decide, proxyLogContainer, workloadName, type PipelineDeps, type TimedResponse } from "./pipeline.ts";
import { routeAndForward, type RoutingOutcome } from "./proxy-routing.ts";
import { authorityOf, withForwardedFor } from "./request-view.ts";
import { scanRequestHeaders } from "./request-header-fields.ts";
import type { RequestTrace } from "./trace.ts";
import { newHop } from "./trace-objects.ts";
import { adapterDenialWhy, checkDenialNote, checkDenialWhy } from "./trace-texts.ts";

/** The gateway adds no headers of its own when forwarding. */
const NO_HEADERS: readonly Header[] = Object.freeze([]);

/** Who sent the request, as the sidecar forwarded it (x-istio-attributes) or as the socket shows. */
export type ForwardedCaller = ForwardedSource;

/** The Service fronting a gateway pod on a port: Mixer's destination.service. */
function gatewayServiceHost(deps: PipelineDeps, pod: MeshPod, port: number): string {
  // Snapshot pods are rebuilt on every mesh change, so a per-pod-object cache never goes stale.
  let byPort = gatewayServices.get(pod);
  if (!byPort) gatewayServices.set(pod, (byPort = new Map()));
  let host = byPort.get(port);
  if (host === undefined) {
    host = deps.mesh.memo(`gateway-service|${pod.key}|${port}`, findGatewayService, { pod, port });
    byPort.set(port, host);
  }
  return host;
}

const gatewayServices = new WeakMap<MeshPod, Map<number, string>>();

function firstDenial(check: CheckResult): AdapterVerdict | undefined {
  // Indexed loops: this runs for every Check, and iterator objects were allocated per call.
  const rules = check.rules;
  for (let i = 0; i < rules.length; i++) {
    const actions = rules[i].actions;
    for (let j = 0; j < actions.length; j++) if (actions[j].code !== "OK") return actions[j];
  }
  return undefined;
}

function findGatewayService(snapshot: MeshSnapshot, { pod, port }: { pod: MeshPod; port: number }): string {
  for (const svc of snapshot.services) {
    if (svc.kind !== "kube" || svc.namespace !== pod.namespace || !svc.selector || !labelsSubset(svc.selector, pod.labels)) continue;
    if (svc.ports.some((p) => targetPortOf(p, pod) === port)) return svc.hostname;
  }
  return `${workloadName(pod)}.${pod.namespace}.svc.cluster.local`;
}

export function handleAtGateway(
  deps: PipelineDeps, trace: RequestTrace, pod: MeshPod, listener: GatewayListener, request: HttpRequest,
  caller: ForwardedCaller, arrivalMicros: number,
): TimedResponse {
  const fields = scanRequestHeaders(request.headers);
  // The gateway's connection manager uses the remote address: it appends the caller's IP to
  // X-Forwarded-For before any filter runs, so Mixer, the router and the access log all see it.
  if (caller.ip) request = withForwardedFor(request, fields, caller.ip);
  const hop = newHop("gateway", pod.key, listener.name);
  trace.hops.push(hop);
  const authority = authorityOf(request, fields);
  const name = workloadName(pod);
  const checkAt = arrivalMicros + deps.latency.proxy();
  const bag = checkAttributes({
    request,
    fields,
    authority,
    source: caller,
    destinationService: gatewayServiceHost(deps, pod, listener.port),
    destinationLabels: pod.labels,
    destinationUid: pod.uid,
    timeMicros: checkAt,
  });
  const check = deps.mixer.check(bag);
  trace.mixerCheck = check;
  const routerStart = checkAt + deps.latency.mixerCheck();

  let outcome: RoutingOutcome;
  if (check.code !== "OK") {
    const verdict = firstDenial(check);
    decide(trace, verdict ? adapterDenialWhy.get(verdict.handler, verdict.message) : checkDenialWhy.get(check.message));
    hop.note = checkDenialNote.get(check.message);
    outcome = { response: localReply(check.httpStatus, check.message, routerStart), headersMicros: 0, bodyMicros: 0 };
  } else {
    outcome = routeAndForward(deps, {
      state: deps.mesh.gatewayRoutes(pod, listener),
      request,
      authority,
      hop,
      trace,
      proxyPod: pod,
      proxyLabel: name,
      caller: { ip: pod.ip },
      startMicros: routerStart,
      extraHeaders: NO_HEADERS,
    });
  }
  hop.status = outcome.response.status;
  hop.responseFlags = outcome.flags ?? "-";
  const headersMicros = routerStart - arrivalMicros + outcome.headersMicros;
  const durationMicros = headersMicros + outcome.bodyMicros;

  const report = deps.mixer.report(reportAttributes(bag, {
    response: outcome.response,
    durationMicros,
    responseTimeMicros: arrivalMicros + durationMicros,
    check,
  }));
  trace.mixerReport = report;
  trace.mixerAttributes = bag;

  writeProxyAccessLog(deps.logSink(pod, proxyLogContainer(pod)), request, fields, fields.requestId, authority, arrivalMicros, durationMicros, outcome);
  return { response: outcome.response, headersMicros, bodyMicros: outcome.bodyMicros };
}
