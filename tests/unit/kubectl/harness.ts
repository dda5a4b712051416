/** A kubectl wired to a real ObjectStore with fake sandbox pieces, for the kubectl tests. */
import { VirtualClock } from "../../../src/runtime/clock.ts";
import { SeededRandom } from "../../../src/runtime/ids.ts";
import { ObjectStore } from "../../../src/runtime/cluster/store.ts";
import { ClusterLogs } from "../../../src/runtime/cluster/logs.ts";
import type { KubeObject } from "../../../src/runtime/cluster/objects.ts";
import { findKind } from "../../../src/runtime/config/kinds.ts";
import type { CommandIO, CommandResult } from "../../../src/runtime/shell/command.ts";
import { createKubectl, type KubectlDeps } from "../../../src/runtime/shell/kubectl/kubectl.ts";

export const START = "2018-06-18T13:22:40Z";

export interface Harness {
  store: ObjectStore;
  clock: VirtualClock;
  logs: ClusterLogs;
  execCalls: { namespace: string; pod: string; container: string; argv: string[] }[];
  forwards: { namespace: string; pod: string; local: number; remote: number }[];
  execResult: CommandResult;
  files: Map<string, string>;
  run(cmdline: string[] | string, stdin?: string): Promise<CommandResult>;
  add(obj: KubeObject): KubeObject;
}

export function kind(name: string) {
  return findKind(name)!;
}

export function makeHarness(): Harness {
  const clock = VirtualClock.fromIso(START);
  const store = new ObjectStore(clock, new SeededRandom(7));
  const logs = new ClusterLogs();
  const h: Harness = {
    store,
    clock,
    logs,
    execCalls: [],
    forwards: [],
    execResult: { stdout: "", stderr: "", exitCode: 0 },
    files: new Map(),
    add: (obj) => store.create(findKind(obj.kind)!, obj),
    run: async (cmdline, stdin = "") => {
      const args = typeof cmdline === "string" ? cmdline.split(" ").filter(Boolean) : cmdline;
      const io: CommandIO = {
        stdin,
        cwd: "/home/user",
        env: new Map(),
        readFile: async (p) => {
          const t = h.files.get(p);
          if (t === undefined) throw new Error(`${p}: No such file or directory`);
          return t;
        },
        writeFile: async () => {},
      };
      return kubectl(args, io);
    },
  };
  const deps: KubectlDeps = {
    store,
    clock,
    logs,
    execInContainer: async (namespace, pod, container, argv) => {
      h.execCalls.push({ namespace, pod, container, argv });
      return h.execResult;
    },
    portForward: (namespace, pod, local, remote) => {
      h.forwards.push({ namespace, pod, local, remote });
      return undefined;
    },
  };
  const kubectl = createKubectl(deps);
  for (const ns of ["default", "istio-system"]) {
    store.create(findKind("namespace")!, { apiVersion: "v1", kind: "Namespace", metadata: { name: ns }, status: { phase: "Active" } });
  }
  return h;
}

/** An injected sleep pod, Running with both containers ready (as after `kubectl apply`). */
export function sleepPod(name = "sleep-6859f9d5cb-l877h", namespace = "default"): KubeObject {
  const running = { running: { startedAt: "2018-06-18T13:22:25Z" } };
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, labels: { app: "sleep", "pod-template-hash": "2415958176" } },
    spec: {
      nodeName: "10.177.75.165",
      initContainers: [{ name: "istio-init", image: "docker.io/istio/proxy_init:0.8.0" }],
      containers: [
        { name: "sleep", image: "tutum/curl", command: ["/bin/sleep", "infinity"] },
        { name: "istio-proxy", image: "docker.io/istio/proxyv2:0.8.0" },
      ],
    },
    status: {
      phase: "Running",
      podIP: "172.30.146.87",
      initContainerStatuses: [{ name: "istio-init", ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } }],
      containerStatuses: [
        { name: "sleep", ready: true, restartCount: 0, state: running },
        { name: "istio-proxy", ready: true, restartCount: 0, state: running },
      ],
    },
  };
}
