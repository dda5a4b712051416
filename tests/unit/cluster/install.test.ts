import { describe, expect, it } from "vitest";
import { installedCluster, kind } from "./fixtures.ts";
import { hasSidecar, podContainers, podsOf, podSummary } from "../../../src/runtime/cluster/queries.ts";
import { safeEncodeString } from "../../../src/runtime/cluster/names.ts";
import { SLEEP_POD_IP } from "../../../src/runtime/cluster/install.ts";
import { parseIsoMicros } from "../../../src/runtime/clock.ts";

const POD = kind("pod");
const SVC = kind("service");

function summary(store: ReturnType<typeof installedCluster>["store"], ns: string) {
  return store.list(POD, ns).map((p) => ({ name: p.metadata.name, ...podSummary(p) }));
}

describe("installCluster: Istio 0.8.0 + sleep", () => {
  const { store, controller } = installedCluster(42);

  it("runs without controller errors", () => {
    expect(controller.lastError).toBeUndefined();
  });

  it("has the built-in namespaces plus istio-system, with default labelled for injection", () => {
    const names = store.list(kind("namespace")).map((n) => n.metadata.name);
    expect(names).toEqual(["default", "istio-system", "kube-public", "kube-system"]);
    expect(store.get(kind("namespace"), undefined, "default")!.metadata.labels).toEqual({ "istio-injection": "enabled" });
    for (const n of store.list(kind("namespace"))) expect(n.status.phase).toBe("Active");
    expect(store.list(kind("node"))).toHaveLength(1);
  });

  it("lists the 0.8 control plane pods in istio-system with their READY and STATUS", () => {
    const pods = summary(store, "istio-system");
    const byPrefix = (prefix: string) => pods.filter((p) => new RegExp(`^${prefix}-[bcdf4-9]{8,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$`).test(p.name));
    for (const [prefix, ready] of [
      ["istio-citadel", "1/1"], ["istio-egressgateway", "1/1"], ["istio-ingress", "1/1"], ["istio-ingressgateway", "1/1"],
      ["istio-pilot", "2/2"], ["istio-policy", "2/2"], ["istio-telemetry", "2/2"], ["istio-statsd-prom-bridge", "1/1"],
      ["istio-sidecar-injector", "1/1"], ["prometheus", "1/1"], ["grafana", "1/1"],
    ] as const) {
      const matches = byPrefix(prefix);
      expect(matches, prefix).toHaveLength(1);
      expect(matches[0]).toMatchObject({ ready, status: "Running", restarts: 0 });
    }
    const jobs = pods.filter((p) => /^istio-(mixer-post-install|cleanup-old-ca)-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(p.name));
    expect(jobs.map((j) => [j.ready, j.status])).toEqual([["0/1", "Completed"], ["0/1", "Completed"]]);
    expect(pods).toHaveLength(13);
  });

  it("runs the sleep pod injected: 2/2 Running, containers sleep and istio-proxy, init istio-init", () => {
    const [pod] = podsOf(store, "default", "app=sleep");
    expect(pod.metadata.name).toMatch(/^sleep-[bcdf4-9]{8,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(podSummary(pod)).toEqual({ ready: "2/2", status: "Running", restarts: 0 });
    expect(podContainers(pod)).toEqual({ containers: ["sleep", "istio-proxy"], initContainers: ["istio-init"] });
    expect(hasSidecar(pod)).toBe(true);
    expect(pod.metadata.labels).toMatchObject({ app: "sleep" });
    expect(pod.metadata.annotations?.["sidecar.istio.io/status"]).toContain('"containers":["istio-proxy"]');
    expect(pod.status.podIP).toBe(SLEEP_POD_IP);
    expect(pod.spec.containers[0]).toMatchObject({ image: "tutum/curl", command: ["/bin/sleep", "infinity"] });
  });

  it("labels the mixer and gateway pods as the blog's selectors expect", () => {
    const [telemetry] = podsOf(store, "istio-system", "istio-mixer-type=telemetry");
    expect(telemetry.metadata.name).toMatch(/^istio-telemetry-/);
    expect(telemetry.metadata.labels).toMatchObject({ istio: "mixer", "istio-mixer-type": "telemetry" });
    expect(podContainers(telemetry).containers).toEqual(["mixer", "istio-proxy"]);
    const [policy] = podsOf(store, "istio-system", { istio: "mixer", "istio-mixer-type": "policy" });
    expect(policy.metadata.name).toMatch(/^istio-policy-/);
    const [egress] = podsOf(store, "istio-system", "istio=egressgateway");
    expect(podContainers(egress).containers).toEqual(["egressgateway"]);
    expect(hasSidecar(egress)).toBe(false);
    const [ingress] = podsOf(store, "istio-system", "istio=ingressgateway");
    expect(podContainers(ingress).containers).toEqual(["ingressgateway"]);
    expect(podsOf(store, "istio-system", "app=grafana")).toHaveLength(1);
    expect(podsOf(store, "istio-system", "app=prometheus")).toHaveLength(1);
    for (const p of store.list(POD, "istio-system")) for (const c of p.spec.containers) expect(c.image).toMatch(/:(0\.8\.0|v[\d.]+|latest|v1\.7\.6_coreos\.0)$/);
  });

  it("creates the Services with the 0.8 ports, cluster IPs and endpoints", () => {
    const ports = (ns: string, name: string) => store.get(SVC, ns, name)!.spec.ports.map((p: any) => p.port);
    expect(ports("istio-system", "istio-egressgateway")).toEqual([80, 443]);
    expect(ports("istio-system", "istio-telemetry")).toEqual([9091, 15004, 9093, 42422]);
    expect(store.get(SVC, "istio-system", "istio-telemetry")!.spec.ports[3].name).toBe("prometheus");
    expect(ports("istio-system", "istio-policy")).toEqual([9091, 15004, 9093]);
    expect(ports("istio-system", "prometheus")).toEqual([9090]);
    expect(ports("istio-system", "grafana")).toEqual([3000]);
    expect(ports("default", "sleep")).toEqual([80]);
    for (const s of store.list(SVC)) expect(s.spec.clusterIP).toMatch(/^10\.0\.\d+\.\d+$/);
    const ep = store.get(kind("endpoints"), "default", "sleep")!;
    expect((ep.subsets as any)[0].addresses[0].ip).toBe(SLEEP_POD_IP);
  });

  it("registers the Istio CRDs and the mesh and injector ConfigMaps", () => {
    const crds = store.list(kind("crd")).map((c) => c.metadata.name);
    for (const n of ["rules.config.istio.io", "logentries.config.istio.io", "stdios.config.istio.io", "listcheckers.config.istio.io",
      "listentries.config.istio.io", "virtualservices.networking.istio.io", "gateways.networking.istio.io", "serviceentries.networking.istio.io",
      "destinationrules.networking.istio.io"]) expect(crds).toContain(n);
    const mesh = store.get(kind("configmap"), "istio-system", "istio")!.data!.mesh;
    expect(mesh).toContain("mixerReportServer: istio-telemetry.istio-system.svc.cluster.local:15004");
    expect(mesh).toContain("disablePolicyChecks: false");
    expect(store.get(kind("configmap"), "istio-system", "istio-sidecar-injector")!.data!.config).toMatch(/^policy: enabled\n/);
  });

  it("back-dates objects so AGE reads minutes, not seconds", () => {
    const now = parseIsoMicros("2018-06-18T13:20:00Z")!;
    const age = (iso: string) => (now - parseIsoMicros(iso)!) / 60_000_000;
    const [sleep] = podsOf(store, "default", "app=sleep");
    expect(age(sleep.metadata.creationTimestamp!)).toBe(5);
    expect(age(sleep.status.startTime)).toBe(5);
    const [pilot] = podsOf(store, "istio-system", "istio=pilot");
    expect(age(pilot.metadata.creationTimestamp!)).toBe(12);
  });

  it("names ReplicaSets like Kubernetes 1.10: suffix = SafeEncodeString(pod-template-hash label)", () => {
    for (const rs of store.list(kind("rs"))) {
      const label = rs.metadata.labels!["pod-template-hash"];
      expect(label).toMatch(/^\d+$/);
      expect(rs.metadata.name.endsWith(`-${safeEncodeString(label)}`)).toBe(true);
    }
  });
});

describe("determinism", () => {
  const names = (seed: number) => installedCluster(seed).store.list(POD).map((p) => `${p.metadata.namespace}/${p.metadata.name}/${p.status.podIP}`);

  it("gives the same pod names and IPs for the same seed", () => {
    expect(names(7)).toEqual(names(7));
  });

  it("gives different names for another seed", () => {
    expect(names(7)).not.toEqual(names(8));
  });
});
