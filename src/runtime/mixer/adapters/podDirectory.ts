/**
 * The kubernetesenv adapter's pod cache: pods of the emulated cluster by `kubernetes://<pod>.<ns>`
 * uid or by pod IP. Lookups are cached per uid; any Pod change clears the cache.
 */
import type { KubeObject } from "../../cluster/objects.ts";
import type { ObjectStore } from "../../cluster/store.ts";
import { findKind, type KindInfo } from "../../config/kinds.ts";

const POD_KIND: KindInfo = findKind("pods")!;
const KUBE_PREFIX = "kubernetes://";
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export class PodDirectory {
  private readonly byUid = new Map<string, KubeObject | null>();
  private byIp: Map<string, KubeObject> | undefined;
  /** Bumped on every invalidation, so caches built on lookups know when to drop. */
  generation = 0;

  constructor(private readonly store: ObjectStore) {}

  /** Forget cached lookups (call on any Pod change). */
  invalidate(): void {
    this.byUid.clear();
    this.byIp = undefined;
    this.generation++;
  }

  /** 0.8 `keyFromUID`: an IP, or `kubernetes://<pod>.<ns>` split on its single dot. */
  find(uid: string): KubeObject | undefined {
    if (uid === "") return undefined;
    const cached = this.byUid.get(uid);
    if (cached !== undefined) return cached ?? undefined;
    let pod: KubeObject | undefined;
    if (IPV4.test(uid) || uid.includes(":") && !uid.startsWith(KUBE_PREFIX)) {
      pod = this.findByIp(uid);
    } else {
      const full = uid.startsWith(KUBE_PREFIX) ? uid.slice(KUBE_PREFIX.length) : uid;
      const parts = full.split(".");
      if (parts.length === 2) pod = this.store.get(POD_KIND, parts[1], parts[0]);
    }
    this.byUid.set(uid, pod ?? null);
    return pod;
  }

  findByIp(ip: string): KubeObject | undefined {
    if (!this.byIp) {
      this.byIp = new Map();
      for (const p of this.store.list(POD_KIND)) {
        const podIp = p.status?.podIP;
        if (typeof podIp === "string" && podIp) this.byIp.set(podIp, p);
      }
    }
    return this.byIp.get(ip);
  }
}
