/**
 * The emulated data plane: curl's `Transport`. One `send` is one HTTP exchange as curl sees it
 * (redirects are curl's business), travelling workstation -> internet, or pod -> sidecar ->
 * (egress gateway -> Mixer) -> internet, or pod -> internet directly when nothing intercepts it.
 * Every exchange produces a RequestTrace (kept in a bounded ring), access-log lines and, at the
 * gateway, one Mixer Check and one Report. Durations are computed, never waited for: the caller
 * advances the clock.
 */
import type { Clock } from "../clock.ts";
import type { ClusterLogs, LogSink } from "../cluster/logs.ts";
import type { ObjectStore } from "../cluster/store.ts";
import type { SeededRandom } from "../ids.ts";
import { isIpv4, type Internet } from "../internet/internet.ts";
import type { MixerClient } from "../mixer/types.ts";
import { resolveFromPod } from "./cluster-dns.ts";
import { curlErrors } from "./curl-errors.ts";
import { connectDirect, type ClientOutcome } from "./direct-connection.ts";
import type { Exchange, HttpRequest, RequestSource, SendOptions, Transport } from "./http.ts";
import { DNS_TIMEOUT_MICROS, LatencyModel, TCP_CONNECT_TIMEOUT_MICROS } from "./latency.ts";
import { MeshConfig, type RouteConfigState } from "./mesh-config.ts";
import { podKey, type MeshPod } from "./mesh-snapshot.ts";
import { dnsAllowed } from "./network-policy.ts";
import type { PipelineDeps } from "./pipeline.ts";
import { ServiceHandlers, type ServiceHandler } from "./service-handlers.ts";
import { sidecarOutbound } from "./sidecar-proxy.ts";
import type { RequestTrace } from "./trace.ts";
import { TraceRing } from "./trace-ring.ts";
import { newTrace } from "./trace-objects.ts";
import { JoinedStrings } from "./joined-strings.ts";

export interface DataPlaneOptions {
  store: ObjectStore;
  internet: Internet;
  mixer: MixerClient;
  clock: Clock;
  rng: SeededRandom;
  logs: ClusterLogs;
  /** How many traces the ring keeps (default 200). */
  traceCapacity?: number;
  /** The cluster's public egress address (default 35.205.114.22). */
  clusterEgressIp?: string;
  /** The reader's public address (default 203.0.113.10). */
  workstationIp?: string;
}

export class DataPlane implements Transport {
  readonly traces: TraceRing;
  readonly mesh: MeshConfig;
  private readonly deps: PipelineDeps;
  private sequence = 0;
  private readonly sinks = new Map<string, WeakMap<MeshPod, LogSink>>();

  constructor(options: DataPlaneOptions) {
    this.mesh = new MeshConfig(options.store);
    this.traces = new TraceRing(options.traceCapacity ?? 200);
    this.deps = {
      mesh: this.mesh,
      internet: options.internet,
      mixer: options.mixer,
      clock: options.clock,
      rng: options.rng,
      logs: options.logs,
      latency: new LatencyModel(options.rng),
      handlers: new ServiceHandlers(),
      clusterEgressIp: options.clusterEgressIp ?? "35.205.114.22",
      workstationIp: options.workstationIp ?? "203.0.113.10",
      logSink: (pod, container) => {
        // By snapshot pod object (no key string per request); a new snapshot looks sinks up again.
        let byPod = this.sinks.get(container);
        if (!byPod) this.sinks.set(container, (byPod = new WeakMap()));
        let sink = byPod.get(pod);
        if (!sink) {
          sink = options.logs.sink(pod.namespace, pod.name, container);
          byPod.set(pod, sink);
        }
        return sink;
      },
    };
  }

  /** Makes `service.namespace:port` answer HTTP (e.g. Prometheus on 9090); returns an unregister function. */
  registerServiceHandler(service: string, namespace: string, port: number, handler: ServiceHandler): () => void {
    return this.deps.handlers.register(service, namespace, port, handler);
  }

  /** Rebuild Pilot's view on the next request (after restoring a store snapshot). */
  invalidate(): void {
    this.mesh.invalidate();
  }

  /** The outbound route table a pod's sidecar uses for `port` (for explanations and tests). */
  sidecarRouteConfig(namespace: string, pod: string, port: number): RouteConfigState | undefined {
    const p = this.mesh.snapshot().pods.get(podKey(pod, namespace));
    return p ? this.mesh.sidecarRoutes(p, port) : undefined;
  }

  /** The route table of a gateway pod's listener on `port`, if it has one. */
  gatewayRouteConfig(namespace: string, pod: string, port: number): RouteConfigState | undefined {
    const p = this.mesh.snapshot().pods.get(podKey(pod, namespace));
    const listener = p && this.mesh.gatewayListener(p, port);
    return p && listener ? this.mesh.gatewayRoutes(p, listener) : undefined;
  }

  send(source: RequestSource, request: HttpRequest, options: SendOptions = {}): Exchange {
    const t0 = this.deps.clock.nowMicros();
    const sourceKey = source.kind === "pod" ? podKey(source.pod, source.namespace) : "workstation";
    const sequence = ++this.sequence;
    // `req-N` unless a sidecar names the request by its x-request-id (most do): filled in below.
    const trace = newTrace(t0, sourceKey, source.kind === "pod" ? source.namespace : undefined, request.method, urlOf(request));
    let outcome: ClientOutcome;
    if (source.kind === "workstation") outcome = this.fromWorkstation(trace, request, t0);
    else {
      const pod = this.mesh.snapshot().pods.get(sourceKey);
      if (!pod) {
        trace.why = `pod ${source.namespace}/${source.pod} does not exist`;
        outcome = { ok: false, error: { curlCode: 7, message: `Failed to connect to ${request.host} port ${request.port}: No route to host` }, micros: 0 };
      } else outcome = this.fromPod(trace, pod, source.container, request, t0, options);
    }
    if (trace.requestId === undefined) trace.id = `req-${sequence}`;
    return this.finish(trace, outcome, options);
  }

