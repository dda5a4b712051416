/**
 * `fortio load` from the sleep pod, after the blog's setup (egress gateway, TLS origination,
 * listchecker): the requests go through the mesh like curl's, Prometheus counts them, the
 * report adds up, a virtual clock makes the run deterministic, and Ctrl-C interrupts it.
 */
import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../../../src/runtime/clock.ts";
import { Sandbox } from "../../../src/runtime/sandbox.ts";
import { splitTypedCommands } from "../../../src/runtime/shell/continuation.ts";

const blog = readFileSync(new URL("../../blog/blog-flow.sh", import.meta.url), "utf8");
const beforeCleanup = blog.slice(0, blog.indexOf("# ---- Cleanup ----"));
const exec = (args: string): string => `kubectl exec $SOURCE_POD -c sleep -- fortio load ${args}`;

async function blogSandbox(): Promise<Sandbox> {
  const sandbox = await Sandbox.create({ clock: VirtualClock.fromIso("2018-06-18T13:22:58Z"), seed: 1 });
  for (const command of splitTypedCommands(beforeCleanup)) await sandbox.run(command);
  return sandbox;
}

/** istio_request_count from sleep.default through the gateway, by response code, as Prometheus last scraped it. */
function counted(sandbox: Sandbox, code: string): number {
  const q = sandbox.prometheus.query(
    `sum(istio_request_count{source_service="sleep.default.svc.cluster.local",destination_service="istio-egressgateway.istio-system.svc.cluster.local",response_code="${code}"})`,
  );
  if (!q.ok || q.data.resultType !== "vector") throw new Error("query failed");
  return q.data.result[0]?.value ?? 0;
}

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await blogSandbox();
});

