/**
 * fortio's periodic runner (periodic.go + fhttp/httprunner.go) over the lab's clock: N "threads"
 * each fetch, then sleep until their next slot of the target rate, exactly as runOne computes it.
 * The runtime is single-threaded, so the threads are simulated as events in time order: the
 * thread whose next fetch is due first goes next, its request is sent at that instant (the
 * mesh logs and counts it then), and its next slot follows from the emulated latency.
 *
 * Time: with a virtual clock the loop moves the clock to each event (a 30 s run takes as long as
 * the CPU needs); with the wall clock it waits for each slot in real time, so `-qps 200 -t 30s`
 * takes 30 s and the dashboard sees the traffic arrive. Prometheus catches up before every
 * request (the transport does it) and whenever the clock jumps. Ctrl-C stops the threads at
 * their next slot and the report is still printed, like fortio's SIGINT handler does.
 */
import type { Clock } from "../../clock.ts";
import type { HttpRequest, RequestSource, Transport } from "../../proxy/http.ts";
import { yieldToHost } from "../yieldToHost.ts";
import { FortioClient, type ClientLog } from "./client.ts";
import { goDuration as goDurationOf, goG as fmtG } from "./goFormat.ts";
import { Histogram } from "./histogram.ts";
import type { FortioOptions } from "./options.ts";

export interface LoadDeps {
  transport: Transport;
  source: RequestSource;
  clock: Clock;
  /** Performs Prometheus' scrapes due by now (called around every clock jump). */
  catchUp: () => void;
  signal?: AbortSignal;
}

/** A line fortio writes while running: a log line (level, file:line) or plain text, at a time. */
export interface RunLine {
  atMicros: number;
  level?: ClientLog["level"];
  where?: string;
  text: string;
}

export interface RunResult {
  lines: RunLine[];
  /** A warmup fetch failed: fortio aborts with this error (exit 1). */
  abortError?: string;
  /** Threads actually used (after fortio lowered them) and the per-thread clients. */
  threads: number;
  sockets: number;
  codes: Map<number, number>;
  durations: Histogram;
  sleeps: Histogram;
  headerSizes: Histogram;
  sizes: Histogram;
  elapsedMicros: number;
  useQPS: boolean;
  interrupted: boolean;
}

/** GOMAXPROCS fortio reports: the 2 vCPUs of the n1-standard-2 nodes Istio's GKE setup used. */
export const GOMAXPROCS = 2;

interface Thread {
  id: number;
  client: FortioClient;
  numCalls: number;
  calls: number;
  /** When the next fetch starts (µs since epoch). */
  next: number;
  lastEnd: number;
  done: boolean;
}

function sleepReal(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort);
  });
}

/** Lets time pass until `micros`: the virtual clock jumps there, the wall clock is waited for. */
async function passUntil(deps: LoadDeps, micros: number): Promise<void> {
  const now = deps.clock.nowMicros();
  if (micros > now) {
    if (deps.clock.virtual) {
      deps.catchUp();
      deps.clock.advance(micros - now);
      deps.catchUp();
    } else {
      await sleepReal((micros - now) / 1000, deps.signal);
      return;
    }
  }
  await yieldToHost();
}

/** Go's %q of the bytes fortio read (warmup errors quote them). */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + '"';
}

export class LoadRun {
  readonly lines: RunLine[] = [];
  /** Logged while the HTTP options are initialised, right after "Starting http test". */
  readonly initLogs: RunLine[] = [];

  constructor(
    private readonly deps: LoadDeps,
    private readonly o: FortioOptions,
    private readonly request: HttpRequest,
  ) {}

  private log(level: ClientLog["level"], where: string, text: string): void {
    this.lines.push({ atMicros: this.deps.clock.nowMicros(), level, where, text });
  }

  private print(text: string, atMicros = this.deps.clock.nowMicros()): void {
    this.lines.push({ atMicros, text });
  }

  private logAll(logs: readonly ClientLog[], at: number): void {
    for (const l of logs) this.lines.push({ atMicros: at, level: l.level, where: l.where, text: l.message });
  }

