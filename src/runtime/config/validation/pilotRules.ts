/**
 * Pilot's semantic checks of the four v1alpha3 kinds, with the messages of
 * pilot/pkg/model/validation.go (0.8 era). Input is the canonical spec from jsonpb.ts.
 * Map-typed fields are walked in document order (Go walks them in random order).
 */
import { appendErrors, multiAppend, type GoError } from "../goErrors.ts";
import { parseGoDuration } from "./goDuration.ts";
import { hostsOverlap, isDNS1123Label, validateCIDR, validateFQDN, validateHost, validateIPv4Address, validateIPv4Subnet, validateLabels, validateWildcardDomain } from "./hostnames.ts";

/* eslint-disable @typescript-eslint/no-explicit-any -- canonical specs are plain JSON */
type Json = any;

const PROTOCOLS = new Set(["tcp", "udp", "grpc", "http", "http2", "https", "tls", "mongo", "redis"]);
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE"]);
const arr = (v: Json): Json[] => (Array.isArray(v) ? v : []);

export function validatePort(port: number): GoError | undefined {
  return port >= 1 && port <= 65535 ? undefined : `port number ${port} must be in the range 1..65535`;
}

function validatePercent(v: number): GoError | undefined {
  return v < 0 || v > 100 ? `percentage ${v} is not in range 0..100` : undefined;
}

function validateDuration(d: string | undefined): GoError | undefined {
  if (d === undefined) return undefined;
  const parsed = parseGoDuration(d);
  if ("error" in parsed) return parsed.error;
  if (parsed.nanos < 1e6) return "duration must be greater than 1ms";
  if (parsed.nanos % 1e6 !== 0) return "only durations to ms precision are supported";
  return undefined;
}

function validateHeaderName(name: string): GoError | undefined {
  if (name === "") return "header name cannot be empty";
  return name.toLowerCase() !== name ? "must be in lower case" : undefined;
}

function validateGatewayNames(gateways: Json): GoError | undefined {
  let errs: GoError | undefined;
  for (const g of arr(gateways)) errs = appendErrors(errs, validateFQDN(g));
  return errs;
}

function validateSubsetName(name: string): GoError | undefined {
  if (name.length === 0) return "subset name cannot be empty";
  return isDNS1123Label(name) ? undefined : `subnet name is invalid: ${name}`;
}

function validatePortSelector(sel: Json): GoError | undefined {
  if (!sel) return undefined;
  const name = sel.name ?? "";
  const number = sel.number ?? 0;
  if (name === "" && number === 0) return appendErrors(validateSubsetName(name), validatePort(number));
  if (number !== 0) return validatePort(number);
  return validateSubsetName(name);
}

function validateDestination(d: Json): GoError | undefined {
  if (!d) return undefined;
  let errs = appendErrors(undefined, validateHost(d.host ?? ""));
  if (d.subset) errs = appendErrors(errs, validateSubsetName(d.subset));
  if (d.port) errs = appendErrors(errs, validatePortSelector(d.port));
  return errs;
}

function validateDestinationWeights(weights: Json): GoError | undefined {
  let errs: GoError | undefined;
  let total = 0;
  const list = arr(weights);
  for (const w of list) {
    if (!w.destination) errs = multiAppend(errs, "destination is required");
    errs = appendErrors(errs, validateDestination(w.destination), validatePercent(w.weight ?? 0));
    total += w.weight ?? 0;
  }
  if (list.length > 1 && total > 100) errs = appendErrors(errs, `total destination weight ${total} > 100`);
  return errs;
}

