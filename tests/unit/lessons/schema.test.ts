import { describe, expect, it } from "vitest";
import { parseLessonFile } from "../../../src/lessons/files.ts";

const FILE = "lessons/03-logging/lesson.md";
const lesson = (steps: string, head = "") => `---
title: Logging
description: Log egress traffic.
order: 3
${head}steps:
${steps}
---
Body.
`;
const step = (extra = "") => `  - id: create-logging
    title: Create the logging config
    commands: ["kubectl get pods"]
${extra}`;
const errors = (text: string) => parseLessonFile(FILE, "logging", text).errors;

describe("lesson frontmatter errors name the file and the field", () => {
  it("accepts a lesson with checks, hints, a solution and a start", () => {
    const r = parseLessonFile(FILE, "logging", lesson(step(`    check:
      all:
        - object: { kind: rule, name: handle-politics, namespace: istio-system }
        - mixerRule: { name: handle-politics, namespace: istio-system, matches: { request.host: edition.cnn.com, request.path: /politics } }
        - lastRequests: { from: { namespace: default }, statuses: [404, 200, 200] }
        - mixerLog: { contains: '"path":"/politics"' }
        - env: { SOURCE_POD: podOf(app=sleep) }
        - not: { ran: istioctl delete }
    failure: The rules are not there.
    hints: [one, two]
    solution: ["kubectl get pods -n istio-system"]
    match: like
    expected: "..."`), "start: { checkpoint: before-you-begin }\nsetup: [\"kubectl get pods\"]\n"));
    expect(r.errors).toEqual([]);
    expect(r.plan?.start).toEqual({ checkpoint: "before-you-begin" });
    expect(r.plan?.steps[0].expected).toEqual({ match: "like", text: "..." });
  });
  it("reports a misspelt step key at the key", () => {
    expect(errors(lesson(step() + step().replace("create-logging", "second") + "    chek: { ran: x }\n"))).toEqual([`${FILE}: steps.1.chek: Unrecognized key`]);
  });
  it("reports a misspelt lesson key", () => {
    expect(errors(lesson(step(), "tittle: x\n"))).toEqual([`${FILE}: tittle: Unrecognized key`]);
  });
  it("reports an unknown check kind and a check with two kinds", () => {
    expect(errors(lesson(step("    check: { objekt: { kind: Gateway, name: x } }\n")))).toEqual([`${FILE}: steps.0.check.objekt: Unrecognized key`]);
    const two = errors(lesson(step("    check: { ran: a, env: { A: b } }\n")));
    expect(two).toHaveLength(1);
    expect(two[0]).toMatch(/^lessons\/03-logging\/lesson\.md: steps\.0\.check: a check has exactly one of the keys/);
  });
  it("reports misspelt keys inside checks, and wrong types, with their path", () => {
    expect(errors(lesson(step("    check: { all: [ { lastRequests: { statusses: [200] } } ] }\n")))).toEqual([
      `${FILE}: steps.0.check.all.0.lastRequests.statusses: Unrecognized key`,
    ]);
    expect(errors(lesson(step("    hints: hint\n")))[0]).toMatch(/^lessons\/03-logging\/lesson\.md: steps\.0\.hints: Expected array/);
    expect(errors(lesson(step("    match: fuzzy\n")))[0]).toMatch(/^lessons\/03-logging\/lesson\.md: steps\.0\.match: Invalid enum value/);
  });
  it("reports a bad start", () => {
    expect(errors(lesson(step(), "start: { from: next }\n"))[0]).toMatch(/^lessons\/03-logging\/lesson\.md: start\.from: Invalid literal value/);
  });
  it("reports a file without frontmatter or with broken YAML", () => {
    expect(errors("# no frontmatter")).toEqual([`${FILE}: no frontmatter (the file must start with a --- line)`]);
    expect(errors("---\ntitle: [\n---\n")[0]).toMatch(/^lessons\/03-logging\/lesson\.md: frontmatter is not valid YAML/);
  });
});
