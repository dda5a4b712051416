/**
 * One request = one traced object. Every hop, listener, route table, VirtualService match,
 * DestinationRule, Mixer rule and adapter verdict is recorded here, so the UI and the CLI can
 * explain why a request got its status, and tests can assert on it.
 *
 * (The proxy owns this file; it may add fields, but never remove the ones below.)
 */
import type { CheckResult, ReportResult } from "../mixer/types.ts";

export interface RouteMatchTrace {
  /** `direct-through-egress-gateway.default` */
  virtualService: string;
  /** index into `spec.http` */
  httpIndex: number;
  /** index into `spec.http[i].match`, or -1 for a match-less catch-all entry */
  matchIndex: number;
  /** For routes no VirtualService wrote (`virtualService` ""): `default` (Pilot's default route), `blackhole`. */
  description?: string;
}

export interface HopTrace {
  /** `sidecar` (outbound of the source pod), `gateway` (egress gateway pod), `upstream` (external host), `direct` (no proxy) */
  kind: "sidecar" | "gateway" | "upstream" | "direct";
  /** The pod or host that handled this hop: `sleep-6859f9d5cb-l877h.default`, `edition.cnn.com`. */
  at: string;
  /** Listener, e.g. `0.0.0.0_80`, `0.0.0.0_443`. */
  listener?: string;
  /** Route configuration name, e.g. `80`, `http.443`. */
  routeConfig?: string;
  /** Virtual host chosen, e.g. `edition.cnn.com:80`, or undefined when none matched. */
  virtualHost?: string;
  /** The route that won, or undefined (no route: 404 NR). */
  route?: RouteMatchTrace;
  /** Routes that were tried and why each failed, in order (`http[1].match[0]: uri regex "/health|/sport" does not match "/politics"`). */
  rejected?: string[];
  /** The Envoy cluster the request went to, e.g. `outbound|443||edition.cnn.com`. */
  cluster?: string;
  /** DestinationRule that applied, and whether it originated TLS. */
  destinationRule?: string;
  tlsOrigination?: boolean;
  /** Status this hop returned to its caller. */
  status?: number;
  /** Envoy response flags (`NR`, `UH`...) or `-`. */
  responseFlags?: string;
  note?: string;
}

export interface RequestTrace {
  id: string;
  /** µs since epoch when the client sent the request. */
  startMicros: number;
  durationMicros: number;
  source: string;
  sourceNamespace?: string;
  method: string;
  url: string;
  hops: HopTrace[];
  mixerCheck?: CheckResult;
  mixerReport?: ReportResult;
  /** Final status the client saw, or undefined when the exchange failed below HTTP. */
  status?: number;
  responseSize?: number;
  /** curl exit code for transport failures. */
  transportError?: number;
  /** One line: why this status (`no route on the egress gateway matched /politics`). */
  why: string;
  /** The x-request-id the first proxy assigned (also in the access logs). */
  requestId?: string;
  /** The Mixer attributes of the gateway's Report, for explanations (absent when no gateway was involved). */
  mixerAttributes?: ReadonlyMap<string, unknown>;
}
