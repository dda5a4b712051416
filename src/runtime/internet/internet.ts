/**
 * The emulated internet: DNS for external names and the servers behind them. Everything is
 * data-driven (`Site`), so lessons can add hosts; unknown names do not resolve and unknown
 * addresses never answer (packets dropped, as to an unrouted address).
 */
import { EMPTY_BODY, type HttpRequest, type HttpResponse, type TransportError } from "../proxy/http.ts";
import { httpDate } from "./http-date.ts";
import { lazyBody } from "./lazy-body.ts";
import type { OriginContext, OriginHandler, Site, SitePort } from "./site.ts";
import { cnnSite } from "./cnn.ts";
import { httpbinSite } from "./httpbin.ts";
import { exampleOrgSite, googleSite } from "./static-sites.ts";

/** curl 7.35 (OpenSSL 1.0.1f) when the server answers a ClientHello with plain text. */
export const TLS_UNKNOWN_PROTOCOL = "error:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:unknown protocol";

export type OriginFailure = "refused" | "tls-handshake" | "unreachable";

export type OriginReply =
  | { ok: true; response: HttpResponse; site: Site; ip: string; delayMicros: number }
  | { ok: false; failure: OriginFailure; error: TransportError; site?: Site; ip?: string };

export interface ServeContext {
  nowMicros: number;
  /** Public source address seen by the origin (the cluster's NAT address or the workstation's). */
  clientIp: string;
}

export interface InternetOptions {
  /** Sites to start with; defaults to edition.cnn.com, httpbin.org, www.google.com, www.example.org. */
  sites?: Site[];
}

/** Dotted quad: four groups of 1-3 ASCII digits, each at most 255 (a scan: every request asks). */
export function isIpv4(text: string): boolean {
  let groups = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      if (digits === 0 || value > 255) return false;
      groups++;
      digits = 0;
      value = 0;
    } else if (c >= 0x30 && c <= 0x39 && digits < 3) {
      digits++;
      value = value * 10 + (c - 0x30);
    } else return false;
  }
  return groups === 4;
}

export function defaultSites(): Site[] {
  return [cnnSite(), httpbinSite(), googleSite(), exampleOrgSite()];
}

export class Internet {
  private readonly byName = new Map<string, Site>();
  private readonly byIp = new Map<string, Site>();

  constructor(options: InternetOptions = {}) {
    for (const site of options.sites ?? defaultSites()) this.addSite(site);
  }

  /** Adds (or replaces the names and addresses of) a host. */
  addSite(site: Site): void {
    for (const n of site.names) this.byName.set(n.toLowerCase(), site);
    for (const ip of site.ips) this.byIp.set(ip, site);
  }

  /** The first address of a name, as `getaddrinfo` would hand curl; undefined when it does not resolve. */
  resolve(host: string): string | undefined {
    if (isIpv4(host)) return host;
    return this.byName.get(stripDot(host))?.ips[0];
  }

  /** Every address of a name (Envoy's STRICT_DNS cluster balances over all of them). */
  resolveAll(host: string): readonly string[] {
    if (isIpv4(host)) return [host];
    return this.byName.get(stripDot(host))?.ips ?? [];
  }

  /** The site behind a name or an address. */
  siteOf(hostOrIp: string): Site | undefined {
    return this.byIp.get(hostOrIp) ?? this.byName.get(stripDot(hostOrIp));
  }

  /**
   * Delivers one request to `hostOrIp:port`. `tls` says whether the client speaks TLS on the
   * connection; `request.host` is what curl typed (used in curl's error wording).
   */
  serve(hostOrIp: string, port: number, tls: boolean, request: HttpRequest, ctx: ServeContext): OriginReply {
    const site = this.siteOf(hostOrIp);
    const ip = isIpv4(hostOrIp) ? hostOrIp : site?.ips[0];
    const shown = request.host || hostOrIp;
    if (!site || !ip) {
      return { ok: false, failure: "unreachable", error: { curlCode: 7, message: `Failed to connect to ${shown} port ${port}: Connection timed out` } };
    }
    const sitePort = findPort(site, port);
    if (!sitePort) {
      return { ok: false, failure: "refused", site, ip, error: { curlCode: 7, message: `Failed to connect to ${shown} port ${port}: Connection refused` } };
    }
    if (tls && !sitePort.tls) {
      // The server answers the ClientHello with an HTTP 400 in clear text.
      return { ok: false, failure: "tls-handshake", site, ip, error: { curlCode: 35, message: TLS_UNKNOWN_PROTOCOL } };
    }
    const octx: OriginContext = { nowMicros: ctx.nowMicros, clientIp: ctx.clientIp, port, tls, ip };
    const handler: OriginHandler = !tls && sitePort.tls ? site.plainHttpOnTlsPort ?? plainHttpSentToHttpsPort : sitePort.handler;
    const r = handler(request, octx);
    const response: HttpResponse = request.method === "HEAD"
      ? { status: r.status, statusText: r.statusText, headers: r.headers, body: EMPTY_BODY }
      : { status: r.status, statusText: r.statusText, headers: r.headers, body: r.body };
    return { ok: true, response, site, ip, delayMicros: r.delayMicros ?? 0 };
  }
}

function stripDot(host: string): string {
  const h = host.toLowerCase();
  return h.endsWith(".") ? h.slice(0, -1) : h;
}

function findPort(site: Site, port: number): SitePort | undefined {
  for (const p of site.ports) if (p.port === port) return p;
  return undefined;
}

const PLAIN_ON_TLS_BODY =
  "<html>\r\n<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>\r\n<body bgcolor=\"white\">\r\n" +
  "<center><h1>400 Bad Request</h1></center>\r\n<center>The plain HTTP request was sent to HTTPS port</center>\r\n" +
  "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/** What a TLS port (nginx-fronted, the common case in 2018) answers to plain HTTP. */
function plainHttpSentToHttpsPort(_req: HttpRequest, ctx: OriginContext): HttpResponse {
  return {
    status: 400,
    statusText: "Bad Request",
    headers: [
      { name: "Server", value: "nginx" },
      { name: "Date", value: httpDate(ctx.nowMicros) },
      { name: "Content-Type", value: "text/html" },
      { name: "Content-Length", value: String(PLAIN_ON_TLS_BODY.length) },
      { name: "Connection", value: "close" },
    ],
    body: lazyBody(PLAIN_ON_TLS_BODY.length, () => PLAIN_ON_TLS_BODY),
  };
}
