/**
 * `npm run lessons:new -- <slug>`: scaffolds lessons/<nn>-<slug>/lesson.md, numbered after the
 * last lesson, with valid frontmatter and one step whose check fails before it and passes after
 * it, so the new lesson passes `npm run lessons:test` from the start. Then it runs that test
 * for the new lesson and says so.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCourse } from "../src/lessons/files.ts";
import { LessonEngine, formatProblem, verifyLesson } from "../src/runtime/lessons/index.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const slug = process.argv[2] ?? "";

if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) {
  console.error("usage: npm run lessons:new -- <slug>   (lower-case words joined by dashes, e.g. access-logs)");
  process.exit(2);
}
const folders = readdirSync(join(ROOT, "lessons")).filter((d) => /^\d+-/.test(d));
if (folders.some((d) => d.replace(/^\d+-/, "") === slug)) {
  console.error(`lessons/: a lesson named ${slug} exists already`);
  process.exit(1);
}
const order = Math.max(0, ...folders.map((d) => parseInt(d, 10))) + 1;
const folder = `${String(order).padStart(2, "0")}-${slug}`;
const title = slug.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());

const text = `---
title: ${title}
description: >-
  One or two sentences: what the reader learns in this lesson (shown on the course home).
order: ${order}
# start: { from: previous }   (the default: the previous lesson's end state)
# start: { checkpoint: before-you-begin }
steps:
  - id: look-around
    title: Look at the Istio pods
    text: >-
      Markdown shown above the commands. Say why the reader runs them.
    commands:
      - kubectl get pods -n istio-system
    match: like
    expected: |-
      NAME                                        READY     STATUS      RESTARTS   AGE
      ...
      istio-egressgateway-78b87494c9-sd6k6        1/1       Running     0          12m
      ...
    check:
      ran: kubectl get pods -n istio-system
    failure: List the pods of the istio-system namespace.
    hints:
      - "\`kubectl get pods\` takes the namespace with \`-n\`."
---

The lesson's prose, in Markdown. See docs/authoring-lessons.md for the format, the matchers,
the checks, hints, solutions and how lessons chain.
`;

const dir = join(ROOT, "lessons", folder);
if (existsSync(dir)) {
  console.error(`lessons/${folder} exists already`);
  process.exit(1);
}
mkdirSync(dir);
writeFileSync(join(dir, "lesson.md"), text);
console.log(`created lessons/${folder}/lesson.md`);

const course = loadCourse(ROOT);
const mine = course.errors.filter((e) => e.startsWith(`lessons/${folder}/`));
if (mine.length) {
  console.error(mine.join("\n"));
  process.exit(1);
}
const t0 = performance.now();
const problems = await verifyLesson(new LessonEngine(course.lessons), slug);
if (problems.length) {
  console.error(problems.map((p) => formatProblem(`lessons/${folder}/lesson.md`, p)).join("\n"));
  process.exit(1);
}
console.log(`lessons/${folder}/lesson.md passes its test (${Math.round(performance.now() - t0)} ms, including the lessons before it). Run all with: npm run lessons:test`);