  async run(): Promise<RunResult> {
    const o = this.o;
    const deps = this.deps;
    const qps = o.qps <= 0 ? -1 : o.qps;
    let threads = o.connections === 0 ? 4 : Math.max(1, o.connections);
    const hasDuration = o.durationMicros > 0;
    const useExactly = o.exactly > 0;
    const useQPS = qps > 0;
    this.log("I", "httprunner.go:82", `Starting http test for ${o.url} with ${o.connections} threads at ${qps.toFixed(1)} qps`);
    this.lines.push(...this.initLogs);

    const result: RunResult = {
      lines: this.lines,
      threads,
      sockets: 0,
      codes: new Map(),
      durations: new Histogram(0, o.resolution > 0 ? o.resolution : 0.001),
      sleeps: new Histogram(-0.001, 0.001),
      headerSizes: new Histogram(0, 5),
      sizes: new Histogram(0, 100),
      elapsedMicros: 0,
      useQPS,
      interrupted: false,
    };

    // One client per thread; each warms up with one fetch (not counted) unless -n is used.
    const clients: FortioClient[] = [];
    for (let i = 0; i < threads; i++) {
      const client = new FortioClient(deps.transport, deps.source, this.request, o);
      clients.push(client);
      if (useExactly) continue;
      const at = deps.clock.nowMicros();
      deps.catchUp();
      const warm = client.fetch();
      this.logAll(warm.logs, at);
      await passUntil(deps, at + warm.durationMicros);
      if (!o.allowInitialErrors && warm.code !== 200) {
        result.abortError = `error ${warm.code} for ${o.url}: ${goQuote(warm.data())}`;
        result.sockets = clients.reduce((n, c) => n + c.sockets, 0);
        return result;
      }
      if (deps.signal?.aborted) break;
    }

    // periodicRunner.Run: how many calls each thread makes.
    let numCalls = 0;
    let leftOver = 0;
    const durationText = goDurationOf(o.durationMicros);
    if (useQPS) {
      if (hasDuration || useExactly) {
        numCalls = useExactly ? o.exactly : Math.trunc(qps * (o.durationMicros / 1e6));
        if (numCalls < 2) {
          this.log("W", "periodic.go:380", "Increasing the number of calls to the minimum of 2 with 1 thread. total duration will increase");
          numCalls = 2;
          threads = 1;
        }
        if (2 * threads > numCalls) {
          const lowered = Math.trunc(numCalls / 2);
          this.log("W", "periodic.go:386", `Lowering number of threads - total call ${numCalls} -> lowering from ${threads} to ${lowered} threads`);
          threads = lowered;
        }
        numCalls = Math.trunc(numCalls / threads);
        const total = numCalls * threads;
        if (useExactly) {
          leftOver = o.exactly - total;
          if (this.logs(3)) this.print(`Starting at ${fmtG(qps)} qps with ${threads} thread(s) [gomax ${GOMAXPROCS}] : exactly ${o.exactly}, ${numCalls} calls each (total ${total} + ${leftOver})\n`);
        } else if (this.logs(3)) {
          this.print(`Starting at ${fmtG(qps)} qps with ${threads} thread(s) [gomax ${GOMAXPROCS}] for ${durationText} : ${numCalls} calls each (total ${total})\n`);
        }
      } else {
        this.print(`Starting at ${fmtG(qps)} qps with ${threads} thread(s) [gomax ${GOMAXPROCS}] until interrupted\n`);
      }
    } else if (!useExactly && !hasDuration) {
      this.print(`Starting at max qps with ${threads} thread(s) [gomax ${GOMAXPROCS}] until interrupted\n`);
    } else {
      let line = `Starting at max qps with ${threads} thread(s) [gomax ${GOMAXPROCS}] `;
      if (useExactly) {
        numCalls = Math.trunc(o.exactly / threads);
        leftOver = o.exactly % threads;
        line += `for exactly ${o.exactly} calls (${numCalls} per thread + ${leftOver})\n`;
      } else {
        line += `for ${durationText}\n`;
      }
      if (this.logs(3)) this.print(line);
    }
    result.threads = threads;

    const start = deps.clock.nowMicros();
    const endTime = start + o.durationMicros;
    const perThreadQPS = qps / threads;
    const state: Thread[] = [];
    for (let t = 0; t < threads; t++) {
      state.push({ id: t, client: clients[t], numCalls: numCalls + (t === 0 ? leftOver : 0), calls: 0, next: start, lastEnd: start, done: false });
    }

    let stopAt: number | undefined;
    for (;;) {
      let thread: Thread | undefined;
      for (const s of state) if (!s.done && (!thread || s.next < thread.next)) thread = s;
      if (!thread) break;
      await passUntil(deps, thread.next);
      if (deps.signal?.aborted && stopAt === undefined) {
        stopAt = deps.clock.nowMicros();
        result.interrupted = true;
      }
      if (stopAt !== undefined) {
        // Every thread leaves its sleep at the interrupt, or after the fetch it is in.
        for (const s of state) if (!s.done) this.endThread(s, start, Math.max(s.lastEnd, stopAt));
        break;
      }
      const fStart = deps.clock.nowMicros();
      const i = thread.calls;
      if (!useExactly && hasDuration && fStart > endTime) {
        if (!useQPS) {
          this.endThread(thread, start, thread.lastEnd);
          continue;
        }
        if (i >= 2 && i !== thread.numCalls - 1) {
          this.log("W", "periodic.go:482", `T${pad3(thread.id)} warning only did ${i} out of ${thread.numCalls} calls before reaching ${durationText}`);
          this.endThread(thread, start, thread.lastEnd);
          continue;
        }
      }
      // Scrapes due before this request see the counts without it (the sandbox's transport does it too).
      deps.catchUp();
      const fetched = thread.client.fetch();
      this.logAll(fetched.logs, fStart);
      const fEnd = fStart + fetched.durationMicros;
      thread.lastEnd = fEnd;
      thread.calls++;
      result.durations.record(fetched.durationMicros / 1e6);
      result.codes.set(fetched.code, (result.codes.get(fetched.code) ?? 0) + 1);
      result.sizes.record(fetched.size);
      result.headerSizes.record(fetched.headerSize);
      if (o.abortOn !== 0 && fetched.code === o.abortOn) {
        this.log("I", "httprunner.go:66", `Aborted run because of code ${fetched.code} - data ${debugSummary(fetched.data(), 1024)}`);
        stopAt = fEnd;
      }
      const n = thread.calls;
      if (useQPS) {
        if ((useExactly || hasDuration) && n >= thread.numCalls) {
          this.endThread(thread, start, fEnd);
          continue;
        }
        // runOne's schedule: for 2 s at 1 qps, one sleep of 2 s between the 2 calls.
        const targetSeconds = hasDuration ? (n + n / (thread.numCalls - 1)) / perThreadQPS : n / perThreadQPS;
        const sleepMicros = Math.trunc(targetSeconds * 1e6) - (fEnd - start);
        result.sleeps.record(sleepMicros / 1e6);
        thread.next = fEnd + Math.max(0, sleepMicros);
      } else {
        if (useExactly && n >= thread.numCalls) {
          this.endThread(thread, start, fEnd);
          continue;
        }
        thread.next = fEnd;
      }
    }

    const end = state.reduce((m, s) => Math.max(m, s.lastEnd), start);
    // After Ctrl-C the report must come out at once (the shell waits only briefly for it).
    if (!result.interrupted) await passUntil(deps, end);
    result.elapsedMicros = end - start;
    result.sockets = clients.reduce((n, c) => n + c.sockets, 0);
    return result;
  }

  private endThread(thread: Thread, start: number, at: number): void {
    thread.done = true;
    thread.lastEnd = at;
    const elapsed = at - start;
    this.lines.push({
      atMicros: at,
      level: "I",
      where: "periodic.go:533",
      text: `T${pad3(thread.id)} ended after ${goDurationOf(elapsed)} : ${thread.calls} calls. qps=${fmtG(thread.calls / (elapsed / 1e6))}`,
    });
  }

  /** log.Log(level): is this level shown under the run's log level? */
  logs(level: number): boolean {
    return this.o.logLevel <= level;
  }
}

function pad3(n: number): string {
  return String(n).padStart(3, "0");
}

/** fhttp.DebugSummary: the bytes escaped, shortened to their first and last max/2 when long. */
export function debugSummary(text: string, max: number): string {
  const escape = (s: string): string => goQuote(s).slice(1, -1);
  if (text.length <= max + 3) return escape(text);
  const half = Math.trunc(max / 2);
  return `${text.length}: ${escape(text.slice(0, half))}...${escape(text.slice(text.length - half))}`;
}
