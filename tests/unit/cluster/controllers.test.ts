import { describe, expect, it } from "vitest";
import { applyManifest, createNamespace, emptyCluster, installedCluster, kind } from "./fixtures.ts";
import { hasSidecar, podContainers, podsOf, podSummary } from "../../../src/runtime/cluster/queries.ts";
import { SLEEP_YAML } from "../../../src/runtime/samples/index.ts";
import { kubeInject } from "../../../src/runtime/cluster/kubeInject.ts";
import type { KubeObject } from "../../../src/runtime/cluster/objects.ts";

const POD = kind("pod");
const RS = kind("rs");
const DEPLOY = kind("deploy");
const NS = kind("namespace");

function deployment(name: string, ns: string, extra: { replicas?: number; image?: string; annotations?: Record<string, string> } = {}): KubeObject {
  return {
    apiVersion: "extensions/v1beta1",
    kind: "Deployment",
    metadata: { name, namespace: ns },
    spec: {
      replicas: extra.replicas ?? 1,
      template: {
        metadata: { labels: { app: name }, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
        spec: { containers: [{ name, image: extra.image ?? "tutum/curl", command: ["/bin/sleep", "infinity"] }] },
      },
    },
  };
}

describe("namespaces", () => {
  it("become Active with a default ServiceAccount", () => {
    const { store } = emptyCluster();
    createNamespace(store, "politics");
    expect(store.get(NS, undefined, "politics")!.status).toEqual({ phase: "Active" });
    expect(store.get(kind("sa"), "politics", "default")).toBeDefined();
  });

  it("take everything in them along when deleted", () => {
    const { store, logs } = emptyCluster();
    createNamespace(store, "politics", { "istio-injection": "enabled" });
    applyManifest(store, SLEEP_YAML, "politics");
    const [pod] = podsOf(store, "politics", "app=sleep");
    logs.sink("politics", pod.metadata.name, "sleep").write("hello");
    expect(store.all().filter((o) => o.metadata.namespace === "politics").length).toBeGreaterThan(4);

    store.delete(NS, undefined, "politics");
    expect(store.all().filter((o) => o.metadata.namespace === "politics")).toEqual([]);
    expect(logs.read("politics", pod.metadata.name, "sleep")).toEqual([]);
  });
});

describe("Deployment -> ReplicaSet -> Pod", () => {
  it("creates a ReplicaSet <name>-<hash> owning pods <name>-<hash>-<suffix>", () => {
    const { store } = emptyCluster();
    createNamespace(store, "apps");
    const dep = store.create(DEPLOY, deployment("web", "apps", { replicas: 2 }));
    const [rs] = store.list(RS, "apps");
    const hash = rs.metadata.labels!["pod-template-hash"];
    expect(rs.metadata.name).toMatch(/^web-[bcdf4-9]+$/);
    expect(rs.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: "Deployment", name: "web", uid: dep.metadata.uid, controller: true })]);
    expect(rs.spec.replicas).toBe(2);
    expect(rs.spec.selector.matchLabels).toEqual({ app: "web", "pod-template-hash": hash });

    const pods = store.list(POD, "apps");
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(new RegExp(`^${rs.metadata.name}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.generateName).toBe(`${rs.metadata.name}-`);
      expect(p.metadata.labels).toEqual({ app: "web", "pod-template-hash": hash });
      expect(p.metadata.ownerReferences?.[0]).toMatchObject({ kind: "ReplicaSet", name: rs.metadata.name, uid: rs.metadata.uid });
      expect(p.spec.nodeName).toBeTruthy();
      expect(p.status).toMatchObject({ phase: "Running", hostIP: expect.any(String), podIP: expect.stringMatching(/^172\.30\./) });
      expect(p.status.containerStatuses[0]).toMatchObject({ name: "web", ready: true, restartCount: 0, state: { running: expect.any(Object) } });
    }
    expect(new Set(pods.map((p) => p.status.podIP)).size).toBe(2);
    const status = store.get(DEPLOY, "apps", "web")!.status;
    expect(status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2 });
  });

  it("rolls a new ReplicaSet when the pod template changes, replacing the pods", () => {
    const { store } = emptyCluster();
    createNamespace(store, "apps");
    store.create(DEPLOY, deployment("web", "apps"));
    const [oldPod] = store.list(POD, "apps");
    const [oldRs] = store.list(RS, "apps");
    const current = store.get(DEPLOY, "apps", "web")!;
    store.update(DEPLOY, { ...current, metadata: { ...current.metadata, resourceVersion: undefined }, spec: { ...current.spec, template: deployment("web", "apps", { image: "tutum/curl:alpine" }).spec.template } });

    const rss = store.list(RS, "apps");
    expect(rss).toHaveLength(2);
    expect(store.get(RS, "apps", oldRs.metadata.name)!.spec.replicas).toBe(0);
    const pods = store.list(POD, "apps");
    expect(pods).toHaveLength(1);
    expect(pods[0].metadata.name).not.toBe(oldPod.metadata.name);
    expect(pods[0].spec.containers[0].image).toBe("tutum/curl:alpine");
  });

  it("keeps the ReplicaSet and pods when the same Deployment is applied again", () => {
    const { store } = emptyCluster();
    createNamespace(store, "apps");
    store.create(DEPLOY, deployment("web", "apps"));
    const before = store.list(POD, "apps").map((p) => p.metadata.name);
    const current = store.get(DEPLOY, "apps", "web")!;
    store.update(DEPLOY, { ...deployment("web", "apps"), metadata: { ...current.metadata, resourceVersion: undefined } });
    expect(store.list(RS, "apps")).toHaveLength(1);
    expect(store.list(POD, "apps").map((p) => p.metadata.name)).toEqual(before);
  });

  it("scales with spec.replicas", () => {
    const { store } = emptyCluster();
    createNamespace(store, "apps");
    store.create(DEPLOY, deployment("web", "apps", { replicas: 1 }));
    const current = store.get(DEPLOY, "apps", "web")!;
    store.update(DEPLOY, { ...current, metadata: { ...current.metadata, resourceVersion: undefined }, spec: { ...current.spec, replicas: 3 } });
    expect(store.list(POD, "apps")).toHaveLength(3);
    expect(store.list(RS, "apps")).toHaveLength(1);
  });

  it("deletes ReplicaSets and pods with their Deployment, dropping the pods' logs", () => {
    const { store, logs } = emptyCluster();
    createNamespace(store, "apps");
    store.create(DEPLOY, deployment("web", "apps"));
    const [pod] = store.list(POD, "apps");
    logs.sink("apps", pod.metadata.name, "web").write("line");
    store.delete(DEPLOY, "apps", "web");
    expect(store.list(RS, "apps")).toEqual([]);
    expect(store.list(POD, "apps")).toEqual([]);
    expect(logs.read("apps", pod.metadata.name, "web")).toEqual([]);
  });

  it("replaces a deleted pod of a live ReplicaSet", () => {
    const { store } = emptyCluster();
    createNamespace(store, "apps");
    store.create(DEPLOY, deployment("web", "apps"));
    const [pod] = store.list(POD, "apps");
    store.delete(POD, "apps", pod.metadata.name);
    const after = store.list(POD, "apps");
    expect(after).toHaveLength(1);
    expect(after[0].metadata.name).not.toBe(pod.metadata.name);
  });
});

describe("automatic sidecar injection", () => {
  it("injects pods of namespaces labelled istio-injection=enabled", () => {
    const { store } = emptyCluster();
    createNamespace(store, "politics", { "istio-injection": "enabled" });
    applyManifest(store, SLEEP_YAML, "politics");
    const [pod] = podsOf(store, "politics", "app=sleep");
    expect(podSummary(pod).ready).toBe("2/2");
    expect(podContainers(pod)).toEqual({ containers: ["sleep", "istio-proxy"], initContainers: ["istio-init"] });
    // The webhook mutates pods, not the Deployment or its ReplicaSet.
    expect(store.get(DEPLOY, "politics", "sleep")!.spec.template.spec.containers).toHaveLength(1);
    expect(store.list(RS, "politics")[0].spec.template.spec.containers).toHaveLength(1);
  });

  it("leaves pods of unlabelled namespaces alone: sleep.yaml gives a 1/1 pod without sidecar", () => {
    const { store } = emptyCluster();
    createNamespace(store, "plain");
    applyManifest(store, SLEEP_YAML, "plain");
    const [pod] = podsOf(store, "plain", "app=sleep");
    expect(podSummary(pod)).toEqual({ ready: "1/1", status: "Running", restarts: 0 });
    expect(hasSidecar(pod)).toBe(false);
    expect(pod.metadata.annotations?.["sidecar.istio.io/status"]).toBeUndefined();
  });

  it("respects the sidecar.istio.io/inject: \"false\" opt-out", () => {
    const { store } = emptyCluster();
    createNamespace(store, "politics", { "istio-injection": "enabled" });
    store.create(DEPLOY, deployment("nosidecar", "politics", { annotations: { "sidecar.istio.io/inject": "false" } }));
    expect(hasSidecar(store.list(POD, "politics")[0])).toBe(false);
  });

  it("does not inject twice what kube-inject already injected", () => {
    const { store } = emptyCluster();
    createNamespace(store, "politics", { "istio-injection": "enabled" });
    applyManifest(store, kubeInject(SLEEP_YAML), "politics");
    const [pod] = store.list(POD, "politics");
    expect(podContainers(pod).containers).toEqual(["sleep", "istio-proxy"]);
  });

  it("kube-injected sleep in an unlabelled namespace runs 2/2", () => {
    const { store } = emptyCluster();
    createNamespace(store, "manual");
    applyManifest(store, kubeInject(SLEEP_YAML), "manual");
    expect(podSummary(store.list(POD, "manual")[0]).ready).toBe("2/2");
  });
});

describe("bare pods, services and endpoints", () => {
  it("schedules and starts a Pod created directly, injecting it in a labelled namespace", () => {
    const { store } = emptyCluster();
    createNamespace(store, "politics", { "istio-injection": "enabled" });
    store.create(POD, { apiVersion: "v1", kind: "Pod", metadata: { name: "curl", namespace: "politics", labels: { app: "curl" } }, spec: { containers: [{ name: "curl", image: "tutum/curl" }] } });
    const pod = store.get(POD, "politics", "curl")!;
    expect(pod.status.phase).toBe("Running");
    expect(pod.spec.nodeName).toBeTruthy();
    expect(podSummary(pod).ready).toBe("2/2");
  });

  it("gives Services a cluster IP, keeps it across updates, and lists running pods as endpoints", () => {
    const { store } = emptyCluster();
    createNamespace(store, "apps");
    const [svc] = applyManifest(store, SLEEP_YAML, "apps");
    const ip = store.get(kind("svc"), "apps", svc.metadata.name)!.spec.clusterIP;
    expect(ip).toMatch(/^10\.0\.\d+\.\d+$/);
    const [pod] = store.list(POD, "apps");
    const ep = store.get(kind("ep"), "apps", "sleep")!;
    expect(ep.subsets).toEqual([{ addresses: [{ ip: pod.status.podIP, nodeName: pod.spec.nodeName, targetRef: { kind: "Pod", name: pod.metadata.name, namespace: "apps", uid: pod.metadata.uid } }], ports: [{ name: "http", port: 80, protocol: "TCP" }] }]);

    const stored = store.get(kind("svc"), "apps", "sleep")!;
    store.update(kind("svc"), { ...stored, metadata: { ...stored.metadata, resourceVersion: undefined }, spec: { ports: [{ port: 80, name: "http" }], selector: { app: "sleep" } } });
    expect(store.get(kind("svc"), "apps", "sleep")!.spec.clusterIP).toBe(ip);

    store.delete(kind("svc"), "apps", "sleep");
    expect(store.get(kind("ep"), "apps", "sleep")).toBeUndefined();
  });
});

describe("resync", () => {
  it("rebuilds nothing on an already consistent restored store", () => {
    const { store, controller } = installedCluster(3);
    const snap = store.snapshot();
    const rev = store.currentRevision();
    store.restore(snap);
    controller.resync();
    expect(store.currentRevision()).toBe(rev);
    expect(controller.lastError).toBeUndefined();
  });
});
