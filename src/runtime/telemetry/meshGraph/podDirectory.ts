/**
 * What the graph needs to know about a pod named in a trace (`sleep-6859f9d5cb-l877h.default`):
 * its workload, namespace, and whether it runs a sidecar or is a gateway. Read from Pilot's
 * snapshot, the same view the data plane routed the request with.
 */
import type { MeshConfig } from "../../proxy/mesh-config.ts";
import type { MeshPod } from "../../proxy/mesh-snapshot.ts";
import { workloadName } from "../../proxy/pipeline.ts";

export interface PodFacts {
  /** The app label, else the owner's name (`istio-egressgateway`). */
  workload: string;
  namespace: string;
  sidecar: boolean;
  gateway: boolean;
}

export interface PodDirectory {
  /**
   * Changes (by identity) whenever pods may have changed: callers cache lookups until it does.
   * Called once per recorded request, so it must be cheap.
   */
  version(): unknown;
  /** The pod with this trace key now, or undefined (deleted, or never existed). */
  pod(key: string): PodFacts | undefined;
}

/** A directory over the data plane's mesh snapshot (rebuilt by Pilot only after the store changes). */
export function meshPodDirectory(mesh: MeshConfig): PodDirectory {
  const facts = new WeakMap<MeshPod, PodFacts>();
  return {
    version: () => mesh.snapshot(),
    pod(key) {
      const pod = mesh.snapshot().pods.get(key);
      if (!pod) return undefined;
      let f = facts.get(pod);
      if (!f) facts.set(pod, (f = { workload: workloadName(pod), namespace: pod.namespace, sidecar: pod.hasSidecar, gateway: pod.isGateway }));
      return f;
    },
  };
}
