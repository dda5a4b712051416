/**
 * The manifest schema of every kind in kinds.ts: apiVersion, kind, metadata and the kind's
 * own fields. The single source the validators and the editor's JSON Schemas read.
 */
import { apiVersionOf, KINDS, type KindInfo } from "../kinds.ts";
import { any, doc, kubeType, listOf, mapOf, str, type ObjectSchema, type Schema } from "./dsl.ts";
import { deploymentSpec, namespaceSpec, networkPolicySpec, objectMeta, podSpec, serviceSpec } from "./kube.ts";
import { destinationRuleSpec, gatewaySpec, serviceEntrySpec, virtualServiceSpec } from "./networking.ts";
import { MIXER_SPECS } from "./mixer.ts";

export interface KindSchema {
  info: KindInfo;
  /** apiVersions accepted for this kind (Deployments have several). */
  apiVersions: string[];
  /** The whole manifest. For kube kinds its typeName is the OpenAPI name, e.g. `io.k8s.api.core.v1.Service`. */
  manifest: ObjectSchema;
  /** The `spec` schema alone (Istio kinds), as jsonpb decodes it. */
  spec?: ObjectSchema;
}

const PILOT_SPECS: Record<string, ObjectSchema> = {
  Gateway: gatewaySpec, VirtualService: virtualServiceSpec, DestinationRule: destinationRuleSpec, ServiceEntry: serviceEntrySpec,
};

const DESCRIPTIONS: Record<string, string> = {
  Gateway: "Istio Gateway: ports and hosts a gateway (e.g. the egress gateway) accepts.",
  VirtualService: "Istio VirtualService: how requests for some hosts are routed.",
  DestinationRule: "Istio DestinationRule: policies (TLS origination, load balancing) for a destination.",
  ServiceEntry: "Istio ServiceEntry: makes an external host such as edition.cnn.com known to the mesh.",
};

function kubeManifest(info: KindInfo, groupVersion: string, fields: Record<string, Schema>, description: string): ObjectSchema {
  const typeName = `io.k8s.api.${groupVersion.includes("/") ? groupVersion.replace("/", ".") : `core.${groupVersion}`}.${info.kind}`;
  return kubeType(typeName, {
    apiVersion: str("API group and version, e.g. `v1` or `extensions/v1beta1`."),
    kind: str("The kind of object."),
    metadata: objectMeta,
    ...fields,
  }, [], description);
}

function kubeFields(info: KindInfo, groupVersion: string): Record<string, Schema> | undefined {
  switch (info.kind) {
    case "Namespace": return { spec: namespaceSpec, status: any() };
    case "Pod": return { spec: podSpec, status: any() };
    case "Service": return { spec: serviceSpec, status: any() };
    case "ServiceAccount": return { secrets: listOf(any()), imagePullSecrets: listOf(any()), automountServiceAccountToken: any() };
    case "ConfigMap": return { data: mapOf(str(), "String data, e.g. Istio's mesh config."), binaryData: mapOf(str()) };
    case "Deployment": return { spec: deploymentSpec(groupVersion), status: any() };
    case "NetworkPolicy": return { spec: networkPolicySpec };
    default: return undefined;
  }
}

function build(info: KindInfo): KindSchema[] {
  const primary = apiVersionOf(info);
  if (info.family === "pilot") {
    const spec = PILOT_SPECS[info.kind];
    return [{
      info, apiVersions: [primary], spec,
      manifest: kubeType(`${info.group}.${info.version}.${info.kind}`, { apiVersion: str("`networking.istio.io/v1alpha3`"), kind: str(), metadata: objectMeta, spec: doc(spec, DESCRIPTIONS[info.kind]) }, [], DESCRIPTIONS[info.kind]),
    }];
  }
  if (info.family !== "kube") {
    const spec = MIXER_SPECS[info.kind] as ObjectSchema | undefined;
    const specSchema = spec ?? { t: "object", typeName: info.kind, fields: [], unknownFields: "allow" } as ObjectSchema;
    return [{
      info, apiVersions: [primary], spec: specSchema,
      manifest: kubeType(`${info.group}.${info.version}.${info.kind}`, { apiVersion: str("`config.istio.io/v1alpha2`"), kind: str(), metadata: objectMeta, spec: specSchema }, [], specSchema.description),
    }];
  }
  const versions = info.kind === "Deployment" ? ["extensions/v1beta1", "apps/v1", "apps/v1beta1", "apps/v1beta2"] : [primary];
  return versions.map((gv) => {
    const fields = kubeFields(info, gv);
    const manifest = fields
      ? kubeManifest(info, gv, fields, `Kubernetes ${info.kind}.`)
      : { ...kubeManifest(info, gv, {}, `Kubernetes ${info.kind}.`), unknownFields: "allow" as const };
    return { info, apiVersions: [gv], manifest };
  });
}

const ALL: KindSchema[] = KINDS.flatMap(build);

/** Every kind's schema, one entry per (kind, apiVersion) pair that has its own shape. */
export function allKindSchemas(): readonly KindSchema[] {
  return ALL;
}

/** The schema of a kind; for Deployments the apiVersion picks the shape (extensions/v1beta1 by default). */
export function kindSchema(info: KindInfo, apiVersion?: string): KindSchema {
  const own = ALL.filter((s) => s.info === info);
  return own.find((s) => apiVersion !== undefined && s.apiVersions.includes(apiVersion)) ?? own[0];
}
