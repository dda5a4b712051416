/**
 * Pilot 0.8's naming rules: short names resolved against a config's namespace, Envoy cluster
 * names, and the protocol a port name or ServiceEntry declares.
 */

export const CLUSTER_DOMAIN = "cluster.local";

/**
 * `ResolveShortnameToFQDN` (pilot/pkg/model/config.go @0.8.0): a name without a dot gets
 * `.<namespace>.svc.cluster.local`; anything with a dot, and `*`, is taken as written.
 * So `istio-egressgateway` in a VS of `default` means `istio-egressgateway.default.svc.cluster.local`,
 * while `istio-egressgateway.istio-system` stays as is (and matches nothing).
 */
export function resolveShortName(name: string, namespace: string): string {
  if (name === "*" || name.includes(".")) return name;
  return `${name}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

/** `outbound|443||edition.cnn.com`, `outbound|80|v1|reviews.default.svc.cluster.local`. */
export function outboundClusterName(port: number, subset: string, host: string): string {
  return `outbound|${port}|${subset}|${host}`;
}

export type PortProtocol = "HTTP" | "HTTP2" | "GRPC" | "HTTPS" | "TLS" | "TCP" | "MONGO" | "REDIS" | "UDP";

const KNOWN: readonly PortProtocol[] = ["HTTP", "HTTP2", "GRPC", "HTTPS", "TLS", "TCP", "MONGO", "REDIS", "UDP"];

/** A ServiceEntry/Gateway `protocol:` field (case-insensitive in 0.8's `ConvertCaseInsensitiveStringToProtocol`). */
export function protocolFromField(value: unknown): PortProtocol {
  const upper = String(value ?? "").toUpperCase();
  return (KNOWN as readonly string[]).includes(upper) ? (upper as PortProtocol) : "TCP";
}

/** A Kubernetes Service port name: `http`, `http-foo` -> HTTP; `grpc`, `https-x`... by prefix; else TCP. */
export function protocolFromPortName(name: string | undefined): PortProtocol {
  if (!name) return "TCP";
  const lower = name.toLowerCase();
  const dash = lower.indexOf("-");
  const prefix = dash < 0 ? lower : lower.slice(0, dash);
  return protocolFromField(prefix);
}

export function isHttpProtocol(p: PortProtocol): boolean {
  return p === "HTTP" || p === "HTTP2" || p === "GRPC";
}

/** `edition.cnn.com:80` -> `edition.cnn.com`; an authority without a port is returned as is. */
export function hostWithoutPort(authority: string): string {
  const colon = authority.lastIndexOf(":");
  if (colon <= 0 || authority.includes("]")) return authority;
  return /^\d+$/.test(authority.slice(colon + 1)) ? authority.slice(0, colon) : authority;
}

/** Envoy's virtual-host domain matching: exact, then `*.suffix` / `prefix*` wildcards, then `*`. */
export function wildcardDomainMatches(pattern: string, host: string): boolean {
  if (pattern === "*") return true;
  if (pattern.startsWith("*")) return host.length > pattern.length - 1 && host.endsWith(pattern.slice(1));
  if (pattern.endsWith("*")) return host.length > pattern.length - 1 && host.startsWith(pattern.slice(0, -1));
  return pattern === host;
}
