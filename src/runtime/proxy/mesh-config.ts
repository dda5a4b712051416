/**
 * Pilot for the emulated data plane: watches the store, rebuilds the snapshot lazily on the
 * first request after a change (never per request), and caches one route table per
 * (proxy, port). When a rebuilt table is invalid (a bad regex, duplicate domains...), Envoy
 * rejects the update and keeps serving the previous one; so does this cache, recording why.
 */
import type { ObjectStore } from "../cluster/store.ts";
import { buildSnapshot, serviceEndpoints, WATCHED_KINDS, type MeshPod, type MeshService, type MeshSnapshot } from "./mesh-snapshot.ts";
import type { RouteTable } from "./route-table.ts";
import { buildSidecarRouteTable, sidecarHttpPorts } from "./sidecar-routes.ts";
import { buildGatewayRouteTable, gatewayListener, type GatewayListener } from "./gateway-routes.ts";
import { RouteConfigError } from "./string-match.ts";
import { VirtualServiceRouter } from "./virtual-service-router.ts";
import { egressPoliciesFor, type MeshNetworkPolicy } from "./network-policy.ts";

export interface RouteConfigState {
  router: VirtualServiceRouter;
  table: RouteTable;
  /** Set when the latest configuration was rejected and an older table is still in force. */
  rejected?: string;
  /** Snapshot generation the table was built from. */
  builtFrom: number;
}

interface CacheEntry {
  checkedAt: number;
  state: RouteConfigState;
}

const WATCHED = new Set(WATCHED_KINDS);

export class MeshConfig {
  private current?: MeshSnapshot;
  private generation = 0;
  private dirty = true;
  private readonly sidecarTables = new Map<string, CacheEntry>();
  private readonly gatewayTables = new Map<string, CacheEntry>();
  private readonly listeners = new Map<string, GatewayListener | null>();
  /** `listeners` by snapshot pod object (pods are rebuilt with every snapshot, so entries never go stale). */
  private readonly podListeners = new WeakMap<MeshPod, Map<number, GatewayListener | null>>();
  private readonly egressPolicies = new Map<string, MeshNetworkPolicy[]>();
  private httpPorts = new Set<number>();
  private readonly memos = new Map<string, unknown>();
  private readonly resolved = new WeakMap<MeshPod, Map<number, RouteConfigState>>();
  private readonly endpoints = new WeakMap<MeshService, readonly MeshPod[]>();
  private readonly unsubscribe: () => void;

  constructor(private readonly store: ObjectStore) {
    this.unsubscribe = store.subscribe((change) => {
      if (WATCHED.has(change.info.kind)) this.dirty = true;
    });
  }

  /** Forces a rebuild (after `ObjectStore.restore`, which emits no changes). */
  invalidate(): void {
    this.dirty = true;
  }

  dispose(): void {
    this.unsubscribe();
  }

  snapshot(): MeshSnapshot {
    if (this.dirty || !this.current) {
      this.dirty = false;
      this.current = buildSnapshot(this.store, ++this.generation);
      this.listeners.clear();
      this.egressPolicies.clear();
      this.memos.clear();
      this.httpPorts = sidecarHttpPorts(this.current);
      this.forgetDeletedPods(this.current);
    }
    return this.current;
  }

  /** Ports with an HTTP listener on every sidecar. */
  sidecarHttpPorts(): ReadonlySet<number> {
    this.snapshot();
    return this.httpPorts;
  }

  sidecarRoutes(pod: MeshPod, port: number): RouteConfigState {
    const known = this.byPod(pod, port, false);
    if (known) return known;
    return this.cached(this.sidecarTables, `${pod.key}|${port}`, pod, port, undefined);
  }

  gatewayListener(pod: MeshPod, port: number): GatewayListener | undefined {
    const snap = this.snapshot();
    // Per request, by this snapshot's pod object: no key string to build and hash.
    const current = snap.pods.get(pod.key) === pod;
    if (current) {
      const known = this.podListeners.get(pod)?.get(port);
      if (known !== undefined) return known ?? undefined;
    }
    const key = `${pod.key}|${port}`;
    let l = this.listeners.get(key);
    if (l === undefined) {
      l = gatewayListener(snap, pod, port) ?? null;
      this.listeners.set(key, l);
    }
    if (current) {
      let byPort = this.podListeners.get(pod);
      if (!byPort) this.podListeners.set(pod, (byPort = new Map()));
      byPort.set(port, l);
    }
    return l ?? undefined;
  }

