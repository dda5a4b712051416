/**
 * The controllers of the emulated cluster, as one store subscriber:
 *   - Deployment -> ReplicaSet `<name>-<hash>` -> Pods `<name>-<hash>-<suffix>`; a changed pod
 *     template rolls a new ReplicaSet (old ones are scaled to 0 and kept, as extensions/v1beta1
 *     keeps its history); deleting an owner deletes what it owns; a deleted pod of a live
 *     ReplicaSet is replaced;
 *   - Istio's injection webhook: pods created in a namespace labelled `istio-injection=enabled`
 *     get the 0.8.0 sidecar unless they opt out;
 *   - scheduler + kubelet: every pod is bound to the node and Running at once (podLifecycle.ts);
 *   - Services get a cluster IP and an Endpoints object listing their running pods;
 *   - Namespaces become Active with a `default` ServiceAccount; deleting one deletes its content;
 *   - a deleted pod's logs are dropped.
 *
 * Everything is derived from the store (no private state beyond a work queue and the Services'
 * cluster IPs), so a restored snapshot needs only `adopt()`. Work runs synchronously: when `store.create(...)` returns,
 * the pods it implies exist. Events the controller itself causes are queued and handled after
 * the current one, so handlers never re-enter each other.
 */
import type { Clock } from "../clock.ts";
import type { SeededRandom } from "../ids.ts";
import { findKind, type KindInfo } from "../config/kinds.ts";
import type { ClusterLogs } from "./logs.ts";
import { deepClone, type KubeObject } from "./objects.ts";
import { ApiError, labelsMatch, type LabelRequirement, type ObjectStore, type StoreChange } from "./store.ts";
import { generatedName, templateHash } from "./names.ts";
import { allocateClusterIp, allocatePodIp } from "./ipam.ts";
import { applyPodDefaults, markRunning, rfc3339 } from "./podLifecycle.ts";
import { injectionRequested, injectPodSpec } from "./sidecarInjector.ts";
import { codeUnitOrder } from "../codeUnitOrder.ts";

export interface ControllerDeps {
  clock: Clock;
  rng: SeededRandom;
  logs: ClusterLogs;
}

const kind = (name: string): KindInfo => findKind(name)!;
const NAMESPACE = kind("namespace");
const POD = kind("pod");
const SERVICE = kind("service");
const ENDPOINTS = kind("endpoints");
const DEPLOYMENT = kind("deployment");
const REPLICASET = kind("replicaset");
const SERVICEACCOUNT = kind("serviceaccount");

const TEMPLATE_HASH_LABEL = "pod-template-hash";
const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
export const INJECTION_LABEL = "istio-injection";

export class WorkloadController {
  private readonly queue: StoreChange[] = [];
  private draining = false;
  private readonly endpointsDirty = new Set<string>();
  private unsubscribe: (() => void) | undefined;
  /** The last error a handler met (a controller never throws into the API call that woke it). */
  lastError: unknown;

  constructor(private readonly store: ObjectStore, private readonly deps: ControllerDeps) {}

