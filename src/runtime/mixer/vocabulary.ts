/**
 * The attribute vocabulary of Istio 0.8: the two default attributemanifests (`istioproxy`,
 * produced by Envoy's Mixer filter, and `kubernetes`, produced by the kubernetesenv adapter)
 * that the Helm chart installs in istio-system. Mixer derives its vocabulary from whatever
 * attributemanifest objects exist, so the cluster creates these as objects and Mixer rebuilds
 * a `Vocabulary` from them; an attribute not declared anywhere is "unknown attribute X".
 *
 * Source: install/kubernetes/helm/istio/charts/mixer/templates/config.yaml (0.8 era) and the
 * reference's §2.1 table (check.error_code / check.error_message, the total sizes).
 */
import type { AttributeVocabulary, ValueType } from "./cexl/types.ts";
import { parseValueTypeName, valueTypeName } from "./cexl/value-type-names.ts";

/** `spec` of an attributemanifest object, as written in YAML. */
export interface AttributeManifestSpec {
  revision?: string;
  name?: string;
  attributes?: Record<string, { valueType?: string; description?: string } | null | undefined>;
}

const ISTIOPROXY_TYPES: Record<string, ValueType> = {
  "origin.ip": "IP_ADDRESS",
  "origin.uid": "STRING",
  "origin.user": "STRING",
  "request.headers": "STRING_MAP",
  "request.id": "STRING",
  "request.host": "STRING",
  "request.method": "STRING",
  "request.path": "STRING",
  "request.reason": "STRING",
  "request.referer": "STRING",
  "request.scheme": "STRING",
  "request.total_size": "INT64",
  "request.size": "INT64",
  "request.time": "TIMESTAMP",
  "request.useragent": "STRING",
  "response.code": "INT64",
  "response.duration": "DURATION",
  "response.headers": "STRING_MAP",
  "response.total_size": "INT64",
  "response.size": "INT64",
  "response.time": "TIMESTAMP",
  "source.uid": "STRING",
  "source.user": "STRING",
  "destination.uid": "STRING",
  "connection.id": "STRING",
  "connection.received.bytes": "INT64",
  "connection.received.bytes_total": "INT64",
  "connection.sent.bytes": "INT64",
  "connection.sent.bytes_total": "INT64",
  "connection.duration": "DURATION",
  "connection.mtls": "BOOL",
  "context.protocol": "STRING",
  "context.timestamp": "TIMESTAMP",
  "context.time": "TIMESTAMP",
  "api.service": "STRING",
  "api.version": "STRING",
  "api.operation": "STRING",
  "api.protocol": "STRING",
  "request.auth.principal": "STRING",
  "request.auth.audiences": "STRING",
  "request.auth.presenter": "STRING",
  "request.auth.claims": "STRING_MAP",
  "request.auth.raw_claims": "STRING",
  "request.api_key": "STRING",
  "check.error_code": "INT64",
  "check.error_message": "STRING",
};

const KUBERNETES_TYPES: Record<string, ValueType> = {
  "source.ip": "IP_ADDRESS",
  "source.labels": "STRING_MAP",
  "source.name": "STRING",
  "source.namespace": "STRING",
  "source.service": "STRING",
  "source.serviceAccount": "STRING",
  "destination.ip": "IP_ADDRESS",
  "destination.labels": "STRING_MAP",
  "destination.name": "STRING",
  "destination.namespace": "STRING",
  "destination.service": "STRING",
  "destination.serviceAccount": "STRING",
};

function toSpec(types: Record<string, ValueType>): AttributeManifestSpec {
  const attributes: Record<string, { valueType: string }> = {};
  for (const [name, t] of Object.entries(types)) attributes[name] = { valueType: valueTypeName(t) };
  return { attributes };
}

/** `spec` of the default `istioproxy` attributemanifest (istio-system). */
export const ISTIOPROXY_MANIFEST_SPEC: AttributeManifestSpec = toSpec(ISTIOPROXY_TYPES);
/** `spec` of the default `kubernetes` attributemanifest (istio-system). */
export const KUBERNETES_MANIFEST_SPEC: AttributeManifestSpec = toSpec(KUBERNETES_TYPES);

/** The default manifests as the cluster should create them. */
export const DEFAULT_ATTRIBUTE_MANIFESTS: readonly { name: string; namespace: string; spec: AttributeManifestSpec }[] = [
  { name: "istioproxy", namespace: "istio-system", spec: ISTIOPROXY_MANIFEST_SPEC },
  { name: "kubernetes", namespace: "istio-system", spec: KUBERNETES_MANIFEST_SPEC },
];

/** Every attribute of the two default manifests: name -> type. */
export const ISTIO_08_ATTRIBUTES: Readonly<Record<string, ValueType>> = Object.freeze({ ...ISTIOPROXY_TYPES, ...KUBERNETES_TYPES });

export class Vocabulary implements AttributeVocabulary {
  private readonly types: Map<string, ValueType>;
  /** Manifest entries that could not be used (unknown valueType...), in Mixer-like wording. */
  readonly problems: readonly string[];

  constructor(types: Iterable<readonly [string, ValueType]> | Readonly<Record<string, ValueType>>, problems: readonly string[] = []) {
    this.types = new Map(Symbol.iterator in types ? (types as Iterable<readonly [string, ValueType]>) : Object.entries(types));
    this.problems = problems;
  }

  /** The vocabulary of a default 0.8 install. */
  static default(): Vocabulary {
    return new Vocabulary(ISTIO_08_ATTRIBUTES);
  }

  /**
   * Merges the `spec.attributes` of attributemanifest objects (later manifests win on a clash,
   * as Mixer's merge of all manifests does).
   */
  static fromManifests(specs: Iterable<AttributeManifestSpec | null | undefined>): Vocabulary {
    const types = new Map<string, ValueType>();
    const problems: string[] = [];
    for (const spec of specs) {
      const attrs = spec?.attributes;
      if (!attrs || typeof attrs !== "object") continue;
      for (const [name, info] of Object.entries(attrs)) {
        const raw = info && typeof info === "object" ? info.valueType : undefined;
        const t = raw === undefined ? undefined : parseValueTypeName(String(raw));
        if (t === undefined) {
          problems.push(raw === undefined
            ? `attribute ${name}: valueType is required`
            : `attribute ${name}: unknown value "${String(raw)}" for enum istio.policy.v1beta1.ValueType`);
          continue;
        }
        types.set(name, t);
      }
    }
    return new Vocabulary(types, problems);
  }

  typeOf(attribute: string): ValueType | undefined {
    return this.types.get(attribute);
  }

  has(attribute: string): boolean {
    return this.types.has(attribute);
  }

  /** Attribute names, sorted (for completion and docs). */
  names(): string[] {
    return [...this.types.keys()].sort();
  }
}
