/**
 * The `istio-mesh` job's target: Kubernetes service discovery finds the endpoints of
 * `istio-telemetry` port `prometheus`, i.e. the telemetry pod's IP on 42422.
 */
import type { ObjectStore } from "../../cluster/store.ts";
import { podIp, podsOf } from "../../cluster/queries.ts";

export const ISTIO_MESH_JOB = "istio-mesh";
export const MIXER_PROMETHEUS_PORT = 42422;

/** A function answering the current `ip:42422` (undefined while no telemetry pod runs). */
export function istioMeshTarget(store: ObjectStore): () => string | undefined {
  return () => {
    for (const pod of podsOf(store, "istio-system", { istio: "mixer", "istio-mixer-type": "telemetry" })) {
      const ip = podIp(pod);
      if (ip && pod.status?.phase === "Running" && !pod.metadata.deletionTimestamp) return `${ip}:${MIXER_PROMETHEUS_PORT}`;
    }
    return undefined;
  };
}
