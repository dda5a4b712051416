/**
 * The emulated API server's storage: objects by kind, namespace and name, a cluster-wide
 * resourceVersion counter (istioctl prints it as the "revision"), and change notifications so
 * controllers (Deployment -> Pods), Pilot (route tables) and Mixer (rules) rebuild their views.
 *
 * Errors are thrown as `ApiError` carrying the API server's reason and message, so every tool
 * can phrase them its own way (`Error from server (NotFound): ...` for kubectl, `Error: ...`
 * for istioctl).
 */
import { deepClone, type KubeObject } from "./objects.ts";
import { apiVersionOf, qualifiedPlural, type KindInfo } from "../config/kinds.ts";
import type { Clock } from "../clock.ts";
import type { SeededRandom } from "../ids.ts";
import { codeUnitOrder } from "../codeUnitOrder.ts";

/** Kinds whose API server sets metadata.generation in 1.10 (pods, services and CRs have none). */
const GENERATION_KINDS = new Set(["Deployment", "ReplicaSet", "Job", "NetworkPolicy", "CustomResourceDefinition"]);

export type ApiReason = "NotFound" | "AlreadyExists" | "Conflict" | "Invalid" | "BadRequest" | "Forbidden";

export class ApiError extends Error {
  constructor(readonly reason: ApiReason, message: string) {
    super(message);
  }
}

export type ChangeType = "ADDED" | "MODIFIED" | "DELETED";
export interface StoreChange {
  type: ChangeType;
  info: KindInfo;
  object: KubeObject;
}
export type StoreListener = (change: StoreChange) => void;

export interface LabelRequirement {
  key: string;
  op: "=" | "!=" | "in" | "notin" | "exists" | "!exists";
  values: string[];
}

/** Parses a kubectl label selector: `app=sleep`, `istio!=mixer`, `env in (a,b)`, `app`, `!app`. */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  const out: LabelRequirement[] = [];
  const parts = selector.match(/(?:[^,(]+(?:\([^)]*\))?)+/g) ?? [];
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part))) {
      out.push({ key: m[1], op: m[2] as "in" | "notin", values: m[3].split(",").map((v) => v.trim()).filter(Boolean) });
    } else if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(part))) {
      out.push({ key: m[1], op: m[2] === "!=" ? "!=" : "=", values: [m[3]] });
    } else if ((m = /^!([\w./-]+)$/.exec(part))) {
      out.push({ key: m[1], op: "!exists", values: [] });
    } else if ((m = /^([\w./-]+)$/.exec(part))) {
      out.push({ key: m[1], op: "exists", values: [] });
    } else {
      throw new ApiError("BadRequest", `unable to parse requirement: found '${part}', expected: '=', '!=', '==', 'in', notin'`);
    }
  }
  return out;
}

export function labelsMatch(labels: Record<string, string> | undefined, reqs: LabelRequirement[]): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case "=": return has && l[r.key] === r.values[0];
      case "!=": return !has || l[r.key] !== r.values[0];
      case "in": return has && r.values.includes(l[r.key]);
      case "notin": return !has || !r.values.includes(l[r.key]);
      case "exists": return has;
      case "!exists": return !has;
    }
  });
}

interface StoreState {
  revision: number;
  uidCounter: number;
  objects: [string, KubeObject][];
}

export class ObjectStore {
  private revision = 1_000_000;
  private uidCounter = 0;
  /** key: `<plural.group>/<namespace>/<name>` (namespace empty for cluster-scoped kinds). */
  private readonly objects = new Map<string, KubeObject>();
  private readonly listeners = new Set<StoreListener>();
  /** When set, new objects are stamped with this time instead of the clock's (see `withCreationTime`). */
  private creationOverrideMicros: number | undefined;

  constructor(private readonly clock: Clock, private readonly rng: SeededRandom) {}

  /**
   * The time new objects are stamped with: the clock's, or the override of `withCreationTime`.
   * Controllers read it too, so a pod's startTime agrees with its creationTimestamp.
   */
  creationMicros(): number {
    return this.creationOverrideMicros ?? this.clock.nowMicros();
  }

  /**
   * Runs `fn` with objects created in the past (at `micros`): the initial install uses it so
   * `kubectl get pods` shows an AGE of minutes, as on a cluster installed before the lesson.
   * The clock itself never goes back, so nothing else is affected.
   */
  withCreationTime<T>(micros: number, fn: () => T): T {
    const saved = this.creationOverrideMicros;
    this.creationOverrideMicros = micros;
    try {
      return fn();
    } finally {
      this.creationOverrideMicros = saved;
    }
  }

  private key(info: KindInfo, namespace: string | undefined, name: string): string {
    return `${qualifiedPlural(info)}/${info.namespaced ? namespace ?? "default" : ""}/${name}`;
  }

  /** The latest resourceVersion handed out. */
  currentRevision(): number {
    return this.revision;
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: StoreChange): void {
    for (const l of this.listeners) l(change);
  }

  get(info: KindInfo, namespace: string | undefined, name: string): KubeObject | undefined {
    const o = this.objects.get(this.key(info, namespace, name));
    return o;
  }

  /** Like `get`, but throws the API server's NotFound. */
  mustGet(info: KindInfo, namespace: string | undefined, name: string): KubeObject {
    const o = this.get(info, namespace, name);
    if (!o) throw new ApiError("NotFound", `${qualifiedPlural(info)} "${name}" not found`);
    return o;
  }

