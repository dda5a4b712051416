/**
 * Validated frontmatter -> the lesson engine's plain LessonPlan (defaults filled in: solution =
 * the step's commands, match = elided, start = the previous lesson's end state). Used by the
 * Node loader (tests, scripts) and by the site's course-plan.json for the worker.
 */
import type { Check, LessonPlan } from "../runtime/lessons/types.ts";
import type { LessonFrontmatter, RawCheck } from "./schema.ts";
import { plainCommand } from "./commands.ts";

/** `01-before-you-begin` -> `before-you-begin` (the order lives in the frontmatter). */
export function lessonSlug(folder: string): string {
  return folder.replace(/^\d+-/, "");
}

function toCheck(raw: RawCheck): Check {
  if (raw.object) return { object: raw.object };
  if (raw.lastRequests) return { lastRequests: raw.lastRequests };
  if (raw.mixerRule) return { mixerRule: raw.mixerRule };
  if (raw.mixerLog) return { mixerLog: raw.mixerLog };
  if (raw.gatewayLog) return { gatewayLog: raw.gatewayLog };
  if (raw.env) return { env: raw.env };
  if (raw.ran !== undefined) return { ran: raw.ran };
  if (raw.all) return { all: raw.all.map(toCheck) };
  if (raw.any) return { any: raw.any.map(toCheck) };
  if (raw.not) return { not: toCheck(raw.not) };
  // The schema admits exactly one key per check; an empty one cannot get here.
  return { all: [] };
}

export function toLessonPlan(id: string, lesson: LessonFrontmatter): LessonPlan {
  return {
    id,
    order: lesson.order,
    title: lesson.title,
    start: lesson.start ?? { from: "previous" },
    setup: (lesson.setup ?? []).map(plainCommand),
    steps: lesson.steps.map((step) => {
      const commands = step.commands.map(plainCommand);
      return {
        id: step.id,
        title: step.title,
        commands,
        expected: step.expected === undefined ? undefined : { match: step.match ?? "elided", text: step.expected },
        check: step.check && toCheck(step.check),
        failure: step.failure,
        hints: step.hints ?? [],
        solution: step.solution?.map(plainCommand) ?? commands,
      };
    }),
  };
}
