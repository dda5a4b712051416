/**
 * curl 7.35.0's command line: the option table and the argument parser.
 *
 * The table lists every long option 7.35 knows (src/tool_getparam.c of that release), even the
 * ones the lab ignores, because curl accepts any unambiguous prefix of a long option name
 * (`--sil` is `--silent`) and whether a prefix is ambiguous depends on the whole table.
 */

/** What one option does in the lab. `ignored` options are parsed (and their argument consumed) but change nothing. */
type OptionId =
  | "url" | "silent" | "show-error" | "location" | "location-trusted" | "max-redirs" | "output" | "remote-name"
  | "remote-name-all" | "write-out" | "dump-header" | "include" | "head" | "verbose" | "header" | "request"
  | "data" | "data-ascii" | "data-binary" | "data-urlencode" | "get" | "user-agent" | "referer" | "insecure"
  | "max-time" | "connect-timeout" | "fail" | "user" | "http1.0" | "http1.1" | "compressed" | "progress-bar"
  | "help" | "manual" | "version" | "cookie" | "post301" | "post302" | "post303" | "ignored";

interface OptionSpec {
  /** Long name without `--`. */
  long: string;
  /** Single letter, when the option has one. */
  short?: string;
  takesArg: boolean;
  id: OptionId;
}

function opt(long: string, takesArg: boolean, id: OptionId = "ignored", short?: string): OptionSpec {
  return { long, takesArg, id, short };
}

