/**
 * Pilot's name checks (pilot/pkg/model/validation.go, 0.8 era): DNS-1123 labels, FQDNs,
 * wildcard domains and IPv4 addresses/subnets, with their error texts.
 */
import { appendErrors, multiAppend, type GoError } from "../goErrors.ts";

const DNS1123_LABEL = /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const WILDCARD_LABEL = /^(\*|(\*|\*-)?([a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?))$/;
const TAG = /^[-A-Za-z0-9_./]*$/;

export function isDNS1123Label(v: string): boolean {
  return v.length <= 63 && DNS1123_LABEL.test(v);
}

function checkDNS1123Preconditions(name: string): GoError | undefined {
  if (name.length > 255) return `domain name "${name}" too long (max 255)`;
  if (name.length === 0) return "empty domain name not allowed";
  return undefined;
}

function validateDNS1123Labels(domain: string): GoError | undefined {
  for (const label of domain.split(".")) {
    if (!isDNS1123Label(label)) return `domain name "${domain}" invalid (label "${label}" invalid)`;
  }
  return undefined;
}

export function validateFQDN(fqdn: string): GoError | undefined {
  return appendErrors(checkDNS1123Preconditions(fqdn), validateDNS1123Labels(fqdn));
}

export function validateWildcardDomain(domain: string): GoError | undefined {
  const pre = checkDNS1123Preconditions(domain);
  if (pre) return pre;
  const dot = domain.indexOf(".");
  const first = dot < 0 ? domain : domain.slice(0, dot);
  if (!(first.length <= 63 && WILDCARD_LABEL.test(first))) return `domain name "${domain}" invalid (label "${first}" invalid)`;
  return dot < 0 ? undefined : validateDNS1123Labels(domain.slice(dot + 1));
}

/** net.ParseIP's verdict: "v4", "v6" or undefined (not an IP). */
function ipKind(s: string): "v4" | "v6" | undefined {
  const parts = s.split(".");
  if (parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && +p <= 255)) return "v4";
  if (s.includes(":") && /^[0-9a-fA-F:.]+$/.test(s) && (s.match(/::/g) ?? []).length <= 1) return "v6";
  return undefined;
}

export function validateIPv4Address(addr: string): GoError | undefined {
  const k = ipKind(addr);
  if (!k) return `${addr} is not a valid IP`;
  if (k !== "v4") return `${addr} is not a valid IPv4 address`;
  return undefined;
}

export function validateCIDR(cidr: string): GoError | undefined {
  const [ip, bits] = cidr.split("/");
  const k = ipKind(ip);
  const max = k === "v6" ? 128 : 32;
  if (!k || bits === undefined || !/^\d+$/.test(bits) || +bits > max) return `${cidr} is not a valid CIDR block`;
  if (k !== "v4") return `${cidr} is not a valid IPv4 address`;
  return undefined;
}

export function validateIPv4Subnet(subnet: string): GoError | undefined {
  return subnet.split("/").length === 2 ? validateCIDR(subnet) : validateIPv4Address(subnet);
}

/** A host may be a (wildcard) domain or an IPv4 address/subnet; when it is neither, both errors. */
export function validateHost(host: string): GoError | undefined {
  const err = validateWildcardDomain(host);
  if (!err) return undefined;
  const err2 = validateIPv4Subnet(host);
  return err2 ? appendErrors(err, err2) : undefined;
}

/** `Labels.Validate`: keys and values from a restricted alphabet (always a multierror). */
export function validateLabels(labels: Record<string, string> | undefined): GoError | undefined {
  let errs: GoError | undefined;
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (!TAG.test(k)) errs = multiAppend(errs, `invalid tag key: "${k}"`);
    if (!TAG.test(String(v))) errs = multiAppend(errs, `invalid tag value: "${v}"`);
  }
  return errs;
}

/** Hostname.Matches: equality, or suffix matching when either side is a `*` wildcard. */
export function hostsOverlap(h: string, o: string): boolean {
  const hw = h.startsWith("*");
  const ow = o.startsWith("*");
  if (hw && ow) return h.length < o.length ? o.slice(1).endsWith(h.slice(1)) : h.slice(1).endsWith(o.slice(1));
  if (hw) return o.endsWith(h.slice(1));
  if (ow) return h.endsWith(o.slice(1));
  return h === o;
}
