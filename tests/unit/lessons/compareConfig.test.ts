/** "Compare with solution": the reader's config against the lesson's reference, install defaults left out. */
import { describe, expect, it } from "vitest";
import { LessonEngine } from "../../../src/runtime/lessons/index.ts";
import type { LessonPlan, StepPlan } from "../../../src/runtime/lessons/types.ts";

const rule = (match: string) =>
  `cat <<EOF | istioctl create -f -\napiVersion: config.istio.io/v1alpha2\nkind: rule\nmetadata:\n  name: handle-politics\n  namespace: istio-system\nspec:\n  match: ${match}\n  actions:\n  - handler: egress-error-logger.stdio\n    instances:\n    - egress-access.logentry\nEOF`;
const good = rule(`request.path.startsWith("/politics")`);
const step: StepPlan = { id: "r", title: "r", commands: [good], hints: [], solution: [good] };
const course: LessonPlan[] = [{ id: "logging", order: 1, title: "logging", start: { from: "previous" }, setup: [], steps: [step] }];

describe("LessonEngine.compareConfig", () => {
  it("shows nothing of the install's default Mixer config on either side", async () => {
    const engine = new LessonEngine(course);
    const sb = await engine.startSandbox("logging");
    expect((await sb.run("kubectl get rules -n istio-system -o name")).stdout).not.toBe("");
    const { current, reference } = await engine.compareConfig(sb, "logging");
    expect(current).toBe("");
    expect(reference).toBe(
      'apiVersion: config.istio.io/v1alpha2\nkind: rule\nmetadata:\n  name: handle-politics\n  namespace: istio-system\nspec:\n  actions:\n  - handler: egress-error-logger.stdio\n    instances:\n    - egress-access.logentry\n  match: request.path.startsWith("/politics")\n',
    );
  });

  it("shows the reader's differing rule without server-set metadata", async () => {
    const engine = new LessonEngine(course);
    const sb = await engine.startSandbox("logging");
    await sb.run(rule(`request.path.startsWith("/sport")`));
    const { current, reference } = await engine.compareConfig(sb, "logging");
    expect(current).toContain('match: request.path.startsWith("/sport")');
    expect(reference).toContain('match: request.path.startsWith("/politics")');
    for (const field of ["resourceVersion", "uid", "creationTimestamp", "generation"]) expect(current).not.toContain(field);
  });

  it("drops kubectl's last-applied annotation but keeps the reader's own", async () => {
    const engine = new LessonEngine(course);
    const sb = await engine.startSandbox("logging");
    const applied = await sb.run(
      `cat <<EOF | kubectl apply -f -\napiVersion: networking.istio.io/v1alpha3\nkind: ServiceEntry\nmetadata:\n  name: cnn\n  annotations:\n    team: egress\nspec:\n  hosts:\n  - edition.cnn.com\n  ports:\n  - number: 80\n    name: http-port\n    protocol: HTTP\nEOF`,
    );
    expect(applied.exitCode).toBe(0);
    expect((await sb.run("kubectl get serviceentry cnn -o yaml")).stdout).toContain("last-applied-configuration");
    const { current } = await engine.compareConfig(sb, "logging");
    expect(current).toContain("  annotations:\n    team: egress\n");
    expect(current).not.toContain("last-applied-configuration");
  });
});
