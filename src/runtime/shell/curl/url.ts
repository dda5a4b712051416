/**
 * URLs as curl 7.35 reads them (lib/url.c parseurlandfillconn/parse_remote_port, lib/transfer.c
 * concat_url/strcpy_url). 7.35 predates the URL API: it splits the string with two sscanf
 * patterns, guesses a missing scheme from the host name, moves a `?query` typed without a slash
 * into the path, and silently drops a `:` with no digits after it. We follow those rules, quirks
 * included, because users see their consequences in curl's messages.
 */

export interface CurlUrl {
  /** Lower-case scheme: `http`, `https` or `file`. */
  scheme: "http" | "https" | "file";
  /** Host as written in the URL (without userinfo and port). Brackets kept for IPv6 literals. */
  host: string;
  port: number;
  /** Path and query sent on the request line (no fragment); for file: the file path. */
  path: string;
  user?: string;
  password?: string;
  /** %{url_effective}: the URL with the guessed scheme prefixed and a missing `/` inserted. */
  effective: string;
  /** Set when curl prints `* Rebuilt URL to: ...` (a path slash had to be added). */
  rebuiltTo?: string;
}

export type UrlParse = { ok: true; url: CurlUrl } | { ok: false; code: number; message: string };

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443 };

const MALFORMED: UrlParse = { ok: false, code: 3, message: "<url> malformed" };

/** Guessed scheme for a URL typed without one, from the host's first label (7.35 list). */
function guessScheme(host: string): string {
  const lower = host.toLowerCase();
  if (lower.startsWith("ftp.")) return "ftp";
  if (lower.startsWith("dict.")) return "dict";
  if (lower.startsWith("ldap.")) return "ldap";
  if (lower.startsWith("imap.")) return "imap";
  return "http";
}

function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function parseFileUrl(rest: string, input: string): UrlParse {
  let path = rest;
  if (path.startsWith("//")) path = path.slice(2);
  if (!path.startsWith("/")) {
    // file://host/path: the host is ignored; two slashes after it mean an absolute path.
    const slash = path.indexOf("/");
    if (slash >= 0) path = path[slash + 1] === "/" ? path.slice(slash + 1) : path.slice(slash);
  }
  const hash = path.indexOf("#");
  if (hash >= 0) path = path.slice(0, hash);
  return { ok: true, url: { scheme: "file", host: "", port: 0, path: percentDecode(path), effective: input } };
}

/** Splits `http://host:port/path?query#frag` the way 7.35 does. */
export function parseCurlUrl(input: string): UrlParse {
  const fileMatch = /^([^:]{1,15}):([^\n]+)/.exec(input);
  if (fileMatch && fileMatch[1].toLowerCase() === "file") return parseFileUrl(fileMatch[2], input);

  let schemeText: string;
  let hostPart: string;
  let path: string;
  let schemeMissing = false;
  const withScheme = /^([^\n:]{1,15}):\/\/([^\n/?]+)([^\n]*)/.exec(input);
  if (withScheme) {
    [, schemeText, hostPart, path] = withScheme;
  } else {
    const bare = /^([^\n/?]+)([^\n]*)/.exec(input);
    if (!bare) return MALFORMED;
    [, hostPart, path] = bare;
    schemeText = guessScheme(hostPart);
    schemeMissing = true;
  }

  // `http://example.com?x=1`: the query is still in the host part; move it into the path.
  let rebuilt = false;
  const at = hostPart.indexOf("@");
  const q = hostPart.indexOf("?", at + 1);
  if (q >= 0) {
    path = "/" + hostPart.slice(q) + path;
    hostPart = hostPart.slice(0, q);
    rebuilt = true;
  } else if (path === "") {
    path = "/";
    rebuilt = true;
  }
  if (path[0] === "?") {
    path = "/" + path;
    rebuilt = true;
  }
  // 7.35 rebuilds from what was typed before the path, so a guessed scheme is not shown yet.
  const rebuiltUrl = rebuilt ? (withScheme ? `${schemeText}://${hostPart}${path}` : `${hostPart}${path}`) : input;

  const scheme = schemeText.toLowerCase();
  if (scheme !== "http" && scheme !== "https") {
    return {
      ok: false,
      code: 1,
      message: `Protocol ${schemeText} not supported or disabled in libcurl`,
    };
  }

  // user:password@host
  let user: string | undefined;
  let password: string | undefined;
  let host = hostPart;
  const userAt = host.indexOf("@");
  if (userAt >= 0) {
    const userinfo = host.slice(0, userAt);
    host = host.slice(userAt + 1);
    const colon = userinfo.indexOf(":");
    user = percentDecode(colon >= 0 ? userinfo.slice(0, colon) : userinfo);
    password = colon >= 0 ? percentDecode(userinfo.slice(colon + 1)) : undefined;
  }

  // Port: digits after the last colon (after `]` for IPv6); a colon with no digits is dropped.
  let port = DEFAULT_PORTS[scheme];
  const portSearchStart = host.startsWith("[") ? host.indexOf("]") + 1 : 0;
  const colon = host.indexOf(":", portSearchStart) >= 0 ? host.lastIndexOf(":") : -1;
  if (colon >= 0) {
    const digits = /^\d+/.exec(host.slice(colon + 1));
    const onlyDigits = digits !== null && digits[0].length === host.length - colon - 1;
    if (onlyDigits) {
      const n = Number(digits[0]);
      if (n > 0xffff) return { ok: false, code: 3, message: "Port number out of range" };
      port = n;
      host = host.slice(0, colon);
    } else if (!digits || Number(digits[0]) === 0) {
      // Browser behaviour: `host:` or `host:abc` just uses the default port.
      host = host.slice(0, colon);
    }
  }

  const hash = path.indexOf("#");
  if (hash >= 0) path = path.slice(0, hash);

  const typed = rebuilt ? rebuiltUrl : input;
  return {
    ok: true,
    url: {
      scheme: scheme as "http" | "https",
      host,
      port,
      path,
      user,
      password,
      effective: schemeMissing ? `${scheme}://${typed}` : typed,
      rebuiltTo: rebuilt ? rebuiltUrl : undefined,
    },
  };
}

