import { describe, expect, it } from "vitest";
import { SLEEP_YAML } from "../../../src/runtime/samples/sleep.ts";
import { kind, makeHarness } from "./harness.ts";

const GATEWAY_NO_APIVERSION = `kind: Gateway
metadata:
  name: istio-egressgateway
spec:
  selector:
    istio: egressgateway
`;

const RULE = `apiVersion: "config.istio.io/v1alpha2"
kind: rule
metadata:
  name: handle-politics
  namespace: istio-system
spec:
  match: request.host.endsWith("cnn.com")
`;

describe("kubectl create / apply / replace (1.10 quoted messages, reference §7.1)", () => {
  it("create namespace, then AlreadyExists", async () => {
    const h = makeHarness();
    expect(await h.run("create namespace politics")).toEqual({ stdout: 'namespace "politics" created\n', stderr: "", exitCode: 0 });
    expect(await h.run("create namespace politics")).toEqual({
      stdout: "",
      stderr: 'Error from server (AlreadyExists): namespaces "politics" already exists\n',
      exitCode: 1,
    });
  });

  it("apply the sleep sample: created, then unchanged; the last-applied annotation is kept", async () => {
    const h = makeHarness();
    await h.run("create namespace politics");
    h.files.set("/dev/fd/63", SLEEP_YAML);
    expect(await h.run("apply -n politics -f /dev/fd/63")).toEqual({
      stdout: 'service "sleep" created\ndeployment.extensions "sleep" created\n',
      stderr: "",
      exitCode: 0,
    });
    const svc = h.store.get(kind("service"), "politics", "sleep")!;
    expect(svc.metadata.annotations!["kubectl.kubernetes.io/last-applied-configuration"]).toBe(
      '{"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"labels":{"app":"sleep"},"name":"sleep","namespace":"politics"},"spec":{"ports":[{"name":"http","port":80}],"selector":{"app":"sleep"}}}\n',
    );
    expect((await h.run("apply -n politics -f /dev/fd/63")).stdout).toBe('service "sleep" unchanged\ndeployment.extensions "sleep" unchanged\n');
  });

  it("apply with a change says configured and drops fields removed since the last apply", async () => {
    const h = makeHarness();
    h.files.set("s.yaml", SLEEP_YAML);
    await h.run("apply -f s.yaml");
    h.files.set("s.yaml", SLEEP_YAML.replace("replicas: 1", "replicas: 2").replace("    app: sleep\nspec:\n  ports", "    app: sleep\n    tier: x\nspec:\n  ports"));
    expect((await h.run("apply -f s.yaml")).stdout).toBe('service "sleep" configured\ndeployment.extensions "sleep" configured\n');
    expect(h.store.get(kind("deployment"), "default", "sleep")!.spec.replicas).toBe(2);
    h.files.set("s.yaml", SLEEP_YAML);
    await h.run("apply -f s.yaml");
    expect(h.store.get(kind("service"), "default", "sleep")!.metadata.labels).toEqual({ app: "sleep" });
  });

  it("create -f of something that exists names the source", async () => {
    const h = makeHarness();
    await h.run(["create", "-f", "-"], RULE);
    expect(await h.run(["create", "-f", "-"], RULE)).toEqual({
      stdout: "",
      stderr: 'Error from server (AlreadyExists): error when creating "STDIN": rules.config.istio.io "handle-politics" already exists\n',
      exitCode: 1,
    });
  });

  it("replace: replaced, or NotFound with the source", async () => {
    const h = makeHarness();
    expect((await h.run(["replace", "-f", "-"], RULE)).stderr).toBe(
      'Error from server (NotFound): error when replacing "STDIN": rules.config.istio.io "handle-politics" not found\n',
    );
    await h.run(["create", "-f", "-"], RULE);
    expect((await h.run(["replace", "-f", "-"], RULE.replace("cnn.com", "bbc.com"))).stdout).toBe('rule.config.istio.io "handle-politics" replaced\n');
    expect(h.store.get(kind("rule"), "istio-system", "handle-politics")!.spec.match).toContain("bbc.com");
  });

  it("validation: the 1.0 doc's Gateway without apiVersion", async () => {
    const h = makeHarness();
    expect(await h.run(["apply", "-f", "-"], GATEWAY_NO_APIVERSION)).toEqual({
      stdout: "",
      stderr:
        'error: error validating "STDIN": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
      exitCode: 1,
    });
  });

  it("YAML syntax errors carry the document's line", async () => {
    const h = makeHarness();
    const r = await h.run(["create", "-f", "-"], "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n bad: [\n");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^error: error parsing STDIN: error converting YAML to JSON: yaml: line \d+: /);
  });

  it("a stream continues after a failing document; each error on its own line", async () => {
    const h = makeHarness();
    await h.run(["create", "-f", "-"], RULE);
    const stream = `${RULE}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: politics\n---\napiVersion: foo/v1\nkind: Bar\nmetadata:\n  name: b\n`;
    expect(await h.run(["create", "-f", "-"], stream)).toEqual({
      stdout: 'namespace "politics" created\n',
      stderr:
        'Error from server (AlreadyExists): error when creating "STDIN": rules.config.istio.io "handle-politics" already exists\n' +
        'unable to recognize "STDIN": no matches for kind "Bar" in version "foo/v1"\n',
      exitCode: 1,
    });
  });

  it("an object of another namespace than -n", async () => {
    const h = makeHarness();
    expect((await h.run(["apply", "-n", "default", "-f", "-"], RULE)).stderr).toBe(
      "error: the namespace from the provided object \"istio-system\" does not match the namespace \"default\". You must pass '--namespace=istio-system' to perform this operation.\n",
    );
  });

  it("a missing file", async () => {
    const h = makeHarness();
    expect((await h.run("apply -f nope.yaml")).stderr).toBe('error: the path "nope.yaml" does not exist\n');
  });
});

