/**
 * The blog's requests on the mesh graph: sleep's sidecar sends edition.cnn.com traffic to the
 * egress gateway, which forwards it (TLS originated) to edition.cnn.com, or stops it itself:
 * no route for /politics (routing policy), or Mixer's listchecker denying it (policy check).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../../../src/runtime/sandbox.ts";
import type { MeshGraph } from "../../../src/runtime/telemetry/meshGraph/types.ts";
import { LISTCHECKER, LOGGING, RULE_WITH_CHECKER, SE_VS_DR, VS_WITH_REGEX } from "../../support/blogManifests.ts";
import { CNN, GATEWAY, SLEEP, apply, blogStart, curls, edge, inSleep } from "./lab.ts";

const POLITICS = "http://edition.cnn.com/politics";
const SPORT = "http://edition.cnn.com/sport";
const HEALTH = "http://edition.cnn.com/health";

describe("access control by routing: politics 404, sport 200", () => {
  let sandbox: Sandbox;
  let graph: MeshGraph;

  beforeAll(async () => {
    sandbox = await blogStart();
    await apply(sandbox, "replace", VS_WITH_REGEX);
    expect(await inSleep(sandbox, curls(POLITICS, SPORT))).toBe("404\n200\n");
    graph = sandbox.meshGraph(60);
  });

  it("draws sleep, the egress gateway and edition.cnn.com", () => {
    expect(graph.nodes.map((n) => n.id)).toEqual([SLEEP, GATEWAY, CNN]);
    const sleep = graph.nodes.find((n) => n.id === SLEEP)!;
    expect(sleep).toMatchObject({ kind: "workload", name: "sleep", namespace: "default", sidecar: true });
    expect(graph.nodes.find((n) => n.id === GATEWAY)).toMatchObject({ kind: "gateway", name: "istio-egressgateway", namespace: "istio-system" });
    expect(graph.nodes.find((n) => n.id === CNN)).toMatchObject({ kind: "host", name: "edition.cnn.com" });
    expect(graph.requests).toBe(2);
  });

  it("sleep -> egress gateway carries both requests: one 404, one 200", () => {
    const e = edge(graph, SLEEP, GATEWAY);
    expect(e.total).toBe(2);
    expect(e.codes).toEqual({ "2xx": 1, "3xx": 0, "4xx": 1, "5xx": 0, error: 0 });
    expect(e.responses).toEqual([{ code: "200", count: 1 }, { code: "404", count: 1 }]);
    expect(e).toMatchObject({ bypass: false, protocol: "http", health: "degraded", noRoute: 0, denied: 0 });
  });

  it("egress gateway -> edition.cnn.com: the 200 it forwarded and the 404 it answered itself (no route)", () => {
    const e = edge(graph, GATEWAY, CNN);
    expect(e.total).toBe(2);
    expect(e.codes).toEqual({ "2xx": 1, "3xx": 0, "4xx": 1, "5xx": 0, error: 0 });
    expect(e.noRoute).toBe(1);
    expect(e.denied).toBe(0);
  });

  it("has no other edge (nothing bypassed the gateway)", () => {
    expect(graph.edges).toHaveLength(2);
    expect(graph.edges.some((e) => e.bypass)).toBe(false);
  });

  it("is plain data (it crosses postMessage)", () => {
    expect(JSON.parse(JSON.stringify(graph))).toEqual(graph);
  });
});

describe("access control by Mixer policy checks: the listchecker denies politics", () => {
  let graph: MeshGraph;

  beforeAll(async () => {
    const sandbox = await blogStart();
    await apply(sandbox, "create", LOGGING);
    await apply(sandbox, "create", LISTCHECKER);
    await apply(sandbox, "replace", RULE_WITH_CHECKER);
    // The blog's own VirtualService: every path is routed, so only Mixer can stop politics.
    await apply(sandbox, "replace", SE_VS_DR.split("---")[1]);
    expect(await inSleep(sandbox, curls(POLITICS, SPORT, HEALTH))).toBe("404\n200\n200\n");
    graph = sandbox.meshGraph(300);
  });

  it("counts the denial on the gateway's edge to edition.cnn.com", () => {
    const e = edge(graph, GATEWAY, CNN);
    expect(e.total).toBe(3);
    expect(e.codes["2xx"]).toBe(2);
    expect(e.codes["4xx"]).toBe(1);
    expect(e.denied).toBe(1);
    expect(e.noRoute).toBe(0);
  });

  it("sleep -> gateway shows the same mix: 67% 2xx, 33% 4xx", () => {
    const e = edge(graph, SLEEP, GATEWAY);
    expect(e.codes["2xx"] / e.total).toBeCloseTo(2 / 3);
    expect(e.codes["4xx"] / e.total).toBeCloseTo(1 / 3);
    expect(e.rate).toBeCloseTo(3 / 300);
  });
});
