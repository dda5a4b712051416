/**
 * The Web Worker that hosts one learner's sandbox. The page talks to it only through the
 * messages of protocol.ts; nothing here touches the DOM. This is the only browser module that
 * imports the runtime (and with it just-bash).
 */
import { Sandbox, type SandboxSnapshot } from "../runtime/sandbox.ts";
import { WallClock } from "../runtime/clock.ts";
import type { KindInfo } from "../runtime/config/kinds.ts";
import { needsMoreInput } from "../runtime/shell/continuation.ts";
import { complete } from "./completion.ts";
import { LogStream, logBacklog } from "./logStream.ts";
import { deleteSaved, loadSaved, storeSaved } from "./persistence.ts";
import { checkSaved } from "./savedState.ts";
import { EarlyStart, lessonOfWorkerName } from "./earlyStart.ts";
import {
  builtStartState, compareConfig, forgetHistory, lessonEngine, lessonPlan, lessonStartSandbox, recordCommand, stepSolution,
  startStateRequestedByPage, stepStates, useSiteAt,
} from "./lessonHost.ts";
import type { InitOrigin, InitParams, InitResult, Request, RequestMap, RequestName, WorkerEvent, WorkerMessage } from "./protocol.ts";
import { evaluateDashboard } from "../runtime/telemetry/grafana/evaluateDashboard.ts";
import { explainRequest, recentRequests } from "../runtime/proxy/traceExplanation.ts";
import { WORKSTATION_HOME, currentDirectory, listDirectory, listEditableFiles, resolvePath, workstationFs } from "./workstationFiles.ts";

declare const self: {
  /** As the page named the worker (`new Worker(url, { name })`). */
  readonly name: string;
  postMessage(message: WorkerMessage): void;
  addEventListener(type: "message", listener: (e: { data: Request }) => void): void;
};

/** When this module's body runs: the worker's code (~1 MB) is downloaded, compiled and their imports evaluated (for the page's timing marks). */
const evaluatedAt = performance.timeOrigin + performance.now();

/** Saving waits for a quiet moment after a command, so a burst of Run clicks saves once. */
const SAVE_DEBOUNCE_MS = 400;
const BACKLOG_LINES = 200;
/** How long after init the lab commands' code is loaded ahead of use (see init). */
const PRELOAD_COMMANDS_AFTER_MS = 3000;
/** The Requests panel lists at most this many (the newest). */
const REQUESTS_SHOWN = 200;

let sandbox: Sandbox | undefined;
let lessonKey = "";
let startSnapshot: Promise<SandboxSnapshot> | undefined;
let running: AbortController | undefined;
let saveTimer: ReturnType<typeof setTimeout> | undefined;

useSiteAt(import.meta.env.BASE_URL.replace(/\/?$/, "/"));
// Fetch the plan now, while the page is still sending init, rather than when init asks for it.
void lessonEngine();

const post = (message: WorkerMessage) => self.postMessage(message);
const emit = (event: WorkerEvent) => post(event);
const logs = new LogStream((lines) => emit({ event: "logs", lines }));

function current(): Sandbox {
  if (!sandbox) throw new Error("the sandbox is not started yet");
  return sandbox;
}

function use(next: Sandbox): void {
  sandbox = next;
  logs.attach(next);
}

/**
 * A fresh sandbox at the lesson's start and the snapshot Reset returns to: the start state the
 * site's build made, or the course plan's start state built here (earlier lessons' solutions
 * replayed), or without a plan the installed cluster plus the page's setup commands.
 */
async function freshAtStart(lesson: string, setup: string[]): Promise<{ sandbox: Sandbox; makeStart: () => Promise<SandboxSnapshot> }> {
  const built = await builtStartState(lesson);
  if (built) return { sandbox: Sandbox.restore(built, new WallClock(), { owned: true }), makeStart: () => resetStart(lesson, setup) };
  const sandbox = await replayedStart(lesson, setup);
  // Taken now: the reader's commands will change this sandbox.
  const start = sandbox.snapshot();
  return { sandbox, makeStart: () => start };
}

/**
 * Reset's snapshot of the lesson's start, made once the init answer is out rather than on the
 * way to it (a copy of its own: a sandbox owns the snapshot it was restored from).
 */
function resetStart(lesson: string, setup: string[], delayMs = 0): Promise<SandboxSnapshot> {
  return new Promise((resolve) => setTimeout(() => resolve(lessonStartSnapshot(lesson, setup)), delayMs));
}

