/**
 * What `npm run lessons:test` asserts of one lesson, from its start state:
 *  - the reader's path: every step's commands run in order, the last command's output matches
 *    the step's expected block, and the step's check fails before the step and passes after it;
 *  - the solution path (when a step's solution differs from its commands): the same check passes
 *    after the solution.
 * Returns problems as sentences naming the step and command, for the author to fix.
 */
import type { LessonEngine } from "./engine.ts";
import { runCheck } from "./checks.ts";
import { matchOutput } from "./outputMatch.ts";
import type { Sandbox } from "../sandbox.ts";

export interface StepProblem {
  step: string;
  /** 1-based step number, as the page shows it. */
  stepNumber: number;
  /** The command's first line, when the problem is about a command's output. */
  command?: string;
  message: string;
}

const firstLine = (command: string) => command.split("\n")[0];

export async function verifyLesson(engine: LessonEngine, lessonId: string): Promise<StepProblem[]> {
  const lesson = engine.lesson(lessonId);
  const problems: StepProblem[] = [];
  const reader = await engine.startSandbox(lessonId);
  const differs = lesson.steps.some((s) => s.solution.join("\n") !== s.commands.join("\n"));
  const solver: Sandbox | undefined = differs ? await engine.startSandbox(lessonId) : undefined;
  const readerHistory: string[] = [];
  const solverHistory: string[] = [];
  for (const [i, step] of lesson.steps.entries()) {
    const where = { step: step.id, stepNumber: i + 1 };
    if (step.check) {
      const before = runCheck(reader, step.check, readerHistory);
      if (before.passed) problems.push({ ...where, message: "the check already passes before the step's commands run (it cannot tell whether the reader did the step)" });
    }
    let output = "";
    for (const command of step.commands) {
      readerHistory.push(command);
      const r = await reader.run(command);
      output = r.stdout + r.stderr;
    }
    if (step.expected) {
      const m = matchOutput(output, step.expected);
      if (!m.ok) problems.push({ ...where, command: firstLine(step.commands[step.commands.length - 1]), message: `output (${step.expected.match}) differs: ${m.message}` });
    }
    if (step.check) {
      const after = runCheck(reader, step.check, readerHistory);
      if (!after.passed) problems.push({ ...where, message: `the check fails after the step's commands: ${after.reason}` });
    }
    if (solver) {
      if (step.check && runCheck(solver, step.check, solverHistory).passed) problems.push({ ...where, message: "the check already passes before the step's solution runs" });
      for (const command of step.solution) {
        solverHistory.push(command);
        await solver.run(command);
      }
      if (step.check) {
        const after = runCheck(solver, step.check, solverHistory);
        if (!after.passed) problems.push({ ...where, message: `the check fails after the step's solution: ${after.reason}` });
      }
    }
  }
  return problems;
}

/** `lessons/03-logging/lesson.md: step 2 (two-rules), command "kubectl ...": message` */
export function formatProblem(file: string, p: StepProblem): string {
  return `${file}: step ${p.stepNumber} (${p.step})${p.command ? `, command ${JSON.stringify(p.command)}` : ""}: ${p.message}`;
}
