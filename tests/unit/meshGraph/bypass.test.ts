/**
 * Pods that bypass the mesh (the blog's warning: "a malicious app that bypasses its sidecar
 * could leave the mesh directly"): a pod deployed without kube-inject, and the sidecar's own
 * user, reach edition.cnn.com with no sidecar and no egress gateway on the way.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../../../src/runtime/sandbox.ts";
import type { MeshGraph } from "../../../src/runtime/telemetry/meshGraph/types.ts";
import { CNN, GATEWAY, SLEEP, blogStart, curls, edge, inSleep } from "./lab.ts";

const POLITICS_SLEEP = "workload:politics/sleep";

describe("a pod without a sidecar in namespace politics", () => {
  let sandbox: Sandbox;
  let graph: MeshGraph;

  beforeAll(async () => {
    sandbox = await blogStart();
    const deployed = await sandbox.run("kubectl create namespace politics && kubectl apply -n politics -f samples/sleep/sleep.yaml");
    expect(deployed.exitCode).toBe(0);
    await inSleep(sandbox, curls("http://edition.cnn.com/sport"));
    // Plain HTTP to edition.cnn.com answers 301 (to https); the pod then asks https directly.
    expect(await inSleep(sandbox, curls("http://edition.cnn.com/politics", "https://edition.cnn.com/politics"), "politics")).toBe("301\n200\n");
    graph = sandbox.meshGraph(60);
  });

  it("is a workload node of its own namespace, flagged as running no sidecar", () => {
    expect(graph.nodes.find((n) => n.id === POLITICS_SLEEP)).toMatchObject({ kind: "workload", name: "sleep", namespace: "politics", sidecar: false });
    expect(graph.nodes.find((n) => n.id === SLEEP)?.sidecar).toBe(true);
  });

  it("goes straight to edition.cnn.com on an edge flagged as a bypass", () => {
    const e = edge(graph, POLITICS_SLEEP, CNN, true);
    expect(e.total).toBe(2);
    expect(e.responses).toEqual([{ code: "200", count: 1 }, { code: "301", count: 1 }]);
    expect(e.protocol).toBe("direct");
    expect(e.id).toBe(`${POLITICS_SLEEP} -> ${CNN} (bypass)`);
  });

  it("never touches the egress gateway, while default's sleep still goes through it", () => {
    expect(graph.edges.filter((e) => e.source === POLITICS_SLEEP).map((e) => e.target)).toEqual([CNN]);
    expect(edge(graph, SLEEP, GATEWAY).total).toBe(1);
    expect(edge(graph, GATEWAY, CNN).total).toBe(1);
  });
});

describe("the sidecar's own user (istio-proxy) in a meshed pod", () => {
  it("bypasses the sidecar: a bypass edge, but the workload still has its sidecar", async () => {
    const sandbox = await blogStart();
    expect(await inSleep(sandbox, curls("http://edition.cnn.com/politics"), "default", "istio-proxy")).toBe("301\n");
    const graph = sandbox.meshGraph(60);
    const e = edge(graph, SLEEP, CNN, true);
    expect(e.total).toBe(1);
    expect(graph.nodes.find((n) => n.id === SLEEP)?.sidecar).toBe(true);
    expect(graph.edges.some((x) => x.target === GATEWAY)).toBe(false);
  });
});