  start(): this {
    if (!this.unsubscribe) this.unsubscribe = this.store.subscribe((c) => this.enqueue(c));
    return this;
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /**
   * Takes a restored snapshot's cluster as it is. Snapshots are only ever taken between API
   * calls, and this controller does its work synchronously within them, so a snapshot's cluster
   * is already at its desired state: only what the controller remembers beyond the store is
   * picked up again (the Services' cluster IPs). Much cheaper than `resync`, which re-handles
   * every object; restoring is on the way to the reader's prompt.
   */
  adopt(): void {
    for (const svc of this.store.list(SERVICE)) {
      const ip = svc.spec?.clusterIP;
      if (ip) this.clusterIps.set(`${svc.metadata.namespace}/${svc.metadata.name}`, ip);
    }
  }

  /** Brings everything to its desired state (a start on a filled store, or a snapshot that may not be settled). */
  resync(): void {
    for (const info of [NAMESPACE, SERVICE, DEPLOYMENT, REPLICASET, POD]) {
      for (const o of this.store.list(info)) this.queue.push({ type: "MODIFIED", info, object: o });
    }
    this.drain();
  }

  private enqueue(change: StoreChange): void {
    this.queue.push(change);
    this.drain();
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      // Endpoints are recomputed once per namespace per burst of changes, not once per pod or
      // service event (installing Istio creates dozens of each in one go).
      while (this.queue.length || this.endpointsDirty.size) {
        for (let c = this.queue.shift(); c; c = this.queue.shift()) {
          try {
            this.handle(c);
          } catch (e) {
            this.lastError = e;
          }
        }
        const namespaces = [...this.endpointsDirty];
        this.endpointsDirty.clear();
        for (const ns of namespaces) {
          try {
            this.reconcileEndpoints(ns);
          } catch (e) {
            this.lastError = e;
          }
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private handle({ type, info, object }: StoreChange): void {
    const ns = object.metadata.namespace ?? "default";
    const name = object.metadata.name;
    switch (info.kind) {
      case "Namespace":
        if (type === "DELETED") this.deleteNamespaceContent(name);
        else this.activateNamespace(name);
        return;
      case "Deployment":
        if (type === "DELETED") this.deleteOwned(REPLICASET, ns, object);
        else this.reconcileDeployment(ns, name);
        return;
      case "ReplicaSet":
        if (type === "DELETED") {
          this.deleteOwned(POD, ns, object);
          this.refreshDeploymentStatus(ns, controllerOf(object, "Deployment"));
        } else this.reconcileReplicaSet(ns, name);
        return;
      case "Pod":
        if (type === "DELETED") {
          this.deps.logs.dropPod(ns, name);
          const rs = controllerOf(object, "ReplicaSet");
          if (rs) this.reconcileReplicaSet(ns, rs);
        } else this.schedulePod(ns, name);
        this.endpointsDirty.add(ns);
        return;
      case "Service":
        if (type === "DELETED") this.tryDelete(ENDPOINTS, ns, name);
        else this.assignClusterIp(ns, name);
        this.endpointsDirty.add(ns);
        return;
    }
  }

  // ---- namespaces ----------------------------------------------------------------------

  private activateNamespace(name: string): void {
    const nsObj = this.store.get(NAMESPACE, undefined, name);
    if (!nsObj) return;
    if (!nsObj.status?.phase) {
      const next = deepClone(nsObj);
      next.spec = { finalizers: ["kubernetes"], ...(next.spec ?? {}) };
      next.status = { phase: "Active" };
      delete next.metadata.resourceVersion;
      this.store.update(NAMESPACE, next);
    }
    if (nsObj.status?.phase !== "Terminating" && !this.store.get(SERVICEACCOUNT, name, "default")) {
      this.store.create(SERVICEACCOUNT, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: name } });
    }
  }

  /** Owners first, so their own cascades do not race with the sweep. */
  private deleteNamespaceContent(namespace: string): void {
    const order = ["Deployment", "ReplicaSet", "Pod"];
    const rank = (o: KubeObject) => (order.includes(o.kind) ? order.indexOf(o.kind) : order.length);
    const victims = this.store.all().filter((o) => o.metadata.namespace === namespace).sort((a, b) => rank(a) - rank(b));
    for (const o of victims) {
      const info = findKindOf(o);
      if (info) this.tryDelete(info, namespace, o.metadata.name);
    }
  }

  // ---- deployments and replica sets ---------------------------------------------------

  private reconcileDeployment(ns: string, name: string): void {
    const dep = this.store.get(DEPLOYMENT, ns, name);
    if (!dep || dep.metadata.deletionTimestamp) return;
    const template = dep.spec?.template ?? {};
    const replicas = typeof dep.spec?.replicas === "number" ? dep.spec.replicas : 1;
    const owned = this.ownedBy(REPLICASET, ns, dep);
    let current = currentReplicaSet(dep, owned);

    if (!current) {
      const hash = templateHash(this.deps.rng);
      const revision = 1 + Math.max(0, ...owned.map((rs) => Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0)));
      const labels = { ...(template.metadata?.labels ?? {}), [TEMPLATE_HASH_LABEL]: hash.label };
      const selector = dep.spec?.selector?.matchLabels ?? template.metadata?.labels ?? {};
      const rsTemplate = deepClone(template);
      rsTemplate.metadata = { ...(rsTemplate.metadata ?? {}), labels };
      current = this.createUnique(REPLICASET, ns, `${name}-${hash.suffix}`, (rsName) => ({
        apiVersion: "extensions/v1beta1",
        kind: "ReplicaSet",
        metadata: {
          name: rsName,
          namespace: ns,
          labels,
          annotations: {
            "deployment.kubernetes.io/desired-replicas": String(replicas),
            "deployment.kubernetes.io/max-replicas": String(replicas + 1),
            [REVISION_ANNOTATION]: String(revision),
          },
          ownerReferences: [ownerRef(dep)],
        },
        spec: { replicas, selector: { matchLabels: { ...selector, [TEMPLATE_HASH_LABEL]: hash.label } }, template: rsTemplate },
      }));
    } else if (current.spec?.replicas !== replicas) {
      const next = deepClone(current);
      next.spec.replicas = replicas;
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), "deployment.kubernetes.io/desired-replicas": String(replicas) };
      delete next.metadata.resourceVersion;
      current = this.store.update(REPLICASET, next);
    }
    // Recreate strategy in one step: the old ReplicaSets give up their pods at once.
    for (const rs of owned) {
      if (rs.metadata.name === current.metadata.name || rs.spec?.replicas === 0) continue;
      const next = deepClone(rs);
      next.spec.replicas = 0;
      delete next.metadata.resourceVersion;
      this.store.update(REPLICASET, next);
    }
    this.refreshDeploymentStatus(ns, name);
  }

  private reconcileReplicaSet(ns: string, name: string): void {
    const rs = this.store.get(REPLICASET, ns, name);
    if (!rs) return;
    const desired = typeof rs.spec?.replicas === "number" ? rs.spec.replicas : 1;
    const pods = this.ownedBy(POD, ns, rs).filter((p) => !p.metadata.deletionTimestamp);
    for (let i = pods.length; i < desired; i++) pods.push(this.createPodFor(rs));
    if (pods.length > desired) {
      const extra = pods.sort((a, b) => codeUnitOrder(a.metadata.creationTimestamp ?? "", b.metadata.creationTimestamp ?? "")).splice(desired);
      for (const p of extra.reverse()) this.tryDelete(POD, ns, p.metadata.name);
    }
    const live = this.ownedBy(POD, ns, rs);
    const ready = live.filter((p) => p.status?.phase === "Running").length;
    const latest = this.store.get(REPLICASET, ns, name);
    if (!latest) return;
    const status = {
      availableReplicas: ready || undefined,
      fullyLabeledReplicas: live.length || undefined,
      observedGeneration: latest.metadata.generation,
      readyReplicas: ready || undefined,
      replicas: live.length,
    };
    this.updateStatus(REPLICASET, latest, prune(status));
    this.refreshDeploymentStatus(ns, controllerOf(rs, "Deployment"));
  }

  private refreshDeploymentStatus(ns: string, name: string | undefined): void {
    if (!name) return;
    const dep = this.store.get(DEPLOYMENT, ns, name);
    if (!dep) return;
    const owned = this.ownedBy(REPLICASET, ns, dep);
    const current = currentReplicaSet(dep, owned);
    const count = (rss: KubeObject[], pred: (p: KubeObject) => boolean) =>
      rss.reduce((n, rs) => n + this.ownedBy(POD, ns, rs).filter(pred).length, 0);
    const replicas = count(owned, () => true);
    const updated = current ? count([current], () => true) : 0;
    const ready = count(owned, (p) => p.status?.phase === "Running");
    const desired = typeof dep.spec?.replicas === "number" ? dep.spec.replicas : 1;
    const available = ready >= desired;
    const previous = (dep.status?.conditions ?? []).find((c: any) => c.type === "Available");
    const now = rfc3339(this.store.creationMicros());
    const condition = {
      lastTransitionTime: previous && previous.status === (available ? "True" : "False") ? previous.lastTransitionTime : now,
      lastUpdateTime: previous && previous.status === (available ? "True" : "False") ? previous.lastUpdateTime : now,
      message: available ? "Deployment has minimum availability." : "Deployment does not have minimum availability.",
      reason: available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
      status: available ? "True" : "False",
      type: "Available",
    };
    const status = prune({
      availableReplicas: ready || undefined,
      conditions: [condition],
      observedGeneration: dep.metadata.generation,
      readyReplicas: ready || undefined,
      replicas: replicas || undefined,
      unavailableReplicas: desired > ready ? desired - ready : undefined,
      updatedReplicas: updated || undefined,
    });
    const revision = current?.metadata.annotations?.[REVISION_ANNOTATION];
    const annotationsOk = !revision || dep.metadata.annotations?.[REVISION_ANNOTATION] === revision;
    if (annotationsOk && canonicalJson(dep.status ?? {}) === canonicalJson(status)) return;
    const next = deepClone(dep);
    if (revision) next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [REVISION_ANNOTATION]: revision };
    next.status = status;
    delete next.metadata.resourceVersion;
    this.store.update(DEPLOYMENT, next);
  }

  // ---- pods ---------------------------------------------------------------------------

  private createPodFor(rs: KubeObject): KubeObject {
    const ns = rs.metadata.namespace ?? "default";
    const template = rs.spec?.template ?? {};
    const prefix = `${rs.metadata.name}-`;
    const name = generatedName(prefix, this.deps.rng, (n) => !!this.store.get(POD, ns, n));
    let pod: KubeObject = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name,
        generateName: prefix,
        namespace: ns,
        labels: { ...(template.metadata?.labels ?? {}) },
        ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
        ownerReferences: [ownerRef(rs)],
      },
      spec: deepClone(template.spec ?? {}),
    };
    pod = this.admit(pod);
    markRunning(applyPodDefaults(pod), { startMicros: this.store.creationMicros(), podIP: allocatePodIp(this.store, this.deps.rng), rng: this.deps.rng });
    return this.store.create(POD, pod);
  }

  /** Istio's mutating webhook (namespaceSelector istio-injection=enabled, policy enabled). */
  private admit(pod: KubeObject): KubeObject {
    const ns = this.store.get(NAMESPACE, undefined, pod.metadata.namespace ?? "default");
    if (ns?.metadata.labels?.[INJECTION_LABEL] !== "enabled") return pod;
    const template = { metadata: pod.metadata, spec: pod.spec };
    if (!injectionRequested(template)) return pod;
    const injected = injectPodSpec(template);
    return { ...pod, metadata: injected.metadata as unknown as KubeObject["metadata"], spec: injected.spec };
  }

  /** A pod created directly (kubectl apply of a Pod) is admitted, scheduled and started. */
  private schedulePod(ns: string, name: string): void {
    const pod = this.store.get(POD, ns, name);
    if (!pod || (pod.spec?.nodeName && pod.status?.phase)) return;
    let next = deepClone(pod);
    delete next.metadata.resourceVersion;
    next = this.admit(next);
    markRunning(applyPodDefaults(next), { startMicros: this.store.creationMicros(), podIP: pod.status?.podIP || allocatePodIp(this.store, this.deps.rng), rng: this.deps.rng });
    this.store.update(POD, next);
  }

  // ---- services -----------------------------------------------------------------------

  private readonly clusterIps = new Map<string, string>();

  /**
   * Gives a Service its cluster IP. The IP is immutable in Kubernetes, so when an update
   * (a `kubectl apply` of the manifest) drops it, the one it had is put back.
   */
  private assignClusterIp(ns: string, name: string): void {
    const svc = this.store.get(SERVICE, ns, name);
    if (!svc) return;
    const key = `${ns}/${name}`;
    const next = deepClone(svc);
    delete next.metadata.resourceVersion;
    const s = (next.spec ??= {});
    s.type ??= "ClusterIP";
    if (!s.clusterIP && s.type !== "ExternalName") s.clusterIP = this.clusterIps.get(key) ?? allocateClusterIp(this.store, this.deps.rng);
    s.sessionAffinity ??= "None";
    s.ports = (Array.isArray(s.ports) ? s.ports : []).map((p: any) => ({ ...p, protocol: p.protocol ?? "TCP", targetPort: p.targetPort ?? p.port }));
    next.status ??= { loadBalancer: {} };
    if (s.clusterIP) this.clusterIps.set(key, s.clusterIP);
    if (canonicalJson(next.spec) === canonicalJson(svc.spec) && canonicalJson(next.status) === canonicalJson(svc.status)) return;
    this.store.update(SERVICE, next);
  }

  /** Endpoints of every selector-based Service of the namespace, rewritten only when they change. */
  private reconcileEndpoints(ns: string): void {
    if (!this.store.get(NAMESPACE, undefined, ns)) return;
    const pods = this.store.list(POD, ns).filter((p) => p.status?.phase === "Running" && p.status.podIP && !p.metadata.deletionTimestamp);
    for (const svc of this.store.list(SERVICE, ns)) {
      const selector: Record<string, string> | undefined = svc.spec?.selector;
      if (!selector || !Object.keys(selector).length) continue;
      const reqs: LabelRequirement[] = Object.entries(selector).map(([key, v]) => ({ key, op: "=", values: [v] }));
      const members = pods.filter((p) => labelsMatch(p.metadata.labels, reqs));
      const ports = (svc.spec?.ports ?? []).map((p: any) => prune({
        name: p.name,
        port: resolveTargetPort(p, members[0]),
        protocol: p.protocol ?? "TCP",
      }));
      const subsets = members.length
        ? [{
            addresses: members.map((p) => ({
              ip: p.status.podIP,
              nodeName: p.spec?.nodeName,
              targetRef: { kind: "Pod", name: p.metadata.name, namespace: ns, uid: p.metadata.uid },
            })),
            ports,
          }]
        : undefined;
      const existing = this.store.get(ENDPOINTS, ns, svc.metadata.name);
      const body: KubeObject = {
        apiVersion: "v1",
        kind: "Endpoints",
        metadata: { name: svc.metadata.name, namespace: ns, ...(svc.metadata.labels ? { labels: { ...svc.metadata.labels } } : {}) },
        ...(subsets ? { subsets } : {}),
      };
      if (!existing) this.store.create(ENDPOINTS, body);
      else if (canonicalJson(existing.subsets ?? null) !== canonicalJson(body.subsets ?? null)) this.store.update(ENDPOINTS, body);
    }
  }

  // ---- helpers ------------------------------------------------------------------------

  private ownedBy(info: KindInfo, ns: string, owner: KubeObject): KubeObject[] {
    return this.store.list(info, ns).filter((o) => (o.metadata.ownerReferences ?? []).some((r) => r.uid === owner.metadata.uid));
  }

  private deleteOwned(info: KindInfo, ns: string, owner: KubeObject): void {
    for (const o of this.ownedBy(info, ns, owner)) this.tryDelete(info, ns, o.metadata.name);
  }

  private tryDelete(info: KindInfo, ns: string | undefined, name: string): void {
    try {
      this.store.delete(info, ns, name);
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === "NotFound")) throw e;
    }
  }

  private createUnique(info: KindInfo, ns: string, name: string, build: (name: string) => KubeObject): KubeObject {
    let candidate = name;
    while (this.store.get(info, ns, candidate)) candidate = `${name}${this.deps.rng.chars("bcdfghjklmnpqrstvwxz2456789", 1)}`;
    return this.store.create(info, build(candidate));
  }

  private updateStatus(info: KindInfo, obj: KubeObject, status: Record<string, unknown>): void {
    if (canonicalJson(obj.status ?? {}) === canonicalJson(status)) return;
    const next = deepClone(obj);
    next.status = status;
    delete next.metadata.resourceVersion;
    this.store.update(info, next);
  }
}

