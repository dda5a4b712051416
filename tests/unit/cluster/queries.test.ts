import { describe, expect, it } from "vitest";
import { installedCluster, kind } from "./fixtures.ts";
import { podByIp, podByName, podIp, podSummary, serviceByHost } from "../../../src/runtime/cluster/queries.ts";
import { SLEEP_POD_IP } from "../../../src/runtime/cluster/install.ts";
import type { KubeObject } from "../../../src/runtime/cluster/objects.ts";

describe("queries", () => {
  const { store } = installedCluster(5);

  it("resolves service hostnames the way cluster DNS does", () => {
    for (const host of ["istio-egressgateway.istio-system", "istio-egressgateway.istio-system.svc", "istio-egressgateway.istio-system.svc.cluster.local"]) {
      expect(serviceByHost(store, host, "default")?.metadata.name, host).toBe("istio-egressgateway");
    }
    expect(serviceByHost(store, "sleep", "default")?.metadata.namespace).toBe("default");
    expect(serviceByHost(store, "sleep", "istio-system")).toBeUndefined();
    expect(serviceByHost(store, "edition.cnn.com", "default")).toBeUndefined();
    expect(serviceByHost(store, "sleep.default.svc.cluster.local.", "istio-system")?.metadata.name).toBe("sleep");
  });

  it("finds pods by name and IP", () => {
    const pod = podByIp(store, SLEEP_POD_IP)!;
    expect(pod.metadata.labels?.app).toBe("sleep");
    expect(podByName(store, "default", pod.metadata.name)).toBe(pod);
    expect(podIp(pod)).toBe(SLEEP_POD_IP);
  });

  it("summarises pod states as kubectl 1.10 prints them", () => {
    const base = (status: object, extra: Partial<KubeObject["metadata"]> = {}): KubeObject => ({
      apiVersion: "v1", kind: "Pod", metadata: { name: "p", ...extra },
      spec: { initContainers: [{ name: "istio-init" }], containers: [{ name: "sleep" }, { name: "istio-proxy" }] }, status,
    });
    expect(podSummary(base({ phase: "Pending", initContainerStatuses: [{ name: "istio-init", restartCount: 0, state: { waiting: { reason: "PodInitializing" } } }] })).status).toBe("Init:0/1");
    expect(podSummary(base({
      phase: "Pending",
      initContainerStatuses: [{ name: "istio-init", state: { terminated: { exitCode: 0, reason: "Completed" } } }],
      containerStatuses: [{ name: "istio-proxy", ready: false, restartCount: 0, state: { waiting: { reason: "PodInitializing" } } }, { name: "sleep", ready: false, restartCount: 0, state: { waiting: { reason: "PodInitializing" } } }],
    }))).toEqual({ ready: "0/2", status: "PodInitializing", restarts: 0 });
    const running = store.list(kind("pod"), "default")[0];
    expect(podSummary({ ...running, metadata: { ...running.metadata, deletionTimestamp: "2018-06-18T13:20:00Z" } }).status).toBe("Terminating");
  });
});
