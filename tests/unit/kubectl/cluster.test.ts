/** kubectl against the installed emulated cluster (controllers running), along the blog's commands. */
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../../src/runtime/clock.ts";
import { SeededRandom } from "../../../src/runtime/ids.ts";
import { ObjectStore } from "../../../src/runtime/cluster/store.ts";
import { ClusterLogs } from "../../../src/runtime/cluster/logs.ts";
import { installCluster } from "../../../src/runtime/cluster/install.ts";
import { kubeInject } from "../../../src/runtime/cluster/kubeInject.ts";
import { SLEEP_YAML } from "../../../src/runtime/samples/sleep.ts";
import type { CommandIO } from "../../../src/runtime/shell/command.ts";
import { createKubectl } from "../../../src/runtime/shell/kubectl/kubectl.ts";

function setup() {
  const clock = VirtualClock.fromIso("2018-06-18T13:22:58Z");
  const rng = new SeededRandom(1);
  const store = new ObjectStore(clock, rng);
  const logs = new ClusterLogs();
  installCluster(store, { clock, rng, logs });
  const files = new Map<string, string>();
  const kubectl = createKubectl({
    store,
    clock,
    logs,
    execInContainer: async () => ({ stdout: "", stderr: "", exitCode: 0 }),
    portForward: () => undefined,
  });
  const run = (args: string[], stdin = "") => {
    const io: CommandIO = {
      stdin,
      cwd: "/",
      env: new Map(),
      readFile: async (p) => {
        const t = files.get(p);
        if (t === undefined) throw new Error("ENOENT");
        return t;
      },
      writeFile: async () => {},
    };
    return kubectl(args, io);
  };
  return { run, files, store };
}

describe("kubectl on the emulated cluster", () => {
  it("finds the sleep pod and the telemetry pod as the blog does", async () => {
    const { run } = setup();
    const pod = await run(["get", "pod", "-l", "app=sleep", "-o", "jsonpath={.items..metadata.name}"]);
    expect(pod.stdout).toMatch(/^sleep-[0-9a-f]{10}-[a-z0-9]{5}$/);
    const telemetry = await run(["-n", "istio-system", "get", "pods", "-l", "istio-mixer-type=telemetry", "-o", "jsonpath={.items[0].metadata.name}"]);
    expect(telemetry.stdout).toMatch(/^istio-telemetry-/);
    const table = await run(["get", "pods"]);
    expect(table.stdout).toMatch(/^NAME {2,}READY {5}STATUS {4}RESTARTS {3}AGE\nsleep-\S+ {3}2\/2 {7}Running {3}0 {10}5m\n$/);
  });

  it("creates the politics namespace, applies the injected sample, cleans up", async () => {
    const { run, files } = setup();
    expect((await run(["create", "namespace", "politics"])).stdout).toBe('namespace "politics" created\n');
    files.set("/dev/fd/63", kubeInject(SLEEP_YAML));
    expect(await run(["apply", "-n", "politics", "-f", "/dev/fd/63"])).toEqual({
      stdout: 'service "sleep" created\ndeployment.extensions "sleep" created\n',
      stderr: "",
      exitCode: 0,
    });
    const pod = (await run(["get", "pod", "-n", "politics", "-l", "app=sleep", "-o", "jsonpath={.items..metadata.name}"])).stdout;
    expect(pod).toMatch(/^sleep-/);
    const logs = await run(["-n", "politics", "logs", pod]);
    expect(logs.stderr).toContain("choose one of: [sleep istio-proxy] or one of the init containers: [istio-init]");
    expect((await run(["delete", "namespace", "politics"])).stdout).toBe('namespace "politics" deleted\n');
  });

  it("lists istio-system pods in one aligned table", async () => {
    const { run } = setup();
    const out = (await run(["get", "pods", "-n", "istio-system"])).stdout.split("\n").filter(Boolean);
    const statusCol = out[0].indexOf("STATUS");
    for (const line of out.slice(1)) expect(line[statusCol - 1]).toBe(" ");
    expect(out.length).toBeGreaterThan(5);
  });
});