describe("kubectl delete", () => {
  it("the blog's cleanup lines", async () => {
    const h = makeHarness();
    await h.run(["create", "-f", "-"], RULE);
    h.files.set("samples/sleep/sleep.yaml", SLEEP_YAML);
    await h.run("apply -f samples/sleep/sleep.yaml");
    await h.run("create namespace politics");
    expect((await h.run("delete -f samples/sleep/sleep.yaml")).stdout).toBe('service "sleep" deleted\ndeployment.extensions "sleep" deleted\n');
    expect((await h.run("delete rule handle-politics -n istio-system")).stdout).toBe('rule.config.istio.io "handle-politics" deleted\n');
    expect((await h.run("delete namespace politics")).stdout).toBe('namespace "politics" deleted\n');
  });

  it("NotFound, plural and grouped", async () => {
    const h = makeHarness();
    expect(await h.run("delete -n istio-system listchecker path-checker")).toEqual({
      stdout: "",
      stderr: 'Error from server (NotFound): listcheckers.config.istio.io "path-checker" not found\n',
      exitCode: 1,
    });
    expect((await h.run("delete namespace politics")).stderr).toBe('Error from server (NotFound): namespaces "politics" not found\n');
    expect((await h.run("delete namespace politics --ignore-not-found")).exitCode).toBe(0);
  });

  it("-l and --all", async () => {
    const h = makeHarness();
    await h.run(["create", "-f", "-"], RULE);
    expect((await h.run("delete rules -n istio-system --all")).stdout).toBe('rule.config.istio.io "handle-politics" deleted\n');
    expect((await h.run("delete rules")).stderr).toBe("error: resource(s) were provided, but no name, label selector, or --all flag specified\n");
  });
});

describe("kubectl label", () => {
  it("labels, refuses to overwrite, removes", async () => {
    const h = makeHarness();
    expect((await h.run("label namespace default istio-injection=enabled")).stdout).toBe('namespace "default" labeled\n');
    expect(h.store.get(kind("namespace"), undefined, "default")!.metadata.labels).toEqual({ "istio-injection": "enabled" });
    expect(await h.run("label namespace default istio-injection=enabled")).toEqual({
      stdout: "",
      stderr: "error: 'istio-injection' already has a value (enabled), and --overwrite is false\n",
      exitCode: 1,
    });
    expect((await h.run("label namespace default istio-injection=disabled --overwrite")).stdout).toBe('namespace "default" labeled\n');
    expect((await h.run("label namespace default istio-injection-")).stdout).toBe('namespace "default" labeled\n');
    expect(h.store.get(kind("namespace"), undefined, "default")!.metadata.labels).toBeUndefined();
    expect((await h.run("label ns nope a=b")).stderr).toBe('Error from server (NotFound): namespaces "nope" not found\n');
  });

  it("annotate", async () => {
    const h = makeHarness();
    expect((await h.run("annotate namespace default note=hi")).stdout).toBe('namespace "default" annotated\n');
    expect((await h.run("annotate namespace default note=ho")).stderr).toBe(
      "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)\n",
    );
  });
});