describe("fortio load through the blog's mesh", () => {
  it("says, in the lab's own words, that -json writes no file here (no silent no-op)", async () => {
    const r = await sandbox.run(exec("-allow-initial-errors -json out.json -n 2 http://edition.cnn.com/politics"));
    expect(r.stderr.split("\n")[0]).toBe("Egress Lab: fortio flags accepted but without effect in this lab: -json");
    const plain = await sandbox.run(exec("-allow-initial-errors -n 2 http://edition.cnn.com/politics"));
    expect(plain.stderr).not.toContain("Egress Lab:");
  });

  it("-qps 10 -t 2s on /politics: 20 calls plus 4 warmup, all 404 from the listchecker, and Prometheus sees all 24", async () => {
    await sandbox.run("sleep 10");
    const before = counted(sandbox, "404");
    const start = sandbox.clock.nowMicros();
    const r = await sandbox.run(exec("-allow-initial-errors -qps 10 -t 2s http://edition.cnn.com/politics"));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe("");
    const out = r.stderr;
    expect(out.split("\n")[0]).toBe("Fortio 1.3.1 running at 10 queries per second, 2->2 procs, for 2s: http://edition.cnn.com/politics");
    expect(out).toMatch(/^\d\d:\d\d:\d\d I httprunner\.go:82> Starting http test for http:\/\/edition\.cnn\.com\/politics with 4 threads at 10\.0 qps$/m);
    expect(out).toContain("Starting at 10 qps with 4 thread(s) [gomax 2] for 2s : 5 calls each (total 20)\n");
    expect(out.match(/W http_client\.go:679> Parsed non ok code 404 \(HTTP\/1\.1 404\)/g)).toHaveLength(24);
    expect(out.match(/I periodic\.go:533> T00\d ended after 2\.\d+s : 5 calls\. qps=/g)).toHaveLength(4);
    expect(out).toMatch(/^Ended after 2\.\d+s : 20 calls\. qps=9\.9\d*$/m);
    expect(out).toContain("Code 404 : 20 (100.0 %)\n");
    // Every 404 closes the connection: 4 warmup + 20 sockets.
    expect(out).toContain("Sockets used: 24 (for perfect keepalive, would be 4)\n");
    expect(out).toMatch(/^Response Header Sizes : count 20 avg 0 \+\/- 0 min 0 max 0 sum 0$/m);
    expect(out).toMatch(/\nAll done 20 calls \(plus 4 warmup\) \d+\.\d{3} ms avg, 10\.0 qps\n$/);
    // The run took its 2 s of runtime time.
    expect(sandbox.clock.nowMicros() - start).toBeGreaterThanOrEqual(2_000_000);

    await sandbox.run("sleep 10");
    expect(counted(sandbox, "404") - before).toBe(24);
  }, 60_000);

  it("-qps 10 -t 2s on /sport with a buffer big enough for the page: 20 x 200, one socket per thread", async () => {
    await sandbox.run("sleep 10");
    const before = counted(sandbox, "200");
    const r = await sandbox.run(exec("-httpbufferkb 400 -qps 10 -t 2s http://edition.cnn.com/sport"));
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain("Code 200 : 20 (100.0 %)\n");
    expect(r.stderr).toContain("Sockets used: 4 (for perfect keepalive, would be 4)\n");
    expect(r.stderr).not.toContain("Parsed non ok code");
    await sandbox.run("sleep 10");
    expect(counted(sandbox, "200") - before).toBe(24);
  }, 60_000);

  it("with the default 128 KB buffer the 350 KB sport page overflows it, as fortio's fast client warns", async () => {
    const r = await sandbox.run(exec("-qps 10 -t 2s http://edition.cnn.com/sport"));
    expect(r.stderr).toMatch(/W http_client\.go:743> Buffer is too small for headers \d+ \+ data 358651 - change -httpbufferkb flag to at least 35\d/);
    // The unread rest of the page is what the next request on that connection reads first.
    expect(r.stderr).toMatch(/^Code  -1 : \d+ \(\d+\.\d %\)$/m);
    expect(r.stderr).toMatch(/^Response Body\/Total Sizes : count 20 avg 131072 /m);
  }, 60_000);

  it("a 404 on a warmup call aborts the run unless -allow-initial-errors", async () => {
    const r = await sandbox.run(exec("-qps 10 -t 2s http://edition.cnn.com/politics"));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(
      'Aborting because error 404 for http://edition.cnn.com/politics: "HTTP/1.1 404 Not Found\\r\\ncontent-length: 76\\r\\n',
    );
    expect(r.stderr).toContain('NOT_FOUND:path-checker.listchecker.istio-system:/politics is not whitelisted"\n');
    expect(r.stderr).not.toContain("All done");
  }, 60_000);

  it("-n 10 -qps 0: exactly 10 calls at max speed, no warmup", async () => {
    const r = await sandbox.run(exec("-n 10 -qps 0 -c 2 http://edition.cnn.com/politics"));
    expect(r.stderr).toContain("Starting at max qps with 2 thread(s) [gomax 2] for exactly 10 calls (5 per thread + 0)\n");
    expect(r.stderr).toMatch(/All done 10 calls \(plus 0 warmup\)/);
    expect(r.stderr).not.toContain("Sleep times");
  }, 60_000);

  it("-quiet keeps the report short; the log level hides the per-request warnings", async () => {
    const r = await sandbox.run(exec("-quiet -allow-initial-errors -qps 20 -t 1s http://edition.cnn.com/politics"));
    expect(r.stderr).not.toContain("Parsed non ok code");
    expect(r.stderr).not.toContain("Ended after");
    expect(r.stderr).toMatch(/^Aggregated Function Time : count 20 avg /m);
    expect(r.stderr).toMatch(/^# target 99\.9% /m);
    expect(r.stderr).not.toContain("# range, mid point");
  }, 60_000);

  it("fortio curl prints the response on stdout and fails on a non-200", async () => {
    const r = await sandbox.run("kubectl exec $SOURCE_POD -c sleep -- fortio curl http://edition.cnn.com/politics");
    expect(r.stdout.startsWith("HTTP/1.1 404 Not Found\r\n")).toBe(true);
    expect(r.stdout.endsWith("NOT_FOUND:path-checker.listchecker.istio-system:/politics is not whitelisted")).toBe(true);
    expect(r.stderr).toMatch(/E commonflags\.go:\d+> Error status 404 : HTTP\/1\.1 404 Not Found\\r\\n/);
    expect(r.exitCode).toBe(1);
  }, 60_000);

  it("is deterministic under a virtual clock and a seed", async () => {
    const other = await blogSandbox();
    const a = await sandbox.run(exec("-allow-initial-errors -qps 50 -t 3s http://edition.cnn.com/politics"));
    const b = await other.run(exec("-allow-initial-errors -qps 50 -t 3s http://edition.cnn.com/politics"));
    expect(a.stderr).toBe(b.stderr);
  }, 60_000);

  it("Ctrl-C stops a run that would last until interrupted; fortio still prints its report", async () => {
    const controller = new AbortController();
    const running = sandbox.run(exec("-allow-initial-errors -qps 100 -t 0 http://edition.cnn.com/politics"), { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const r = await running;
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toContain("Fortio 1.3.1 running at 100 queries per second, 2->2 procs, until interrupted: http://edition.cnn.com/politics\n");
    expect(r.stderr).toContain("Starting at 100 qps with 4 thread(s) [gomax 2] until interrupted\n");
    expect(r.stderr).toMatch(/All done \d+ calls \(plus 4 warmup\)/);
    // The ^C echo comes first, then what fortio prints on SIGINT.
    expect(r.stderr.startsWith("^C\n")).toBe(true);
  }, 60_000);
});
