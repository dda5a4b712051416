/**
 * ValueType names as Mixer writes them. The runtime's `ValueType` says `EMAIL`; the
 * `istio.policy.v1beta1.ValueType` enum (attributemanifests, error messages) says `EMAIL_ADDRESS`.
 */
import type { ValueType } from "./types.ts";

/** The enum name Mixer prints in messages such as `typeError got INT64, expected STRING`. */
export function valueTypeName(t: ValueType | undefined): string {
  if (t === undefined) return "VALUE_TYPE_UNSPECIFIED";
  return t === "EMAIL" ? "EMAIL_ADDRESS" : t;
}

const BY_NAME: Record<string, ValueType> = {
  STRING: "STRING", INT64: "INT64", DOUBLE: "DOUBLE", BOOL: "BOOL", TIMESTAMP: "TIMESTAMP",
  DURATION: "DURATION", IP_ADDRESS: "IP_ADDRESS", EMAIL_ADDRESS: "EMAIL", URI: "URI",
  DNS_NAME: "DNS_NAME", STRING_MAP: "STRING_MAP",
};

/** Parses an attributemanifest `valueType` (`STRING`, `EMAIL_ADDRESS`...); undefined if unknown. */
export function parseValueTypeName(name: string): ValueType | undefined {
  return Object.prototype.hasOwnProperty.call(BY_NAME, name) ? BY_NAME[name] : undefined;
}
