/**
 * One fortio "thread": its HTTP client over the lab transport, with what fortio 1.3's fast
 * client (fhttp BasicClient) makes of each response: it parses only the status code, stops
 * reading at the first non-200 and drops that connection, reads a 200 up to its Content-Length
 * but never past its buffer (-httpbufferkb, 128 KB), and keeps the connection open; bytes of an
 * oversized page it did not read are then what the next request on that socket reads first.
 * The standard Go client (-stdclient, https://) reads whole bodies and keeps no such state.
 */
import type { Header, HttpRequest, HttpResponse, RequestSource, Transport } from "../../proxy/http.ts";
import { FORTIO_VERSION } from "./flags.ts";
import type { FortioOptions } from "./options.ts";

/** Where fortio sends: scheme, host, port, request-URI. */
export interface FortioTarget {
  scheme: "http" | "https";
  host: string;
  port: number;
  path: string;
}

/** A log line fortio would print while fetching (level, file:line, message). */
export interface ClientLog {
  level: "W" | "E" | "I";
  where: string;
  message: string;
}

export interface FetchResult {
  /** HTTP status as fortio parsed it; -1 for socket errors and unparsable replies. */
  code: number;
  /** Bytes fortio read: headers and body for the fast client, the body for the standard one. */
  size: number;
  headerSize: number;
  durationMicros: number;
  logs: ClientLog[];
  /** What `fortio curl` writes to stdout. */
  data: () => string;
}

/** Byte offset of the status code in `HTTP/1.1 200 OK` (retcodeOffset). */
const RETCODE_OFFSET = 9;

/** Parses a URL the way fortio's http options and Go's net/url do for the forms readers type. */
export function parseTarget(url: string): { target: FortioTarget; assumedHttp: boolean } | { error: string } {
  let rest = url;
  let assumedHttp = false;
  const lower = url.toLowerCase();
  if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
    assumedHttp = true;
    rest = "http://" + url;
  }
  const m = /^(https?):\/\/([^/?#]*)([^#]*)/i.exec(rest);
  if (!m) return { error: `parse ${url}: invalid URI for request` };
  const scheme = m[1].toLowerCase() as "http" | "https";
  const authority = m[2].replace(/^.*@/, "");
  const hostPort = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(authority);
  if (!hostPort || hostPort[1] === "") return { error: `parse ${url}: missing host` };
  const port = hostPort[2] ? Number(hostPort[2]) : scheme === "https" ? 443 : 80;
  if (!Number.isInteger(port) || port > 65535) return { error: `parse ${url}: invalid port ":${hostPort[2]}" after host` };
  let path = m[3] || "/";
  if (path.startsWith("?")) path = "/" + path;
  return { target: { scheme, host: hostPort[1], port, path }, assumedHttp };
}

function headLength(response: HttpResponse): number {
  let n = `HTTP/1.1 ${response.status} ${response.statusText}\r\n`.length + 2;
  for (const h of response.headers) n += h.name.length + h.value.length + 4;
  return n;
}

function headText(response: HttpResponse): string {
  let text = `HTTP/1.1 ${response.status} ${response.statusText}\r\n`;
  for (const h of response.headers) text += `${h.name}: ${h.value}\r\n`;
  return text + "\r\n";
}

function contentLength(headers: readonly Header[]): number | undefined {
  for (const h of headers) if (h.name.toLowerCase() === "content-length") return Number(h.value);
  return undefined;
}

/** fhttp.ParseDecimal: the leading digits, or -1 when there are none. */
function parseDecimal(text: string): number {
  const m = /^\d+/.exec(text);
  return m ? Number(m[0]) : -1;
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += abc[(n >> 18) & 63] + abc[(n >> 12) & 63] + (i + 1 < bytes.length ? abc[(n >> 6) & 63] : "=") + (i + 2 < bytes.length ? abc[n & 63] : "=");
  }
  return out;
}

/** Builds the request once per run, as fortio does (GenerateHeaders, then the fast client's request line). */
export function buildRequest(target: FortioTarget, o: FortioOptions): HttpRequest {
  const hostHeader = o.hostOverride ?? (target.port === (target.scheme === "https" ? 443 : 80) ? target.host : `${target.host}:${target.port}`);
  const headers: Header[] = [{ name: "Host", value: hostHeader }];
  if (o.user) headers.push({ name: "Authorization", value: `Basic ${base64(o.user)}` });
  if (o.contentType) headers.push({ name: "Content-Type", value: o.contentType });
  for (const h of o.headers) headers.push({ name: h.name, value: h.value });
  headers.push({ name: "User-Agent", value: `fortio.org/fortio-${FORTIO_VERSION}` });
  const post = o.payload !== "" || o.contentType !== "";
  if (post) headers.push({ name: "Content-Length", value: String(new TextEncoder().encode(o.payload).length) });
  return { method: post ? "POST" : "GET", scheme: target.scheme, host: target.host, port: target.port, path: target.path, headers, body: o.payload };
}

