/**
 * Live step status on a lesson page. The worker checks every step after each command and sends
 * the states; this module decides what the reader sees:
 *  - a step whose check passes is "passed" (and counted in the course progress);
 *  - a failing check shows "failed" with its reason only once the reader has tried the step
 *    (Run, Check or Solve on it); before that it is "pending", not an accusation;
 *  - a step passed earlier (stored progress) whose evidence did not survive a reload (recent
 *    traffic, the commands run) stays passed until the reader tries it again or resets;
 *  - a step without a check passes when its commands have been run from the page.
 */
import type { WorkerClient } from "../../worker/client.ts";
import type { LessonPlan, StepState, WorkerEvent } from "../../worker/protocol.ts";
import type { LabTerminal } from "../terminal/terminal.ts";
import { clearLessonProgress, markStepDone, stepsDone } from "../home/progress.ts";
import { mountStepView, type StepView } from "./stepView.ts";
import "./steps.css";

export interface StepsOptions {
  root: HTMLElement;
  client: WorkerClient;
  lesson: string;
  terminal: Promise<LabTerminal>;
  /** The page's status line. */
  say(message: string): void;
}

export async function mountSteps(options: StepsOptions): Promise<void> {
  const { root, client, lesson } = options;
  const plan: LessonPlan | null = await client.request("lessonPlan", { lesson });
  if (!plan) return;
  const views = new Map<string, StepView>();
  for (const step of plan.steps) {
    const section = root.querySelector<HTMLElement>(`section[data-step="${CSS.escape(step.id)}"]`);
    if (section) views.set(step.id, mountStepView(section, step));
  }
  const progress = document.createElement("p");
  progress.className = "steps-progress";
  progress.dataset.stepsProgress = "";
  root.querySelector("section[data-step]")?.before(progress);

  const attempted = new Set<string>();
  const ranCommands = new Map<string, Set<string>>();
  let earlier = stepsDone(lesson);
  let last: StepState[] = [];

  function render(states: StepState[]): void {
    last = states;
    let passed = 0;
    for (const state of states) {
      const view = views.get(state.step);
      if (!view) continue;
      const step = plan!.steps.find((s) => s.id === state.step)!;
      let shown: "pending" | "passed" | "failed" = state.status;
      if (state.status === "pending") {
        // No check: done when every command of the step has been run from the page.
        const ran = ranCommands.get(step.id);
        shown = ran && step.commands.every((c) => ran.has(c)) ? "passed" : "pending";
      } else if (state.status === "failed" && !attempted.has(step.id)) {
        shown = earlier.has(step.id) ? "passed" : "pending";
      }
      view.show(shown, state.reason);
      if (shown === "passed") {
        passed++;
        markStepDone(lesson, step.id);
      }
    }
    progress.textContent = `${passed} of ${plan!.steps.length} steps passed`;
    root.dataset.stepsPassed = String(passed);
  }

  async function checkNow(): Promise<StepState[]> {
    const states = await client.request("checkSteps", { lesson });
    render(states);
    return states;
  }

  client.on((event: WorkerEvent) => {
    if (event.event === "steps" && event.lesson === lesson) render(event.states);
  });

  root.addEventListener("click", (e) => {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>("button");
    if (!button) return;
    const d = button.dataset;
    if (d.run !== undefined && d.step) {
      attempted.add(d.step);
      const ran = ranCommands.get(d.step) ?? new Set<string>();
      ran.add(d.run);
      ranCommands.set(d.step, ran);
    } else if (d.stepCheckButton) {
      const id = d.stepCheckButton;
      attempted.add(id);
      void checkNow().then((states) => {
        const state = states.find((s) => s.step === id);
        options.say(state?.status === "passed" ? "This step passed." : state?.status === "failed" ? `Not passed yet: ${state.reason}` : "This step has no check; run its commands.");
      });
    } else if (d.stepHint) {
      views.get(d.stepHint)?.nextHint();
    } else if (d.stepSolve) {
      void solve(d.stepSolve);
    } else if (button.hasAttribute("data-reset")) {
      attempted.clear();
      ranCommands.clear();
      earlier = new Set();
      clearLessonProgress(lesson);
      for (const v of views.values()) v.resetHints();
    }
  });

  async function solve(id: string): Promise<void> {
    attempted.add(id);
    const { commands } = await client.request("solveStep", { lesson, step: id });
    root.querySelector<HTMLButtonElement>("#tab-terminal")?.click();
    const terminal = await options.terminal;
    for (const command of commands) await terminal.typeAndRun(command);
    const ran = ranCommands.get(id) ?? new Set<string>();
    for (const c of plan!.steps.find((s) => s.id === id)?.commands ?? []) ran.add(c);
    ranCommands.set(id, ran);
    render(last);
  }

  await checkNow();
}