/** 7.35's long options, in its table order (order matters only for error-free lookups; prefixes use the whole set). */
const OPTIONS: readonly OptionSpec[] = [
  opt("url", true, "url"), opt("random-file", true), opt("egd-file", true), opt("oauth2-bearer", true),
  opt("connect-timeout", true, "connect-timeout"), opt("ciphers", true), opt("dns-interface", true),
  opt("disable-epsv", false), opt("epsv", false), opt("dns-servers", true), opt("trace", true),
  opt("trace-ascii", true), opt("limit-rate", true), opt("compressed", false, "compressed"),
  opt("tr-encoding", false), opt("digest", false), opt("negotiate", false), opt("ntlm", false),
  opt("ntlm-wb", false), opt("basic", false), opt("anyauth", false), opt("ftp-create-dirs", false),
  opt("create-dirs", false), opt("max-redirs", true, "max-redirs"), opt("proxy-ntlm", false), opt("crlf", false),
  opt("stderr", true), opt("interface", true), opt("krb", true), opt("krb4", true), opt("max-filesize", true),
  opt("disable-eprt", false), opt("eprt", false), opt("xattr", false), opt("ftp-ssl", false), opt("ssl", false),
  opt("ftp-pasv", false), opt("socks5", true), opt("socks", true), opt("tcp-nodelay", false),
  opt("proxy-digest", false), opt("proxy-basic", false), opt("retry", true), opt("retry-delay", true),
  opt("retry-max-time", true), opt("proxy-negotiate", false), opt("ftp-account", true), opt("proxy-anyauth", false),
  opt("trace-time", false), opt("ignore-content-length", false), opt("ftp-skip-pasv-ip", false),
  opt("ftp-method", true), opt("local-port", true), opt("socks4", true), opt("socks4a", true),
  opt("ftp-alternative-to-user", true), opt("ftp-ssl-reqd", false), opt("ssl-reqd", false), opt("sessionid", false),
  opt("ftp-ssl-control", false), opt("ftp-ssl-ccc", false), opt("ftp-ssl-ccc-mode", true), opt("libcurl", true),
  opt("raw", false), opt("post301", false, "post301"), opt("keepalive", false), opt("socks5-hostname", true),
  opt("keepalive-time", true), opt("post302", false, "post302"), opt("noproxy", true),
  opt("socks5-gssapi-service", true), opt("socks5-gssapi-nec", false), opt("proxy1.0", true),
  opt("tftp-blksize", true), opt("mail-from", true), opt("mail-rcpt", true), opt("ftp-pret", false),
  opt("proto", true), opt("proto-redir", true), opt("resolve", true), opt("delegation", true),
  opt("mail-auth", true), opt("post303", false, "post303"), opt("metalink", false), opt("sasl-ir", false),
  opt("test-event", false), opt("dns-ipv4-addr", true), opt("dns-ipv6-addr", true),
  opt("http1.0", false, "http1.0", "0"), opt("http1.1", false, "http1.1"), opt("http2.0", false),
  opt("tlsv1", false, "ignored", "1"), opt("tlsv1.0", false), opt("tlsv1.1", false), opt("tlsv1.2", false),
  opt("sslv2", false, "ignored", "2"), opt("sslv3", false, "ignored", "3"), opt("ipv4", false, "ignored", "4"),
  opt("ipv6", false, "ignored", "6"), opt("append", false, "ignored", "a"), opt("user-agent", true, "user-agent", "A"),
  opt("cookie", true, "cookie", "b"), opt("use-ascii", false, "ignored", "B"), opt("cookie-jar", true, "ignored", "c"),
  opt("continue-at", true, "ignored", "C"), opt("data", true, "data", "d"), opt("data-ascii", true, "data-ascii"),
  opt("data-binary", true, "data-binary"), opt("data-urlencode", true, "data-urlencode"),
  opt("dump-header", true, "dump-header", "D"), opt("referer", true, "referer", "e"), opt("cert", true, "ignored", "E"),
  opt("cacert", true), opt("cert-type", true), opt("key", true), opt("key-type", true), opt("pass", true),
  opt("engine", true), opt("capath", true), opt("pubkey", true), opt("hostpubmd5", true), opt("crlfile", true),
  opt("tlsuser", true), opt("tlspassword", true), opt("tlsauthtype", true), opt("ssl-allow-beast", false),
  opt("fail", false, "fail", "f"), opt("form", true, "ignored", "F"), opt("form-string", true),
  opt("globoff", false, "ignored", "g"), opt("get", false, "get", "G"), opt("help", false, "help", "h"),
  opt("header", true, "header", "H"), opt("include", false, "include", "i"), opt("head", false, "head", "I"),
  opt("junk-session-cookies", false, "ignored", "j"), opt("remote-header-name", false, "ignored", "J"),
  opt("insecure", false, "insecure", "k"), opt("config", true, "ignored", "K"), opt("list-only", false, "ignored", "l"),
  opt("location", false, "location", "L"), opt("location-trusted", false, "location-trusted"),
  opt("max-time", true, "max-time", "m"), opt("manual", false, "manual", "M"), opt("netrc", false, "ignored", "n"),
  opt("netrc-optional", false), opt("netrc-file", true), opt("buffer", false, "ignored", "N"),
  opt("output", true, "output", "o"), opt("remote-name", false, "remote-name", "O"),
  opt("remote-name-all", false, "remote-name-all"), opt("proxytunnel", false, "ignored", "p"),
  opt("ftpport", true, "ignored", "P"), opt("ftp-port", true), opt("disable", false, "ignored", "q"),
  opt("quote", true, "ignored", "Q"), opt("range", true, "ignored", "r"), opt("remote-time", false, "ignored", "R"),
  opt("silent", false, "silent", "s"), opt("show-error", false, "show-error", "S"),
  opt("telnet-options", true, "ignored", "t"), opt("telnet-option", true), opt("upload-file", true, "ignored", "T"),
  opt("user", true, "user", "u"), opt("proxy-user", true, "ignored", "U"), opt("verbose", false, "verbose", "v"),
  opt("version", false, "version", "V"), opt("write-out", true, "write-out", "w"), opt("proxy", true, "ignored", "x"),
  opt("request", true, "request", "X"), opt("http-request", true, "request"), opt("speed-limit", true, "ignored", "Y"),
  opt("speed-time", true, "ignored", "y"), opt("time-cond", true, "ignored", "z"),
  opt("progress-bar", false, "progress-bar", "#"), opt("login-options", true),
];

const BY_SHORT = new Map<string, OptionSpec>();
for (const o of OPTIONS) if (o.short) BY_SHORT.set(o.short, o);

/** How a body part given with -d and friends is to be read and encoded. */
export interface DataPart {
  kind: "ascii" | "binary" | "urlencode";
  value: string;
}

export interface UrlJob {
  url: string;
  /** -o FILE for this URL (`-` is stdout). */
  output?: string;
  /** -O: name the file after the URL's last path segment. */
  remoteName?: boolean;
}

export interface CurlOptions {
  jobs: UrlJob[];
  silent: boolean;
  showError: boolean;
  follow: boolean;
  /** --location-trusted: send credentials to other hosts after a redirect. */
  trustedFollow: boolean;
  maxRedirs: number;
  writeOut?: string;
  dumpHeader?: string;
  include: boolean;
  head: boolean;
  verbose: boolean;
  headers: string[];
  customRequest?: string;
  data: DataPart[];
  useGet: boolean;
  /** undefined: curl's default agent; "": no User-Agent header. */
  userAgent?: string;
  referer?: string;
  cookie?: string;
  insecure: boolean;
  maxTimeSeconds?: number;
  connectTimeoutSeconds?: number;
  fail: boolean;
  user?: string;
  http10: boolean;
  compressed: boolean;
  progressBar: boolean;
  remoteNameAll: boolean;
  /** 301/302/303 keep POST (--post30x). */
  keepPost: { 301: boolean; 302: boolean; 303: boolean };
}

