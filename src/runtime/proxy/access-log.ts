/**
 * Envoy's default access-log line, which Istio 0.8 writes to each proxy's stdout:
 * [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE%
 * %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%
 * "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"
 * Missing values print `-`.
 */
import { formatMillisIso } from "../clock.ts";
import { RowTable, writeRow, type LogSink, type RowKind } from "../cluster/logs.ts";
import { utf8Length } from "../internet/lazy-body.ts";
import type { HttpRequest } from "./http.ts";
import type { RoutingOutcome } from "./proxy-routing.ts";
import type { RequestHeaderFields } from "./request-header-fields.ts";
import { loggedPath } from "./request-view.ts";

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

/**
 * The one entry object both proxies fill for each access-log write: sinks read an entry only
 * while writing it (see `LogSink.writeRow`), and two entries per request were garbage at once.
 * Every field is set for each line, so nothing of the previous line stays.
 */
const sharedEntry: AccessLogEntry = {
  startMicros: 0, method: "", path: "", protocol: "", status: 0, flags: undefined, bytesReceived: 0, bytesSent: 0,
  durationMicros: 0, upstreamServiceTimeMs: undefined, forwardedFor: undefined, userAgent: undefined, requestId: undefined,
  authority: undefined, upstreamHost: undefined,
};

/**
 * Writes a proxy's line for one request: `request` as the proxy received it (`fields` read from
 * its headers), `outcome` what routing it gave, `durationMicros` from its arrival to the last byte.
 */
export function writeProxyAccessLog(
  sink: LogSink, request: HttpRequest, fields: RequestHeaderFields, requestId: string | undefined, authority: string,
  startMicros: number, durationMicros: number, outcome: RoutingOutcome,
): void {
  const entry = sharedEntry;
  entry.startMicros = startMicros;
  entry.method = request.method;
  entry.path = loggedPath(request, fields);
  entry.protocol = "HTTP/1.1";
  entry.status = outcome.response.status;
  entry.flags = outcome.flags;
  entry.bytesReceived = request.body ? utf8Length(request.body) : 0;
  entry.bytesSent = outcome.response.body.size;
  entry.durationMicros = durationMicros;
  entry.upstreamServiceTimeMs = outcome.upstreamServiceTimeMs;
  entry.forwardedFor = fields.forwardedFor;
  entry.userAgent = fields.userAgent;
  entry.requestId = requestId;
  entry.authority = authority;
  entry.upstreamHost = outcome.upstreamHost;
  writeRow(sink, ENVOY_ACCESS_LOG, entry);
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
 * A log ring's access-log lines as columns (see `RowKind`): numbers in typed arrays, strings
 * in arrays (shared between requests, except the request id), so a retained line is no object.
 */
class AccessLogTable extends RowTable<AccessLogEntry> {
  private readonly numbers: Float64Array;
  private readonly method: string[];
  private readonly path: string[];
  private readonly protocol: string[];
  private readonly flags: (string | undefined)[];
  private readonly forwardedFor: (string | undefined)[];
  private readonly userAgent: (string | undefined)[];
  private readonly requestId: (string | undefined)[];
  private readonly authority: (string | undefined)[];
  private readonly upstreamHost: (string | undefined)[];

  constructor(capacity: number) {
    super();
    // startMicros, status, bytesReceived, bytesSent, durationMicros, upstreamServiceTimeMs (NaN: none), per row.
    this.numbers = new Float64Array(capacity * NUMBERS);
    const strings = () => new Array<string | undefined>(capacity).fill(undefined);
    this.method = strings() as string[];
    this.path = strings() as string[];
    this.protocol = strings() as string[];
    this.flags = strings();
    this.forwardedFor = strings();
    this.userAgent = strings();
    this.requestId = strings();
    this.authority = strings();
    this.upstreamHost = strings();
  }

  store(row: number, e: AccessLogEntry): void {
    const n = this.numbers;
    const at = row * NUMBERS;
    n[at] = e.startMicros;
    n[at + 1] = e.status;
    n[at + 2] = e.bytesReceived;
    n[at + 3] = e.bytesSent;
    n[at + 4] = e.durationMicros;
    n[at + 5] = e.upstreamServiceTimeMs ?? Number.NaN;
    this.method[row] = e.method;
    this.path[row] = e.path;
    this.protocol[row] = e.protocol;
    this.flags[row] = e.flags;
    this.forwardedFor[row] = e.forwardedFor;
    this.userAgent[row] = e.userAgent;
    this.requestId[row] = e.requestId;
    this.authority[row] = e.authority;
    this.upstreamHost[row] = e.upstreamHost;
  }

  render(row: number): string {
    const n = this.numbers;
    const at = row * NUMBERS;
    const serviceTime = n[at + 5];
    return formatAccessLog({
      startMicros: n[at],
      status: n[at + 1],
      bytesReceived: n[at + 2],
      bytesSent: n[at + 3],
      durationMicros: n[at + 4],
      upstreamServiceTimeMs: Number.isNaN(serviceTime) ? undefined : serviceTime,
      method: this.method[row],
      path: this.path[row],
      protocol: this.protocol[row],
      flags: this.flags[row],
      forwardedFor: this.forwardedFor[row],
      userAgent: this.userAgent[row],
      requestId: this.requestId[row],
      authority: this.authority[row],
      upstreamHost: this.upstreamHost[row],
    });
  }
}

const NUMBERS = 6;

/** Envoy's access log as a row kind: proxies write `writeRow(sink, ENVOY_ACCESS_LOG, entry)`. */
export const ENVOY_ACCESS_LOG: RowKind<AccessLogEntry> = {
  createTable: (capacity) => new AccessLogTable(capacity),
  format: formatAccessLog,
};
