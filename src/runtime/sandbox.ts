/**
 * One learner's sandbox: the cluster (API objects, controllers, logs), Mixer, the data plane,
 * the emulated internet, and the shells (the reader's workstation and each container that
 * `kubectl exec` enters). The CLI, the Web Worker and the lesson tests all drive this class.
 */
import type { Clock } from "./clock.ts";
import { VirtualClock } from "./clock.ts";
import { SeededRandom } from "./ids.ts";
import { ObjectStore, type StoreState } from "./cluster/store.ts";
import { ClusterLogs, writeRow, type LogSink, type RowKind } from "./cluster/logs.ts";
import { WorkloadController, type ControllerDeps } from "./cluster/controllers.ts";
import { podByName, podContainers, podIp } from "./cluster/queries.ts";
import { findKind } from "./config/kinds.ts";
import { SAMPLE_FILES } from "./samples/index.ts";
import { Mixer, type MixerState } from "./mixer/mixer.ts";
import { MetricsRegistry, type MetricsSnapshot } from "./telemetry/metrics.ts";
import { Internet } from "./internet/internet.ts";
import { DataPlane } from "./proxy/data-plane.ts";
import { Prometheus, istioMeshTarget } from "./telemetry/prometheus/index.ts";
import { MeshTraffic } from "./telemetry/meshGraph/meshTraffic.ts";
import { meshPodDirectory } from "./telemetry/meshGraph/podDirectory.ts";
import type { MeshGraph } from "./telemetry/meshGraph/types.ts";
import type { RequestSource, Transport } from "./proxy/http.ts";
import type { RequestTrace } from "./proxy/trace.ts";
import { explainRequest } from "./proxy/traceExplanation.ts";
import { explanationText } from "./proxy/explanationText.ts";
import { ShellSession, type ShellState } from "./shell/session.ts";
import type { IFileSystem } from "just-bash";
import { fail, ok, type CommandIO, type CommandResult, type LabCommand } from "./shell/command.ts";
import { lazyCommand } from "./shell/lazyCommand.ts";
import { quoteArgv } from "./shell/quote.ts";
import { yieldToHost } from "./shell/yieldToHost.ts";

export interface SandboxOptions {
  /** Wall clock for readers; a VirtualClock for tests and `--clock`. */
  clock: Clock;
  /** Seeds pod names, ids and simulated latencies (default 1). */
  seed?: number;
}

/** Everything needed to rebuild a sandbox exactly (the site persists it; lessons reset to it). */
export interface SandboxSnapshot {
  version: typeof SNAPSHOT_VERSION;
  clockMicros: number;
  virtualClock: boolean;
  rngState: number;
  store: StoreState;
  logs: Record<string, string[]>;
  mixer: MixerState;
  metrics: MetricsSnapshot;
  workstation: ShellState;
  containers: Record<string, ShellState>;
  portForwards: PortForward[];
}

export const SNAPSHOT_VERSION = 1;

export interface PortForward {
  namespace: string;
  pod: string;
  localPort: number;
  remotePort: number;
}

/**
 * How a sandbox starts: from a snapshot (`owned`: nobody else holds it, so its objects are taken
 * without a copy), or by installing a fresh cluster into the empty store.
 */
type SandboxStart = { snapshot: SandboxSnapshot; owned: boolean } | { install: (store: ObjectStore, deps: ControllerDeps) => WorkloadController };

/** The lab commands' code, loaded on first use (lazyCommand.ts) or ahead of it (`Sandbox.preloadCommands`). */
const loadKubectl = () => import("./shell/kubectl/kubectl.ts");
const loadIstioctl = () => Promise.all([import("./shell/istioctl/index.ts"), import("./cluster/kubeInject.ts")]);
const loadCurl = () => import("./shell/curl/curl.ts");
const loadFortio = () => import("./shell/fortio/fortio.ts");
const loadDate = () => import("./shell/date/dateCommand.ts");

/** The reader's workstation: a home directory holding the Istio 0.8 release's samples. */
export const WORKSTATION_HOME = "/root/istio-0.8.0";

