/**
 * The config types istioctl 0.8 knows for `get` and `delete <type> <name>`: its
 * ConfigDescriptor in order. The v1alpha3 kinds live in the lab's store; the others (legacy
 * v1alpha1 routing, auth, RBAC...) are named for fidelity of listings and messages only.
 */
import { findPilotType, qualifiedPlural, type KindInfo } from "../../config/kinds.ts";

export interface ConfigType {
  /** Pilot's hyphenated type, e.g. `virtual-service`. */
  type: string;
  plural: string;
  /** `VirtualService.networking.istio.io.v1alpha3` column of the short listing. */
  kindColumn: string;
  /** `virtualservices.networking.istio.io`, for API errors. */
  qualifiedPlural: string;
  /** The store's kind when the lab models it. */
  info?: KindInfo;
}

const legacy = (type: string, plural: string, kind: string, group: string, version: string): ConfigType => ({
  type, plural, kindColumn: `${kind}.${group}.${version}`, qualifiedPlural: `${plural.replace(/-/g, "")}.${group}`,
});

function modeled(type: string, plural: string): ConfigType {
  const info = findPilotType(type)!;
  return { type, plural, kindColumn: `${info.kind}.${info.group}.${info.version}`, qualifiedPlural: qualifiedPlural(info), info };
}

export const CONFIG_TYPES: readonly ConfigType[] = [
  legacy("route-rule", "route-rules", "RouteRule", "config.istio.io", "v1alpha2"),
  modeled("virtual-service", "virtual-services"),
  modeled("gateway", "gateways"),
  legacy("egress-rule", "egress-rules", "EgressRule", "config.istio.io", "v1alpha2"),
  modeled("service-entry", "service-entries"),
  legacy("destination-policy", "destination-policies", "DestinationPolicy", "config.istio.io", "v1alpha2"),
  modeled("destination-rule", "destination-rules"),
  legacy("http-api-spec", "http-api-specs", "HTTPAPISpec", "config.istio.io", "v1alpha2"),
  legacy("http-api-spec-binding", "http-api-spec-bindings", "HTTPAPISpecBinding", "config.istio.io", "v1alpha2"),
  legacy("quota-spec", "quota-specs", "QuotaSpec", "config.istio.io", "v1alpha2"),
  legacy("quota-spec-binding", "quota-spec-bindings", "QuotaSpecBinding", "config.istio.io", "v1alpha2"),
  legacy("policy", "policies", "Policy", "authentication.istio.io", "v1alpha1"),
  legacy("service-role", "service-roles", "ServiceRole", "rbac.istio.io", "v1alpha1"),
  legacy("service-role-binding", "service-role-bindings", "ServiceRoleBinding", "rbac.istio.io", "v1alpha1"),
];

/** `crd.ResourceName`: the type without hyphens. */
export const resourceName = (s: string): string => s.replace(/-/g, "");

/** `get all` shows v1alpha3 types first (istioctl's sortWeight). */
export const SORT_WEIGHT: Readonly<Record<string, number>> = {
  gateway: -10, "virtual-service": -5, "destination-rule": -3, "service-entry": -1, "route-rule": 5, "destination-policy": 10, "egress-rule": 20,
};

export type TypeLookup = { ok: true; type: ConfigType } | { ok: false; error: string };

/** istioctl's `protoSchema`: a type by its (plural) resource name, rejecting the old hyphenated names. */
export function lookupConfigType(typed: string): TypeLookup {
  const t = typed.toLowerCase();
  for (const ct of CONFIG_TYPES) {
    if (t === resourceName(ct.type) || t === resourceName(ct.plural)) return { ok: true, type: ct };
    if (t === ct.type || t === ct.plural) {
      return { ok: false, error: `"${typed}" not recognized. Please use non-hyphenated resource name "${resourceName(typed)}"` };
    }
  }
  return { ok: false, error: `configuration type ${typed} not found, the types are ${CONFIG_TYPES.map((c) => resourceName(c.type)).join(", ")}` };
}
