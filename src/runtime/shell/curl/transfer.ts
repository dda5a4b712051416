/**
 * One URL's transfer, as libcurl 7.35 performs it: one exchange per hop over the lab transport,
 * redirects followed by curl itself (-L), and everything curl reports along the way: the
 * verbose trace (lib/url.c, lib/http.c, lib/transfer.c info lines), header dumps, the body,
 * the progress meter and the numbers -w prints.
 */
import type { Clock } from "../../clock.ts";
import type { Header, HttpResponse, RequestSource, Transport } from "../../proxy/http.ts";
import { utf8Length } from "../../internet/lazy-body.ts";
import type { CurlOptions } from "./options.ts";
import { PROGRESS_HEADER, progressLine, progressBarLine } from "./progress.ts";
import { basicAuthorization, buildRequestHeaders, requestHeadText } from "./request.ts";
import { parseCurlUrl, resolveLocation, type CurlUrl } from "./url.ts";
import type { TransferInfo } from "./writeout.ts";

export interface TransferDeps {
  transport: Transport;
  source: RequestSource;
  clock: Clock;
  /** The address a host name resolves to, for `Trying`, `Connected to` and %{remote_ip}. */
  resolveIp(host: string): string;
  localIp: string;
}

/** DNS cache and live connections, shared by the URLs of one curl invocation. */
export class CurlSession {
  readonly dnsCache = new Set<string>();
  /** `scheme://host:port` -> connection number (`#0`). */
  readonly connections = new Map<string, number>();
  nextConnectionId = 0;
}

export interface TransferRequest {
  url: string;
  options: CurlOptions;
  /** -d data after reading files and encoding; undefined when none was given. */
  postData?: string;
  /** Build the body text (false when it goes to /dev/null: pages are big and lazy). */
  wantBody: boolean;
  /** The body goes to the terminal: no progress meter, no `[data not shown]` lines. */
  bodyToTerminal: boolean;
  /** Show the progress meter (body to a file and no -s). */
  showMeter: boolean;
}

export interface TransferResult {
  exitCode: number;
  /** The text after `curl: (N) ` when exitCode is not 0. */
  errorMessage?: string;
  info: TransferInfo;
  /** Headers (-i/-I) and body, in the order curl writes them to the output. */
  output: string;
  /** Bytes written to the output; curl creates an -o file only on its first write. */
  outputBytes: number;
  /** -D: every response's status line and headers, each block ending with an empty line. */
  headerDump: string;
  /** Verbose trace and progress meter, in order. */
  stderr: string;
}

type RequestKind = "GET" | "HEAD" | "POST";

interface HopTimes {
  namelookup: number;
  connect: number;
  appconnect: number;
  pretransfer: number;
  starttransfer: number;
}

const MICROS = 1_000_000;
/** Statuses whose responses have no body (RFC 2616 10.2.5, 10.3.5). */
const NO_BODY_STATUSES = new Set([204, 304]);

function responseHeadText(response: HttpResponse): string {
  let text = `HTTP/1.1 ${response.status} ${response.statusText}\r\n`;
  for (const h of response.headers) text += `${h.name}: ${h.value}\r\n`;
  return text + "\r\n";
}

function findHeader(headers: readonly Header[], name: string): string | undefined {
  for (const h of headers) if (h.name.toLowerCase() === name) return h.value.trim();
  return undefined;
}

/** The reason part print_http_error takes from the status line: everything after the first space. */
function failText(response: HttpResponse): string {
  return response.statusText ? `${response.status} ${response.statusText}` : String(response.status);
}

/** The simulated split of a hop's duration into libcurl's timers (deterministic, plausible). */
function hopTimes(durationMicros: number, newLookup: boolean, newConnection: boolean, tls: boolean): HopTimes {
  const d = durationMicros / MICROS;
  const namelookup = newLookup ? d * 0.02 : 0;
  const connect = newConnection ? namelookup + d * 0.05 : namelookup;
  const appconnect = tls ? (newConnection ? connect + d * 0.2 : connect) : 0;
  const pretransfer = Math.max(connect, appconnect);
  return { namelookup, connect, appconnect, pretransfer, starttransfer: Math.max(pretransfer, d * 0.9) };
}