export type ParseOutcome =
  | { kind: "run"; options: CurlOptions; warnings: string[] }
  | { kind: "help" }
  | { kind: "manual" }
  | { kind: "version" }
  /** A usage error: curl prints `curl: option X: <text>` plus the "try --help" line and exits 2. */
  | { kind: "error"; message: string; warnings: string[] };

function defaults(): CurlOptions {
  return {
    jobs: [], silent: false, showError: false, follow: false, trustedFollow: false, maxRedirs: 50,
    include: false, head: false, verbose: false, headers: [], data: [], useGet: false, insecure: false,
    fail: false, http10: false, compressed: false, progressBar: false, remoteNameAll: false,
    keepPost: { 301: false, 302: false, 303: false },
  };
}

/** tool_getparam.c's param2text wording. */
const PARAM_TEXT = {
  unknown: "is unknown",
  ambiguous: "is ambiguous",
  requiresParameter: "requires parameter",
  badUse: "is badly used here",
  badNumeric: "expected a proper numerical parameter",
} as const;

type ParamError = keyof typeof PARAM_TEXT;

/** strtol/strtod-style: the whole string must be a number. */
function parseWholeNumber(text: string, integer: boolean): number | undefined {
  const re = integer ? /^\s*[+-]?\d+$/ : /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  if (!re.test(text)) return undefined;
  return Number(text);
}

/** The HTTP request kind, as SetHTTPrequest tracks it to refuse -I together with -d. */
type RequestKind = "unset" | "get" | "head" | "post";

class Parser {
  readonly o = defaults();
  readonly warnings: string[] = [];
  private requestKind: RequestKind = "unset";

  /** SetHTTPrequest: -I and -d (or -F) cannot be combined. */
  private setRequestKind(kind: RequestKind): boolean {
    if (this.requestKind === "unset" || this.requestKind === kind) {
      this.requestKind = kind;
      return true;
    }
    this.warnings.push("Warning: You can only select one HTTP request!");
    return false;
  }

  /** -o/-O and URLs fill the same list of slots in order, as curl's getout nodes do. */
  private readonly slots: { url?: string; output?: string; remoteName?: boolean }[] = [];

  private slotForOutput(): { output?: string; remoteName?: boolean } {
    const free = this.slots.find((j) => j.output === undefined && !j.remoteName);
    if (free) return free;
    const slot = {};
    this.slots.push(slot);
    return slot;
  }

  addUrl(url: string): void {
    const free = this.slots.find((j) => j.url === undefined);
    if (free) free.url = url;
    else this.slots.push({ url });
  }

  /** The URL jobs; output options without a URL are dropped. */
  jobs(): UrlJob[] {
    const jobs: UrlJob[] = [];
    for (const { url, output, remoteName } of this.slots) {
      if (url === undefined) continue;
      const job: UrlJob = { url };
      if (output !== undefined) job.output = output;
      if (remoteName || (this.o.remoteNameAll && output === undefined)) job.remoteName = true;
      jobs.push(job);
    }
    return jobs;
  }