async function lessonStartSnapshot(lesson: string, setup: string[]): Promise<SandboxSnapshot> {
  return (await builtStartState(lesson)) ?? (await replayedStart(lesson, setup)).snapshot();
}

async function replayedStart(lesson: string, setup: string[]): Promise<Sandbox> {
  const start = await lessonStartSandbox(lesson);
  if (start) return start;
  const sb = await Sandbox.create({ clock: new WallClock(), seed: 1 });
  for (const line of setup) await sb.run(line);
  return sb;
}

/** Checks the steps and tells the page (after each command, reset and start). */
async function emitSteps(): Promise<void> {
  if (!sandbox || !lessonKey) return;
  const lesson = lessonKey;
  const states = await stepStates(sandbox, lesson);
  if (states.length) emit({ event: "steps", lesson, states });
}

/** A sandbox for the lesson: as the reader left it (saved), or at the lesson's start. */
interface PreparedStart {
  sandbox: Sandbox;
  origin: InitOrigin;
  notice?: string;
  /**
   * Makes the snapshot Reset returns to; init calls it, so that the work comes after the init
   * answer even when the sandbox was prepared before init arrived (see earlyStart.ts).
   */
  makeStart: () => Promise<SandboxSnapshot>;
  /** When the sandbox was ready (epoch ms, for the page's timing marks). */
  readyAt: number;
}

/** Restores the reader's saved sandbox for the lesson (unless `fresh`), or else starts the lesson afresh. */
async function prepareStart(lesson: string, setup: string[], fresh: boolean): Promise<PreparedStart> {
  const readyAt = () => performance.timeOrigin + performance.now();
  let notice: string | undefined;
  let saved: unknown;
  let savedKnown = fresh;
  const reading = fresh
    ? Promise.resolve()
    : loadSaved(lesson).then(
      (value) => {
        saved = value;
        savedKnown = true;
      },
      () => {
        notice = "Your saved progress could not be read (storage is unavailable), so this lesson starts fresh and will not be saved.";
        savedKnown = true;
      },
    );
  // Most visits have no saved progress: the build's start state is fetched and restored while
  // storage is read (unless storage has already answered with a saved sandbox).
  const speculative = builtStartState(lesson).then((built) =>
    built && !(savedKnown && saved !== undefined)
      ? { sandbox: Sandbox.restore(built, new WallClock(), { owned: true }), makeStart: () => resetStart(lesson, setup) }
      : undefined,
  ).catch(() => undefined);
  await reading;
  if (saved !== undefined) {
    const checked = checkSaved(saved);
    if (checked.ok) {
      try {
        const restored = Sandbox.restore(checked.snapshot, new WallClock());
        // Reset's snapshot of the lesson's start is prepared once the page is interactive.
        return { sandbox: restored, origin: "restored", notice, makeStart: () => resetStart(lesson, setup, 50), readyAt: readyAt() };
      } catch {
        notice = "Your saved sandbox could not be restored, so it was replaced by a fresh one.";
      }
    } else {
      notice = `Your saved sandbox was replaced by a fresh one because ${checked.reason}.`;
    }
  }
  const started = (await speculative) ?? (await freshAtStart(lesson, setup));
  return { ...started, origin: saved !== undefined ? "replaced-corrupt" : "fresh", notice, readyAt: readyAt() };
}

let early: EarlyStart<PreparedStart> | undefined;

/** Prepares the sandbox of the lesson the page named this worker after (see earlyStart.ts). */
function startEarly(): void {
  const lesson = lessonOfWorkerName(self.name);
  if (!lesson) return;
  startStateRequestedByPage(lesson);
  early = new EarlyStart(lesson, prepareStart(lesson, [], false));
}

async function init(params: InitParams): Promise<InitResult> {
  lessonKey = params.lesson;
  forgetHistory();
  const prepared = await (early?.take(params) ?? prepareStart(params.lesson, params.setup, !!params.fresh));
  use(prepared.sandbox);
  startSnapshot = prepared.makeStart();
  if (prepared.origin === "replaced-corrupt") scheduleSave();
  void emitSteps();
  // Once the page has settled (it loads the editor and panels right after the prompt): the
  // commands' code, so a tab left open across a redeploy still has it.
  setTimeout(() => void Sandbox.preloadCommands().catch(() => undefined), PRELOAD_COMMANDS_AFTER_MS);
  return {
    origin: prepared.origin,
    notice: prepared.notice,
    cwd: currentDirectory(current()),
    backlog: logBacklog(current(), BACKLOG_LINES),
    timings: { evaluated: evaluatedAt, sandboxReady: prepared.readyAt },
  };
}

