/**
 * Simulated time, deterministic from the sandbox's SeededRandom and the sizes involved. The data
 * plane only computes durations; the caller advances the clock. Magnitudes follow what 2018
 * gateway logs show: a millisecond or two per in-cluster hop, tens of milliseconds to an origin,
 * transfer time proportional to the body.
 */
import type { SeededRandom } from "../ids.ts";
import type { SiteTiming } from "../internet/site.ts";

export interface OriginTiming {
  /** From sending the request until the response headers arrive. */
  headersMicros: number;
  /** Streaming the body after the headers. */
  bodyMicros: number;
}

/** Envoy's cluster connect timeout in Istio 0.8's mesh config (`connectTimeout: 10s`). */
export const ENVOY_CONNECT_TIMEOUT_MICROS = 10_000_000;
/** Linux gives up on an unanswered SYN after ~127 s (tcp_syn_retries = 6). */
export const TCP_CONNECT_TIMEOUT_MICROS = 127_000_000;
/** glibc's resolver: timeout 5 s, 2 attempts, A and AAAA. */
export const DNS_TIMEOUT_MICROS = 20_000_000;

export class LatencyModel {
  constructor(private readonly rng: SeededRandom) {}

  private jitter(base: number, spread = 0.25): number {
    return Math.round(base * (1 - spread + this.rng.next() * 2 * spread));
  }

  /** Envoy's own processing of one request (parse, route, filters). */
  proxy(): number {
    return this.rng.int(60, 250);
  }

  /** One pod-to-pod network leg inside the cluster. */
  podHop(): number {
    return this.rng.int(150, 600);
  }

  /** A Mixer Check round trip from the gateway to istio-policy. */
  mixerCheck(): number {
    return this.rng.int(700, 2200);
  }

  /** An in-cluster server producing its answer (Prometheus, a sample app). */
  inClusterServer(): number {
    return this.rng.int(300, 2500);
  }

  /** Connect (+ TLS handshake) + request + server time, then the body download. */
  origin(site: SiteTiming, tls: boolean, bodySize: number, extraMicros: number): OriginTiming {
    const rtt = this.jitter(site.rttMicros, 0.15);
    const roundTrips = tls ? 4 : 2; // TCP, (TLS 1.2: 2), request
    const headersMicros = roundTrips * rtt + this.jitter(site.thinkMicros, 0.5) + extraMicros;
    const bodyMicros = bodySize > 0 ? this.jitter(Math.round((bodySize / site.bytesPerSecond) * 1_000_000), 0.3) : 0;
    return { headersMicros, bodyMicros };
  }
}
