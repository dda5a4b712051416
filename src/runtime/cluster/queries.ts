/**
 * Read-only questions other parts ask about the cluster: which pods back a selector, whether a
 * pod has a sidecar, which Service a hostname names, how kubectl would summarise a pod.
 */
import { findKind } from "../config/kinds.ts";
import type { KubeObject } from "./objects.ts";
import { labelsMatch, parseLabelSelector, type LabelRequirement, type ObjectStore } from "./store.ts";
import { PROXY_CONTAINER } from "./sidecarInjector.ts";

const POD = findKind("pod")!;
const SERVICE = findKind("service")!;

/** Pods of a namespace matching a selector (`app=sleep`, or a label map as in a Service). */
export function podsOf(store: ObjectStore, namespace: string, selector: string | Record<string, string> | LabelRequirement[]): KubeObject[] {
  const reqs = typeof selector === "string"
    ? parseLabelSelector(selector)
    : Array.isArray(selector)
      ? selector
      : Object.entries(selector).map(([key, value]): LabelRequirement => ({ key, op: "=", values: [value] }));
  return store.list(POD, namespace).filter((p) => labelsMatch(p.metadata.labels, reqs));
}

export function podByName(store: ObjectStore, namespace: string, name: string): KubeObject | undefined {
  return store.get(POD, namespace, name);
}

/** The pod with this IP, if any is running (for source attribution by address). */
export function podByIp(store: ObjectStore, ip: string): KubeObject | undefined {
  return store.list(POD).find((p) => p.status?.podIP === ip && p.status?.phase === "Running");
}

export function podIp(pod: KubeObject): string | undefined {
  return pod.status?.podIP || undefined;
}

/** True when the pod runs Istio's sidecar (a container named `istio-proxy` beside the app). */
export function hasSidecar(pod: KubeObject): boolean {
  const containers: any[] = pod.spec?.containers ?? [];
  return containers.some((c) => c?.name === PROXY_CONTAINER) && containers.length > 1;
}

export interface PodContainerNames {
  containers: string[];
  initContainers: string[];
}

/** Container names in spec order, as kubectl's "choose one of: [sleep istio-proxy]" lists them. */
export function podContainers(pod: KubeObject): PodContainerNames {
  const names = (list: unknown) => (Array.isArray(list) ? list.map((c: any) => String(c?.name)) : []);
  return { containers: names(pod.spec?.containers), initContainers: names(pod.spec?.initContainers) };
}

/**
 * The Service a hostname names from a pod in `fromNamespace`, as cluster DNS resolves it:
 * `svc` (search path: the pod's namespace), `svc.ns`, `svc.ns.svc`, `svc.ns.svc.cluster.local`.
 */
export function serviceByHost(store: ObjectStore, host: string, fromNamespace: string): KubeObject | undefined {
  const h = host.endsWith(".") ? host.slice(0, -1) : host;
  const parts = h.split(".");
  if (parts.length === 1) return store.get(SERVICE, fromNamespace, parts[0]);
  if (parts.length === 2) return store.get(SERVICE, parts[1], parts[0]);
  if (parts.length === 3 && parts[2] === "svc") return store.get(SERVICE, parts[1], parts[0]);
  if (parts.length === 5 && parts[2] === "svc" && parts[3] === "cluster" && parts[4] === "local") {
    return store.get(SERVICE, parts[1], parts[0]);
  }
  return undefined;
}

export interface PodSummary {
  /** `2/2` */
  ready: string;
  /** `Running`, `Completed`, `Init:0/1`, `PodInitializing`, `Terminating`, `ContainerCreating`... */
  status: string;
  restarts: number;
}

/** The READY, STATUS and RESTARTS columns of `kubectl get pods` (kubectl 1.10's printPod). */
export function podSummary(pod: KubeObject): PodSummary {
  const spec = pod.spec ?? {};
  const st = pod.status ?? {};
  const total = Array.isArray(spec.containers) ? spec.containers.length : 0;
  let restarts = 0;
  let ready = 0;
  let reason: string = st.reason || st.phase || "Pending";

  const inits: any[] = st.initContainerStatuses ?? [];
  let initializing = false;
  const initCount = Array.isArray(spec.initContainers) ? spec.initContainers.length : 0;
  inits.forEach((c, i) => {
    restarts += c.restartCount ?? 0;
    const term = c.state?.terminated;
    if (term && term.exitCode === 0) return;
    if (initializing) return;
    initializing = true;
    if (term) reason = term.reason ? `Init:${term.reason}` : `Init:ExitCode:${term.exitCode}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== "PodInitializing") reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${initCount}`;
  });

  if (!initializing) {
    const statuses: any[] = st.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state?.running) ready++;
    }
  }
  if (pod.metadata.deletionTimestamp) reason = st.reason === "NodeLost" ? "Unknown" : "Terminating";
  return { ready: `${ready}/${total}`, status: reason, restarts };
}
