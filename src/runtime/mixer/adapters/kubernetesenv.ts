/**
 * kubernetesenv: generates attributes about the source and destination pods from their uids
 * (`kubernetes://sleep-6859f9d5cb-l877h.default`): labels, namespace, pod name and IP, service
 * account, and the service: `<app label>.<ns>.svc.cluster.local`, else `istio-<istio label>...`.
 */
import type { KubeObject } from "../../cluster/objects.ts";
import { decodeMessage, type MessageSpec } from "../handlerParams.ts";
import type { KubernetesInstance, KubernetesOutput } from "../templates/kubernetes.ts";
import type { AttributeValue } from "../types.ts";
import type { AdapterInfo, Handler } from "./adapter.ts";

const PARAMS: MessageSpec = {
  typeName: "config.Params",
  fields: [
    { name: "kubeconfig_path", kind: "string" },
    { name: "cache_refresh_duration", kind: "duration" },
    { name: "cluster_domain_name", kind: "string" },
    { name: "pod_label_for_service", kind: "string" },
    { name: "pod_label_for_istio_component_service", kind: "string" },
    { name: "fully_qualified_istio_ingress_service_name", kind: "string" },
    { name: "lookup_ingress_source_and_origin_values", kind: "bool" },
  ],
};

const DEFAULTS = {
  cluster_domain_name: "svc.cluster.local",
  pod_label_for_service: "app",
  pod_label_for_istio_component_service: "istio",
};

function podOutput(pod: KubeObject, prefix: string, domain: string, appLabel: string, istioLabel: string, into: Record<string, AttributeValue>): void {
  const labels = pod.metadata.labels ?? {};
  const ns = pod.metadata.namespace ?? "default";
  if (Object.keys(labels).length > 0) into[`${prefix}_labels`] = labels;
  into[`${prefix}_pod_name`] = pod.metadata.name;
  into[`${prefix}_namespace`] = ns;
  const sa = pod.spec?.serviceAccountName ?? pod.spec?.serviceAccount;
  if (typeof sa === "string" && sa) into[`${prefix}_service_account_name`] = sa;
  if (typeof pod.status?.podIP === "string" && pod.status.podIP) into[`${prefix}_pod_ip`] = pod.status.podIP;
  if (typeof pod.status?.hostIP === "string" && pod.status.hostIP) into[`${prefix}_host_ip`] = pod.status.hostIP;
  if (labels[appLabel]) into[`${prefix}_service`] = `${labels[appLabel]}.${ns}.${domain}`;
  else if (labels[istioLabel]) into[`${prefix}_service`] = `istio-${labels[istioLabel]}.${ns}.${domain}`;
}

type OutputCache = Map<string, OutputCache | Record<string, AttributeValue>>;

export const kubernetesenvAdapter: AdapterInfo = {
  name: "kubernetesenv",
  templates: ["kubernetes"],
  build(fullName, spec, ctx): Handler {
    const p = decodeMessage(PARAMS, spec, DEFAULTS);
    const domain = p.cluster_domain_name as string;
    const appLabel = p.pod_label_for_service as string;
    const istioLabel = p.pod_label_for_istio_component_service as string;
    // Outputs by the instance's six inputs, one Map level per input: no key string per request.
    let cache: OutputCache = new Map();
    let cached = 0;
    let cacheGeneration = ctx.pods.generation;
    /** One side's output, cached per uid until the pod directory changes. */
    const side = (uid: string, ip: string, prefix: string, into: Record<string, AttributeValue>): void => {
      const pod = uid !== "" ? ctx.pods.find(uid) : ip !== "" && ip !== "0.0.0.0" ? ctx.pods.findByIp(ip) : undefined;
      if (pod) podOutput(pod, prefix, domain, appLabel, istioLabel, into);
    };
    return {
      name: fullName,
      adapter: "kubernetesenv",
      pure: true,
      generate(instance: KubernetesInstance): KubernetesOutput {
        if (cacheGeneration !== ctx.pods.generation) {
          cache = new Map();
          cached = 0;
          cacheGeneration = ctx.pods.generation;
        }
        const inputs = [instance.sourceUid, instance.sourceIp, instance.destinationUid, instance.destinationIp, instance.originUid];
        let level = cache;
        for (const input of inputs) {
          let next = level.get(input) as OutputCache | undefined;
          if (!next) level.set(input, (next = new Map()));
          level = next;
        }
        let out = level.get(instance.originIp) as Record<string, AttributeValue> | undefined;
        if (!out) {
          out = {};
          side(instance.sourceUid, instance.sourceIp, "source", out);
          side(instance.destinationUid, instance.destinationIp, "destination", out);
          side(instance.originUid, instance.originIp, "origin", out);
          if (++cached > 1000) {
            cache = new Map();
            cached = 0;
          }
          level.set(instance.originIp, out);
        }
        return out;
      },
    };
  },
};
