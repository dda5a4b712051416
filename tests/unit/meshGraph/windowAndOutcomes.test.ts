/** Rates over the window, the window's edge in time, and requests that never reach a host. */
import { describe, expect, it } from "vitest";
import { BUCKETS, BUCKET_MICROS, BucketRing } from "../../../src/runtime/telemetry/meshGraph/bucketRing.ts";
import { CNN, GATEWAY, SLEEP, blogStart, curls, edge, inSleep } from "./lab.ts";

describe("rates", () => {
  it("are the window's request count divided by the window's seconds", async () => {
    const sandbox = await blogStart();
    await inSleep(sandbox, curls(...Array.from({ length: 6 }, () => "http://edition.cnn.com/sport")));
    for (const window of [60, 300, 900]) {
      const e = edge(sandbox.meshGraph(window), SLEEP, GATEWAY);
      expect(e.total).toBe(6);
      expect(e.rate).toBeCloseTo(6 / window, 10);
    }
    const g = sandbox.meshGraph(60);
    expect(g.nodes.find((n) => n.id === GATEWAY)).toMatchObject({ inRate: 6 / 60, outRate: 6 / 60 });
  });

  it("forget requests older than the window, and keep them in a longer one", async () => {
    const sandbox = await blogStart();
    await inSleep(sandbox, curls("http://edition.cnn.com/sport"));
    await sandbox.run("sleep 120");
    expect(sandbox.meshGraph(60).edges).toEqual([]);
    expect(sandbox.meshGraph(60).nodes).toEqual([]);
    expect(edge(sandbox.meshGraph(300), SLEEP, GATEWAY).total).toBe(1);
    await inSleep(sandbox, curls("http://edition.cnn.com/health"));
    expect(edge(sandbox.meshGraph(60), SLEEP, GATEWAY).total).toBe(1);
    expect(edge(sandbox.meshGraph(300), SLEEP, GATEWAY).total).toBe(2);
  });
});

describe("requests that reach no host", () => {
  it("a host no ServiceEntry declares: the sidecar's 404 (no route) is an edge to the host asked for", async () => {
    const sandbox = await blogStart();
    expect(await inSleep(sandbox, curls("http://httpbin.org/headers"))).toBe("404\n");
    const e = edge(sandbox.meshGraph(60), SLEEP, "host:httpbin.org");
    expect(e).toMatchObject({ total: 1, noRoute: 1, bypass: false });
    expect(e.codes["4xx"]).toBe(1);
  });

  it("a name that does not resolve: an `unknown` node and curl's exit 6 as an error", async () => {
    const sandbox = await blogStart();
    await inSleep(sandbox, "curl -s http://no-such-host.example/; true");
    const g = sandbox.meshGraph(60);
    expect(g.nodes.find((n) => n.id === "unknown:no-such-host.example")).toMatchObject({ kind: "unknown", name: "no-such-host.example" });
    const e = edge(g, SLEEP, "unknown:no-such-host.example");
    expect(e.codes.error).toBe(1);
    expect(e.responses).toEqual([{ code: "curl 6", count: 1 }]);
    expect(e.health).toBe("failure");
  });

  it("the reader's workstation is a node of its own, outside the mesh", async () => {
    const sandbox = await blogStart();
    await sandbox.run('curl -s -o /dev/null -w "%{http_code}\\n" http://edition.cnn.com/');
    const g = sandbox.meshGraph(60);
    expect(g.nodes.find((n) => n.id === "workstation")?.kind).toBe("workstation");
    expect(edge(g, "workstation", CNN)).toMatchObject({ bypass: false, protocol: "direct", total: 1 });
  });

  it("Prometheus' API, asked from the sleep pod, is an edge to the prometheus service", async () => {
    const sandbox = await blogStart();
    expect(await inSleep(sandbox, curls("http://prometheus.istio-system:9090/api/v1/query?query=up"))).toBe("200\n");
    const g = sandbox.meshGraph(60);
    expect(g.nodes.find((n) => n.id === "service:istio-system/prometheus")).toMatchObject({ kind: "service", name: "prometheus", namespace: "istio-system" });
    expect(edge(g, SLEEP, "service:istio-system/prometheus").codes["2xx"]).toBe(1);
  });
});

describe("the bucket ring", () => {
  it("keeps an hour of 5 s buckets and drops what is older", () => {
    expect(BUCKETS * BUCKET_MICROS).toBe(3600 * 1_000_000);
    const ring = new BucketRing(2);
    expect(ring.add(10, 0)).toBe(true);
    expect(ring.add(10, 1)).toBe(true);
    // The same slot, an hour later: the old bucket is overwritten...
    expect(ring.add(10 + BUCKETS, 0)).toBe(true);
    // ...and a late arrival for the old bucket is refused rather than miscounted.
    expect(ring.add(10, 0)).toBe(false);
    const sums = [0, 0];
    ring.sum(10 + BUCKETS, BUCKETS, sums);
    expect(sums).toEqual([1, 0]);
  });
});
