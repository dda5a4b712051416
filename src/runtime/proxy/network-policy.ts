/**
 * Kubernetes NetworkPolicy egress semantics (networking.k8s.io/v1, 1.10): once any policy with
 * policyType Egress selects a pod, the pod may only open connections some egress rule of those
 * policies allows; everything else is dropped (the client sees a connect timeout). This is what
 * the egress task's security notes rely on to stop pods from bypassing their sidecar.
 */
import type { KubeObject } from "../cluster/objects.ts";
import type { MeshPod } from "./mesh-snapshot.ts";

interface Expression {
  key: string;
  operator: string;
  values: readonly string[];
}

/** A metav1.LabelSelector: matchLabels AND matchExpressions; `{}` selects everything. */
export interface LabelSelector {
  matchLabels: Readonly<Record<string, string>>;
  matchExpressions: readonly Expression[];
}

interface Peer {
  ipBlock?: { cidr: Cidr; except: Cidr[] };
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
}

interface PortRule {
  protocol: string;
  /** Number, named container port, or undefined for all ports. */
  port?: number | string;
}

interface EgressRule {
  /** Empty = to anywhere. */
  to: readonly Peer[];
  /** Empty = on any port. */
  ports: readonly PortRule[];
}

export interface MeshNetworkPolicy {
  name: string;
  namespace: string;
  podSelector: LabelSelector;
  /** Whether the policy restricts egress (policyTypes contains Egress, or egress rules are present). */
  egress: boolean;
  egressRules: readonly EgressRule[];
}

interface Cidr {
  base: number;
  mask: number;
}

function ipToInt(ip: string): number | undefined {
  const parts = ip.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || +p > 255) return undefined;
    n = n * 256 + +p;
  }
  return n >>> 0;
}

function parseCidr(text: unknown): Cidr | undefined {
  const [ip, bits = "32"] = String(text ?? "").split("/");
  const base = ipToInt(ip);
  const b = Number(bits);
  if (base === undefined || !Number.isInteger(b) || b < 0 || b > 32) return undefined;
  const mask = b === 0 ? 0 : (0xffffffff << (32 - b)) >>> 0;
  return { base: (base & mask) >>> 0, mask };
}

function inCidr(ip: number, c: Cidr): boolean {
  return ((ip & c.mask) >>> 0) === c.base;
}

export function parseLabelSelector(sel: any): LabelSelector {
  return {
    matchLabels: sel?.matchLabels && typeof sel.matchLabels === "object" ? { ...sel.matchLabels } : {},
    matchExpressions: Array.isArray(sel?.matchExpressions)
      ? sel.matchExpressions.map((e: any) => ({ key: String(e?.key ?? ""), operator: String(e?.operator ?? ""), values: (e?.values ?? []).map(String) }))
      : [],
  };
}