function validateHTTPRoute(http: Json): GoError | undefined {
  let errs: GoError | undefined;
  if (http.redirect) {
    if (arr(http.route).length > 0) errs = appendErrors(errs, "HTTP route cannot contain both route and redirect");
    if (http.fault) errs = appendErrors(errs, "HTTP route cannot contain both fault and redirect");
    if (http.rewrite) errs = appendErrors(errs, "HTTP route rule cannot contain both rewrite and redirect");
    if (http.websocketUpgrade) errs = appendErrors(errs, "WebSocket upgrade is not allowed on redirect rules");
  } else if (arr(http.route).length === 0) {
    errs = appendErrors(errs, "HTTP route or redirect is required");
  }
  for (const name of Object.keys(http.appendHeaders ?? {})) errs = appendErrors(errs, validateHeaderName(name));
  if (http.corsPolicy) {
    const c = http.corsPolicy;
    for (const m of arr(c.allowMethods)) errs = appendErrors(errs, METHODS.has(m) ? undefined : `"${m}" is not a supported HTTP method`);
    for (const h of [...arr(c.allowHeaders), ...arr(c.exposeHeaders)]) errs = appendErrors(errs, validateHeaderName(h));
    if (c.maxAge) {
      errs = appendErrors(errs, validateDuration(c.maxAge));
      if (/\.\d*[1-9]\d*s$/.test(c.maxAge)) errs = multiAppend(errs, "max_age duration is accurate only to seconds precision");
    }
  }
  if (http.fault) {
    const f = http.fault;
    if (!f.abort && !f.delay) errs = multiAppend(errs, "HTTP fault injection must have an abort and/or a delay");
    if (f.abort) {
      errs = appendErrors(errs, validatePercent(f.abort.percent ?? 0));
      if (f.abort.grpcStatus) errs = multiAppend(errs, "gRPC abort fault injection not supported yet");
      else if (f.abort.http2Error) errs = multiAppend(errs, "HTTP/2 abort fault injection not supported yet");
      else if (f.abort.httpStatus !== undefined && (f.abort.httpStatus < 0 || f.abort.httpStatus > 600)) errs = appendErrors(errs, `HTTP status ${f.abort.httpStatus} is not in range 0-600`);
    }
    if (f.delay) {
      errs = appendErrors(errs, validatePercent(f.delay.percent ?? 0));
      if (f.delay.fixedDelay) errs = appendErrors(errs, validateDuration(f.delay.fixedDelay));
      else if (f.delay.exponentialDelay) errs = multiAppend(appendErrors(errs, validateDuration(f.delay.exponentialDelay)), "exponentialDelay not supported yet");
    }
  }
  for (const match of arr(http.match)) {
    for (const name of Object.keys(match.headers ?? {})) errs = appendErrors(errs, validateHeaderName(name));
    if (match.port) errs = appendErrors(errs, validatePort(match.port));
    errs = appendErrors(errs, validateLabels(match.sourceLabels), validateGatewayNames(match.gateways));
  }
  errs = appendErrors(errs, validateDestination(http.mirror));
  if (http.redirect && !http.redirect.uri && !http.redirect.authority) errs = appendErrors(errs, "redirect must specify URI, authority, or both");
  if (http.retries) {
    if ((http.retries.attempts ?? 0) <= 0) errs = multiAppend(errs, "attempts must be positive");
    errs = appendErrors(errs, validateDuration(http.retries.perTryTimeout));
  }
  if (http.rewrite && !http.rewrite.uri && !http.rewrite.authority) errs = appendErrors(errs, "rewrite must specify URI, authority, or both");
  errs = appendErrors(errs, validateDestinationWeights(http.route));
  return appendErrors(errs, validateDuration(http.timeout));
}

function validateL4Match(match: Json, tls: boolean): GoError | undefined {
  let errs: GoError | undefined;
  if (tls && arr(match.sniHosts).length === 0) errs = appendErrors(errs, "TLS match must have at least one SNI host");
  if (match.destinationSubnet) errs = appendErrors(errs, validateIPv4Subnet(match.destinationSubnet));
  if (!tls && match.sourceSubnet) errs = appendErrors(errs, validateIPv4Subnet(match.sourceSubnet));
  if (match.port) errs = appendErrors(errs, validatePort(match.port));
  return appendErrors(errs, validateLabels(match.sourceLabels), validateGatewayNames(match.gateways));
}

function validateL4Route(route: Json, tls: boolean): GoError | undefined {
  let errs: GoError | undefined;
  if (tls && arr(route.match).length === 0) errs = appendErrors(errs, "TLS route must have at least one match condition");
  for (const m of arr(route.match)) errs = appendErrors(errs, validateL4Match(m, tls));
  // 0.8 says "TLS route" for TCP routes too.
  if (arr(route.route).length !== 1) errs = appendErrors(errs, "TLS route must have exactly one destination");
  return appendErrors(errs, validateDestinationWeights(route.route));
}

export function validateVirtualService(vs: Json): GoError | undefined {
  let errs: GoError | undefined;
  let appliesToMesh = arr(vs.gateways).length === 0;
  for (const g of arr(vs.gateways)) {
    errs = appendErrors(errs, validateFQDN(g));
    if (g === "mesh") appliesToMesh = true;
  }
  const hosts: string[] = arr(vs.hosts);
  if (hosts.length === 0) errs = appendErrors(errs, "virtual service must have at least one host");
  let allValid = true;
  for (const h of hosts) {
    const e = validateHost(h);
    if (e) { errs = appendErrors(errs, e); allValid = false; }
    else if (appliesToMesh && h === "*") { errs = appendErrors(errs, "wildcard host * is not allowed for virtual services bound to the mesh gateway"); allValid = false; }
  }
  if (allValid) {
    for (let i = 0; i < hosts.length; i++) for (let j = i + 1; j < hosts.length; j++) {
      if (hostsOverlap(hosts[i], hosts[j])) errs = appendErrors(errs, `duplicate hosts in virtual service: ${hosts[i]} & ${hosts[j]}`);
    }
  }
  if (!arr(vs.http).length && !arr(vs.tcp).length && !arr(vs.tls).length) errs = appendErrors(errs, "http, tcp or tls must be provided in virtual service");
  for (const r of arr(vs.http)) errs = appendErrors(errs, validateHTTPRoute(r));
  for (const r of arr(vs.tls)) errs = appendErrors(errs, validateL4Route(r, true));
  for (const r of arr(vs.tcp)) errs = appendErrors(errs, validateL4Route(r, false));
  return errs;
}