/** A body's text from `offset` (the generated pages are ASCII, so characters are bytes). */
function bodyFrom(response: HttpResponse, offset: number, length: number): string {
  return response.body.text().slice(offset, offset + length);
}

export class FortioClient {
  /** Connections opened (what `Sockets used` adds up). */
  sockets = 0;
  private connected = false;
  /** Unread bytes of the last response on the open connection, and where they come from. */
  private pending: { response: HttpResponse; offset: number; bytes: number } | undefined;
  private readonly bufferBytes: number;
  private readonly fast: boolean;

  constructor(
    private readonly transport: Transport,
    private readonly source: RequestSource,
    private readonly request: HttpRequest,
    private readonly o: FortioOptions,
  ) {
    this.bufferBytes = o.bufferKb * 1024;
    this.fast = !o.stdClient && request.scheme === "http";
  }

  fetch(): FetchResult {
    if (!this.connected) {
      this.sockets++;
      this.connected = true;
    }
    const exchange = this.transport.send(this.source, this.request, { timeoutMicros: this.o.timeoutMicros });
    const logs: ClientLog[] = [];
    if (!exchange.ok) {
      this.close();
      logs.push({ level: "E", where: "http_client.go:613", message: `Unable to connect to ${this.request.host}:${this.request.port} : ${exchange.error.message}` });
      return { code: -1, size: 0, headerSize: 0, durationMicros: exchange.durationMicros, logs, data: () => "" };
    }
    const response = exchange.response;
    const head = headLength(response);
    const total = head + response.body.size;
    const base = { durationMicros: exchange.durationMicros, logs };
    if (!this.fast) {
      return { ...base, code: response.status, size: response.body.size, headerSize: head, data: () => response.body.text() };
    }
    if (this.o.http10) {
      // In HTTP/1.0 mode the fast client parses nothing: every reply counts as a 200 read to close.
      this.close();
      return { ...base, code: 200, size: Math.min(total, this.bufferBytes), headerSize: 0, data: () => headText(response) + response.body.text() };
    }

    const stale = this.pending;
    this.pending = undefined;
    if (stale) {
      // The first bytes read are the rest of the previous page: fortio parses a "status" out of them.
      const start = bodyFrom(stale.response, stale.offset, Math.min(stale.bytes, RETCODE_OFFSET + 3));
      const first = (start + headText(response)).slice(0, RETCODE_OFFSET + 3);
      const code = parseDecimal(first.slice(RETCODE_OFFSET, RETCODE_OFFSET + 3));
      logs.push({ level: "W", where: "http_client.go:679", message: `Parsed non ok code ${code} (${first})` });
      this.close();
      const size = Math.min(stale.bytes + total, this.bufferBytes);
      return { ...base, code, size, headerSize: 0, data: () => bodyFrom(stale.response, stale.offset, stale.bytes) + headText(response) };
    }
    if (response.status !== 200) {
      logs.push({ level: "W", where: "http_client.go:679", message: `Parsed non ok code ${response.status} (HTTP/1.1 ${response.status})` });
      this.close();
      return { ...base, code: response.status, size: Math.min(total, this.bufferBytes), headerSize: 0, data: () => headText(response) + response.body.text() };
    }
    const length = contentLength(response.headers);
    if (length === undefined) {
      logs.push({ level: "W", where: "http_client.go:737", message: `Warning: content-length missing (${head} bytes headers)` });
      this.close();
      if (total > this.bufferBytes) {
        logs.push({ level: "E", where: "http_client.go:758", message: `More data is available but stopping after ${this.bufferBytes}, increase -httpbufferkb` });
      }
      return { ...base, code: 200, size: Math.min(total, this.bufferBytes), headerSize: head, data: () => headText(response) + response.body.text() };
    }
    if (head + length > this.bufferBytes) {
      logs.push({
        level: "W",
        where: "http_client.go:743",
        message: `Buffer is too small for headers ${head} + data ${length} - change -httpbufferkb flag to at least ${Math.floor((head + length) / 1024) + 1}`,
      });
      const read = this.bufferBytes - head;
      if (this.o.keepAlive) this.pending = { response, offset: read, bytes: head + length - this.bufferBytes };
      else this.close();
      return { ...base, code: 200, size: this.bufferBytes, headerSize: head, data: () => headText(response) + bodyFrom(response, 0, read) };
    }
    if (!this.o.keepAlive) this.close();
    return { ...base, code: 200, size: head + length, headerSize: head, data: () => headText(response) + response.body.text() };
  }

  private close(): void {
    this.connected = false;
    this.pending = undefined;
  }
}
