/**
 * Envoy's default access-log line, which Istio 0.8 writes to each proxy's stdout:
 * [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE%
 * %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%
 * "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"
 * Missing values print `-`.
 */
import { formatMillisIso } from "../clock.ts";
import type { DeferredLine } from "../cluster/logs.ts";

let cachedSecond = Number.NaN;
let cachedPrefix = "";

/** formatMillisIso, with the `YYYY-MM-DDTHH:MM:SS` part cached per second (one call per log line). */
function startTime(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = formatMillisIso(second * 1_000_000).slice(0, 19);
  }
  const frac = ms - second * 1000;
  return `${cachedPrefix}.${frac < 10 ? "00" : frac < 100 ? "0" : ""}${frac}Z`;
}

export interface AccessLogEntry {
  startMicros: number;
  method: string;
  /** X-ENVOY-ORIGINAL-PATH when a rewrite happened, else :path. */
  path: string;
  protocol: string;
  status: number;
  /** `NR`, `UF`, `UH`, `UT`... or undefined for none. */
  flags?: string;
  bytesReceived: number;
  bytesSent: number;
  durationMicros: number;
  /** The response's x-envoy-upstream-service-time (ms), absent for local replies. */
  upstreamServiceTimeMs?: number;
  forwardedFor?: string;
  userAgent?: string;
  requestId?: string;
  authority?: string;
  /** `151.101.65.67:443` */
  upstreamHost?: string;
}

const dash = (v: string | number | undefined): string => (v === undefined || v === "" ? "-" : String(v));

export function formatAccessLog(e: AccessLogEntry): string {
  return (
    `[${startTime(e.startMicros)}] "${e.method} ${e.path} ${e.protocol}" ${e.status} ${dash(e.flags)} ` +
    `${e.bytesReceived} ${e.bytesSent} ${Math.floor(e.durationMicros / 1000)} ${dash(e.upstreamServiceTimeMs)} ` +
    `"${dash(e.forwardedFor)}" "${dash(e.userAgent)}" "${dash(e.requestId)}" "${dash(e.authority)}" "${dash(e.upstreamHost)}"`
  );
}

/**
 * The line of an entry, formatted when the log is read. Logs keep thousands of these, so it
 * holds the entry's fields itself (one object per line; the literal passed in is not kept).
 */
export class AccessLogLine implements DeferredLine, AccessLogEntry {
  readonly startMicros: number;
  readonly method: string;
  readonly path: string;
  readonly protocol: string;
  readonly status: number;
  readonly flags: string | undefined;
  readonly bytesReceived: number;
  readonly bytesSent: number;
  readonly durationMicros: number;
  readonly upstreamServiceTimeMs: number | undefined;
  readonly forwardedFor: string | undefined;
  readonly userAgent: string | undefined;
  readonly requestId: string | undefined;
  readonly authority: string | undefined;
  readonly upstreamHost: string | undefined;

  constructor(e: AccessLogEntry) {
    this.startMicros = e.startMicros;
    this.method = e.method;
    this.path = e.path;
    this.protocol = e.protocol;
    this.status = e.status;
    this.flags = e.flags;
    this.bytesReceived = e.bytesReceived;
    this.bytesSent = e.bytesSent;
    this.durationMicros = e.durationMicros;
    this.upstreamServiceTimeMs = e.upstreamServiceTimeMs;
    this.forwardedFor = e.forwardedFor;
    this.userAgent = e.userAgent;
    this.requestId = e.requestId;
    this.authority = e.authority;
    this.upstreamHost = e.upstreamHost;
  }

  render(): string {
    return formatAccessLog(this);
  }
}
