/**
 * The page's side of the worker protocol: typed requests that resolve with the worker's
 * answers, and listeners for its events. Also the last resort of Ctrl-C: a command that keeps
 * the worker busy without ever yielding cannot see its abort signal, so after a grace period
 * the worker is replaced and the sandbox restored from its last save.
 */
import type { InitParams, InitResult, RequestMap, RequestName, Response, RunResult, WorkerEvent, WorkerMessage } from "./protocol.ts";

type Listener = (event: WorkerEvent) => void;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  type: RequestName;
}

/** How long Ctrl-C waits for the command to stop by itself before restarting the worker. */
const INTERRUPT_GRACE_MS = 700;

export class WorkerClient {
  private worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<Listener>();
  private initParams: InitParams | undefined;
  private runId: number | undefined;

  constructor(private readonly spawn: () => Worker = spawnRuntimeWorker) {
    this.worker = this.start();
  }

  private start(): Worker {
    const worker = this.spawn();
    worker.addEventListener("message", (e: MessageEvent<WorkerMessage>) => this.receive(e.data));
    worker.addEventListener("error", (e) => {
      e.preventDefault();
      this.notify({ event: "status", message: "The lab's sandbox stopped unexpectedly; reload the page to start it again." });
    });
    return worker;
  }

  private receive(message: WorkerMessage): void {
    if ("id" in message) {
      const r = message as Response;
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      if (r.ok) p.resolve(r.result);
      else p.reject(new Error(r.error));
      return;
    }
    this.notify(message);
  }

  private notify(event: WorkerEvent): void {
    for (const l of this.listeners) l(event);
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  request<K extends RequestName>(type: K, params: RequestMap[K][0]): Promise<RequestMap[K][1]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, type });
      this.worker.postMessage({ id, type, params });
    });
  }

  init(params: InitParams): Promise<InitResult> {
    this.initParams = params;
    return this.request("init", params);
  }

  run(line: string): Promise<RunResult> {
    const id = this.nextId;
    this.runId = id;
    return this.request("run", { line }).finally(() => {
      if (this.runId === id) this.runId = undefined;
    });
  }

  /** Ctrl-C: aborts the running command; restarts the worker if the command does not stop. */
  async interrupt(): Promise<void> {
    const runId = this.runId;
    if (runId === undefined) return;
    void this.request("interrupt", {}).catch(() => undefined);
    await new Promise((r) => setTimeout(r, INTERRUPT_GRACE_MS));
    if (this.runId !== runId || !this.pending.has(runId)) return;
    this.restart();
  }

  private restart(): void {
    this.worker.terminate();
    const stranded = [...this.pending.entries()];
    this.pending.clear();
    for (const [id, p] of stranded) {
      if (id === this.runId) p.resolve({ stdout: "", stderr: "", exitCode: 130 } satisfies RunResult);
      else p.reject(new Error("the sandbox was restarted"));
    }
    this.runId = undefined;
    this.worker = this.start();
    if (this.initParams) {
      void this.request("init", this.initParams).then(
        () => {
          this.notify({ event: "status", message: "The command did not stop by itself, so the sandbox was restarted from its last saved state." });
          this.notify({ event: "files-changed" });
        },
        () => this.notify({ event: "status", message: "The sandbox could not be restarted; reload the page." }),
      );
    }
  }
}

/** A new runtime worker (the lesson page may already have one: src/ui/lesson/earlyWorker.ts). */
export function spawnRuntimeWorker(): Worker {
  return new Worker(new URL("./runtime.worker.ts", import.meta.url), { type: "module", name: "egress-lab-runtime" });
}
