/**
 * The worker's side of the lesson engine: loads the course plan the site publishes
 * (course-plan.json, built from every lesson's frontmatter), builds a lesson's start state by
 * chaining earlier lessons' solutions, keeps the commands the reader ran (for `ran` checks) and
 * checks the steps after each command. Without the plan (an old build, a failed fetch) the lab
 * still works: the lesson starts from the installed cluster plus the page's setup commands.
 */
import { WallClock } from "../runtime/clock.ts";
import { LessonEngine } from "../runtime/lessons/engine.ts";
import type { LessonPlan, StepState } from "../runtime/lessons/types.ts";
import { rebaseSnapshot } from "../runtime/lessons/rebase.ts";
import { SNAPSHOT_VERSION, type Sandbox, type SandboxSnapshot } from "../runtime/sandbox.ts";

let engine: Promise<LessonEngine | undefined> | undefined;
/** Command lines the reader ran since the lesson started (or was reset). */
const history: string[] = [];

/** Where the site publishes the plan; the worker sets it from its base URL. */
let planUrl = "/course-plan.json";

/** Where the site publishes the lessons' start states (`<base>start-states/<lesson>.json`). */
let startStatesUrl = "/start-states/";

/** Tells the host where the site's files are (the site's base URL). */
export function useSiteAt(base: string): void {
  planUrl = `${base}course-plan.json`;
  startStatesUrl = `${base}start-states/`;
}

/** The build's start states as fetched (JSON text), by lesson: fetched once, parsed afresh for each use. */
const builtStarts = new Map<string, Promise<string | undefined>>();

/** Lessons whose start state the page's <head> script has requested: the HTTP cache has (or is getting) the current copy. */
const requestedByPage = new Set<string>();

/**
 * The page requested the lesson's start state while this worker's code was still loading; the
 * worker reads that response from the HTTP cache (waiting for it if it is still arriving) instead
 * of asking the server again once its code has run (a round trip of 20-60 ms on the way to the prompt).
 */
export function startStateRequestedByPage(lesson: string): void {
  requestedByPage.add(lesson);
}

function fetchBuiltStart(lesson: string): Promise<string | undefined> {
  let p = builtStarts.get(lesson);
  if (!p) {
    // (Typed loosely: Node's RequestInit, which the tests' typecheck sees, has no `cache`.)
    const init: Record<string, string> = requestedByPage.has(lesson) ? { cache: "force-cache" } : {};
    p = fetch(`${startStatesUrl}${encodeURIComponent(lesson)}.json`, init as RequestInit)
      .then((r) => (r.ok ? r.text() : undefined))
      .catch(() => undefined);
    builtStarts.set(lesson, p);
  }
  return p;
}

/**
 * The lesson's start state as the site's build computed it, moved to the present: a snapshot
 * of the caller's own (parsed for this call, so it can be handed over to `Sandbox.restore`).
 * Undefined when the site has none for it (an old build, a failed fetch): the engine builds it
 * here instead.
 */
export async function builtStartState(lesson: string): Promise<SandboxSnapshot | undefined> {
  const text = await fetchBuiltStart(lesson);
  if (text === undefined) return undefined;
  let snapshot: SandboxSnapshot;
  try {
    snapshot = JSON.parse(text) as SandboxSnapshot;
  } catch {
    return undefined;
  }
  if (!snapshot || snapshot.version !== SNAPSHOT_VERSION || !Array.isArray(snapshot.store?.objects)) return undefined;
  return rebaseSnapshot(snapshot, Date.now() * 1000);
}

export function lessonEngine(): Promise<LessonEngine | undefined> {
  engine ??= fetch(planUrl)
    .then((r) => (r.ok ? (r.json() as Promise<LessonPlan[]>) : undefined))
    .then((plans) => (Array.isArray(plans) ? new LessonEngine(plans, { newClock: () => new WallClock() }) : undefined))
    .catch(() => undefined);
  return engine;
}

/** The lesson's start state from the course plan, or undefined when the plan does not know it. */
/** A live sandbox at the lesson's start from the course plan, or undefined when the plan does not know it. */
export async function lessonStartSandbox(lesson: string): Promise<Sandbox | undefined> {
  const e = await lessonEngine();
  if (!e || !e.lessons.some((l) => l.id === lesson)) return undefined;
  return e.startSandbox(lesson);
}

export function recordCommand(line: string): void {
  history.push(line);
  // A reader's session is hundreds of commands at most; a runaway script must not grow memory.
  if (history.length > 5000) history.splice(0, history.length - 5000);
}

export function forgetHistory(): void {
  history.length = 0;
}

export async function stepStates(sandbox: Sandbox, lesson: string): Promise<StepState[]> {
  const e = await lessonEngine();
  if (!e || !e.lessons.some((l) => l.id === lesson)) return [];
  return e.checkSteps(sandbox, lesson, history);
}

export async function lessonPlan(lesson: string): Promise<LessonPlan | undefined> {
  const e = await lessonEngine();
  return e?.lessons.find((l) => l.id === lesson);
}

export async function stepSolution(lesson: string, step: string): Promise<string[]> {
  const e = await lessonEngine();
  if (!e) throw new Error("the course plan could not be loaded, so there is no solution to show");
  return e.solution(lesson, step);
}

/** "Compare with solution": the reader's Istio and Mixer config and the lesson's reference end state, as YAML. */
export async function compareConfig(sandbox: Sandbox, lesson: string): Promise<{ current: string; reference: string }> {
  const e = await lessonEngine();
  if (!e) throw new Error("the course plan could not be loaded, so there is no solution to compare with");
  return e.compareConfig(sandbox, lesson);
}
