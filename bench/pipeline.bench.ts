/**
 * `npm run bench`: the whole pipeline (sleep's sidecar -> egress gateway -> Mixer check with the
 * listchecker -> TLS origination to the edition.cnn.com stand-in -> Mixer report with both stdio
 * rules, the default access log and the Prometheus metrics) under the blog's final config.
 * Prints `throughput: N requests/s` and the heap after 1,000,000 requests.
 * Targets on a CI-sized machine: >= 100,000 requests/s, heap < 200 MB.
 */
import { readFileSync } from "node:fs";
import { VirtualClock } from "../src/runtime/clock.ts";
import { Sandbox } from "../src/runtime/sandbox.ts";
import { splitTypedCommands } from "../src/runtime/shell/continuation.ts";
import type { HttpRequest, RequestSource } from "../src/runtime/proxy/http.ts";
import { findKind } from "../src/runtime/config/kinds.ts";

const POD = findKind("pod")!;

const TOTAL = Number(process.env.BENCH_REQUESTS ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc;

async function blogSandbox(): Promise<Sandbox> {
  const sandbox = await Sandbox.create({ clock: VirtualClock.fromIso("2018-06-18T13:22:58Z"), seed: 1 });
  // Everything the blog configures, up to (not including) its cleanup.
  const script = readFileSync(new URL("../tests/blog/blog-flow.sh", import.meta.url), "utf8").split("# ---- Cleanup")[0];
  for (const command of splitTypedCommands(script)) await sandbox.run(command);
  return sandbox;
}

function request(path: string): HttpRequest {
  return {
    method: "GET", scheme: "http", host: "edition.cnn.com", port: 80, path, body: "",
    headers: [{ name: "User-Agent", value: "curl/7.35.0" }, { name: "Host", value: "edition.cnn.com" }, { name: "Accept", value: "*/*" }],
  };
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

async function main(): Promise<void> {
  const sandbox = await blogSandbox();
  const pod = sandbox.store.list(POD, "default", [{ key: "app", op: "=", values: ["sleep"] }])[0];
  const source: RequestSource = { kind: "pod", namespace: "default", pod: pod.metadata.name, container: "sleep" };
  const requests = [request("/politics"), request("/sport"), request("/health")];
  const statuses = new Map<number, number>();

  const send = (n: number) => {
    for (let i = 0; i < n; i++) {
      const exchange = sandbox.dataPlane.send(source, requests[i % 3]);
      sandbox.clock.advance(exchange.durationMicros);
      const status = exchange.ok ? exchange.response.status : -exchange.error.curlCode;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };

  send(20_000); // warm-up: JIT, rings filled
  statuses.clear();
  gc?.();
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  send(TOTAL);
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  gc?.();
  const heap = process.memoryUsage().heapUsed;

  console.log(`requests: ${TOTAL} (${[...statuses].map(([s, n]) => `${s}: ${n}`).join(", ")})`);
  console.log(`throughput: ${Math.round(TOTAL / seconds)} requests/s`);
  console.log(`cpu: ${((cpu.user + cpu.system) / TOTAL).toFixed(1)} µs/request`);
  console.log(`heap after ${TOTAL} requests: ${mb(heap)} MB${gc ? "" : " (no --expose-gc: before collection)"}`);
  const mixerLines = sandbox.logs.read("istio-system", sandbox.store.list(POD, "istio-system", [{ key: "istio-mixer-type", op: "=", values: ["telemetry"] }])[0].metadata.name, "mixer").length;
  console.log(`mixer log lines retained: ${mixerLines}; traces retained: ${sandbox.dataPlane.traces.list().length}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