  private fromWorkstation(trace: RequestTrace, request: HttpRequest, t0: number): ClientOutcome {
    const ip = isIpv4(request.host) ? request.host : this.deps.internet.resolve(request.host);
    if (!ip) {
      trace.why = `${request.host} does not resolve from the workstation`;
      return { ok: false, error: curlErrors.couldNotResolve(request.host), micros: 2_000 };
    }
    return connectDirect(this.deps, trace, undefined, { host: request.host, ip, port: request.port, tls: request.scheme === "https" }, request, t0);
  }

  private fromPod(trace: RequestTrace, pod: MeshPod, container: string, request: HttpRequest, t0: number, options: SendOptions): ClientOutcome {
    if (!dnsAllowed(this.mesh.egressPoliciesOf(pod))) {
      const names = this.mesh.egressPoliciesOf(pod).map((p) => `${p.namespace}/${p.name}`).join(", ");
      trace.why = `NetworkPolicy ${names} does not allow DNS (port 53), so ${request.host} cannot be resolved`;
      const timeout = options.timeoutMicros;
      if (timeout !== undefined && timeout < DNS_TIMEOUT_MICROS) return { ok: false, error: curlErrors.resolveTimeout(Math.floor(timeout / 1000) + 1), micros: timeout };
      return { ok: false, error: curlErrors.couldNotResolve(request.host), micros: DNS_TIMEOUT_MICROS };
    }
    const snapshot = this.mesh.snapshot();
    const ip = resolveFromPod(snapshot, this.deps.internet, request.host, pod.namespace);
    if (!ip) {
      trace.why = `${request.host} does not resolve (neither a Service nor a public name)`;
      return { ok: false, error: curlErrors.couldNotResolve(request.host), micros: 1_000 };
    }
    const target = { host: request.host, ip, port: request.port, tls: request.scheme === "https" };
    // The sidecar's iptables rules capture every outbound TCP connection except its own user's.
    if (pod.hasSidecar && !pod.isGateway && container !== "istio-proxy") return sidecarOutbound(this.deps, trace, pod, target, request, t0);
    return connectDirect(this.deps, trace, pod, target, request, t0);
  }

  private finish(trace: RequestTrace, outcome: ClientOutcome, options: SendOptions): Exchange {
    const timeout = options.timeoutMicros;
    let exchange: Exchange;
    if (outcome.ok) {
      const total = outcome.headersMicros + outcome.bodyMicros;
      if (timeout !== undefined && total > timeout) {
        const size = outcome.response.body.size;
        const got = outcome.headersMicros >= timeout ? 0 : Math.floor((size * (timeout - outcome.headersMicros)) / Math.max(1, outcome.bodyMicros));
        const ms = Math.floor(timeout / 1000) + 1;
        const message = outcome.headersMicros >= timeout
          ? `Operation timed out after ${ms} milliseconds with 0 bytes received`
          : `Operation timed out after ${ms} milliseconds with ${got} out of ${size} bytes received`;
        trace.why = `curl gave up after --max-time (${timeout / 1_000_000}s); ${trace.why}`;
        exchange = { ok: false, error: { curlCode: 28, message }, durationMicros: timeout, trace };
      } else {
        exchange = { ok: true, response: outcome.response, durationMicros: total, trace };
        trace.status = outcome.response.status;
        trace.responseSize = outcome.response.body.size;
      }
    } else if ("connectTimeout" in outcome) {
      const { host, port } = outcome.connectTimeout;
      exchange = timeout !== undefined && timeout < TCP_CONNECT_TIMEOUT_MICROS
        ? { ok: false, error: curlErrors.connectTimeoutAfter(Math.floor(timeout / 1000) + 1), durationMicros: timeout, trace }
        : { ok: false, error: curlErrors.connectTimedOut(host, port), durationMicros: TCP_CONNECT_TIMEOUT_MICROS, trace };
    } else {
      exchange = { ok: false, error: outcome.error, durationMicros: outcome.micros, trace };
    }
    if (!exchange.ok) trace.transportError = exchange.error.curlCode;
    trace.durationMicros = exchange.durationMicros;
    if (!trace.why) trace.why = exchange.ok ? `${exchange.response.status} ${exchange.response.statusText}` : `curl: (${exchange.error.curlCode}) ${exchange.error.message}`;
    this.traces.push(trace);
    return exchange;
  }
}

/** `http://edition.cnn.com/politics`: curl loops repeat the same few URLs, each made once. */
function urlOf(r: HttpRequest): string {
  const origin = r.scheme === "https" ? httpsOrigins.get(r.host, r.port) : r.scheme === "http" ? httpOrigins.get(r.host, r.port) : originOf(r.scheme, r.host, r.port);
  return urls.get(origin, r.path);
}

function originOf(scheme: string, host: string, port: number): string {
  const defaultPort = scheme === "https" ? 443 : 80;
  return `${scheme}://${host}${port === defaultPort ? "" : `:${port}`}`;
}

const httpOrigins = new JoinedStrings<number>((host, port) => originOf("http", host, port));
const httpsOrigins = new JoinedStrings<number>((host, port) => originOf("https", host, port));
const urls = new JoinedStrings<string>((origin, path) => origin + path);