/** Go's %v of a *v1alpha3.Port: the proto compact text form, e.g. `number:80 protocol:"HTTP" `. */
function compactPort(p: Json): string {
  let out = "";
  if (p.number) out += `number:${p.number} `;
  if (p.protocol) out += `protocol:${JSON.stringify(p.protocol)} `;
  if (p.name) out += `name:${JSON.stringify(p.name)} `;
  return out;
}

export function validateGateway(gw: Json): GoError | undefined {
  let errs: GoError | undefined;
  const servers = arr(gw.servers);
  if (servers.length === 0) errs = appendErrors(errs, "gateway must have at least one server");
  for (const s of servers) {
    let se: GoError | undefined;
    if (arr(s.hosts).length === 0) se = appendErrors(se, "server config must contain at least one host");
    for (const h of arr(s.hosts)) {
      const e = validateWildcardDomain(h);
      if (e) { const e2 = validateIPv4Subnet(h); if (e2) se = appendErrors(se, e, e2); }
    }
    let tlsErr: GoError | undefined;
    if (s.tls?.mode === "SIMPLE" && !s.tls.serverCertificate) tlsErr = appendErrors(tlsErr, "SIMPLE TLS requires a server certificate");
    if (s.tls?.mode === "MUTUAL") {
      if (!s.tls.serverCertificate) tlsErr = appendErrors(tlsErr, "MUTUAL TLS requires a server certificate");
      if (!s.tls.caCertificates) tlsErr = appendErrors(tlsErr, "MUTUAL TLS requires a client CA bundle");
    }
    let portErr: GoError | undefined;
    if (!s.port) portErr = "port is required";
    else {
      if (!PROTOCOLS.has(String(s.port.protocol ?? "").toLowerCase())) portErr = appendErrors(portErr, `invalid protocol "${s.port.protocol ?? ""}", supported protocols are HTTP, HTTP2, GRPC, MONGO, REDIS, TCP`);
      if (s.port.number > 0) portErr = appendErrors(portErr, validatePort(s.port.number));
      if (!s.port.name) portErr = appendErrors(portErr, `port name must be set: ${compactPort(s.port)}`);
    }
    errs = appendErrors(errs, appendErrors(se, tlsErr, portErr));
  }
  const names = new Set<string>();
  for (const s of servers) {
    const name = s.port?.name ?? "";
    if (names.has(name)) errs = appendErrors(errs, `port names in servers must be unique: duplicate name ${name}`);
    names.add(name);
  }
  return errs;
}

function validateTrafficPolicy(p: Json): GoError | undefined {
  if (!p) return undefined;
  if (!p.outlierDetection && !p.connectionPool && !p.loadBalancer && !p.tls) return "traffic policy must have at least one field";
  let errs: GoError | undefined;
  const o = p.outlierDetection;
  if (o) {
    errs = appendErrors(errs, validateDuration(o.baseEjectionTime));
    if ((o.consecutiveErrors ?? 0) < 0) errs = appendErrors(errs, "outlier detection consecutive errors cannot be negative");
    errs = appendErrors(errs, validateDuration(o.interval), validatePercent(o.maxEjectionPercent ?? 0));
  }
  const c = p.connectionPool;
  if (c) {
    if (!c.http && !c.tcp) errs = appendErrors(errs, "connection pool must have at least one field");
    else {
      const h = c.http ?? {};
      if (h.http1MaxPendingRequests < 0) errs = appendErrors(errs, "http1 max pending requests must be non-negative");
      if (h.http2MaxRequests < 0) errs = appendErrors(errs, "http2 max requests must be non-negative");
      if (h.maxRequestsPerConnection < 0) errs = appendErrors(errs, "max requests per connection must be non-negative");
      if (h.maxRetries < 0) errs = appendErrors(errs, "max retries must be non-negative");
      const t = c.tcp ?? {};
      if (t.maxConnections < 0) errs = appendErrors(errs, "max connections must be non-negative");
      errs = appendErrors(errs, validateDuration(t.connectTimeout));
    }
  }
  if (p.tls?.mode === "MUTUAL") {
    if (!p.tls.clientCertificate) errs = appendErrors(errs, "client certificate required for mutual tls");
    if (!p.tls.privateKey) errs = appendErrors(errs, "private key required for mutual tls");
  }
  return errs;
}

