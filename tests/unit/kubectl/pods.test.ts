import { describe, expect, it } from "vitest";
import { makeHarness, sleepPod } from "./harness.ts";

const POD = "sleep-6859f9d5cb-l877h";

describe("kubectl logs", () => {
  it("prints the container's log raw; -c or an inline container; --tail", async () => {
    const h = makeHarness();
    h.add(sleepPod());
    const sink = h.logs.sink("default", POD, "istio-proxy");
    for (const l of ["one", "two", "three"]) sink.write(l);
    expect(await h.run(`logs ${POD} istio-proxy`)).toEqual({ stdout: "one\ntwo\nthree\n", stderr: "", exitCode: 0 });
    expect((await h.run(`logs ${POD} -c istio-proxy --tail=2`)).stdout).toBe("two\nthree\n");
    expect((await h.run(`logs -n default ${POD} -c sleep`)).stdout).toBe("");
  });

  it("a multi-container pod needs a container (reference §7.3)", async () => {
    const h = makeHarness();
    h.add(sleepPod());
    expect(await h.run(`logs ${POD}`)).toEqual({
      stdout: "",
      stderr: `Error from server (BadRequest): a container name must be specified for pod ${POD}, choose one of: [sleep istio-proxy] or one of the init containers: [istio-init]\n`,
      exitCode: 1,
    });
    expect((await h.run(`logs ${POD} mixer`)).stderr).toBe(`Error from server (BadRequest): container mixer is not valid for pod ${POD}\n`);
  });

  it("a missing pod", async () => {
    const h = makeHarness();
    expect((await h.run("logs nope")).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it("-l prints each matching pod's last 10 lines in turn, or --tail's", async () => {
    const h = makeHarness();
    const second = "sleep-6859f9d5cb-z9x8w";
    h.add(sleepPod(second));
    h.add(sleepPod());
    h.add({ ...sleepPod("httpbin-74fb669cc6-q2r4t"), metadata: { name: "httpbin-74fb669cc6-q2r4t", namespace: "default", labels: { app: "httpbin" } } });
    for (const [pod, prefix] of [[POD, "a"], [second, "b"], ["httpbin-74fb669cc6-q2r4t", "h"]]) {
      const sink = h.logs.sink("default", pod, "sleep");
      for (let i = 1; i <= 12; i++) sink.write(`${prefix}${i}`);
    }
    const tenOf = (p: string) => Array.from({ length: 10 }, (_, i) => `${p}${i + 3}\n`).join("");
    // Pods come in the API server's order: by name.
    expect(await h.run("logs -l app=sleep -c sleep")).toEqual({ stdout: tenOf("a") + tenOf("b"), stderr: "", exitCode: 0 });
    expect((await h.run(`logs --selector=app=sleep ${POD} sleep`)).stderr).toBe("error: name cannot be provided when a selector is specified\n");
    expect((await h.run("logs -l app=sleep -c sleep --tail=1")).stdout).toBe("a12\nb12\n");
    expect(await h.run("logs -l app=nothing -c sleep")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
  });

  it("-l stops at the first pod that fails, with the API server's error", async () => {
    const h = makeHarness();
    h.add(sleepPod());
    h.add(sleepPod("sleep-6859f9d5cb-z9x8w"));
    h.logs.sink("default", POD, "istio-proxy").write("proxy line");
    expect(await h.run("logs -l app=sleep")).toEqual({
      stdout: "",
      stderr: `Error from server (BadRequest): a container name must be specified for pod ${POD}, choose one of: [sleep istio-proxy] or one of the init containers: [istio-init]\n`,
      exitCode: 1,
    });
    expect(await h.run("logs -l app=sleep -c istio-proxy")).toEqual({ stdout: "proxy line\n", stderr: "", exitCode: 0 });
  });

  it("-l refuses a pod name, and -f", async () => {
    const h = makeHarness();
    h.add(sleepPod());
    expect((await h.run(`logs -l app=sleep ${POD}`)).stderr).toBe("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples.\n");
    expect((await h.run("logs -f -l app=sleep -c sleep")).stderr).toBe("error: only one of follow (-f) or selector (-l) is allowed\nSee 'kubectl logs -h' for help and examples.\n");
    expect((await h.run("logs")).stderr).toBe("error: expected 'logs (POD | TYPE/NAME) [CONTAINER_NAME]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples.\n");
  });
});

describe("kubectl exec", () => {
  it("runs argv after -- in the named container", async () => {
    const h = makeHarness();
    h.add(sleepPod());
    h.execResult = { stdout: "200\n", stderr: "", exitCode: 0 };
    const r = await h.run(["exec", "-it", POD, "-c", "sleep", "--", "bash", "-c", "curl -sL -o /dev/null -w '%{http_code}\\n' http://edition.cnn.com/politics"]);
    expect(r).toEqual({ stdout: "200\n", stderr: "", exitCode: 0 });
    expect(h.execCalls).toEqual([{ namespace: "default", pod: POD, container: "sleep", argv: ["bash", "-c", "curl -sL -o /dev/null -w '%{http_code}\\n' http://edition.cnn.com/politics"] }]);
  });

  it("a non-zero remote exit becomes kubectl's status", async () => {
    const h = makeHarness();
    h.add(sleepPod());
    h.execResult = { stdout: "", stderr: "", exitCode: 35 };
    expect(await h.run(["exec", POD, "-c", "sleep", "--", "curl", "https://x"])).toEqual({
      stdout: "",
      stderr: "command terminated with exit code 35\n",
      exitCode: 35,
    });
  });

  it("defaults to the first container with kubectl's hint", async () => {
    const h = makeHarness();
    h.add(sleepPod());
    const r = await h.run(["exec", POD, "--", "ls"]);
    expect(h.execCalls[0].container).toBe("sleep");
    expect(r.stderr).toBe(`Defaulting container name to sleep.\nUse 'kubectl describe pod/${POD} -n default' to see all of the containers in this pod.\n`);
  });

  it("an unknown container or pod", async () => {
    const h = makeHarness();
    h.add(sleepPod());
    expect((await h.run(["exec", POD, "-c", "nope", "--", "ls"])).stderr).toBe('error: unable to upgrade connection: container not found ("nope")\n');
    expect((await h.run(["exec", "nope", "--", "ls"])).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});

describe("kubectl port-forward", () => {
  it("prints the two Forwarding lines and registers the forward", async () => {
    const h = makeHarness();
    h.add({ ...sleepPod("grafana-6f6dff9986-qhdbk", "istio-system"), metadata: { name: "grafana-6f6dff9986-qhdbk", namespace: "istio-system", labels: { app: "grafana" } } });
    expect(await h.run("-n istio-system port-forward grafana-6f6dff9986-qhdbk 3000:3000")).toEqual({
      stdout: "Forwarding from 127.0.0.1:3000 -> 3000\nForwarding from [::1]:3000 -> 3000\n",
      stderr: "",
      exitCode: 0,
    });
    expect(h.forwards).toEqual([{ namespace: "istio-system", pod: "grafana-6f6dff9986-qhdbk", local: 3000, remote: 3000 }]);
  });
});

describe("kubectl describe", () => {
  it("aligns a pod's header block with tabwriter(0, 8, 2)", async () => {
    const h = makeHarness();
    h.add({ ...sleepPod(), metadata: { ...sleepPod().metadata, ownerReferences: [{ apiVersion: "extensions/v1beta1", kind: "ReplicaSet", name: "sleep-6859f9d5cb", uid: "u", controller: true }] } });
    const out = (await h.run(`describe pod ${POD}`)).stdout;
    expect(out.startsWith(`Name:           ${POD}\nNamespace:      default\nNode:           10.177.75.165/\n`)).toBe(true);
    expect(out).toContain("Labels:         app=sleep\n                pod-template-hash=2415958176\n");
    expect(out).toContain("Controlled By:  ReplicaSet/sleep-6859f9d5cb\n");
    expect(out).toContain("Init Containers:\n  istio-init:\n");
    // Go's time.RFC1123Z, in UTC.
    expect(out).toMatch(/\n {4}State: +Running\n {6}Started: +Mon, 18 Jun 2018 13:22:25 \+0000\n/);
    // With no mounts or volumes, Go's tabwriter chains these lines into one block with the containers' lines.
    expect(out).toMatch(/\nVolumes: +<none>\nQoS Class: +BestEffort\nNode-Selectors: +<none>\nTolerations: +<none>\nEvents: +<none>\n$/);
  });

  it("describes a custom resource with the generic describer", async () => {
    const h = makeHarness();
    h.add({ apiVersion: "config.istio.io/v1alpha2", kind: "logentry", metadata: { name: "egress-access", namespace: "istio-system" }, spec: { severity: '"info"', monitored_resource_type: '"UNSPECIFIED"' } });
    const out = (await h.run("describe logentry egress-access -n istio-system")).stdout;
    expect(out).toContain("Name:         egress-access\nNamespace:    istio-system\nLabels:       <none>\nAnnotations:  <none>\nAPI Version:  config.istio.io/v1alpha2\nKind:         logentry\n");
    expect(out).toContain('  Monitored Resource Type:  "UNSPECIFIED"\n  Severity:                 "info"\n');
  });
});

describe("kubectl flags, commands and version", () => {
  it("unknown flags and commands", async () => {
    const h = makeHarness();
    const r = await h.run("get pods --foo");
    expect(r.exitCode).toBe(1);
    expect(r.stderr.startsWith("Error: unknown flag: --foo\n")).toBe(true);
    expect(r.stderr.endsWith("\nunknown flag: --foo\n")).toBe(true);
    expect((await h.run("get pods -z")).stderr.startsWith("Error: unknown shorthand flag: 'z' in -z\n")).toBe(true);
    expect(await h.run("foo")).toEqual({ stdout: "", stderr: "Error: unknown command \"foo\" for \"kubectl\"\nRun 'kubectl --help' for usage.\n", exitCode: 1 });
  });

  it("global flags anywhere: -n before the verb, --namespace=, -nX", async () => {
    const h = makeHarness();
    h.add(sleepPod("p", "istio-system"));
    for (const args of ["-n istio-system get pods -o name", "get pods --namespace=istio-system -o name", "get -nistio-system pods -oname"]) {
      expect((await h.run(args)).stdout).toBe("pod/p\n");
    }
  });

  it("version --short", async () => {
    const h = makeHarness();
    expect((await h.run("version --short")).stdout).toBe("Client Version: v1.10.0\nServer Version: v1.10.0\n");
    expect((await h.run("version")).stdout).toContain('Client Version: version.Info{Major:"1", Minor:"10", GitVersion:"v1.10.0"');
  });
});
