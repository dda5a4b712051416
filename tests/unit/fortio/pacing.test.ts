/**
 * The load loop against a scripted transport: fortio's request (headers it sends), its schedule
 * under a virtual clock (no real waiting, the clock moves), and under the wall clock (the run
 * lasts its duration in real time, as in the browser, where the clock is not virtual).
 */
import { describe, expect, it } from "vitest";
import { VirtualClock, WallClock, type Clock } from "../../../src/runtime/clock.ts";
import type { CommandIO } from "../../../src/runtime/shell/command.ts";
import { createFortio } from "../../../src/runtime/shell/fortio/fortio.ts";
import { ScriptedTransport } from "../curl/scriptedTransport.ts";

const io = (signal?: AbortSignal): CommandIO => ({
  stdin: "", cwd: "/", env: new Map(), signal,
  readFile: async () => { throw new Error("no files"); },
  writeFile: async () => {},
});

function fortio(clock: Clock, transport: ScriptedTransport) {
  let scrapes = 0;
  const command = createFortio({ transport, source: { kind: "pod", namespace: "default", pod: "sleep-1", container: "sleep" }, clock, catchUp: () => scrapes++ });
  return { run: (args: string[], signal?: AbortSignal) => command(args, io(signal)), scrapes: () => scrapes };
}

const OK = { status: 200, headers: [["content-length", "2"]] as [string, string][], body: "ok", durationMicros: 1_000 };

describe("fortio's load loop", () => {
  it("sends GET with Host and fortio's User-Agent, plus -H headers", async () => {
    const transport = new ScriptedTransport([OK]);
    await fortio(new VirtualClock(0), transport).run(["load", "-n", "1", "-H", "X-Team: sports", "http://edition.cnn.com:80/sport?x=1"]);
    const { request } = transport.sent[0];
    expect([request.method, request.scheme, request.host, request.port, request.path]).toEqual(["GET", "http", "edition.cnn.com", 80, "/sport?x=1"]);
    expect(request.headers).toEqual([
      { name: "Host", value: "edition.cnn.com" },
      { name: "X-Team", value: "sports" },
      { name: "User-Agent", value: "fortio.org/fortio-1.3.1" },
    ]);
  });

  it("virtual clock: -qps 10 -t 2s makes 20 calls (plus 4 warmup) and moves the clock by about 2 s", async () => {
    const clock = new VirtualClock(Date.UTC(2018, 5, 18) * 1000);
    const transport = new ScriptedTransport([OK]);
    const f = fortio(clock, transport);
    const start = clock.nowMicros();
    const r = await f.run(["load", "-qps", "10", "-t", "2s", "http://edition.cnn.com/sport"]);
    expect(transport.sent).toHaveLength(24);
    expect(r.stderr).toContain("Code 200 : 20 (100.0 %)\n");
    expect(r.stderr).toContain("Sockets used: 4 (for perfect keepalive, would be 4)\n");
    // Each thread: 5 calls spread so the last starts at 2 s (runOne's (i + i/(n-1))/qps).
    expect(r.stderr).toMatch(/^Ended after 2\.001s : 20 calls\. qps=9\.995$/m);
    expect(r.stderr).toContain("Aggregated Function Time : count 20 avg 0.001 +/- 0 min 0.001 max 0.001 sum 0.02\n");
    expect(r.stderr).toContain("All done 20 calls (plus 4 warmup) 1.000 ms avg, 10.0 qps\n");
    expect(clock.nowMicros() - start).toBe(4 * 1_000 + 2_001_000);
    expect(f.scrapes()).toBeGreaterThanOrEqual(24);
  });

  it("wall clock: the same run takes its 2 s in real time", async () => {
    const transport = new ScriptedTransport([OK]);
    const t0 = performance.now();
    const r = await fortio(new WallClock(), transport).run(["load", "-qps", "10", "-t", "2s", "http://edition.cnn.com/sport"]);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(1_900);
    expect(transport.sent).toHaveLength(24);
    expect(r.stderr).toContain("Code 200 : 20 (100.0 %)\n");
  }, 20_000);

  it("wall clock: an abort ends the waiting at once, and the report still comes", async () => {
    const transport = new ScriptedTransport([OK]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const t0 = performance.now();
    const r = await fortio(new WallClock(), transport).run(["load", "-qps", "4", "-t", "0", "http://edition.cnn.com/sport"], controller.signal);
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(r.stderr).toContain("Starting at 4 qps with 4 thread(s) [gomax 2] until interrupted\n");
    expect(r.stderr).toMatch(/All done \d+ calls \(plus 4 warmup\)/);
  }, 20_000);

  it("a refused connection counts as code -1 and is logged", async () => {
    const transport = new ScriptedTransport([{ error: { curlCode: 7, message: "Failed to connect to 10.0.0.9 port 80: Connection refused" }, durationMicros: 500 }]);
    const r = await fortio(new VirtualClock(0), transport).run(["load", "-n", "4", "-c", "1", "-qps", "0", "http://10.0.0.9/"]);
    expect(r.stderr).toContain("Code  -1 : 4 (100.0 %)\n");
    expect(r.stderr).toMatch(/E http_client\.go:\d+> Unable to connect to 10\.0\.0\.9:80 : /);
    expect(r.stderr).toContain("Sockets used: 4 (for perfect keepalive, would be 1)\n");
  });
});
