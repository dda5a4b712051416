/**
 * End to end through a Sandbox: after the blog's requests, the dashboard's HTTP Services row
 * for the egress gateway shows the sleep.default 404 and 200 series, and the Requests panel
 * explains the politics 404 by the listchecker.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { VirtualClock } from "../../../src/runtime/clock.ts";
import { Sandbox } from "../../../src/runtime/sandbox.ts";
import { splitTypedCommands } from "../../../src/runtime/shell/continuation.ts";
import { evaluateDashboard, type DashboardData } from "../../../src/runtime/telemetry/grafana/evaluateDashboard.ts";
import { explainRequest, recentRequests } from "../../../src/runtime/proxy/traceExplanation.ts";

const blog = readFileSync(new URL("../../blog/blog-flow.sh", import.meta.url), "utf8");
const beforeCleanup = blog.slice(0, blog.indexOf("# ---- Cleanup ----"));
const GATEWAY = "istio-egressgateway.istio-system.svc.cluster.local";

let sandbox: Sandbox;
let data: DashboardData;

beforeAll(async () => {
  sandbox = await Sandbox.create({ clock: VirtualClock.fromIso("2018-06-18T13:22:58Z"), seed: 1 });
  for (const command of splitTypedCommands(beforeCleanup)) await sandbox.run(command);
  await sandbox.run("sleep 30");
  data = evaluateDashboard(sandbox.prometheus, sandbox.clock.nowMicros(), { rangeSeconds: 300, stepSeconds: 5 });
});

describe("the Istio Dashboard after the blog's requests", () => {
  it("repeats the HTTP Services row for the egress gateway", () => {
    expect(data.httpRows.map((r) => r.destination)).toEqual([GATEWAY]);
  });

  it("shows sleep.default's 404 and 200 series with non-zero rates", () => {
    const panel = data.httpRows[0].panels.find((p) => p.title === "Requests by Source, Version, and Response Code")!;
    expect(panel.error).toBeUndefined();
    const legends = panel.series.map((s) => s.legend);
    for (const legend of ["sleep.default-unknown -> unknown : 404", "sleep.default-unknown -> unknown : 200"]) {
      expect(legends).toContain(legend);
      const series = panel.series.find((s) => s.legend === legend)!;
      expect(series.values.some((v) => v !== null && v > 0)).toBe(true);
      expect(series.values).toHaveLength(data.times.length);
    }
  });

  it("evaluates every panel without a PromQL error", () => {
    for (const p of [...data.mesh, ...data.httpRows.flatMap((r) => r.panels)]) expect(p.error, p.title).toBeUndefined();
    for (const s of data.singlestats) expect(s.error, s.title).toBeUndefined();
  });

  it("labels the mesh graphs with the service name without .svc.cluster.local", () => {
    const fourxx = data.mesh.find((p) => p.title === "4xxs by Service")!;
    expect(fourxx.series.map((s) => s.legend)).toEqual(["istio-egressgateway.istio-system"]);
  });

  it("success rates stay within 0..1 and the response sizes are positive", () => {
    const row = data.httpRows[0].panels;
    const rate = row.find((p) => p.title.startsWith("Success Rate by Source"))!;
    for (const s of rate.series) for (const v of s.values) if (v !== null) expect(v).toBeGreaterThanOrEqual(0), expect(v).toBeLessThanOrEqual(1);
    const size = row.find((p) => p.title === "Response Size by Source and Version")!;
    expect(size.series.length).toBeGreaterThan(0);
  });
});

describe("the Requests panel", () => {
  it("lists the requests newest first", () => {
    const list = recentRequests(sandbox.dataPlane.traces.list(), 500);
    expect(list.length).toBeGreaterThan(0);
    for (let i = 1; i < list.length; i++) expect(list[i - 1].startMicros).toBeGreaterThanOrEqual(list[i].startMicros);
  });

  it("explains a politics 404 by the listchecker", () => {
    const trace = sandbox.dataPlane.traces.list().filter((t) => t.url.endsWith("/politics") && t.status === 404).at(-1)!;
    const explanation = explainRequest(trace);
    // Plain JSON: it must cross postMessage.
    expect(JSON.parse(JSON.stringify(explanation))).toEqual(explanation);
    expect(explanation.why).toContain("path-checker.listchecker.istio-system");
    const verdicts = explanation.mixerCheck!.rules.flatMap((r) => r.actions);
    const denial = verdicts.find((v) => v.handler === "path-checker.listchecker.istio-system")!;
    expect(denial.code).toBe("NOT_FOUND");
    expect(explanation.attributes["request.path"]).toBe("/politics");
  });
});

describe("the explanation's Mixer rules", () => {
  it("carries the attribute values that decided each match", () => {
    const trace = sandbox.dataPlane.traces.list().filter((t) => t.url.endsWith("/politics") && t.status === 404).at(-1)!;
    const rule = explainRequest(trace).mixerCheck!.rules.find((r) => r.rule === "handle-cnn-access.rule.istio-system")!;
    expect(rule.matched).toBe(true);
    expect(rule.inputs).toMatchObject({ "request.host": "edition.cnn.com", "source.namespace": "default" });
  });
});