/** `Host:` header value: the port only when it is not the scheme's default. */
export function hostHeaderValue(url: CurlUrl): string {
  return url.port === DEFAULT_PORTS[url.scheme] ? url.host : `${url.host}:${url.port}`;
}

/** is_absolute_url: a scheme of up to 15 characters followed by `://` and something. */
function isAbsolute(location: string): boolean {
  return /^[^?&/:]{1,15}:\/\/./.test(location);
}

/**
 * strcpy_url: a Location is used as sent, except that spaces become %20 (before `?`) or `+`
 * (after it) and bytes above 0x7f are percent-encoded.
 */
function escapeLocation(location: string): string {
  let out = "";
  let inQuery = false;
  const bytes = new TextEncoder().encode(location);
  for (const b of bytes) {
    if (b === 0x3f) inQuery = true;
    if (b === 0x20) out += inQuery ? "+" : "%20";
    else if (b > 0x7f) out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
    else out += String.fromCharCode(b);
  }
  return out;
}

/** concat_url: resolves a Location header against the URL that returned it. */
export function resolveLocation(base: CurlUrl, location: string): string {
  const loc = escapeLocation(location);
  if (isAbsolute(loc)) return loc;
  const origin = `${base.scheme}://${hostHeaderValue(base)}`;
  if (loc.startsWith("//")) return `${base.scheme}:${loc}`;
  if (loc.startsWith("/")) return origin + loc;
  const basePath = base.path.split("?")[0];
  if (loc.startsWith("?")) return origin + basePath + loc;
  // Relative: drop the last segment, then apply leading ./ and ../ steps.
  let dir = basePath.slice(0, basePath.lastIndexOf("/") + 1);
  let rel = loc;
  for (;;) {
    if (rel.startsWith("./")) rel = rel.slice(2);
    else if (rel.startsWith("../")) {
      rel = rel.slice(3);
      const trimmed = dir.slice(0, -1);
      dir = trimmed.slice(0, trimmed.lastIndexOf("/") + 1) || "/";
    } else break;
  }
  return origin + dir + rel;
}

/** curl_easy_escape: everything but ALPHA / DIGIT / `-._~` becomes %XX (upper-case hex) of its UTF-8 bytes. */
export function curlEscape(text: string): string {
  let out = "";
  for (const b of new TextEncoder().encode(text)) {
    if (isUnreserved(b)) out += String.fromCharCode(b);
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

function isUnreserved(b: number): boolean {
  return (
    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) ||
    b === 0x2d || b === 0x2e || b === 0x5f || b === 0x7e
  );
}
