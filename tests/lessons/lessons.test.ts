/**
 * `npm run lessons:test`: every lesson of lessons/, headless, from its start state (see
 * src/runtime/lessons/verify.ts for what is asserted). Failures name the file, the step, the
 * command and the first differing line.
 */
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadCourse } from "../../src/lessons/files.ts";
import { LessonEngine, formatProblem, verifyLesson } from "../../src/runtime/lessons/index.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const course = loadCourse(root);
const engine = new LessonEngine(course.lessons);
const started = performance.now();
let steps = 0;

describe("lessons", () => {
  it("every lesson file is valid", () => {
    expect(course.errors).toEqual([]);
    expect(course.lessons.length).toBeGreaterThan(0);
  });

  for (const lesson of course.lessons) {
    const file = course.files.get(lesson.id)!;
    it(`${file}: outputs match and every check fails before its step and passes after it`, async () => {
      const problems = await verifyLesson(engine, lesson.id);
      steps += lesson.steps.length;
      expect(problems.map((p) => formatProblem(file, p))).toEqual([]);
    });
  }

  it("each lesson's start state can be built out of order, from a cold engine", async () => {
    const last = course.lessons[course.lessons.length - 1];
    const cold = new LessonEngine(course.lessons);
    const sb = await cold.startSandbox(last.id);
    // The chain's end state is the same whichever way it was reached.
    const warm = await engine.startSandbox(last.id);
    expect((await sb.snapshot()).store).toEqual((await warm.snapshot()).store);
  });

  afterAll(() => {
    const ms = Math.round(performance.now() - started);
    console.log(`lessons:test: ${course.lessons.length} lesson(s), ${steps} step(s) checked in ${ms} ms`);
  });
});
