/**
 * DestinationRule lookups for a cluster: which rule applies to a host, whether it originates
 * TLS on a port (`tls.mode` SIMPLE/MUTUAL/ISTIO_MUTUAL; port-level settings first), and subsets.
 */
import { wildcardDomainMatches } from "./hostnames.ts";
import type { MeshDestinationRule, MeshSnapshot } from "./mesh-snapshot.ts";

export function destinationRuleFor(snapshot: MeshSnapshot, host: string): MeshDestinationRule | undefined {
  let best: MeshDestinationRule | undefined;
  for (const dr of snapshot.destinationRules) {
    if (dr.host === host) return dr;
    if (dr.host.startsWith("*") && wildcardDomainMatches(dr.host, host) && (!best || dr.host.length > best.host.length)) best = dr;
  }
  return best;
}

/** Modes by rule (snapshot objects, immutable), subset and port: asked on every request. */
const tlsModes = new WeakMap<MeshDestinationRule, Map<string, Map<number, string>>>();

export function tlsModeFor(dr: MeshDestinationRule | undefined, port: number, subset: string): string {
  if (!dr) return "DISABLE";
  let bySubset = tlsModes.get(dr);
  if (!bySubset) tlsModes.set(dr, (bySubset = new Map()));
  let byPort = bySubset.get(subset);
  if (!byPort) bySubset.set(subset, (byPort = new Map()));
  let mode = byPort.get(port);
  if (mode === undefined) byPort.set(port, (mode = computeTlsMode(dr, port, subset)));
  return mode;
}

function computeTlsMode(dr: MeshDestinationRule, port: number, subset: string): string {
  const policies: any[] = [];
  if (subset) {
    const s = (dr.spec.subsets ?? []).find((x: any) => x?.name === subset);
    if (s?.trafficPolicy) policies.push(s.trafficPolicy);
  }
  if (dr.spec.trafficPolicy) policies.push(dr.spec.trafficPolicy);
  for (const policy of policies) {
    const pl = (policy.portLevelSettings ?? []).find((p: any) => p?.port?.number === port);
    if (pl?.tls?.mode) return String(pl.tls.mode).toUpperCase();
    if (policy.tls?.mode) return String(policy.tls.mode).toUpperCase();
  }
  return "DISABLE";
}

export function originatesTls(mode: string): boolean {
  return mode === "SIMPLE" || mode === "MUTUAL" || mode === "ISTIO_MUTUAL";
}

/** The labels of a named subset, or undefined when the rule does not define it. */
export function subsetLabels(dr: MeshDestinationRule | undefined, subset: string): Readonly<Record<string, string>> | undefined {
  const s = (dr?.spec.subsets ?? []).find((x: any) => x?.name === subset);
  return s ? { ...(s.labels ?? {}) } : undefined;
}
