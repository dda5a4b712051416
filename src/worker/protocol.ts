/**
 * The messages between the lesson page and the runtime's Web Worker. Every request carries an
 * id; the worker answers each with exactly one response of the same id. Events flow from the
 * worker unasked (log lines, state changes, status). Plain data only: it crosses postMessage.
 */

import type { LessonPlan, StepPlan, StepState } from "../runtime/lessons/types.ts";
import type { DashboardData, DashboardRequest } from "../runtime/telemetry/grafana/evaluateDashboard.ts";
import type { RequestExplanation, RequestSummary } from "../runtime/proxy/traceExplanation.ts";
import type { MeshGraph } from "../runtime/telemetry/meshGraph/types.ts";

export type { LessonPlan, StepPlan, StepState };

/** Where the sandbox came from when the worker started. */
export type InitOrigin = "fresh" | "restored" | "replaced-corrupt";

export interface InitParams {
  /** Persistence key: one saved sandbox per lesson. */
  lesson: string;
  /** Commands run on a fresh sandbox to reach the lesson's start (none for the first lesson). */
  setup: string[];
  /** Ignore any saved state (after a failed restore, or for tests). */
  fresh?: boolean;
}

export interface InitResult {
  origin: InitOrigin;
  /** One sentence for the page's status line when something was not as expected. */
  notice?: string;
  cwd: string;
  /** Recent lines of the streamed logs, so the Logs panel is not empty after a reload. */
  backlog: LogLine[];
  /** When the worker's code had loaded and run, and when the sandbox was ready (epoch ms, as `performance.timeOrigin + now()`). */
  timings: { evaluated: number; sandboxReady: number };
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface Completion {
  /** Start of the word being completed, in the line. */
  from: number;
  candidates: string[];
}

export interface FileEntry {
  path: string;
  content: string;
}

/** Request name -> [parameters, result]. */
export interface RequestMap {
  init: [InitParams, InitResult];
  run: [{ line: string }, RunResult];
  interrupt: [Record<string, never>, { interrupted: boolean }];
  complete: [{ line: string; cursor: number }, Completion];
  /** Whether typed text is unfinished (open quote, heredoc...): the terminal then shows `> `. */
  needsMoreInput: [{ text: string }, boolean];
  listFiles: [Record<string, never>, string[]];
  readFile: [{ path: string }, string];
  writeFile: [FileEntry, void];
  reset: [Record<string, never>, { ms: number; cwd: string }];
  /** Writes the sandbox to IndexedDB now (otherwise it is saved shortly after each command). */
  save: [Record<string, never>, void];
  /** The lesson's steps as the engine knows them (hints, failure texts), or null without a course plan. */
  lessonPlan: [{ lesson: string }, LessonPlan | null];
  /** Every step's check, now (also sent unasked as a `steps` event after each command). */
  checkSteps: [{ lesson: string }, StepState[]];
  /** The commands that solve a step; the page types them into the terminal, so the reader sees them run. */
  solveStep: [{ lesson: string; step: string }, { commands: string[] }];
  /** "Compare with solution": the reader's Istio and Mixer config and the lesson's reference end state, as YAML. */
  compareConfig: [{ lesson: string }, { current: string; reference: string }];
  /** The Istio Dashboard's panels evaluated by the emulated Prometheus; `grafana`: a port-forward to Grafana's 3000 is running. */
  dashboard: [DashboardRequest, DashboardData & { grafana: boolean }];
  /** The requests the reader's commands caused, newest first (bounded by the trace ring). */
  requests: [Record<string, never>, RequestSummary[]];
  /** One request's explanation from its trace, or null when it left the ring. */
  requestDetail: [{ id: string }, RequestExplanation | null];
  /** Who talked to whom over the last `windowSeconds` of the runtime clock (the Graph tab). */
  meshGraph: [{ windowSeconds: number }, MeshGraph];
}

export type RequestName = keyof RequestMap;

export type Request = { [K in RequestName]: { id: number; type: K; params: RequestMap[K][0] } }[RequestName];

export type Response =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };

/** Which log stream a line belongs to (the Logs panel's two sources). */
export type LogSource = "mixer" | "egressgateway";

export interface LogLine {
  source: LogSource;
  /** `namespace/pod/container`, as `kubectl logs` would name it. */
  container: string;
  text: string;
}

export type WorkerEvent =
  | { event: "logs"; lines: LogLine[] }
  /** Files of the workstation changed (a command wrote one, or the sandbox was reset). */
  | { event: "files-changed" }
  | { event: "saved"; bytes: number }
  | { event: "status"; message: string }
  /** The steps' checks after a command, a reset or a restart. */
  | { event: "steps"; lesson: string; states: StepState[] };

export type WorkerMessage = Response | WorkerEvent;

