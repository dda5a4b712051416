import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { parse } from "yaml";
import { lessonSchema } from "../../../src/lessons/schema.ts";
import { commandSummary, heredocManifest, plainCommand } from "../../../src/lessons/commands.ts";

const root = new URL("../../../", import.meta.url);
const frontmatter = (text: string) => parse(text.split(/^---$/m)[1]) as unknown;

describe("lesson schema", () => {
  const valid = { title: "T", description: "D", order: 1, steps: [{ id: "a-b", title: "S", commands: ["kubectl get pods"] }] };
  it("accepts a minimal lesson", () => expect(lessonSchema.safeParse(valid).success).toBe(true));
  it("rejects unknown keys at lesson and step level", () => {
    expect(lessonSchema.safeParse({ ...valid, tittle: "x" }).success).toBe(false);
    expect(lessonSchema.safeParse({ ...valid, steps: [{ ...valid.steps[0], comand: "x" }] }).success).toBe(false);
  });
  it("requires commands, a positive order and unique dashed step ids", () => {
    expect(lessonSchema.safeParse({ ...valid, steps: [{ id: "a", title: "S", commands: [] }] }).success).toBe(false);
    expect(lessonSchema.safeParse({ ...valid, order: 0 }).success).toBe(false);
    expect(lessonSchema.safeParse({ ...valid, steps: [{ ...valid.steps[0], id: "Bad Id" }] }).success).toBe(false);
    expect(lessonSchema.safeParse({ ...valid, steps: [valid.steps[0], valid.steps[0]] }).success).toBe(false);
  });
});

describe("shipped lessons", () => {
  const dirs = readdirSync(new URL("lessons/", root)).filter((d) => /^\d\d-/.test(d));
  it.each(dirs)("%s validates", (dir) => {
    const result = lessonSchema.safeParse(frontmatter(readFileSync(new URL(`lessons/${dir}/lesson.md`, root), "utf8")));
    expect(result.success, JSON.stringify(!result.success && result.error.issues)).toBe(true);
  });
  it("'Before you begin' runs exactly the blog flow's Before-you-begin commands", () => {
    const lesson = lessonSchema.parse(frontmatter(readFileSync(new URL("lessons/01-before-you-begin/lesson.md", root), "utf8")));
    const flow = readFileSync(new URL("tests/blog/blog-flow.sh", root), "utf8");
    const section = flow.split("# ---- Before you begin")[1].split("\n# ----")[0].split("\n").slice(1).join("\n").trim();
    expect(lesson.steps.flatMap((s) => s.commands).join("\n")).toBe(section);
    expect(lesson.steps[0].commands[0]).toMatch(/^export SOURCE_POD=/);
  });
});

describe("command blocks", () => {
  it("shows @samples/...@ as the plain path", () => {
    expect(plainCommand("kubectl apply -f @samples/sleep/sleep.yaml@")).toBe("kubectl apply -f samples/sleep/sleep.yaml");
  });
  it("finds the manifest of a heredoc piped into istioctl", () => {
    const m = heredocManifest("cat <<EOF | istioctl create -f -\nkind: Gateway\nmetadata:\n  name: g\nEOF");
    expect(m).toEqual({ body: "kind: Gateway\nmetadata:\n  name: g\n", tool: "istioctl create -f -" });
    expect(heredocManifest("kubectl get pods")).toBeUndefined();
    expect(heredocManifest("cat <<EOF | istioctl create -f -\nkind: X")).toBeUndefined();
  });
  it("summarises a command by its first line", () => {
    expect(commandSummary("cat <<EOF | istioctl create -f -\nkind: X\nEOF")).toBe("cat <<EOF | istioctl create -f -");
  });
});
