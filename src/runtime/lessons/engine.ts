/**
 * The lesson engine: builds each lesson's start state (chained from the previous lesson's end
 * state, or from a checkpoint lesson's, plus the lesson's setup), checks steps, solves them, and
 * gives the reference config of a lesson's end state. UI-free: the Web Worker and the Node tests
 * drive the same code. Start and end states are cached snapshots, so entering lesson 9 out of
 * order replays the solutions of lessons 1-8 once, in-process, and later resets are a restore.
 */
import type { Clock } from "../clock.ts";
import { VirtualClock } from "../clock.ts";
import { Sandbox, type SandboxSnapshot } from "../sandbox.ts";
import type { CommandResult } from "../shell/command.ts";
import { runCheck } from "./checks.ts";
import { configObjects, configYaml } from "./referenceConfig.ts";
import type { KubeObject } from "../cluster/objects.ts";
import type { LessonPlan, StepPlan, StepState } from "./types.ts";

export interface LessonEngineOptions {
  /** A clock for each fresh sandbox (default: a virtual clock at the blog's date, 2018-06-18T13:22:58Z). */
  newClock?: () => Clock;
  /** Seed of the fresh sandbox (default 1, as the blog transcript test uses). */
  seed?: number;
}

export const LESSON_CLOCK_START = "2018-06-18T13:22:58Z";

export class LessonError extends Error {}

export class LessonEngine {
  private readonly byId = new Map<string, LessonPlan>();
  private readonly starts = new Map<string, Promise<SandboxSnapshot>>();
  private readonly ends = new Map<string, Promise<SandboxSnapshot>>();
  private base: Promise<SandboxSnapshot> | undefined;
  private baseConfig: Promise<KubeObject[]> | undefined;
  private readonly newClock: () => Clock;
  private readonly seed: number;

  /** `lessons` in course order (their `order` field decides "previous"). */
  constructor(lessons: readonly LessonPlan[], options: LessonEngineOptions = {}) {
    for (const l of [...lessons].sort((a, b) => a.order - b.order)) this.byId.set(l.id, l);
    this.newClock = options.newClock ?? (() => VirtualClock.fromIso(LESSON_CLOCK_START));
    this.seed = options.seed ?? 1;
  }

  get lessons(): LessonPlan[] {
    return [...this.byId.values()];
  }

  lesson(id: string): LessonPlan {
    const l = this.byId.get(id);
    if (!l) throw new LessonError(`no lesson "${id}" in this course`);
    return l;
  }

  step(lessonId: string, stepId: string): StepPlan {
    const s = this.lesson(lessonId).steps.find((st) => st.id === stepId);
    if (!s) throw new LessonError(`lesson "${lessonId}" has no step "${stepId}"`);
    return s;
  }

  /** The lesson whose end state this lesson starts from, or undefined for the installed cluster. */
  startsFrom(lessonId: string): string | undefined {
    const lesson = this.lesson(lessonId);
    if ("checkpoint" in lesson.start) {
      this.lesson(lesson.start.checkpoint);
      return lesson.start.checkpoint;
    }
    const ordered = this.lessons;
    const i = ordered.findIndex((l) => l.id === lessonId);
    return i > 0 ? ordered[i - 1].id : undefined;
  }

  /** The sandbox a reader finds on entering the lesson (cached). */
  buildStartState(lessonId: string): Promise<SandboxSnapshot> {
    let p = this.starts.get(lessonId);
    if (!p) {
      p = this.computeStart(lessonId, new Set());
      this.starts.set(lessonId, p);
      p.catch(() => this.starts.delete(lessonId));
    }
    return p;
  }

  /** The lesson's start state with every step's solution run (cached). */
  endState(lessonId: string): Promise<SandboxSnapshot> {
    return this.endStateVia(lessonId, new Set());
  }

  private endStateVia(lessonId: string, visiting: Set<string>): Promise<SandboxSnapshot> {
    let p = this.ends.get(lessonId);
    if (!p) {
      p = (async () => {
        const sb = await this.liveAtStart(lessonId, visiting);
        for (const step of this.lesson(lessonId).steps) for (const line of step.solution) await sb.run(line);
        return sb.snapshot();
      })();
      this.ends.set(lessonId, p);
      p.catch(() => this.ends.delete(lessonId));
    }
    return p;
  }

  private startVia(lessonId: string, visiting: Set<string>): Promise<SandboxSnapshot> {
    const cached = this.starts.get(lessonId);
    if (cached) return cached;
    const p = this.computeStart(lessonId, visiting);
    this.starts.set(lessonId, p);
    p.catch(() => this.starts.delete(lessonId));
    return p;
  }