export function selectorMatches(sel: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const k in sel.matchLabels) if (labels[k] !== sel.matchLabels[k]) return false;
  for (const e of sel.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case "In": if (!has || !e.values.includes(labels[e.key])) return false; break;
      case "NotIn": if (has && e.values.includes(labels[e.key])) return false; break;
      case "Exists": if (!has) return false; break;
      case "DoesNotExist": if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

export function parseNetworkPolicy(o: KubeObject): MeshNetworkPolicy {
  const spec = o.spec ?? {};
  const types: string[] = Array.isArray(spec.policyTypes) ? spec.policyTypes.map(String) : [];
  const egressRules: EgressRule[] = (Array.isArray(spec.egress) ? spec.egress : []).map((r: any) => ({
    to: (Array.isArray(r?.to) ? r.to : []).map((p: any): Peer => {
      const peer: Peer = {};
      if (p?.ipBlock) {
        const cidr = parseCidr(p.ipBlock.cidr);
        // An unparsable CIDR is rejected by the API server's validation; here it simply matches nothing.
        peer.ipBlock = { cidr: cidr ?? { base: 0xffffffff, mask: 0xffffffff }, except: (p.ipBlock.except ?? []).map(parseCidr).filter(Boolean) as Cidr[] };
      }
      if (p?.podSelector) peer.podSelector = parseLabelSelector(p.podSelector);
      if (p?.namespaceSelector) peer.namespaceSelector = parseLabelSelector(p.namespaceSelector);
      return peer;
    }),
    ports: (Array.isArray(r?.ports) ? r.ports : []).map((p: any) => ({ protocol: String(p?.protocol ?? "TCP").toUpperCase(), port: p?.port })),
  }));
  return {
    name: o.metadata.name,
    namespace: o.metadata.namespace ?? "default",
    podSelector: parseLabelSelector(spec.podSelector),
    // Without policyTypes, Egress is implied only when the policy has an egress section.
    egress: types.length ? types.includes("Egress") : Array.isArray(spec.egress),
    egressRules,
  };
}

export interface EgressTarget {
  ip: string;
  port: number;
  protocol: "TCP" | "UDP";
  /** The pod behind the address, when it is one (Services are evaluated after kube-proxy's DNAT). */
  pod?: MeshPod;
}

export interface EgressVerdict {
  allowed: boolean;
  /** Names of the policies that select the source pod (`default/deny-external`). */
  policies: string[];
}

/** The egress policies that select a pod; empty means the pod is not isolated for egress. */
export function egressPoliciesFor(policies: readonly MeshNetworkPolicy[], pod: MeshPod): MeshNetworkPolicy[] {
  return policies.filter((p) => p.egress && p.namespace === pod.namespace && selectorMatches(p.podSelector, pod.labels));
}

export function checkEgress(
  selecting: readonly MeshNetworkPolicy[],
  source: MeshPod,
  target: EgressTarget,
  namespaceLabels: ReadonlyMap<string, Readonly<Record<string, string>>>,
): EgressVerdict {
  const names = selecting.map((p) => `${p.namespace}/${p.name}`);
  if (!selecting.length) return { allowed: true, policies: names };
  const ipNum = ipToInt(target.ip);
  for (const policy of selecting) {
    for (const rule of policy.egressRules) {
      if (!portAllowed(rule.ports, target)) continue;
      if (!rule.to.length) return { allowed: true, policies: names };
      for (const peer of rule.to) if (peerMatches(peer, policy, source, target, ipNum, namespaceLabels)) return { allowed: true, policies: names };
    }
  }
  return { allowed: false, policies: names };
}

function portAllowed(ports: readonly PortRule[], target: EgressTarget): boolean {
  if (!ports.length) return true;
  for (const p of ports) {
    if (p.protocol !== target.protocol) continue;
    if (p.port === undefined || p.port === null) return true;
    if (typeof p.port === "number" || /^\d+$/.test(String(p.port))) {
      if (Number(p.port) === target.port) return true;
    } else if (target.pod?.containerPorts.some((c) => c.name === p.port && c.port === target.port)) {
      return true;
    }
  }
  return false;
}

function peerMatches(
  peer: Peer, policy: MeshNetworkPolicy, _source: MeshPod, target: EgressTarget, ip: number | undefined,
  namespaceLabels: ReadonlyMap<string, Readonly<Record<string, string>>>,
): boolean {
  if (peer.ipBlock) {
    if (ip === undefined || !inCidr(ip, peer.ipBlock.cidr)) return false;
    return !peer.ipBlock.except.some((c) => inCidr(ip, c));
  }
  const pod = target.pod;
  if (!pod) return false;
  if (peer.namespaceSelector) {
    if (!selectorMatches(peer.namespaceSelector, namespaceLabels.get(pod.namespace) ?? {})) return false;
    return peer.podSelector ? selectorMatches(peer.podSelector, pod.labels) : true;
  }
  if (peer.podSelector) return pod.namespace === policy.namespace && selectorMatches(peer.podSelector, pod.labels);
  return false;
}

/** Whether the pod may reach DNS at all (UDP or TCP 53 to anything some rule admits). */
export function dnsAllowed(selecting: readonly MeshNetworkPolicy[]): boolean {
  if (!selecting.length) return true;
  return selecting.some((p) => p.egressRules.some((r) => !r.ports.length || r.ports.some((x) => x.port === undefined || Number(x.port) === 53)));
}