export class Sandbox {
  readonly store: ObjectStore;
  readonly logs = new ClusterLogs();
  readonly metrics = new MetricsRegistry();
  readonly mixer: Mixer;
  readonly internet = new Internet();
  readonly dataPlane: DataPlane;
  /** The emulated Prometheus (prometheus.istio-system:9090); scrapes as the clock moves. */
  readonly prometheus: Prometheus;
  /** Who talked to whom, by response code (the Graph tab). Not in snapshots: empty after a restore. */
  readonly meshTraffic: MeshTraffic;
  readonly portForwards: PortForward[] = [];
  private readonly controller: WorkloadController;
  private workstation: ShellSession;
  private readonly containerShells = new Map<string, ShellSession>();
  /** Restored containers' shell states, made into shells on their first `kubectl exec` (a restore is on the way to the prompt). */
  private readonly restoredShells = new Map<string, ShellState>();
  private explainedUpTo = 0;
  private telemetrySink: LogSink | undefined;
  private traceCount = 0;
  /** Output of commands that finish after Ctrl-C (see `run`). */
  private interruptedOutput = "";

  private constructor(readonly clock: Clock, readonly rng: SeededRandom, start: SandboxStart) {
    const snapshot = "snapshot" in start ? start.snapshot : undefined;
    this.store = new ObjectStore(clock, rng);
    this.store.subscribe((change) => {
      if (change.info.kind === "Pod") this.telemetrySink = undefined;
    });
    const telemetryLog: LogSink = {
      write: (line: string) => this.telemetryLog().write(line),
      writeRow: <E>(kind: RowKind<E>, entry: E) => writeRow(this.telemetryLog(), kind, entry),
    };
    this.mixer = new Mixer(this.store, clock, telemetryLog, this.metrics);
    if (snapshot) {
      this.store.restore(snapshot.store, "snapshot" in start && start.owned);
      this.logs.restore(snapshot.logs);
      this.metrics.restore(snapshot.metrics);
      this.mixer.restore(snapshot.mixer);
      this.controller = new WorkloadController(this.store, { clock, rng, logs: this.logs }).start();
      this.controller.adopt();
      this.portForwards.push(...snapshot.portForwards);
    } else {
      this.controller = (start as Exclude<SandboxStart, { snapshot: SandboxSnapshot }>).install(this.store, { clock, rng, logs: this.logs });
      this.mixer.flush();
    }
    this.dataPlane = new DataPlane({ store: this.store, internet: this.internet, mixer: this.mixer, clock, rng, logs: this.logs });
    this.dataPlane.traces.subscribe(() => this.traceCount++);
    this.meshTraffic = new MeshTraffic(meshPodDirectory(this.dataPlane.mesh));
    this.dataPlane.traces.subscribe((trace) => this.meshTraffic.record(trace));
    this.prometheus = new Prometheus({ clock, metrics: this.metrics, target: istioMeshTarget(this.store) });
    this.dataPlane.registerServiceHandler("prometheus", "istio-system", 9090, this.prometheus.handler);
    this.workstation = new ShellSession(
      {
        commands: this.workstationCommands(),
        files: Object.fromEntries(Object.entries(SAMPLE_FILES).map(([p, text]) => [`${WORKSTATION_HOME}/${p}`, text])),
        cwd: WORKSTATION_HOME,
        env: { HOME: "/root", USER: "root", HOSTNAME: "workstation", TERM: "xterm-256color" },
        sleep: (ms) => this.sleep(ms),
      },
      snapshot?.workstation,
    );
    if (snapshot) for (const [key, state] of Object.entries(snapshot.containers)) this.restoredShells.set(key, state);
  }

  static async create(options: SandboxOptions): Promise<Sandbox> {
    // The installer and its manifests are not needed to restore a sandbox, which is how the
    // browser lab starts: they load here, on the way to a fresh cluster only.
    const [{ installCluster }, { defaultMixerConfig }] = await Promise.all([import("./cluster/install.ts"), import("./mixer/defaultConfig.ts")]);
    return new Sandbox(options.clock, new SeededRandom(options.seed ?? 1), {
      install: (store, deps) => installCluster(store, deps, { extraObjects: defaultMixerConfig() }),
    });
  }

  /**
   * Loads the lab commands' code ahead of their first use. The browser lab does this a few
   * seconds after the prompt is up, so that a tab left open while the site is redeployed (its old
   * chunks gone) still has the commands.
   */
  static async preloadCommands(): Promise<void> {
    await Promise.all([loadKubectl(), loadIstioctl(), loadCurl(), loadFortio(), loadDate()]);
  }