  /** Applies one option; returns an error kind, a terminal outcome, or undefined when fine. */
  apply(spec: OptionSpec, toggle: boolean, arg: string | undefined): ParamError | ParseOutcome | undefined {
    const o = this.o;
    const value = arg ?? "";
    switch (spec.id) {
      case "url": this.addUrl(value); break;
      case "silent": o.silent = toggle; break;
      case "show-error": o.showError = toggle; break;
      case "location": o.follow = toggle; break;
      case "location-trusted": o.follow = toggle; o.trustedFollow = toggle; break;
      case "max-redirs": {
        const n = parseWholeNumber(value, true);
        if (n === undefined) return "badNumeric";
        o.maxRedirs = n;
        break;
      }
      case "output": this.slotForOutput().output = value; break;
      case "remote-name": this.slotForOutput().remoteName = toggle; break;
      case "remote-name-all": o.remoteNameAll = toggle; break;
      case "write-out": o.writeOut = value; break;
      case "dump-header": o.dumpHeader = value; break;
      case "include": o.include = toggle; break;
      case "head":
        o.head = toggle;
        if (!this.setRequestKind(toggle ? "head" : "get")) return "badUse";
        break;
      case "verbose": o.verbose = toggle; break;
      case "header": o.headers.push(value); break;
      case "request": o.customRequest = value; break;
      case "data": case "data-ascii": case "data-binary": case "data-urlencode": {
        const kind = spec.id === "data-binary" ? "binary" : spec.id === "data-urlencode" ? "urlencode" : "ascii";
        o.data.push({ kind, value });
        if (!this.setRequestKind("post")) return "badUse";
        break;
      }
      case "get": o.useGet = toggle; break;
      case "user-agent": o.userAgent = value; break;
      case "referer": o.referer = value; break;
      case "cookie": o.cookie = value; break;
      case "insecure": o.insecure = toggle; break;
      case "max-time": case "connect-timeout": {
        const n = parseWholeNumber(value, false);
        if (n === undefined) return "badNumeric";
        if (spec.id === "max-time") o.maxTimeSeconds = n;
        else o.connectTimeoutSeconds = n;
        break;
      }
      case "fail": o.fail = toggle; break;
      case "user": o.user = value; break;
      case "http1.0": o.http10 = toggle; break;
      case "http1.1": o.http10 = false; break;
      case "compressed": o.compressed = toggle; break;
      case "progress-bar": o.progressBar = toggle; break;
      case "post301": o.keepPost[301] = toggle; break;
      case "post302": o.keepPost[302] = toggle; break;
      case "post303": o.keepPost[303] = toggle; break;
      case "help": return { kind: "help" };
      case "manual": return { kind: "manual" };
      case "version": return { kind: "version" };
      case "ignored": break;
    }
    return undefined;
  }
}

/** Long-name lookup as 7.35 does it: an exact match wins, otherwise a unique prefix. */
function lookupLong(word: string): OptionSpec | "unknown" | "ambiguous" {
  let hit: OptionSpec | undefined;
  let hits = 0;
  for (const o of OPTIONS) {
    if (o.long === word) return o;
    if (o.long.startsWith(word)) {
      // Aliases pointing at the same option (`--ftp-port`/`--ftpport`) are still two table rows in curl.
      hits++;
      hit = o;
    }
  }
  if (hits > 1) return "ambiguous";
  return hit ?? "unknown";
}

function usageError(word: string, err: ParamError, warnings: string[]): ParseOutcome {
  return { kind: "error", message: `option ${word}: ${PARAM_TEXT[err]}`, warnings };
}

/** Parses curl's argv (without the program name). */
export function parseCurlArgs(args: readonly string[]): ParseOutcome {
  const p = new Parser();
  let stillFlags = true;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (!(stillFlags && word.startsWith("-") && word !== "-")) {
      p.addUrl(word);
      continue;
    }
    if (word === "--") {
      // "--" ends the options, so a URL may start with a dash.
      stillFlags = false;
      continue;
    }
    const next = i + 1 < args.length ? args[i + 1] : undefined;
    if (word.startsWith("--")) {
      let name = word.slice(2);
      let toggle = true;
      if (name.startsWith("no-")) {
        name = name.slice(3);
        toggle = false;
      }
      const spec = lookupLong(name);
      if (spec === "unknown" || spec === "ambiguous") return usageError(word, spec, p.warnings);
      let arg: string | undefined;
      if (spec.takesArg) {
        if (next === undefined) return usageError(word, "requiresParameter", p.warnings);
        arg = next;
        i++;
      }
      const r = p.apply(spec, toggle, arg);
      if (typeof r === "string") return usageError(word, r, p.warnings);
      if (r) return r;
      continue;
    }
    // A cluster of short options: boolean letters combine, the first letter taking an argument
    // uses the rest of the word, or the next word when nothing is left.
    for (let j = 1; j < word.length; j++) {
      const spec = BY_SHORT.get(word[j]);
      if (!spec) return usageError(word, "unknown", p.warnings);
      let arg: string | undefined;
      if (spec.takesArg) {
        if (j + 1 < word.length) arg = word.slice(j + 1);
        else if (next !== undefined) {
          arg = next;
          i++;
        } else return usageError(word, "requiresParameter", p.warnings);
      }
      const r = p.apply(spec, true, arg);
      if (typeof r === "string") return usageError(word, r, p.warnings);
      if (r) return r;
      if (spec.takesArg) break;
    }
  }
  const options = p.o;
  options.jobs = p.jobs();
  return { kind: "run", options, warnings: p.warnings };
}
