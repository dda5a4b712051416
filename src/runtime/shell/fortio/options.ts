/**
 * fortio's command line: the command word (`load`, `curl`, `version`, `help`...), then Go
 * `flag` parsing (single or double dash, `-name=value` or `-name value`, bools without a value,
 * parsing stops at the first non-flag), then fortio's own checks, each failure with the text and
 * exit status fortio 1.3.1 gives.
 */
import { parseGoDuration } from "../../config/validation/goDuration.ts";
import { FLAG_BY_NAME, FORTIO_VERSION, LOG_LEVELS, fortioUsage, goFlagUsage, type FlagSpec } from "./flags.ts";

export type LogLevel = (typeof LOG_LEVELS)[number];

/** The flags the lab's load and curl act on (-H too); fortio's others parse but change nothing here. */
const EMULATED_FLAGS = new Set([
  "quiet", "loglevel", "p", "curl", "qps", "c", "t", "n", "r", "allow-initial-errors", "abort-on", "logcaller",
  "httpbufferkb", "keepalive", "http1.0", "stdclient", "L", "timeout", "user", "payload", "content-type",
]);

export interface FortioOptions {
  /** Flags given that have no effect in the lab (`-json`, `-a`, server flags...): the run says so. */
  ignoredFlags: string[];
  /** `fortio curl URL` or `fortio load -curl URL`: one fetch, the body to stdout. */
  justCurl: boolean;
  url: string;
  qps: number;
  connections: number;
  /** -t in µs; 0 or less runs until interrupted. */
  durationMicros: number;
  /** -n: exact number of calls (0: use -t). */
  exactly: number;
  percentiles: number[];
  resolution: number;
  headers: { name: string; value: string }[];
  hostOverride?: string;
  allowInitialErrors: boolean;
  abortOn: number;
  /** Index into LOG_LEVELS (Debug 0 ... Fatal 6). */
  logLevel: number;
  /** `-loglevel X` given: fortio logs the change first. */
  logLevelChanged: boolean;
  logCaller: boolean;
  bufferKb: number;
  keepAlive: boolean;
  http10: boolean;
  stdClient: boolean;
  timeoutMicros: number;
  user?: string;
  payload: string;
  contentType: string;
}

export type ParsedFortio =
  | { kind: "run"; options: FortioOptions }
  | { kind: "exit"; stdout: string; stderr: string; exitCode: number };

const exit = (stderr: string, exitCode: number, stdout = ""): ParsedFortio => ({ kind: "exit", stdout, stderr, exitCode });

/** Go's flag.failf: the error, then the default usage; ExitOnError exits 2. */
const flagError = (message: string): ParsedFortio => exit(`${message}\n${goFlagUsage()}`, 2);

/** fortio's usageErr: its usage with the message at the end, exit 1. */
const usageError = (message: string): ParsedFortio => exit(fortioUsage(message), 1);

const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:inf|infinity)$/i;

function parseFloatGo(value: string): number | string {
  if (!FLOAT.test(value)) return `strconv.ParseFloat: parsing ${JSON.stringify(value)}: invalid syntax`;
  const v = /inf/i.test(value) ? (value.startsWith("-") ? -Infinity : Infinity) : Number(value);
  return Number.isFinite(v) || /inf/i.test(value) ? v : `strconv.ParseFloat: parsing ${JSON.stringify(value)}: value out of range`;
}

/** strconv.ParseInt(s, 0, 64): decimal, 0x hex, leading-0 octal. */
function parseIntGo(value: string, unsigned: boolean): number | string {
  const fn = unsigned ? "strconv.ParseUint" : "strconv.ParseInt";
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(value);
  if (!m || (unsigned && m[1])) return `${fn}: parsing ${JSON.stringify(value)}: invalid syntax`;
  const digits = m[2];
  const magnitude = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.length > 1 && digits[0] === "0" ? parseInt(digits, 8) : Number(digits);
  if (magnitude > Number.MAX_SAFE_INTEGER) return `${fn}: parsing ${JSON.stringify(value)}: value out of range`;
  return m[1] === "-" ? -magnitude : magnitude;
}

function parseBoolGo(value: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(value)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(value)) return false;
  return undefined;
}

/** stats.ParsePercentiles. */
function parsePercentiles(text: string): number[] | string {
  const out: number[] = [];
  for (const part of text.split(",")) {
    const p = part.trim();
    if (!p) continue;
    const v = parseFloatGo(p);
    if (typeof v === "string") return v;
    out.push(v);
  }
  return out.length ? out : "list can't be empty";
}

interface Values {
  [name: string]: string | boolean | number | undefined;
}

function defaults(): FortioOptions {
  return {
    ignoredFlags: [],
    justCurl: false,
    url: "",
    qps: 8,
    connections: 4,
    durationMicros: 5_000_000,
    exactly: 0,
    percentiles: [50, 75, 90, 99, 99.9],
    resolution: 0.001,
    headers: [],
    allowInitialErrors: false,
    abortOn: 0,
    logLevel: 2,
    logLevelChanged: false,
    logCaller: true,
    bufferKb: 128,
    keepAlive: true,
    http10: false,
    stdClient: false,
    timeoutMicros: 15_000_000,
    payload: "",
    contentType: "",
  };
}

