import { describe, expect, it, vi } from "vitest";
import { fileURLToPath } from "node:url";
import { loadCourse } from "../../../src/lessons/files.ts";
import { Sandbox } from "../../../src/runtime/sandbox.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const plans = loadCourse(root).lessons;

describe("the worker's lesson host", () => {
  it("loads course-plan.json, builds the start state, and checks steps with the commands run", async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(plans)));
    vi.stubGlobal("fetch", fetch);
    const host = await import("../../../src/worker/lessonHost.ts");
    const sb = (await host.lessonStartSandbox("before-you-begin"))!;
    expect(fetch).toHaveBeenCalledWith("/course-plan.json");
    expect(sb).toBeInstanceOf(Sandbox);
    expect((await host.stepStates(sb, "before-you-begin")).map((s) => s.status)).toEqual(["failed", "failed", "failed", "failed", "failed"]);
    const line = plans.find((l) => l.id === "before-you-begin")!.steps[0].commands[0];
    host.recordCommand(line);
    await sb.run(line);
    expect((await host.stepStates(sb, "before-you-begin"))[0]).toEqual({ step: "source-pod", status: "passed" });
    expect(await host.stepSolution("before-you-begin", "source-pod")).toEqual([line]);
    expect(await host.lessonStartSandbox("no-such-lesson")).toBeUndefined();
    vi.unstubAllGlobals();
  });
});
