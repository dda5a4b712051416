/**
 * The request curl 7.35 writes for one hop (lib/http.c Curl_http and Curl_add_custom_headers):
 * which built-in headers it sends, in which order, and how `-H` replaces or removes them.
 */
import { utf8Length } from "../../internet/lazy-body.ts";
import { hostHeaderValue, type CurlUrl } from "./url.ts";

export const CURL_USER_AGENT = "curl/7.35.0";

/** A request header as sent; `raw` is the exact line (custom headers keep the user's spacing). */
export interface RequestHeader {
  name: string;
  value: string;
  raw: string;
}

export interface HopRequestSettings {
  /** `-H` lines, as typed. */
  customHeaders: readonly string[];
  /** undefined: curl's default; "" sends none. */
  userAgent?: string;
  referer?: string;
  cookie?: string;
  compressed: boolean;
  /** `Basic xxx`, when -u or URL credentials apply to this host. */
  authorization?: string;
  /** Body of a POST made with -d; undefined when the request has none. */
  postBody?: string;
  /**
   * A custom `Host:` is only honoured on the first request or a redirect to the same host
   * ("setting Host: in the redirected request is being out on thin ice").
   */
  allowCustomHost: boolean;
}

function header(name: string, value: string): RequestHeader {
  return { name, value, raw: `${name}: ${value}` };
}

/** Curl_checkheaders: does a custom header start with `Name:` (case-insensitive)? */
function customHas(custom: readonly string[], name: string): boolean {
  const prefix = name.toLowerCase() + ":";
  return custom.some((h) => h.slice(0, prefix.length).toLowerCase() === prefix);
}

/**
 * Custom headers that make it onto the wire: `Name: value` as typed; `Name:` with no value only
 * removes the built-in one; `Name;` sends an empty header; a line with neither is ignored.
 */
function customLines(custom: readonly string[], skipHost: boolean): RequestHeader[] {
  const out: RequestHeader[] = [];
  for (const line of custom) {
    const colon = line.indexOf(":");
    if (colon >= 0) {
      const value = line.slice(colon + 1).replace(/^\s+/, "");
      if (value === "") continue;
      const name = line.slice(0, colon);
      if (skipHost && name.toLowerCase() === "host") continue;
      out.push({ name, value: value.replace(/\s+$/, ""), raw: line });
      continue;
    }
    const semi = line.indexOf(";");
    if (semi >= 0 && line.slice(semi + 1).trim() === "") {
      const name = line.slice(0, semi).replace(/\s+$/, "");
      out.push({ name, value: "", raw: `${line.slice(0, semi)}:` });
    }
  }
  return out;
}

/** The headers of one request, in 7.35's order. */
export function buildRequestHeaders(url: CurlUrl, s: HopRequestSettings): RequestHeader[] {
  const custom = s.customHeaders;
  const headers: RequestHeader[] = [];
  if (s.authorization && !customHas(custom, "Authorization")) headers.push(header("Authorization", s.authorization));
  const agent = s.userAgent ?? CURL_USER_AGENT;
  if (agent !== "" && !customHas(custom, "User-Agent")) headers.push(header("User-Agent", agent));
  const customHost = customHas(custom, "Host") && s.allowCustomHost;
  if (!customHost) headers.push(header("Host", hostHeaderValue(url)));
  if (!customHas(custom, "Accept")) headers.push(header("Accept", "*/*"));
  if (s.compressed && !customHas(custom, "Accept-Encoding")) headers.push(header("Accept-Encoding", "deflate, gzip"));
  if (s.referer !== undefined && !customHas(custom, "Referer")) headers.push(header("Referer", s.referer));
  if (s.cookie !== undefined && !customHas(custom, "Cookie")) headers.push(header("Cookie", s.cookie));
  headers.push(...customLines(custom, !customHost));
  if (s.postBody !== undefined) {
    if (!customHas(custom, "Content-Length")) headers.push(header("Content-Length", String(utf8Length(s.postBody))));
    if (!customHas(custom, "Content-Type")) {
      headers.push(header("Content-Type", "application/x-www-form-urlencoded"));
    }
  }
  return headers;
}

/** The request as curl writes it on the wire (and shows after `> ` with -v): CRLF line ends. */
export function requestHeadText(method: string, path: string, http10: boolean, headers: readonly RequestHeader[]): string {
  let text = `${method} ${path} HTTP/${http10 ? "1.0" : "1.1"}\r\n`;
  for (const h of headers) text += h.raw + "\r\n";
  return text + "\r\n";
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** `Basic base64(user:password)` of the UTF-8 bytes (no btoa: the runtime has no DOM). */
export function basicAuthorization(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : "=";
    out += i + 2 < bytes.length ? B64[n & 63] : "=";
  }
  return `Basic ${out}`;
}