  /** Objects of a kind, in one namespace or (namespace undefined) all, sorted as kubectl shows them. */
  list(info: KindInfo, namespace?: string, selector?: LabelRequirement[]): KubeObject[] {
    const prefix = `${qualifiedPlural(info)}/`;
    const out: KubeObject[] = [];
    for (const [k, o] of this.objects) {
      if (!k.startsWith(prefix)) continue;
      if (info.namespaced && namespace !== undefined && o.metadata.namespace !== namespace) continue;
      if (selector && !labelsMatch(o.metadata.labels, selector)) continue;
      out.push(o);
    }
    out.sort((a, b) => codeUnitOrder(a.metadata.namespace ?? "", b.metadata.namespace ?? "") || codeUnitOrder(a.metadata.name, b.metadata.name));
    return out;
  }

  /** Every stored object (for snapshots and `kubectl get all`-like views). */
  all(): KubeObject[] {
    return [...this.objects.values()];
  }

  private stamp(info: KindInfo, obj: KubeObject, isNew: boolean, previous?: KubeObject): KubeObject {
    const o = deepClone(obj);
    o.apiVersion = obj.apiVersion || apiVersionOf(info);
    o.kind = info.kind;
    if (info.namespaced) o.metadata.namespace = o.metadata.namespace ?? "default";
    else delete o.metadata.namespace;
    this.revision += 1 + this.rng.int(0, 40);
    o.metadata.resourceVersion = String(this.revision);
    if (isNew) {
      this.uidCounter++;
      const hex = this.rng.chars("0123456789abcdef", 32);
      o.metadata.uid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-11e8-${hex.slice(16, 20)}-${hex.slice(20)}`;
      o.metadata.creationTimestamp = new Date(Math.floor(this.creationMicros() / 1_000_000) * 1000).toISOString().replace(".000Z", "Z");
      if (o.metadata.generation === undefined && GENERATION_KINDS.has(info.kind)) o.metadata.generation = 1;
    } else if (previous) {
      o.metadata.uid = previous.metadata.uid;
      o.metadata.creationTimestamp = previous.metadata.creationTimestamp;
      if (previous.metadata.generation !== undefined) {
        const specChanged = JSON.stringify(previous.spec) !== JSON.stringify(o.spec);
        o.metadata.generation = previous.metadata.generation + (specChanged ? 1 : 0);
      }
    }
    return o;
  }

  private requireNamespace(info: KindInfo, namespace: string | undefined, name: string): void {
    if (!info.namespaced) return;
    const ns = namespace ?? "default";
    const nsObj = this.objects.get(`namespaces//${ns}`);
    if (!nsObj) throw new ApiError("NotFound", `namespaces "${ns}" not found`);
    if (nsObj.status?.phase === "Terminating") {
      throw new ApiError("Forbidden", `${qualifiedPlural(info)} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated.`);
    }
  }

  /** Stores a new object; throws AlreadyExists. Returns the stored copy (with resourceVersion). */
  create(info: KindInfo, obj: KubeObject): KubeObject {
    const ns = obj.metadata.namespace;
    this.requireNamespace(info, ns, obj.metadata.name);
    const k = this.key(info, ns, obj.metadata.name);
    if (this.objects.has(k)) throw new ApiError("AlreadyExists", `${qualifiedPlural(info)} "${obj.metadata.name}" already exists`);
    const stored = this.stamp(info, obj, true);
    this.objects.set(k, stored);
    this.emit({ type: "ADDED", info, object: stored });
    return stored;
  }

  /**
   * Replaces an existing object; throws NotFound. When `obj` carries a resourceVersion that is
   * not the current one, throws Conflict (optimistic concurrency, as `kubectl replace` meets it).
   */
  update(info: KindInfo, obj: KubeObject): KubeObject {
    const k = this.key(info, obj.metadata.namespace, obj.metadata.name);
    const prev = this.objects.get(k);
    if (!prev) throw new ApiError("NotFound", `${qualifiedPlural(info)} "${obj.metadata.name}" not found`);
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== prev.metadata.resourceVersion) {
      throw new ApiError("Conflict", `Operation cannot be fulfilled on ${qualifiedPlural(info)} "${obj.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`);
    }
    const stored = this.stamp(info, obj, false, prev);
    this.objects.set(k, stored);
    this.emit({ type: "MODIFIED", info, object: stored });
    return stored;
  }

  /** Removes an object; throws NotFound. Returns the removed object. */
  delete(info: KindInfo, namespace: string | undefined, name: string): KubeObject {
    const k = this.key(info, namespace, name);
    const prev = this.objects.get(k);
    if (!prev) throw new ApiError("NotFound", `${qualifiedPlural(info)} "${name}" not found`);
    this.objects.delete(k);
    this.revision += 1;
    this.emit({ type: "DELETED", info, object: prev });
    return prev;
  }

  snapshot(): StoreState {
    return { revision: this.revision, uidCounter: this.uidCounter, objects: deepClone([...this.objects.entries()]) };
  }

  /**
   * Restores a snapshot without emitting changes; owners rebuild their views afterwards. The
   * objects are copied, unless the caller hands them over (`owned`: nothing else holds them).
   */
  restore(state: StoreState, owned = false): void {
    this.revision = state.revision;
    this.uidCounter = state.uidCounter;
    this.objects.clear();
    for (const [k, o] of owned ? state.objects : deepClone(state.objects)) this.objects.set(k, o);
  }
}

export type { StoreState };