  gatewayRoutes(pod: MeshPod, listener: GatewayListener): RouteConfigState {
    const known = this.byPod(pod, listener.port, true);
    if (known) return known;
    return this.cached(this.gatewayTables, `${pod.key}|${listener.port}`, pod, listener.port, listener);
  }

  /** The egress NetworkPolicies selecting a pod (empty: not isolated). */
  egressPoliciesOf(pod: MeshPod): readonly MeshNetworkPolicy[] {
    const snap = this.snapshot();
    let p = this.egressPolicies.get(pod.key);
    if (!p) {
      p = egressPoliciesFor(snap.networkPolicies, pod);
      this.egressPolicies.set(pod.key, p);
    }
    return p;
  }

  /** A value derived from the current snapshot, computed once per generation (endpoints, service of a pod...). */
  memo<T, A = undefined>(key: string, compute: (snapshot: MeshSnapshot, arg: A) => T, arg?: A): T {
    const snap = this.snapshot();
    const known = this.memos.get(key);
    if (known !== undefined || this.memos.has(key)) return known as T;
    const value = compute(snap, arg as A);
    this.memos.set(key, value);
    return value;
  }

  /** The ready pods behind a Kubernetes Service (cached per generation). */
  endpointsOf(service: MeshService): readonly MeshPod[] {
    // Services, like pods, are rebuilt with every snapshot: a per-object cache is per generation.
    if (!this.dirty && this.current?.servicesByHost.get(service.hostname) === service) {
      let pods = this.endpoints.get(service);
      if (!pods) this.endpoints.set(service, (pods = this.memo(`endpoints|${service.hostname}`, serviceEndpoints, service)));
      return pods;
    }
    return this.memo(`endpoints|${service.hostname}`, serviceEndpoints, service);
  }

  /** Tables of pods that no longer exist would otherwise accumulate forever. */
  private forgetDeletedPods(snap: MeshSnapshot): void {
    for (const cache of [this.sidecarTables, this.gatewayTables]) {
      for (const key of cache.keys()) if (!snap.pods.has(key.slice(0, key.lastIndexOf("|")))) cache.delete(key);
    }
  }

  /**
   * The per-request fast path: tables already resolved for this snapshot's pod object (pods are
   * rebuilt with every snapshot, so an entry can never outlive the generation it was built in).
   */
  private byPod(pod: MeshPod, port: number, gateway: boolean): RouteConfigState | undefined {
    if (this.dirty || this.current?.pods.get(pod.key) !== pod) return undefined;
    return this.resolved.get(pod)?.get(gateway ? -port : port);
  }

  private remember(pod: MeshPod, port: number, gateway: boolean, state: RouteConfigState): void {
    if (this.current?.pods.get(pod.key) !== pod) return;
    let byPort = this.resolved.get(pod);
    if (!byPort) this.resolved.set(pod, (byPort = new Map()));
    byPort.set(gateway ? -port : port, state);
  }

  /** A pod's route table for a port: the sidecar's, or the gateway's when `listener` is given. */
  private cached(cache: Map<string, CacheEntry>, key: string, pod: MeshPod, port: number, listener: GatewayListener | undefined): RouteConfigState {
    const snap = this.snapshot();
    const entry = cache.get(key);
    if (entry && entry.checkedAt === snap.generation) {
      this.remember(pod, port, listener !== undefined, entry.state);
      return entry.state;
    }
    const name = listener ? `http.${port}` : String(port);
    let state: RouteConfigState;
    try {
      const table = listener ? buildGatewayRouteTable(snap, pod, listener) : buildSidecarRouteTable(snap, pod, port);
      state = { router: new VirtualServiceRouter(table), table, builtFrom: snap.generation };
    } catch (e) {
      if (!(e instanceof RouteConfigError)) throw e;
      const previous = entry?.state;
      const reason = `route configuration ${name} rejected: ${e.message}`;
      if (previous) state = { ...previous, rejected: reason };
      else {
        // Nothing was ever accepted: the listener has no routes at all.
        const table: RouteTable = { name, virtualHosts: [], notes: [] };
        state = { router: new VirtualServiceRouter(table), table, builtFrom: snap.generation, rejected: reason };
      }
    }
    cache.set(key, { checkedAt: snap.generation, state });
    this.remember(pod, port, listener !== undefined, state);
    return state;
  }
}
