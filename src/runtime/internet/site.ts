/**
 * An external host as data: its names, public addresses, network distance, and one small
 * handler per open port. Lessons add hosts by handing the Internet another `Site`.
 */
import type { HttpRequest, HttpResponse } from "../proxy/http.ts";

export interface OriginContext {
  /** µs since the epoch when the request reaches the origin (for `Date` and timer headers). */
  nowMicros: number;
  /** The public address the request appears to come from (httpbin's `origin`). */
  clientIp: string;
  port: number;
  tls: boolean;
  /** The address the client connected to. */
  ip: string;
}

/** What a handler answers; `delayMicros` is extra server time (httpbin's /delay/N). */
export type OriginResponse = HttpResponse & { delayMicros?: number };

export type OriginHandler = (request: HttpRequest, ctx: OriginContext) => OriginResponse;

export interface SitePort {
  port: number;
  /** True when the port speaks TLS (HTTPS); a TLS client on a plain port fails its handshake. */
  tls: boolean;
  handler: OriginHandler;
}

export interface SiteTiming {
  /** One network round trip from the cluster (or workstation) to the site, µs. */
  rttMicros: number;
  /** Time the server takes to produce the response headers, µs. */
  thinkMicros: number;
  /** Download speed for the body. */
  bytesPerSecond: number;
}

export interface Site {
  /** DNS names that resolve to this site (first is canonical). */
  names: string[];
  /** Public IPv4 addresses, in the order DNS returns them. */
  ips: string[];
  ports: SitePort[];
  timing: SiteTiming;
  /** The reply to a plain-HTTP request that arrives on a TLS port (default: nginx-style 400). */
  plainHttpOnTlsPort?: OriginHandler;
}