/** The lines 7.35 (OpenSSL 1.0.1f) prints while it sets up TLS; `dataNotShown` adds the tool's markers. */
function tlsHandshakeLines(host: string, dataNotShown: boolean): string {
  const steps: [string, "}" | "{"][] = [
    ["SSLv3, TLS handshake, Client hello (1):", "}"],
    ["SSLv3, TLS handshake, Server hello (2):", "{"],
    ["SSLv3, TLS handshake, CERT (11):", "{"],
    ["SSLv3, TLS handshake, Server key exchange (12):", "{"],
    ["SSLv3, TLS handshake, Server finished (14):", "{"],
    ["SSLv3, TLS handshake, Client key exchange (16):", "}"],
    ["SSLv3, TLS change cipher, Client hello (1):", "}"],
    ["SSLv3, TLS handshake, Finished (20):", "}"],
    ["SSLv3, TLS change cipher, Client hello (1):", "{"],
    ["SSLv3, TLS handshake, Finished (20):", "{"],
  ];
  let out = "";
  for (const [line, dir] of steps) out += `* ${line}\n` + (dataNotShown ? `${dir} [data not shown]\n` : "");
  out += "* SSL connection using ECDHE-RSA-AES128-GCM-SHA256\n* Server certificate:\n";
  out += `* \t subjectAltName: ${host} matched\n* \t SSL certificate verify ok.\n`;
  return out;
}

const TLS_PREAMBLE = "* successfully set certificate verify locations:\n*   CAfile: none\n  CApath: /etc/ssl/certs\n";

function appendQuery(url: string, data: string): string {
  return url + (url.includes("?") ? "&" : "?") + data;
}

