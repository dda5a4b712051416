import { VirtualClock } from "../../../src/runtime/clock.ts";
import { SeededRandom } from "../../../src/runtime/ids.ts";
import { ObjectStore } from "../../../src/runtime/cluster/store.ts";
import { ClusterLogs } from "../../../src/runtime/cluster/logs.ts";
import { WorkloadController } from "../../../src/runtime/cluster/controllers.ts";
import { installCluster } from "../../../src/runtime/cluster/install.ts";
import { findKind, kindOfManifest, type KindInfo } from "../../../src/runtime/config/kinds.ts";
import type { KubeObject } from "../../../src/runtime/cluster/objects.ts";
import { parseManifests } from "../../../src/runtime/config/manifests.ts";

export const START = "2018-06-18T13:20:00Z";

export function kind(name: string): KindInfo {
  return findKind(name)!;
}

export function emptyCluster(seed = 1) {
  const clock = VirtualClock.fromIso(START);
  const rng = new SeededRandom(seed);
  const store = new ObjectStore(clock, rng);
  const logs = new ClusterLogs();
  const controller = new WorkloadController(store, { clock, rng, logs }).start();
  return { clock, rng, store, logs, controller };
}

export function installedCluster(seed = 1) {
  const clock = VirtualClock.fromIso(START);
  const rng = new SeededRandom(seed);
  const store = new ObjectStore(clock, rng);
  const logs = new ClusterLogs();
  const controller = installCluster(store, { clock, rng, logs });
  return { clock, rng, store, logs, controller };
}

/** What `kubectl apply -f` does for new objects, minus the printing. */
export function applyManifest(store: ObjectStore, text: string, namespace?: string): KubeObject[] {
  return parseManifests(text).map((m) => {
    const o = m.object as unknown as KubeObject;
    const info = kindOfManifest(o.kind, o.apiVersion)!;
    if (namespace && info.namespaced) o.metadata.namespace = namespace;
    return store.create(info, o);
  });
}

export function createNamespace(store: ObjectStore, name: string, labels?: Record<string, string>): KubeObject {
  return store.create(kind("namespace"), { apiVersion: "v1", kind: "Namespace", metadata: { name, ...(labels ? { labels } : {}) } });
}