  /**
   * Rebuilds a sandbox from a snapshot; throws when the snapshot is not one this version wrote.
   * `owned`: the caller hands the snapshot over (nothing else holds it, e.g. it was just parsed),
   * so its cluster objects are taken as they are instead of copied.
   */
  static restore(snapshot: SandboxSnapshot, wallClock?: Clock, options: { owned?: boolean } = {}): Sandbox {
    if (!snapshot || snapshot.version !== SNAPSHOT_VERSION) throw new Error("saved sandbox is from another version of Egress Lab");
    const clock = snapshot.virtualClock || !wallClock ? new VirtualClock(snapshot.clockMicros) : wallClock;
    const rng = new SeededRandom(0);
    rng.setState(snapshot.rngState);
    return new Sandbox(clock, rng, { snapshot, owned: options.owned ?? false });
  }

  async snapshot(): Promise<SandboxSnapshot> {
    const containers: Record<string, ShellState> = {};
    for (const [key, state] of this.restoredShells) containers[key] = state;
    for (const [key, shell] of this.containerShells) containers[key] = await shell.snapshot();
    return {
      version: SNAPSHOT_VERSION,
      clockMicros: this.clock.nowMicros(),
      virtualClock: this.clock.virtual,
      rngState: this.rng.getState(),
      store: this.store.snapshot(),
      logs: this.logs.snapshot(),
      mixer: this.mixer.snapshot(),
      metrics: this.metrics.snapshot(),
      workstation: await this.workstation.snapshot(),
      containers,
      portForwards: [...this.portForwards],
    };
  }

  /** The mesh graph over the last `windowSeconds` of the runtime clock. */
  meshGraph(windowSeconds: number): MeshGraph {
    return this.meshTraffic.graph(this.clock.nowMicros(), windowSeconds);
  }

  /** Runs one command line typed at the workstation prompt. */
  async run(commandLine: string, options: { signal?: AbortSignal } = {}): Promise<CommandResult> {
    this.prometheus.catchUp();
    this.interruptedOutput = "";
    try {
      const result = await this.workstation.run(commandLine, options);
      // The shell drops what a command prints once Ctrl-C ended it; fortio prints its report then.
      if (this.interruptedOutput) result.stderr += this.interruptedOutput;
      return result;
    } finally {
      this.prometheus.catchUp();
    }
  }

  /** The workstation's filesystem: the editor reads and writes the reader's manifests here. */
  get workstationFs(): IFileSystem {
    return this.workstation.fs;
  }

  /** The workstation shell's environment (for the UI's completion and persistence). */
  get environment(): Readonly<Record<string, string>> {
    return this.workstation.getEnv();
  }

  /** Traces of requests sent since the last call, for `egress-lab run --explain`. */
  newTraces(): RequestTrace[] {
    const fresh = this.traceCount - this.explainedUpTo;
    this.explainedUpTo = this.traceCount;
    if (fresh <= 0) return [];
    const all = this.dataPlane.traces.list();
    return all.slice(Math.max(0, all.length - fresh));
  }

  /** For each request since the last call: what was asked, what came back, and why (hops, routes, Mixer rules, verdicts). */
  explainRecent(): string[] {
    return this.newTraces().flatMap((t) => explanationText(explainRequest(t)));
  }

  /**
   * Mixer writes to the telemetry pod's `mixer` container. The pod is looked up once and again
   * only after pods change (a reader may delete it; its Deployment brings a new one).
   */
  private telemetryLog(): LogSink {
    if (!this.telemetrySink) {
      const pod = this.store.list(findKind("pod")!, "istio-system", [{ key: "istio-mixer-type", op: "=", values: ["telemetry"] }])[0];
      this.telemetrySink = pod ? this.logs.sink("istio-system", pod.metadata.name, "mixer") : { write() {} };
    }
    return this.telemetrySink;
  }

  private async sleep(ms: number): Promise<void> {
    if (this.clock.virtual) {
      // Scrapes due before the sleep see the metrics as they are now, not as they will be.
      this.prometheus.catchUp();
      this.clock.advance(ms * 1000);
      this.prometheus.catchUp();
      await yieldToHost();
      return;
    }
    await new Promise<void>((resolve) => setTimeout(resolve, ms));
  }