function ownerRef(owner: KubeObject) {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid ?? "", controller: true, blockOwnerDeletion: true };
}

function controllerOf(obj: KubeObject, ownerKind: string): string | undefined {
  return (obj.metadata.ownerReferences ?? []).find((r) => r.kind === ownerKind && r.controller !== false)?.name;
}

function findKindOf(o: KubeObject): KindInfo | undefined {
  const group = o.apiVersion.includes("/") ? o.apiVersion.split("/")[0] : "";
  return findKind(group ? `${o.kind}.${group}` : o.kind) ?? findKind(o.kind);
}

/**
 * The ReplicaSet running the Deployment's current pod template (the RS template is the
 * Deployment's plus the pod-template-hash label). Stored objects are never mutated in place,
 * so each one's template key is computed once and cached by identity.
 */
function currentReplicaSet(dep: KubeObject, owned: KubeObject[]): KubeObject | undefined {
  const wanted = templateKey(dep);
  return owned.find((rs) => templateKey(rs) === wanted);
}

const templateKeys = new WeakMap<KubeObject, string>();

function templateKey(owner: KubeObject): string {
  let key = templateKeys.get(owner);
  if (key === undefined) {
    const template = owner.spec?.template ?? {};
    const labels = template.metadata?.labels;
    if (labels && TEMPLATE_HASH_LABEL in labels) {
      const { [TEMPLATE_HASH_LABEL]: _hash, ...rest } = labels;
      key = canonicalJson({ ...template, metadata: { ...template.metadata, labels: rest } });
    } else key = canonicalJson(template);
    templateKeys.set(owner, key);
  }
  return key;
}

/** A target port by name resolves against the pod's container ports, as the endpoints controller does. */
function resolveTargetPort(port: any, pod: KubeObject | undefined): number {
  const target = port.targetPort ?? port.port;
  if (typeof target === "number") return target;
  if (/^\d+$/.test(String(target))) return Number(target);
  for (const c of pod?.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target) return p.containerPort;
  }
  return port.port;
}

function prune<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** JSON with sorted keys: equality of templates and statuses regardless of key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v && typeof v === "object") {
    const entries = Object.keys(v as object)
      .filter((k) => (v as any)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as any)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(v ?? null);
}