  private async computeStart(lessonId: string, visiting: Set<string>): Promise<SandboxSnapshot> {
    if (visiting.has(lessonId)) throw new LessonError(`lesson "${lessonId}" starts from itself (a loop of checkpoints: ${[...visiting].join(" -> ")})`);
    const next = new Set(visiting).add(lessonId);
    const from = this.startsFrom(lessonId);
    const lesson = this.lesson(lessonId);
    const origin = from ? await this.endStateVia(from, next) : await this.baseState();
    if (!lesson.setup.length) return origin;
    const sb = this.restore(origin);
    for (const line of lesson.setup) await sb.run(line);
    return sb.snapshot();
  }

  /** A freshly installed cluster, before any lesson. */
  baseState(): Promise<SandboxSnapshot> {
    this.base ??= Sandbox.create({ clock: this.newClock(), seed: this.seed }).then((sb) => sb.snapshot());
    return this.base;
  }

  /** A live sandbox from a snapshot (a virtual snapshot stays virtual; otherwise it gets a fresh clock). */
  restore(snapshot: SandboxSnapshot): Sandbox {
    return Sandbox.restore(snapshot, this.newClock());
  }

  /**
   * A live sandbox at the lesson's start. For a lesson that starts from the freshly installed
   * cluster (the course's first), the sandbox that was installed is handed out as it is, rather
   * than snapshotted and rebuilt: the page's terminal is ready sooner.
   */
  async startSandbox(lessonId: string): Promise<Sandbox> {
    if (this.startsFromNewInstall(lessonId)) return this.liveAtStart(lessonId, new Set());
    return this.restore(await this.buildStartState(lessonId));
  }

  /** Nothing is installed yet and the lesson starts from the installed cluster as it is. */
  private startsFromNewInstall(lessonId: string): boolean {
    return !this.base && !this.starts.has(lessonId) && !this.startsFrom(lessonId) && !this.lesson(lessonId).setup.length;
  }

  /**
   * A live sandbox at the lesson's start (to run commands in). When that start is the cluster not
   * installed yet, the installed sandbox itself (its snapshot cached as the base and as the
   * lesson's start) rather than a snapshot of it rebuilt: a restore costs about as much as the
   * replay of a short lesson, and entering lesson 2 would pay it on the way to the prompt.
   */
  private async liveAtStart(lessonId: string, visiting: Set<string>): Promise<Sandbox> {
    if (!this.startsFromNewInstall(lessonId)) return this.restore(await this.startVia(lessonId, visiting));
    const created = Sandbox.create({ clock: this.newClock(), seed: this.seed });
    // Cached before any await, so a concurrent caller waits for this install instead of making its own.
    const installed = created.then((sb) => sb.snapshot());
    this.base = installed;
    this.starts.set(lessonId, installed);
    installed.catch(() => {
      this.base = undefined;
      this.starts.delete(lessonId);
    });
    const sb = await created;
    // Complete before anything runs in the sandbox (a snapshot reads the shells asynchronously).
    await installed;
    return sb;
  }

  /** Each step's check right now: passed, failed (with the reason), or pending (a step without a check). */
  checkSteps(sandbox: Sandbox, lessonId: string, history: readonly string[] = []): StepState[] {
    return this.lesson(lessonId).steps.map((step) => checkStep(sandbox, step, history));
  }

  /** The commands that complete a step (its `solution`, by default its commands). */
  solution(lessonId: string, stepId: string): string[] {
    return this.step(lessonId, stepId).solution;
  }

  /** Runs a step's solution in the sandbox (headless; the site types the commands instead). */
  async solveStep(sandbox: Sandbox, lessonId: string, stepId: string): Promise<CommandResult[]> {
    const results: CommandResult[] = [];
    for (const line of this.solution(lessonId, stepId)) results.push(await sandbox.run(line));
    return results;
  }

  /** The Istio and Mixer config objects of the lesson's end state (for "Compare with solution"). */
  async referenceConfig(lessonId: string): Promise<KubeObject[]> {
    return configObjects(this.restore(await this.endState(lessonId)));
  }

  /**
   * "Compare with solution": the reader's Istio and Mixer config and the lesson's reference end
   * state, as YAML. Objects the install ships (Mixer's default config in istio-system) are left
   * out of both sides while unchanged, so only the lessons' config shows.
   */
  async compareConfig(sandbox: Sandbox, lessonId: string): Promise<{ current: string; reference: string }> {
    this.baseConfig ??= this.baseState().then((snap) => configObjects(this.restore(snap)));
    const baseline = await this.baseConfig;
    return { current: configYaml(configObjects(sandbox), baseline), reference: configYaml(await this.referenceConfig(lessonId), baseline) };
  }
}

/** One step's status from its check. */
export function checkStep(sandbox: Sandbox, step: StepPlan, history: readonly string[] = []): StepState {
  if (!step.check) return { step: step.id, status: "pending" };
  const outcome = runCheck(sandbox, step.check, history);
  if (outcome.passed) return { step: step.id, status: "passed" };
  return { step: step.id, status: "failed", reason: step.failure ? `${step.failure} (${outcome.reason})` : outcome.reason };
}
