import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EarlyStart, lessonOfWorkerName } from "../../../src/worker/earlyStart.ts";

describe("the worker's early start", () => {
  it("reads the lesson from the name the lesson page gives its worker", () => {
    expect(lessonOfWorkerName("egress-lab-runtime:logging")).toBe("logging");
    expect(lessonOfWorkerName("egress-lab-runtime")).toBeUndefined();
    expect(lessonOfWorkerName("")).toBeUndefined();
    // The page's inline <head> script cannot import the pattern: it must spell the same name.
    const page = readFileSync(new URL("../../../src/pages/lessons/[slug].astro", import.meta.url), "utf8");
    expect(page).toContain('name: "egress-lab-runtime:" + lessonId');
  });

  it("is taken once, by an init for the same lesson without setup or a fresh start", async () => {
    const start = () => new EarlyStart("logging", Promise.resolve("sandbox"));
    const plain = { lesson: "logging", setup: [] };
    const once = start();
    expect(await once.take(plain)).toBe("sandbox");
    expect(once.take(plain)).toBeUndefined();
    expect(start().take({ lesson: "dashboard", setup: [] })).toBeUndefined();
    expect(start().take({ ...plain, fresh: true })).toBeUndefined();
    expect(start().take({ ...plain, setup: ["kubectl get pods"] })).toBeUndefined();
  });

  it("is given up by an init it does not fit, which then starts afresh", () => {
    const early = new EarlyStart("logging", Promise.resolve("sandbox"));
    expect(early.take({ lesson: "logging", setup: [], fresh: true })).toBeUndefined();
    expect(early.take({ lesson: "logging", setup: [] })).toBeUndefined();
  });
});