export function validateDestinationRule(dr: Json): GoError | undefined {
  // 0.8 does not look into portLevelSettings: a policy with only those is "without fields".
  let errs = appendErrors(undefined, validateHost(dr.host ?? ""), validateTrafficPolicy(dr.trafficPolicy));
  for (const s of arr(dr.subsets)) errs = appendErrors(errs, validateSubsetName(s.name ?? ""), validateLabels(s.labels), validateTrafficPolicy(s.trafficPolicy));
  return errs;
}

export function validateServiceEntry(se: Json): GoError | undefined {
  let errs: GoError | undefined;
  const hosts: string[] = arr(se.hosts);
  if (hosts.length === 0) errs = appendErrors(errs, "service entry must have at least one host");
  for (const h of hosts) errs = appendErrors(errs, h === "*" || !h.includes(".") ? `invalid host ${h}` : validateWildcardDomain(h));
  for (const a of arr(se.addresses)) errs = appendErrors(errs, validateCIDR(a));
  const numbers = new Set<number>();
  const names = new Set<string>();
  for (const p of arr(se.ports)) {
    if (names.has(p.name ?? "")) errs = appendErrors(errs, `service entry port name "${p.name ?? ""}" already defined`);
    names.add(p.name ?? "");
    if (numbers.has(p.number ?? 0)) errs = appendErrors(errs, `service entry port ${p.number ?? 0} already defined`);
    numbers.add(p.number ?? 0);
  }
  const endpoints = arr(se.endpoints);
  switch (se.resolution ?? "NONE") {
    case "NONE":
      if (endpoints.length) errs = appendErrors(errs, "no endpoints should be provided for discovery type none");
      break;
    case "STATIC": {
      if (!endpoints.length) errs = appendErrors(errs, "endpoints must be provided if service entry discovery mode is static");
      let unix = false;
      for (const ep of endpoints) {
        const addr: string = ep.address ?? "";
        if (addr.startsWith("unix://")) {
          unix = true;
          const path = addr.slice("unix://".length);
          errs = appendErrors(errs, path === "" ? "unix address must not be empty" : path.startsWith("/") ? undefined : `${path} is not an absolute path`);
          if (Object.keys(ep.ports ?? {}).length) errs = appendErrors(errs, `unix endpoint ${addr} must not include ports`);
        } else {
          errs = appendErrors(errs, validateIPv4Address(addr));
          for (const [name, port] of Object.entries(ep.ports ?? {})) if (!names.has(name)) errs = appendErrors(errs, `endpoint port ${port} is not defined by the service entry`);
        }
        errs = appendErrors(errs, validateLabels(ep.labels));
      }
      if (unix && arr(se.ports).length !== 1) errs = appendErrors(errs, "exactly 1 service port required for unix endpoints");
      break;
    }
    case "DNS":
      if (!endpoints.length) {
        for (const h of hosts) if (validateFQDN(h)) errs = appendErrors(errs, "hosts must be FQDN if no endpoints are provided for discovery mode DNS");
      }
      for (const ep of endpoints) {
        errs = appendErrors(errs, validateFQDN(ep.address ?? ""), validateLabels(ep.labels));
        for (const [name, port] of Object.entries(ep.ports ?? {})) {
          if (!names.has(name)) errs = appendErrors(errs, `endpoint port ${port} is not defined by the service entry`);
          errs = appendErrors(errs, isDNS1123Label(name) ? undefined : `invalid port name: ${name}`, validatePort(port as number));
        }
      }
      break;
    default:
      errs = appendErrors(errs, `unsupported resolution type ${typeof se.resolution === "number" ? "" : se.resolution}`);
  }
  for (const p of arr(se.ports)) {
    errs = appendErrors(errs,
      isDNS1123Label(p.name ?? "") ? undefined : `invalid port name: ${p.name ?? ""}`,
      PROTOCOLS.has(String(p.protocol ?? "").toLowerCase()) ? undefined : `unsupported protocol: ${p.protocol ?? ""}`,
      validatePort(p.number ?? 0));
  }
  return errs;
}

/** Semantic validation by Pilot kind. */
export const PILOT_VALIDATORS: Readonly<Record<string, (spec: Json) => GoError | undefined>> = {
  Gateway: validateGateway,
  VirtualService: validateVirtualService,
  DestinationRule: validateDestinationRule,
  ServiceEntry: validateServiceEntry,
};