export function performTransfer(deps: TransferDeps, session: CurlSession, req: TransferRequest): TransferResult {
  const o = req.options;
  const verbose = o.verbose;
  const startMicros = deps.clock.nowMicros();
  let err = "";
  let output = "";
  let outputBytes = 0;
  let headerDump = "";

  const useGetData = req.postData !== undefined && o.useGet;
  let kind: RequestKind = o.head ? "HEAD" : req.postData !== undefined && !o.useGet ? "POST" : "GET";
  let urlText = useGetData ? appendQuery(req.url, req.postData ?? "") : req.url;

  const info: TransferInfo = {
    urlEffective: urlText, httpCode: 0, timeTotal: 0, timeNamelookup: 0, timeConnect: 0, timeAppconnect: 0,
    timePretransfer: 0, timeStarttransfer: 0, timeRedirect: 0, sizeHeader: 0, sizeRequest: 0, sizeDownload: 0,
    sizeUpload: 0, speedDownload: 0, speedUpload: 0, numConnects: 0, numRedirects: 0, remoteIp: "",
    remotePort: 0, localIp: "", localPort: 0,
  };
  const elapsedSeconds = (): number => (deps.clock.nowMicros() - startMicros) / MICROS;
  const meterOn = req.showMeter;
  const bar = meterOn && o.progressBar;
  if (meterOn && !bar) err += PROGRESS_HEADER;

  const finish = (exitCode: number, errorMessage?: string): TransferResult => {
    info.timeTotal = elapsedSeconds();
    info.speedDownload = Math.trunc(info.sizeDownload / (info.timeTotal > 0 ? info.timeTotal : 1));
    info.speedUpload = Math.trunc(info.sizeUpload / (info.timeTotal > 0 ? info.timeTotal : 1));
    if (bar) err += progressBarLine() + "\n";
    return { exitCode, errorMessage, info, output, outputBytes, headerDump, stderr: err };
  };
  /** A failure: libcurl's failf also shows in the verbose trace. */
  const fail = (code: number, message: string, connectionId?: number, hopInProgress = true): TransferResult => {
    if (verbose) {
      err += `* ${message}\n`;
      if (connectionId !== undefined) err += `* Closing connection ${connectionId}\n`;
    }
    // The meter's line for the failed hop never gets its newline: curl's message follows on it.
    if (meterOn && !bar && hopInProgress) err += progressLine({ downloaded: 0, uploaded: 0, elapsedSeconds: elapsedSeconds() });
    return finish(code, message);
  };

  const first = parseCurlUrl(urlText);
  const firstHost = first.ok ? first.url.host.toLowerCase() : "";
  const maxTimeMicros = o.maxTimeSeconds !== undefined && o.maxTimeSeconds > 0 ? o.maxTimeSeconds * MICROS : undefined;
  const connectTimeoutMicros =
    o.connectTimeoutSeconds !== undefined && o.connectTimeoutSeconds > 0 ? o.connectTimeoutSeconds * MICROS : undefined;

  for (let hop = 0; ; hop++) {
    const parsed = hop === 0 ? first : parseCurlUrl(urlText);
    if (!parsed.ok) return fail(parsed.code, parsed.message);
    const url: CurlUrl = parsed.url;
    if (url.scheme === "file") return fail(1, "Protocol file not supported or disabled in libcurl");
    info.urlEffective = url.effective;
    if (verbose && meterOn && !bar) err += progressLine({ downloaded: 0, uploaded: 0, elapsedSeconds: elapsedSeconds() });
    if (verbose && url.rebuiltTo) err += `* Rebuilt URL to: ${url.rebuiltTo}\n`;

    // Connection: reuse a live one to the same scheme://host:port, or resolve and connect.
    const key = `${url.scheme}://${url.host.toLowerCase()}:${url.port}`;
    const reusedId = session.connections.get(key);
    const connectionId = reusedId ?? session.nextConnectionId;
    const hostKey = url.host.toLowerCase();
    const cached = session.dnsCache.has(hostKey);
    const ip = deps.resolveIp(url.host);
    const tls = url.scheme === "https";
    let connectTrace = "";
    if (reusedId !== undefined) {
      connectTrace += `* Re-using existing connection! (#${reusedId}) with host ${url.host}\n`;
      connectTrace += `* Connected to ${url.host} (${ip}) port ${url.port} (#${reusedId})\n`;
    } else {
      connectTrace += cached ? "* Hostname was found in DNS cache\n" : "* Hostname was NOT found in DNS cache\n";
    }

    // The request for this hop.
    const sameHostAsFirst = url.host.toLowerCase() === firstHost;
    const credentials =
      url.user !== undefined ? { user: url.user, password: url.password ?? "" } : splitUser(o.user);
    const sendAuth = credentials !== undefined && (hop === 0 || sameHostAsFirst || o.trustedFollow);
    const method = o.customRequest ?? kind;
    const postBody = kind === "POST" ? req.postData ?? "" : undefined;
    const headers = buildRequestHeaders(url, {
      customHeaders: o.headers,
      userAgent: o.userAgent,
      referer: o.referer,
      cookie: o.cookie,
      compressed: o.compressed,
      authorization: sendAuth && credentials ? basicAuthorization(credentials.user, credentials.password) : undefined,
      postBody,
      allowCustomHost: hop === 0 || sameHostAsFirst,
    });
    const head = requestHeadText(method, url.path, o.http10, headers);
    const requestBytes = utf8Length(head) + (postBody !== undefined ? utf8Length(postBody) : 0);

    const elapsedMicros = deps.clock.nowMicros() - startMicros;
    if (maxTimeMicros !== undefined && elapsedMicros >= maxTimeMicros) {
      return fail(28, `Operation timed out after ${Math.trunc(elapsedMicros / 1000)} milliseconds with 0 out of -1 bytes received`, connectionId);
    }
    const remaining = maxTimeMicros !== undefined ? maxTimeMicros - elapsedMicros : undefined;
    const timeoutMicros =
      remaining !== undefined && connectTimeoutMicros !== undefined ? Math.min(remaining, connectTimeoutMicros)
        : remaining ?? connectTimeoutMicros;
    const exchange = deps.transport.send(
      deps.source,
      { method, scheme: url.scheme, host: url.host, port: url.port, path: url.path, headers: headers.map(({ name, value }) => ({ name, value })), body: postBody ?? "" },
      { timeoutMicros, insecure: o.insecure },
    );
    deps.clock.advance(exchange.durationMicros);

    const newConnection = reusedId === undefined;
    const times = hopTimes(exchange.durationMicros, newConnection && !cached, newConnection, tls);
    const dataNotShown = !req.bodyToTerminal;
    /** The sent request as -v shows it (built only when tracing). */
    const sentTrace = (): string =>
      head.split("\r\n").slice(0, -1).map((line) => `> ${line}\r\n`).join("") +
      (postBody !== undefined && postBody !== ""
        ? (dataNotShown ? "} [data not shown]\n" : "") +
          `* upload completely sent off: ${utf8Length(postBody)} out of ${utf8Length(postBody)} bytes\n`
        : "");

    if (!exchange.ok) {
      const { curlCode, message } = exchange.error;
      if (newConnection) session.nextConnectionId++;
      session.connections.delete(key);
      if (verbose) {
        err += connectTrace;
        if (curlCode !== 6 && newConnection) err += `*   Trying ${ip}...\n`;
        if (curlCode === 35) err += TLS_PREAMBLE + "* SSLv3, TLS handshake, Client hello (1):\n" + (dataNotShown ? "} [data not shown]\n" : "");
        else if (curlCode !== 6 && curlCode !== 7 && !(curlCode === 28 && newConnection)) {
          if (newConnection) err += `* Connected to ${url.host} (${ip}) port ${url.port} (#${connectionId})\n`;
          err += sentTrace();
        }
      }
      if (curlCode !== 6) {
        info.remoteIp = ip;
        info.remotePort = url.port;
      }
      info.timeNamelookup = times.namelookup;
      return fail(curlCode, message, connectionId);
    }

    // Connected and answered.
    if (newConnection) {
      session.nextConnectionId++;
      info.numConnects++;
    }
    session.dnsCache.add(hostKey);
    info.remoteIp = ip;
    info.remotePort = url.port;
    info.localIp = deps.localIp;
    info.localPort = 32768 + ((startMicros + connectionId) % 28232);
    info.timeNamelookup = times.namelookup;
    info.timeConnect = times.connect;
    info.timeAppconnect = times.appconnect;
    info.timePretransfer = times.pretransfer;
    info.timeStarttransfer = times.starttransfer;
    info.sizeRequest += requestBytes;
    info.sizeUpload = postBody !== undefined ? utf8Length(postBody) : 0;
    if (verbose) {
      err += connectTrace;
      if (newConnection) {
        err += `*   Trying ${ip}...\n* Connected to ${url.host} (${ip}) port ${url.port} (#${connectionId})\n`;
        if (tls) err += TLS_PREAMBLE + tlsHandshakeLines(url.host, dataNotShown);
      }
      err += sentTrace();
    }

    const response = exchange.response;
    info.httpCode = response.status;
    if (o.fail && response.status >= 400 && !(response.status === 401 && credentials !== undefined)) {
      session.connections.delete(key);
      return fail(22, `The requested URL returned error: ${failText(response)}`, connectionId);
    }

    const headText = responseHeadText(response);
    info.sizeHeader += utf8Length(headText);
    const contentType = findHeader(response.headers, "content-type");
    if (contentType) info.contentType = contentType;
    const contentLength = findHeader(response.headers, "content-length");
    const chunked = /chunked/i.test(findHeader(response.headers, "transfer-encoding") ?? "");
    const hasBody = kind !== "HEAD" && method !== "HEAD" && !NO_BODY_STATUSES.has(response.status);
    // HTTP/1.1 without Content-Length or chunking: the server closes to end the body.
    const assumeClose = contentLength === undefined && !chunked && hasBody;
    const close = assumeClose || /close/i.test(findHeader(response.headers, "connection") ?? "");

    let location: string | undefined;
    if (response.status >= 300 && response.status < 400) {
      const value = findHeader(response.headers, "location");
      if (value) location = resolveLocation(url, value);
    }
    const following = o.follow && location !== undefined;

    if (verbose) {
      const lines = headText.split("\r\n").slice(0, -2);
      err += `< ${lines[0]}\r\n`;
      for (let i = 1; i < lines.length; i++) {
        const h = response.headers[i - 1];
        if (h.name.toLowerCase() === "server") err += `* Server ${h.value.trim()} is not blacklisted\n`;
        err += `< ${lines[i]}\r\n`;
      }
      if (assumeClose) err += "* no chunk, no close, no size. Assume close to signal end\n";
      err += "< \r\n";
      if (following && !close) err += "* Ignoring the response-body\n";
    }

    headerDump += headText;
    if (o.include || o.head) {
      output += headText;
      outputBytes += utf8Length(headText);
    }
    const bodySize = hasBody && !(following && close) ? response.body.size : 0;
    if (verbose && dataNotShown && bodySize > 0) err += "{ [data not shown]\n";
    if (!following && bodySize > 0) {
      if (req.wantBody) output += response.body.text();
      outputBytes += bodySize;
    }
    info.sizeDownload = bodySize;

    if (meterOn && !bar) {
      err += progressLine({
        downloaded: bodySize,
        expectedDownload: contentLength !== undefined && /^\d+$/.test(contentLength) ? Number(contentLength) : undefined,
        uploaded: info.sizeUpload,
        elapsedSeconds: elapsedSeconds(),
      }) + "\n";
    }

    if (close) {
      session.connections.delete(key);
      if (verbose) err += `* Closing connection ${connectionId}\n`;
    } else {
      session.connections.set(key, connectionId);
      if (verbose) err += `* Connection #${connectionId} to host ${url.host} left intact\n`;
    }

    if (location !== undefined && !o.follow) info.redirectUrl = location;
    if (!following || location === undefined) return finish(0);

    // Curl_follow.
    if (o.maxRedirs !== -1 && info.numRedirects >= o.maxRedirs) {
      return fail(47, `Maximum (${o.maxRedirs}) redirects followed`, undefined, false);
    }
    info.numRedirects++;
    info.timeRedirect = elapsedSeconds();
    if (verbose) err += `* Issue another request to this URL: '${location}'\n`;
    const status = response.status;
    if (kind === "POST" && ((status === 301 && !o.keepPost[301]) || (status === 302 && !o.keepPost[302]))) {
      if (verbose) err += `* Violate RFC 2616/10.3.${status === 301 ? 2 : 3} and switch from POST to GET\n`;
      kind = "GET";
    } else if (status === 303 && kind !== "GET" && !o.keepPost[303]) {
      if (verbose) err += `* Disables POST, goes with ${kind === "HEAD" ? "HEAD" : "GET"}\n`;
      if (kind === "POST") kind = "GET";
    }
    urlText = location;
  }
}

function splitUser(user: string | undefined): { user: string; password: string } | undefined {
  if (user === undefined) return undefined;
  const colon = user.indexOf(":");
  return colon >= 0 ? { user: user.slice(0, colon), password: user.slice(colon + 1) } : { user, password: "" };
}