function scheduleSave(): void {
  if (saveTimer !== undefined) clearTimeout(saveTimer);
  saveTimer = setTimeout(() => void save(), SAVE_DEBOUNCE_MS);
}

async function save(): Promise<void> {
  if (saveTimer !== undefined) clearTimeout(saveTimer);
  saveTimer = undefined;
  if (!sandbox || !lessonKey) return;
  try {
    const snap = await sandbox.snapshot();
    await storeSaved(lessonKey, snap, Date.now());
    emit({ event: "saved", bytes: 0 });
  } catch {
    emit({ event: "status", message: "Your progress could not be saved in this browser (storage is full or disabled)." });
  }
}

const handlers: { [K in RequestName]: (params: RequestMap[K][0]) => Promise<RequestMap[K][1]> } = {
  init,
  async run({ line }) {
    const sb = current();
    const controller = new AbortController();
    running = controller;
    recordCommand(line);
    try {
      const result = await sb.run(line, { signal: controller.signal });
      return result;
    } finally {
      if (running === controller) running = undefined;
      logs.flush();
      emit({ event: "files-changed" });
      scheduleSave();
      void emitSteps();
    }
  },
  async interrupt() {
    if (!running) return { interrupted: false };
    running.abort();
    return { interrupted: true };
  },
  async complete({ line, cursor }) {
    const sb = current();
    const fs = workstationFs(sb);
    return complete(
      {
        objectNames: (kind: KindInfo, namespace: string) =>
          sb.store.list(kind, kind.namespaced ? namespace : undefined).map((o) => o.metadata.name),
        env: () => sb.environment,
        listDirectory: (dir) => listDirectory(fs, dir),
        cwd: () => currentDirectory(sb),
      },
      line,
      cursor,
    );
  },
  async needsMoreInput({ text }) {
    return needsMoreInput(text);
  },
  async listFiles() {
    return listEditableFiles(workstationFs(current()));
  },
  async readFile({ path }) {
    const sb = current();
    return workstationFs(sb).readFile(resolvePath(WORKSTATION_HOME, path));
  },
  async writeFile({ path, content }) {
    const sb = current();
    // No files-changed event: the writer (the editor) already shows this content.
    await workstationFs(sb).writeFile(resolvePath(WORKSTATION_HOME, path), content);
    scheduleSave();
  },
  async reset() {
    const t0 = performance.now();
    running?.abort();
    const start = await (startSnapshot ?? current().snapshot());
    use(Sandbox.restore(start, new WallClock()));
    forgetHistory();
    const ms = performance.now() - t0;
    void emitSteps();
    emit({ event: "files-changed" });
    try {
      await deleteSaved(lessonKey);
    } catch {
      // nothing saved, or storage unavailable: the reset itself succeeded
    }
    return { ms, cwd: currentDirectory(current()) };
  },
  save,
  async lessonPlan({ lesson }) {
    return (await lessonPlan(lesson)) ?? null;
  },
  async checkSteps({ lesson }) {
    return stepStates(current(), lesson);
  },
  async solveStep({ lesson, step }) {
    return { commands: await stepSolution(lesson, step) };
  },
  async compareConfig({ lesson }) {
    return compareConfig(current(), lesson);
  },
  async dashboard(params) {
    const sb = current();
    const grafana = sb.portForwards.some((f) => f.localPort === 3000 && f.pod.startsWith("grafana-"));
    return { ...evaluateDashboard(sb.prometheus, sb.clock.nowMicros(), params), grafana };
  },
  async requests() {
    return recentRequests(current().dataPlane.traces.list(), REQUESTS_SHOWN);
  },
  async requestDetail({ id }) {
    const trace = current().dataPlane.traces.list().find((t) => t.id === id);
    return trace ? explainRequest(trace) : null;
  },
  async meshGraph({ windowSeconds }) {
    return current().meshGraph(windowSeconds);
  },
};

self.addEventListener("message", (e) => {
  const req = e.data;
  const handler = handlers[req.type] as (params: unknown) => Promise<unknown>;
  handler(req.params).then(
    (result) => post({ id: req.id, ok: true, result }),
    (error: unknown) => post({ id: req.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});

// Last: everything it uses is declared above.
startEarly();