/** Applies one flag's value; returns Go's error text for a value the flag's type rejects. */
function setFlag(o: FortioOptions, values: Values, spec: FlagSpec, value: string): string | undefined {
  switch (spec.kind) {
    case "bool": {
      const b = parseBoolGo(value);
      if (b === undefined) return `strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`;
      values[spec.name] = b;
      return undefined;
    }
    case "int":
    case "uint": {
      const n = parseIntGo(value, spec.kind === "uint");
      if (typeof n === "string") return n;
      values[spec.name] = n;
      return undefined;
    }
    case "float": {
      const n = parseFloatGo(value);
      if (typeof n === "string") return n;
      values[spec.name] = n;
      return undefined;
    }
    case "duration": {
      const d = parseGoDuration(value);
      if ("error" in d) return d.error;
      values[spec.name] = d.nanos / 1000;
      return undefined;
    }
    case "header": {
      const colon = value.indexOf(":");
      if (colon < 0) return `invalid extra header '${value}', expecting Key: Value`;
      const name = value.slice(0, colon).trim();
      const v = value.slice(colon + 1).trim();
      if (name.toLowerCase() === "host") o.hostOverride = v;
      else o.headers.push({ name, value: v });
      return undefined;
    }
    case "loglevel": {
      const level = LOG_LEVELS.findIndex((l) => l.toLowerCase() === value.toLowerCase());
      if (level < 0) return `invalid log level ${JSON.stringify(value)}`;
      values.loglevel = level;
      return undefined;
    }
    case "string":
    case "proxy":
      values[spec.name] = value;
      return undefined;
  }
}

export function parseFortioArgs(argv: readonly string[]): ParsedFortio {
  // bincommon.SharedMain looks at the first word before any flag parsing.
  const first = argv[0];
  if (first === undefined) return usageError("Error: need at least 1 command parameter");
  if (first.includes("version")) {
    // `version -s` is the short form; the long one adds build details the lab does not have.
    return exit("", 0, `${FORTIO_VERSION}\n`);
  }
  if (first.includes("help")) return exit("", 0, fortioUsage());

  const command = first;
  const args = argv.slice(1);
  const o = defaults();
  const values: Values = {};
  let i = 0;
  while (i < args.length) {
    const s = args[i];
    if (s.length < 2 || s[0] !== "-") break;
    let dashes = 1;
    if (s[1] === "-") {
      dashes = 2;
      if (s.length === 2) {
        i++;
        break;
      }
    }
    let name = s.slice(dashes);
    if (name === "" || name[0] === "-" || name[0] === "=") return flagError(`bad flag syntax: ${s}`);
    i++;
    let value: string | undefined;
    const eq = name.indexOf("=", 1);
    if (eq > 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const spec = FLAG_BY_NAME.get(name);
    if (!spec) {
      if (name === "help" || name === "h") return exit(goFlagUsage(), 2);
      return flagError(`flag provided but not defined: -${name}`);
    }
    if (spec.kind === "bool") {
      const err = setFlag(o, values, spec, value ?? "true");
      if (err) return flagError(`invalid boolean value ${JSON.stringify(value)} for -${name}: ${err}`);
      continue;
    }
    if (value === undefined) {
      if (i >= args.length) return flagError(`flag needs an argument: -${name}`);
      value = args[i++];
    }
    const err = setFlag(o, values, spec, value);
    if (err) return flagError(`invalid value ${JSON.stringify(value)} for flag -${name}: ${err}`);
  }
  const positional = args.slice(i);

  if (values.quiet === true) o.logLevel = 4;
  if (typeof values.loglevel === "number") {
    o.logLevel = values.loglevel;
    o.logLevelChanged = true;
  }
  const percentiles = parsePercentiles(typeof values.p === "string" ? values.p : "50,75,90,99,99.9");
  if (typeof percentiles === "string") return usageError(`Unable to extract percentiles from -p:  ${percentiles}`);
  o.percentiles = percentiles;

  if (command !== "load" && command !== "curl") {
    if (["server", "report", "redirect", "grpcping"].includes(command)) {
      return exit(`fortio ${command}: not available in this lab (only load and curl are)\n`, 1);
    }
    return usageError(`Error: unknown command  ${command}`);
  }
  if (positional.length !== 1) return usageError("Error: fortio load/curl needs a url or destination");

  o.justCurl = command === "curl" || values.curl === true;
  o.url = positional[0].replace(/^[ \t\r\n]+/, "");
  if (typeof values.qps === "number") o.qps = values.qps;
  if (typeof values.c === "number") o.connections = values.c;
  if (typeof values.t === "number") o.durationMicros = values.t;
  if (typeof values.n === "number") o.exactly = values.n;
  if (typeof values.r === "number") o.resolution = values.r;
  if (values["allow-initial-errors"] === true) o.allowInitialErrors = true;
  if (typeof values["abort-on"] === "number") o.abortOn = values["abort-on"];
  if (values.logcaller === false) o.logCaller = false;
  if (typeof values.httpbufferkb === "number") o.bufferKb = values.httpbufferkb;
  if (values.keepalive === false) o.keepAlive = false;
  if (values["http1.0"] === true) o.http10 = true;
  if (values.stdclient === true || values.L === true) o.stdClient = true;
  if (typeof values.timeout === "number") o.timeoutMicros = values.timeout;
  if (typeof values.user === "string" && values.user) o.user = values.user;
  if (typeof values.payload === "string") o.payload = values.payload;
  if (typeof values["content-type"] === "string") o.contentType = values["content-type"];
  o.ignoredFlags = Object.keys(values).filter((name) => !EMULATED_FLAGS.has(name)).map((name) => `-${name}`);
  return { kind: "run", options: o };
}
