import { beforeAll, describe, expect, it } from "vitest";
import { Sandbox, SNAPSHOT_VERSION } from "../../../src/runtime/sandbox.ts";
import { VirtualClock } from "../../../src/runtime/clock.ts";
import { complete, type CompletionSource } from "../../../src/worker/completion.ts";
import { checkSaved, SAVE_FORMAT } from "../../../src/worker/savedState.ts";
import { logBacklog, logSourceOf } from "../../../src/worker/logStream.ts";
import { currentDirectory, listDirectory, listEditableFiles, resolvePath, workstationFs } from "../../../src/worker/workstationFiles.ts";
import { needsMoreInput } from "../../../src/runtime/shell/continuation.ts";
import { lessonSchema } from "../../../src/lessons/schema.ts";
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";

let sandbox: Sandbox;
let source: CompletionSource;

beforeAll(async () => {
  sandbox = await Sandbox.create({ clock: VirtualClock.fromIso("2018-06-18T13:22:58Z"), seed: 1 });
  await sandbox.run("export SOURCE_POD=$(kubectl get pod -l app=sleep -o jsonpath={.items..metadata.name})");
  await sandbox.run("echo 'kind: Gateway' > my-gateway.yaml");
  const fs = workstationFs(sandbox);
  source = {
    objectNames: (kind, ns) => sandbox.store.list(kind, kind.namespaced ? ns : undefined).map((o) => o.metadata.name),
    env: () => sandbox.environment,
    listDirectory: (dir) => listDirectory(fs, dir),
    cwd: () => currentDirectory(sandbox),
  };
});

describe("completion", () => {
  const c = (line: string) => complete(source, line, line.length);
  it("completes commands in command position", async () => {
    expect((await c("kube")).candidates).toEqual(["kubectl"]);
    expect((await c("echo x | ist")).candidates).toEqual(["istioctl"]);
  });
  it("completes kubectl verbs, kinds and object names", async () => {
    expect((await c("kubectl ge")).candidates).toEqual(["get"]);
    expect((await c("kubectl get virtualserv")).candidates).toEqual(["virtualservices"]);
    const pods = (await c("kubectl get pods -n istio-system istio-tele")).candidates;
    expect(pods).toHaveLength(1);
    expect(pods[0]).toMatch(/^istio-telemetry-/);
    expect((await c("kubectl logs sle")).candidates[0]).toMatch(/^sleep-/);
    expect((await c("kubectl get pods -n istio-sys")).candidates).toEqual(["istio-system"]);
  });
  it("completes flags, variables and files", async () => {
    expect((await c("kubectl get pods --all")).candidates).toEqual(["--all-namespaces"]);
    expect((await c("echo $SOURCE_")).candidates).toEqual(["$SOURCE_POD"]);
    expect((await c("istioctl create -f my-")).candidates).toEqual(["my-gateway.yaml"]);
    expect((await c("cat samples/sle")).candidates).toEqual(["samples/sleep/"]);
  });
  it("reports where the completed word starts", async () => {
    expect((await c("kubectl get po")).from).toBe(12);
  });
});

describe("workstation files", () => {
  it("lists the reader's editable files, not the samples tree", async () => {
    expect(await listEditableFiles(workstationFs(sandbox))).toEqual(["my-gateway.yaml"]);
  });
  it("resolves paths like the shell", () => {
    expect(resolvePath("/root/istio-0.8.0", "../x/./y.yaml")).toBe("/root/x/y.yaml");
    expect(resolvePath("/a", "~/f")).toBe("/root/f");
  });
});

describe("saved state checks", () => {
  it("accepts a record this version wrote, as object or JSON", async () => {
    const snap = await sandbox.snapshot();
    const record = { format: SAVE_FORMAT, savedAt: 1, sandbox: snap };
    expect(checkSaved(record).ok).toBe(true);
    expect(checkSaved(JSON.stringify(record)).ok).toBe(true);
  });
  it("rejects bad JSON, foreign shapes and other versions with a reason", () => {
    expect(checkSaved("{not json")).toEqual({ ok: false, reason: "it is not valid JSON" });
    expect(checkSaved(42).ok).toBe(false);
    expect(checkSaved({ format: 99 }).ok).toBe(false);
    expect(checkSaved({ format: SAVE_FORMAT, sandbox: { version: SNAPSHOT_VERSION + 1 } }).ok).toBe(false);
  });
  it("a restored snapshot keeps env, files and cluster state", async () => {
    const copy = Sandbox.restore(await sandbox.snapshot());
    expect(copy.environment.SOURCE_POD).toBe(sandbox.environment.SOURCE_POD);
    expect((await copy.run("cat my-gateway.yaml")).stdout).toBe("kind: Gateway\n");
  });
});

describe("log streams", () => {
  it("maps Mixer's telemetry container and the egress gateway's container to the two streams", () => {
    expect(logSourceOf("istio-system", "istio-telemetry-7c565cd5b4-cq6ls", "mixer")).toBe("mixer");
    expect(logSourceOf("istio-system", "istio-egressgateway-78b87494c9-sd6k6", "egressgateway")).toBe("egressgateway");
    expect(logSourceOf("istio-system", "istio-policy-x", "mixer")).toBeUndefined();
  });
  it("after the first lesson's steps, the backlog holds the gateway's access-log line of the request", async () => {
    const s = await Sandbox.create({ clock: VirtualClock.fromIso("2018-06-18T13:22:58Z"), seed: 1 });
    const text = readFileSync(new URL("../../../lessons/01-before-you-begin/lesson.md", import.meta.url), "utf8");
    const lesson = lessonSchema.parse(parseYaml(text.split(/^---$/m)[1]));
    for (const command of lesson.steps.flatMap((st) => st.commands)) await s.run(command);
    const lines = logBacklog(s, 10).filter((l) => l.source === "egressgateway");
    expect(lines.map((l) => l.text).join("\n")).toContain('"GET /politics HTTP/1.1" 200');
  });
});

describe("continuation, as the browser terminal asks it", () => {
  const unfinished = (t: string) => needsMoreInput(t);
  it("flags open quotes, parentheses and compound commands", () => {
    expect(unfinished("echo 'abc")).toBe(true);
    expect(unfinished('echo "a')).toBe(true);
    expect(unfinished("echo $(kubectl get pods")).toBe(true);
    expect(unfinished("for i in 1 2; do")).toBe(true);
    expect(unfinished("while true; do curl x; done")).toBe(false);
    expect(unfinished("if true; then echo; fi")).toBe(false);
    expect(unfinished("echo 'do' \"if\" # for")).toBe(false);
    expect(unfinished("kubectl get pod -o jsonpath={.items..metadata.name}")).toBe(false);
  });
});

describe("the lab commands' code", () => {
  it("loads ahead of first use, and a restored sandbox's first kubectl answers", async () => {
    await expect(Sandbox.preloadCommands()).resolves.toBeUndefined();
    const restored = Sandbox.restore(await sandbox.snapshot(), undefined);
    const result = await restored.run("kubectl get pods");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nsleep-/);
  });
});
