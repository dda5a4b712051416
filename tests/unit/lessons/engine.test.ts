import { describe, expect, it } from "vitest";
import { LessonEngine, configObjects, configYaml } from "../../../src/runtime/lessons/index.ts";
import type { LessonPlan, StepPlan } from "../../../src/runtime/lessons/types.ts";

const step = (id: string, commands: string[], extra: Partial<StepPlan> = {}): StepPlan => ({ id, title: id, commands, hints: [], solution: commands, ...extra });
const plan = (id: string, order: number, steps: StepPlan[], extra: Partial<LessonPlan> = {}): LessonPlan => ({ id, order, title: id, start: { from: "previous" }, setup: [], steps, ...extra });

const ns = (name: string) => `kubectl create namespace ${name}`;
const nsExists = (name: string) => ({ object: { kind: "Namespace", name } });

const course = [
  plan("one", 1, [step("a", [ns("one-a")], { check: nsExists("one-a"), failure: "Create the namespace." })]),
  plan("two", 2, [step("b", ["echo hi"], { solution: [ns("two-b")], check: nsExists("two-b") })], { setup: [ns("two-setup")] }),
  plan("three", 3, [step("c", [ns("three-c")])], { start: { checkpoint: "one" } }),
];

describe("LessonEngine", () => {
  it("chains: a lesson starts from the previous lesson's start plus its solutions, then its setup", async () => {
    const engine = new LessonEngine(course);
    const sb = await engine.startSandbox("two");
    expect((await sb.run("kubectl get namespace one-a two-setup -o name")).stdout).toBe("namespace/one-a\nnamespace/two-setup\n");
  });
  it("starts from a checkpoint lesson's end state instead of the previous lesson", async () => {
    const engine = new LessonEngine(course);
    const sb = await engine.startSandbox("three");
    expect((await sb.run("kubectl get namespace one-a -o name")).stdout).toBe("namespace/one-a\n");
    expect((await sb.run("kubectl get namespace two-setup")).stderr).toBe('Error from server (NotFound): namespaces "two-setup" not found\n');
  });
  it("uses solutions, not commands, to reach end states", async () => {
    const engine = new LessonEngine(course);
    const end = engine.restore(await engine.endState("two"));
    expect((await end.run("kubectl get namespace two-b -o name")).stdout).toBe("namespace/two-b\n");
  });
  it("caches start states and is deterministic", async () => {
    const engine = new LessonEngine(course);
    expect(engine.buildStartState("two")).toBe(engine.buildStartState("two"));
    const other = new LessonEngine(course);
    expect((await other.buildStartState("two")).store).toEqual((await engine.buildStartState("two")).store);
  });
  it("checks steps: failed with the author's failure and the detail, passed, pending without a check", async () => {
    const engine = new LessonEngine(course);
    const sb = await engine.startSandbox("one");
    expect(engine.checkSteps(sb, "one")).toEqual([
      { step: "a", status: "failed", reason: "Create the namespace. (there is no Namespace named one-a)" },
    ]);
    const results = await engine.solveStep(sb, "one", "a");
    expect(results.map((r) => r.stdout)).toEqual(['namespace "one-a" created\n']);
    expect(engine.checkSteps(sb, "one")).toEqual([{ step: "a", status: "passed" }]);
    expect(engine.checkSteps(await engine.startSandbox("three"), "three")).toEqual([{ step: "c", status: "pending" }]);
  });
  it("rejects unknown lessons and steps, and checkpoint loops, with a sentence", async () => {
    const engine = new LessonEngine(course);
    expect(() => engine.lesson("four")).toThrow('no lesson "four" in this course');
    expect(() => engine.solution("one", "z")).toThrow('lesson "one" has no step "z"');
    const loop = new LessonEngine([plan("x", 1, [step("a", ["true"])], { start: { checkpoint: "y" } }), plan("y", 2, [step("b", ["true"])])]);
    await expect(loop.buildStartState("x")).rejects.toThrow(/lesson "x" starts from itself/);
  });
  it("gives the Istio and Mixer config of a lesson's end state, without server-set metadata", async () => {
    const engine = new LessonEngine([
      plan("gw", 1, [step("g", ["cat <<EOF | istioctl create -f -\nkind: Gateway\nmetadata:\n  name: gw\nspec:\n  selector:\n    istio: egressgateway\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [\"*\"]\nEOF"])]),
    ]);
    const reference = await engine.referenceConfig("gw");
    const gateway = reference.find((o) => o.kind === "Gateway")!;
    expect(gateway.metadata).toEqual({ name: "gw", namespace: "default" });
    const baseline = configObjects(engine.restore(await engine.baseState()));
    expect(configYaml(reference, baseline)).toBe(
      "apiVersion: networking.istio.io/v1alpha3\nkind: Gateway\nmetadata:\n  name: gw\n  namespace: default\nspec:\n  selector:\n    istio: egressgateway\n  servers:\n  - hosts:\n    - '*'\n    port:\n      name: http\n      number: 80\n      protocol: HTTP\n",
    );
  });
});
