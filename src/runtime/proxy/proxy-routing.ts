/**
 * The router filter, shared by sidecars and gateways: match the route table, then answer
 * locally (no route, direct response, redirect) or forward to a cluster and relay what comes
 * back, mapping upstream failures to Envoy's replies and response flags.
 */
import type { Header, HttpRequest, HttpResponse } from "./http.ts";
import {
  localReply, NO_HEALTHY_UPSTREAM_BODY, redirectReply, relayResponse, UPSTREAM_CONNECT_FAILURE_BODY, UPSTREAM_TIMEOUT_BODY,
} from "./envoy-replies.ts";
import type { RouteConfigState } from "./mesh-config.ts";
import type { MeshPod } from "./mesh-snapshot.ts";
import { decide, type PipelineDeps } from "./pipeline.ts";
import { forwardedRequest, routeView } from "./request-view.ts";
import { callCluster } from "./upstream.ts";
import { pickWeightedCluster } from "./virtual-service-router.ts";
import type { ForwardedCaller } from "./gateway-proxy.ts";
import type { HopTrace, RequestTrace } from "./trace.ts";

export interface RoutingInput {
  state: RouteConfigState;
  request: HttpRequest;
  authority: string;
  hop: HopTrace;
  trace: RequestTrace;
  proxyPod: MeshPod;
  /** How the trace names this proxy: `istio-egressgateway`, `the sidecar of sleep-...`. */
  proxyLabel: string;
  caller: ForwardedCaller;
  /** µs when the router starts (after the proxy's earlier filters). */
  startMicros: number;
  /** Headers this proxy adds when forwarding (x-request-id, XFF...). */
  extraHeaders: readonly Header[];
  originalDstIp?: string;
}

export interface RoutingOutcome {
  response: HttpResponse;
  /** Envoy response flags, undefined for none. */
  flags?: string;
  upstreamHost?: string;
  /** x-envoy-upstream-service-time, when an upstream answered. */
  upstreamServiceTimeMs?: number;
  /** From `startMicros` until the response headers leave this proxy. */
  headersMicros: number;
  bodyMicros: number;
}

export function routeAndForward(deps: PipelineDeps, inp: RoutingInput): RoutingOutcome {
  const { state, hop, trace, request } = inp;
  hop.routeConfig = state.table.name;
  if (state.rejected) hop.note = appendNote(hop.note, `${state.rejected}; the previous route configuration is still in force`);
  const view = routeView(request, inp.authority);
  const decision = state.router.route(view);
  hop.virtualHost = decision.virtualHost?.name;
  if (decision.rejected.length) hop.rejected = decision.rejected;

  if (!decision.virtualHost) {
    decide(trace, `no virtual host for "${inp.authority}" in route table ${state.table.name} on ${inp.proxyLabel}` +
      (hop.kind === "sidecar" ? ": Istio 0.8 blocks hosts that no ServiceEntry or Service declares" : ""));
    return localOutcome(inp, 404, "", "NR");
  }
  const route = decision.route;
  if (!route) {
    decide(trace, `no route on ${inp.proxyLabel} matched ${request.path} (route table ${state.table.name})`);
    return localOutcome(inp, 404, "", "NR");
  }
  hop.route = route.origin.virtualService ? route.origin : { ...route.origin, description: route.label };
  const action = route.action;
  if (action.kind === "direct") {
    decide(trace, `${inp.proxyLabel} answered ${action.status} itself (${decision.virtualHost.name}: nothing is bound to this port)`);
    return localOutcome(inp, action.status, "");
  }
  if (action.kind === "redirect") {
    const authority = action.authority ?? inp.authority;
    const location = `http://${authority}${action.uri ?? request.path}`;
    decide(trace, `${route.origin.virtualService} redirects to ${location}`);
    return { response: redirectReply(location, inp.startMicros), headersMicros: 0, bodyMicros: 0 };
  }
  const cluster = pickWeightedCluster(action.clusters, action.totalWeight, deps.rng);
  if (!cluster) {
    decide(trace, `route ${route.label} of ${route.origin.virtualService} has no destination`);
    return localOutcome(inp, 503, "", "NR");
  }
  const forwarded = forwardedRequest(request, route, action, inp.extraHeaders);
  const result = callCluster(deps, {
    proxyPod: inp.proxyPod,
    hop,
    trace,
    cluster,
    request: forwarded,
    sendMicros: inp.startMicros,
    caller: inp.caller,
    originalDstIp: inp.originalDstIp,
  });
  if (!result.ok) {
    hop.note = appendNote(hop.note, result.detail);
    let outcome: RoutingOutcome;
    switch (result.kind) {
      case "no-cluster":
        outcome = localOutcome(inp, 503, "", "NR");
        break;
      case "no-healthy":
        outcome = localOutcome(inp, 503, NO_HEALTHY_UPSTREAM_BODY, "UH");
        break;
      default: {
        const waited = Math.min(result.micros, action.timeoutMicros);
        outcome = { ...localOutcome(inp, 503, UPSTREAM_CONNECT_FAILURE_BODY, "UF"), headersMicros: waited };
        outcome.response = localReply(503, UPSTREAM_CONNECT_FAILURE_BODY, inp.startMicros + waited);
      }
    }
    outcome.upstreamHost = result.upstreamHost;
    decide(trace, `${inp.proxyLabel} could not reach ${cluster.cluster}: ${result.detail}`);
    return outcome;
  }
  if (result.headersMicros > action.timeoutMicros) {
    decide(trace, `${inp.proxyLabel} gave up on ${cluster.cluster} after the route timeout of ${action.timeoutMicros / 1_000_000}s`);
    return {
      response: localReply(504, UPSTREAM_TIMEOUT_BODY, inp.startMicros + action.timeoutMicros),
      flags: "UT",
      upstreamHost: result.upstreamHost,
      headersMicros: action.timeoutMicros,
      bodyMicros: 0,
    };
  }
  const serviceTimeMs = Math.floor(result.headersMicros / 1000);
  return {
    response: relayResponse(result.response, serviceTimeMs),
    upstreamHost: result.upstreamHost,
    upstreamServiceTimeMs: serviceTimeMs,
    headersMicros: result.headersMicros,
    bodyMicros: result.bodyMicros,
  };
}

function localOutcome(inp: RoutingInput, status: number, body: string, flags?: string): RoutingOutcome {
  return { response: localReply(status, body, inp.startMicros), flags, headersMicros: 0, bodyMicros: 0 };
}

function appendNote(note: string | undefined, more: string): string {
  return note ? `${note}; ${more}` : more;
}
