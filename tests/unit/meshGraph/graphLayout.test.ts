/**
 * The Graph tab's layout and labels (pure functions, no DOM): senders left, the egress gateway in
 * the middle, hosts right; a bypass edge curves around the gateway; labels read like Kiali's.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { MeshGraph } from "../../../src/runtime/telemetry/meshGraph/types.ts";
import { layoutGraph, type GraphLayout } from "../../../src/ui/graph/graphLayout.ts";
import { edgeLabelLines, graphSummary, labelBoxSize, mixText, rateText } from "../../../src/ui/graph/graphText.ts";
import { CNN, GATEWAY, SLEEP, blogStart, curls, inSleep } from "./lab.ts";

const POLITICS_SLEEP = "workload:politics/sleep";
let graph: MeshGraph;

beforeAll(async () => {
  const sandbox = await blogStart();
  await inSleep(sandbox, curls("http://edition.cnn.com/politics", "http://edition.cnn.com/sport"));
  await sandbox.run("kubectl create namespace politics && kubectl apply -n politics -f samples/sleep/sleep.yaml");
  await inSleep(sandbox, curls("https://edition.cnn.com/politics"), "politics");
  graph = sandbox.meshGraph(300);
});

function at(layout: GraphLayout, id: string) {
  return layout.nodes.find((n) => n.node.id === id)!;
}

describe("horizontal layout", () => {
  it("puts the senders left, the gateway in the middle and edition.cnn.com right", () => {
    const l = layoutGraph(graph, "horizontal");
    expect(at(l, SLEEP).x).toBe(at(l, POLITICS_SLEEP).x);
    expect(at(l, SLEEP).x).toBeLessThan(at(l, GATEWAY).x);
    expect(at(l, GATEWAY).x).toBeLessThan(at(l, CNN).x);
    // The routed sender above the bypassing one, so the bypass runs on the outside.
    expect(at(l, SLEEP).y).toBeLessThan(at(l, POLITICS_SLEEP).y);
    for (const n of l.nodes) {
      expect(n.x).toBeGreaterThan(l.minX);
      expect(n.x).toBeLessThan(l.minX + l.width);
      expect(n.y).toBeGreaterThan(l.minY);
      expect(n.y).toBeLessThan(l.minY + l.height);
    }
  });

  it("draws routed edges straight and the bypass as a curve passing below the gateway, clear of its name", () => {
    const l = layoutGraph(graph, "horizontal");
    const bypass = l.edges.find((e) => e.edge.bypass)!;
    expect(bypass.edge.source).toBe(POLITICS_SLEEP);
    expect(bypass.path).toMatch(/^M[\d.]+,[\d.]+ Q/);
    expect(bypass.labelY - at(l, GATEWAY).y).toBeGreaterThan(90);
    expect(bypass.labelY).toBeLessThan(l.minY + l.height);
    for (const e of l.edges.filter((x) => !x.edge.bypass)) expect(e.path).toMatch(/^M[\d.]+,[\d.]+ L/);
  });

  it("is deterministic", () => {
    expect(layoutGraph(graph, "horizontal")).toEqual(layoutGraph(JSON.parse(JSON.stringify(graph)), "horizontal"));
  });
});

describe("vertical layout (narrow screens)", () => {
  it("runs the same layers top to bottom", () => {
    const l = layoutGraph(graph, "vertical");
    expect(at(l, SLEEP).y).toBeLessThan(at(l, GATEWAY).y);
    expect(at(l, GATEWAY).y).toBeLessThan(at(l, CNN).y);
    expect(l.height).toBeGreaterThan(l.width);
  });
});

describe("labels", () => {
  it("print rates in requests per second and the code mix in percent", () => {
    expect(rateText(2.4)).toBe("2.4 rps");
    expect(rateText(0.05)).toBe("0.05 rps");
    expect(rateText(1 / 900)).toBe("0.001 rps");
    expect(mixText({ "2xx": 2, "3xx": 0, "4xx": 1, "5xx": 0, error: 0 }, 3)).toBe("67% 2xx · 33% 4xx");
    expect(mixText({ "2xx": 999, "3xx": 0, "4xx": 0, "5xx": 0, error: 1 }, 1000)).toBe("100% 2xx · <1% err");
  });

  it("summarise every edge for screen readers", () => {
    const text = graphSummary(graph, "last 5 minutes");
    expect(text).toContain("sleep (default) to istio-egressgateway (istio-system): 0.007 rps, 100% 2xx");
    expect(text).toContain("sleep (politics) to edition.cnn.com: 0.003 rps, 100% 2xx (bypasses the mesh)");
  });
});

describe("a busier graph (workstation, blocked host, Prometheus, unresolved name)", () => {
  it("keeps every edge label clear of the others", async () => {
    const sandbox = await blogStart();
    await inSleep(sandbox, curls("http://edition.cnn.com/sport", "http://httpbin.org/get", "http://prometheus.istio-system:9090/api/v1/query?query=up") + "; curl -s http://nosuch.example/");
    await sandbox.run("curl -s -o /dev/null http://edition.cnn.com/");
    const busy = sandbox.meshGraph(300);
    expect(busy.edges.length).toBe(6);
    for (const orientation of ["horizontal", "vertical"] as const) {
      const l = layoutGraph(busy, orientation);
      const boxes = l.edges.map((e) => {
        const { width, height } = labelBoxSize(edgeLabelLines(e.edge));
        return { x0: e.labelX - width / 2, x1: e.labelX + width / 2, y0: e.labelY - height / 2, y1: e.labelY + height / 2 };
      });
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i], boxes[j]];
          const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
          expect(overlap, `${orientation}: ${l.edges[i].edge.id} / ${l.edges[j].edge.id}`).toBe(false);
        }
      }
    }
  });
});
