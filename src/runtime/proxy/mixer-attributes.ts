/**
 * The attribute bags the egress gateway's Mixer filter (istio/proxy 0.8) sends: Check before
 * routing, Report after the response (reference §0, §2.1, §4.4).
 */
import { isHeaderName, lowerHeaderName } from "./header-names.ts";
import type { AttributeBag, AttributeValue, CheckResult, RpcCode } from "../mixer/types.ts";
import type { Header, HttpRequest, HttpResponse } from "./http.ts";
import { utf8Length } from "../internet/lazy-body.ts";
import { LazyStringMap, POSITION, RequestAttributes } from "./request-attributes.ts";
import { scanRequestHeaders, type RequestHeaderFields } from "./request-header-fields.ts";

/** google.rpc.Code numbers, for `check.error_code`. */
const RPC_CODE_NUMBER: Readonly<Record<RpcCode, number>> = {
  OK: 0, CANCELLED: 1, UNKNOWN: 2, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8, FAILED_PRECONDITION: 9, ABORTED: 10, OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12, INTERNAL: 13, UNAVAILABLE: 14, DATA_LOSS: 15, UNAUTHENTICATED: 16,
};

export interface ForwardedSource {
  /** The peer's address (the source pod's IP when a sidecar forwarded the request). */
  ip?: string;
  /** `kubernetes://sleep-6859f9d5cb-l877h.default`, forwarded by the sidecar. */
  uid?: string;
  labels?: Readonly<Record<string, string>>;
}

export interface CheckInputs {
  /** The request as the gateway received it (with the sidecar's headers). */
  request: HttpRequest;
  /** `request`'s headers read by name, when the caller has them. */
  fields?: RequestHeaderFields;
  /** `:authority` */
  authority: string;
  source: ForwardedSource;
  destinationService: string;
  destinationLabels: Readonly<Record<string, string>>;
  destinationUid: string;
  /** The gateway's clock when it builds the Check (µs). */
  timeMicros: number;
}

/**
 * `request.headers` as Mixer sees them: lower-case keys, pseudo-headers included,
 * x-istio-attributes excluded. Built only if an expression (or an explanation) reads them.
 */
class RequestHeaders extends LazyStringMap {
  constructor(private readonly req: HttpRequest, private readonly authority: string) {
    super();
  }

  entry(key: string): string | undefined {
    if (key === "host" || key === "x-istio-attributes") return undefined;
    const req = this.req;
    let value = key === ":authority" ? this.authority : key === ":path" ? req.path : key === ":method" ? req.method : undefined;
    for (const h of req.headers) if (isHeaderName(h.name, key)) value = value === undefined ? h.value : `${value},${h.value}`;
    return value;
  }

  materialize(): Record<string, string> {
    const req = this.req;
    const out: Record<string, string> = { ":authority": this.authority, ":path": req.path, ":method": req.method };
    for (const h of req.headers) {
      const name = lowerHeaderName(h.name);
      if (name === "host" || name === "x-istio-attributes") continue;
      out[name] = out[name] === undefined ? h.value : `${out[name]},${h.value}`;
    }
    return out;
  }
}

function headerBytes(req: HttpRequest): number {
  // Request line + headers + blank line, as they were on the wire.
  let n = req.method.length + req.path.length + 12;
  for (const h of req.headers) n += h.name.length + h.value.length + 4;
  return n + 2;
}

export function checkAttributes(inp: CheckInputs): RequestAttributes {
  const req = inp.request;
  const bodySize = req.body ? utf8Length(req.body) : 0;
  const bag = new RequestAttributes();
  bag.set(POSITION["request.host"], inp.authority);
  bag.set(POSITION["request.path"], req.path);
  bag.set(POSITION["request.method"], req.method);
  bag.set(POSITION["request.headers"], new RequestHeaders(req, inp.authority));
  bag.set(POSITION["request.scheme"], "http");
  const fields = inp.fields ?? scanRequestHeaders(req.headers);
  if (fields.userAgent !== undefined) bag.set(POSITION["request.useragent"], fields.userAgent);
  if (fields.referer !== undefined) bag.set(POSITION["request.referer"], fields.referer);
  bag.set(POSITION["request.time"], inp.timeMicros);
  bag.set(POSITION["request.size"], bodySize);
  bag.set(POSITION["request.total_size"], headerBytes(req) + bodySize);
  if (inp.source.ip) bag.set(POSITION["source.ip"], inp.source.ip);
  if (inp.source.uid) bag.set(POSITION["source.uid"], inp.source.uid);
  if (inp.source.labels) bag.set(POSITION["source.labels"], inp.source.labels);
  bag.set(POSITION["destination.service"], inp.destinationService);
  bag.set(POSITION["destination.labels"], inp.destinationLabels);
  bag.set(POSITION["destination.uid"], inp.destinationUid);
  bag.set(POSITION["connection.mtls"], false);
  bag.set(POSITION["context.protocol"], "http");
  return bag;
}

export interface ReportInputs {
  response: HttpResponse;
  /** Gateway-side duration of the whole request (µs); reported in nanoseconds. */
  durationMicros: number;
  /** When the response completed (µs). */
  responseTimeMicros: number;
  check?: CheckResult;
}

/** `response.headers`: lower-case names, the last value of a repeated header wins. */
class ResponseHeaders extends LazyStringMap {
  constructor(private readonly headers: readonly Header[]) {
    super();
  }

  entry(key: string): string | undefined {
    let value: string | undefined;
    for (const h of this.headers) if (isHeaderName(h.name, key)) value = h.value;
    return value;
  }

  materialize(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const h of this.headers) out[lowerHeaderName(h.name)] = h.value;
    return out;
  }
}

/** Adds the response attributes to the Check bag (Report carries both; the bag is not reused). */
export function reportAttributes(bag: RequestAttributes, inp: ReportInputs): AttributeBag {
  bag.set(POSITION["response.code"], inp.response.status);
  bag.set(POSITION["response.size"], inp.response.body.size);
  bag.set(POSITION["response.duration"], inp.durationMicros * 1000);
  bag.set(POSITION["response.time"], inp.responseTimeMicros);
  let headerSize = 17;
  for (const h of inp.response.headers) headerSize += h.name.length + h.value.length + 4;
  bag.set(POSITION["response.headers"], new ResponseHeaders(inp.response.headers));
  bag.set(POSITION["response.total_size"], headerSize + 2 + inp.response.body.size);
  if (inp.check && inp.check.code !== "OK") {
    bag.set(POSITION["check.error_code"], RPC_CODE_NUMBER[inp.check.code] ?? 2);
    bag.set(POSITION["check.error_message"], inp.check.message);
  }
  return bag;
}

