/**
 * HTTP as the emulated data plane carries it: what curl sends, what comes back, and the
 * transport contract between curl (a shell command) and the mesh (sidecars, gateways, hosts).
 */
import { isHeaderName, lowerHeaderName } from "./header-names.ts";
import type { RequestTrace } from "./trace.ts";

export interface Header {
  name: string;
  value: string;
}

export interface HttpRequest {
  method: string;
  scheme: "http" | "https";
  /** Host part of the URL as typed (`edition.cnn.com`); what DNS resolves and TLS sends as SNI. */
  host: string;
  port: number;
  /** Path and query as sent on the request line (`/politics?x=1`). */
  path: string;
  /** In the order sent, names as the client wrote them; includes `Host` and `User-Agent`. */
  headers: Header[];
  body: string;
}

/** A response body; pages can be hundreds of KB, so the text is only built when someone reads it. */
export interface ResponseBody {
  readonly size: number;
  text(): string;
}

export interface HttpResponse {
  status: number;
  /** `Moved Permanently`, `OK`... */
  statusText: string;
  /** Names as they arrive: lower-case after passing through Envoy, origin's case otherwise. */
  headers: Header[];
  body: ResponseBody;
}

/** Who sends: the reader's workstation (outside the cluster) or a container in a pod. */
export type RequestSource =
  | { kind: "workstation" }
  | { kind: "pod"; namespace: string; pod: string; container: string };

export interface SendOptions {
  /** curl --max-time / --connect-timeout, in µs. */
  timeoutMicros?: number;
  /** curl -k. */
  insecure?: boolean;
}

/** A failure below HTTP, phrased as curl reports it. */
export interface TransportError {
  /** curl's exit code: 6 resolve, 7 connect, 28 timeout, 35 TLS, 52 empty reply, 56 recv failure. */
  curlCode: number;
  /** curl's text after `curl: (N) `, e.g. `Could not resolve host: foo.example`. */
  message: string;
}

export type Exchange =
  | { ok: true; response: HttpResponse; durationMicros: number; trace: RequestTrace }
  | { ok: false; error: TransportError; durationMicros: number; trace: RequestTrace };

/** One HTTP exchange (one hop of curl's view: redirects are followed by curl, not here). */
export interface Transport {
  send(source: RequestSource, request: HttpRequest, options?: SendOptions): Exchange;
}

export function textBody(text: string): ResponseBody {
  return { size: new TextEncoder().encode(text).length, text: () => text };
}

export const EMPTY_BODY: ResponseBody = { size: 0, text: () => "" };

export function headerValue(headers: readonly Header[], name: string): string | undefined {
  const lower = lowerHeaderName(name);
  for (const h of headers) if (isHeaderName(h.name, lower)) return h.value;
  return undefined;
}