  private workstationCommands(): Record<string, LabCommand> {
    const kubectl = lazyCommand(async () =>
      (await loadKubectl()).createKubectl({
        store: this.store,
        clock: this.clock,
        logs: this.logs,
        execInContainer: (ns, pod, container, argv, io) => this.execInContainer(ns, pod, container, argv, io),
        portForward: (namespace, pod, localPort, remotePort) => this.portForward(namespace, pod, localPort, remotePort),
      }),
    );
    const istioctl = lazyCommand(async () => {
      const [{ createIstioctl }, { kubeInject }] = await loadIstioctl();
      return createIstioctl({ store: this.store, clock: this.clock, rng: this.rng, kubeInject: (text) => kubeInject(text) });
    });
    const curl = this.curlFor({ kind: "workstation" }, undefined);
    return { kubectl, istioctl, curl, date: this.date(), killall: (args) => this.killall(args) };
  }

  /** `date` on the sandbox's clock (just-bash's own reads the host's). */
  private date(): LabCommand {
    return lazyCommand(async () => (await loadDate()).createDate(this.clock));
  }

  /** The data plane, with Prometheus' due scrapes taken before each request changes the metrics. */
  private readonly scrapingTransport: Transport = {
    send: (source, request, options) => {
      this.prometheus.catchUp();
      return this.dataPlane.send(source, request, options);
    },
  };

  private curlFor(source: RequestSource, localIp: string | undefined): LabCommand {
    return lazyCommand(async () =>
      (await loadCurl()).createCurl({
        transport: this.scrapingTransport,
        source,
        clock: this.clock,
        resolve: (host) => this.internet.resolve(host),
        localIp,
      }),
    );
  }

  private portForward(namespace: string, pod: string, localPort: number, remotePort: number): string | undefined {
    if (this.portForwards.some((f) => f.localPort === localPort)) {
      return `unable to listen on any of the requested ports: [{${localPort} ${remotePort}}]`;
    }
    this.portForwards.push({ namespace, pod, localPort, remotePort });
    return undefined;
  }

  /** `killall kubectl` (the Grafana task's cleanup) ends the port-forwards. */
  private async killall(args: string[]): Promise<CommandResult> {
    const name = args.filter((a) => !a.startsWith("-"))[0];
    if (!name) return fail("Usage: killall [OPTION]... [--] NAME...", 1);
    if (name === "kubectl" && this.portForwards.length) {
      this.portForwards.length = 0;
      return ok();
    }
    return fail(`${name}: no process found`, 1);
  }

  /** `kubectl exec`: runs argv in a container's own shell (its files and environment persist). */
  async execInContainer(namespace: string, pod: string, container: string, argv: string[], io: CommandIO): Promise<CommandResult> {
    const key = `${namespace}/${pod}/${container}`;
    let shell = this.containerShells.get(key);
    if (!shell) {
      shell = this.newContainerShell(namespace, pod, container, this.restoredShells.get(key));
      this.restoredShells.delete(key);
      this.containerShells.set(key, shell);
    }
    const script = (argv[0] === "bash" || argv[0] === "sh") && argv[1] === "-c" && argv.length >= 3 ? argv[2] : quoteArgv(argv);
    return shell.run(script, { signal: io.signal, stdin: io.stdin });
  }

  private newContainerShell(namespace: string, pod: string, container: string, state?: ShellState): ShellSession {
    const podObject = podByName(this.store, namespace, pod);
    const ip = podObject ? podIp(podObject) : undefined;
    const known = podObject ? podContainers(podObject).containers.includes(container) : false;
    const commands: Record<string, LabCommand> = known
      ? {
          curl: this.curlFor({ kind: "pod", namespace, pod, container }, ip),
          date: this.date(),
          fortio: lazyCommand(async () =>
            (await loadFortio()).createFortio({
              transport: this.scrapingTransport,
              source: { kind: "pod", namespace, pod, container },
              clock: this.clock,
              catchUp: () => this.prometheus.catchUp(),
              interrupted: (text) => (this.interruptedOutput += text),
            }),
          ),
        }
      : {};
    return new ShellSession(
      {
        commands,
        cwd: "/",
        env: { HOSTNAME: pod, HOME: "/root", PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", KUBERNETES_SERVICE_HOST: "10.0.0.1", KUBERNETES_SERVICE_PORT: "443" },
        sleep: (ms) => this.sleep(ms),
      },
      state,
    );
  }
}
