/**
 * Address assignment for the one-node emulated cluster. Nothing is remembered here: the
 * addresses in use are read back from the store, so snapshots and restores need no extra state.
 *   - pods get 172.30.146.x, the node's Calico block on the IBM Cloud cluster the blog used
 *     (its gateway log shows the sleep pod as 172.30.146.87);
 *   - services get a cluster IP in 10.0.0.0/16 (10.0.0.1 is `kubernetes`, 10.0.0.10 kube-dns).
 */
import type { SeededRandom } from "../ids.ts";
import { findKind } from "../config/kinds.ts";
import type { ObjectStore } from "./store.ts";

export const NODE_NAME = "10.177.75.165";
export const NODE_IP = "10.177.75.165";
export const API_SERVER_IP = "10.177.75.129";

const POD = findKind("pod")!;
const SERVICE = findKind("service")!;

/** A free pod IP: a random host of the node's /24, probing upwards; the next /24s when full. */
export function allocatePodIp(store: ObjectStore, rng: SeededRandom): string {
  const used = new Set<string>();
  for (const p of store.list(POD)) {
    const phase = p.status?.phase;
    if (p.status?.podIP && phase !== "Succeeded" && phase !== "Failed") used.add(p.status.podIP);
  }
  const start = rng.int(2, 254);
  for (let block = 146; block < 256; block++) {
    for (let i = 0; i < 253; i++) {
      const ip = `172.30.${block}.${2 + ((start - 2 + i) % 253)}`;
      if (!used.has(ip)) return ip;
    }
  }
  throw new Error("pod network exhausted");
}

export function allocateClusterIp(store: ObjectStore, rng: SeededRandom): string {
  const used = new Set(store.list(SERVICE).map((s) => s.spec?.clusterIP));
  for (;;) {
    const ip = `10.0.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    if (!used.has(ip) && ip !== "10.0.0.1" && ip !== "10.0.0.10") return ip;
  }
}
