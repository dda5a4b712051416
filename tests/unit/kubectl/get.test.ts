import { describe, expect, it } from "vitest";
import { makeHarness, sleepPod, type Harness } from "./harness.ts";

function withPods(): Harness {
  const h = makeHarness();
  h.add(sleepPod());
  h.add({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "istio-telemetry-5b8f9dc5d8-k2xqm", namespace: "istio-system", labels: { "istio-mixer-type": "telemetry" } },
    spec: { containers: [{ name: "mixer" }, { name: "istio-proxy" }] },
    status: { phase: "Running", podIP: "172.30.146.70" },
  });
  h.add({ apiVersion: "v1", kind: "Service", metadata: { name: "sleep", namespace: "default", labels: { app: "sleep" } }, spec: { clusterIP: "172.21.23.4", ports: [{ name: "http", port: 80, protocol: "TCP" }], selector: { app: "sleep" } } });
  h.clock.advance(18_000_000);
  return h;
}

describe("kubectl get (1.10 tables)", () => {
  it("prints pods with the exact 1.10 spacing (reference §7.2)", async () => {
    const h = withPods();
    const r = await h.run("get pods");
    expect(r).toEqual({
      stdout: "NAME                     READY     STATUS    RESTARTS   AGE\nsleep-6859f9d5cb-l877h   2/2       Running   0          18s\n",
      stderr: "",
      exitCode: 0,
    });
  });

  it("-o wide adds IP and NODE; --all-namespaces adds NAMESPACE first", async () => {
    const h = withPods();
    expect((await h.run("get pods -o wide")).stdout).toBe(
      "NAME                     READY     STATUS    RESTARTS   AGE       IP              NODE\n" +
        "sleep-6859f9d5cb-l877h   2/2       Running   0          18s       172.30.146.87   10.177.75.165\n",
    );
    const all = (await h.run("get pods --all-namespaces")).stdout.split("\n");
    expect(all[0]).toBe("NAMESPACE      NAME" + " ".repeat(31) + "READY     STATUS    RESTARTS   AGE");
    expect(all[1].startsWith("default        sleep-6859f9d5cb-l877h")).toBe(true);
    expect(all[2].startsWith("istio-system   istio-telemetry-5b8f9dc5d8-k2xqm")).toBe(true);
  });

  it("services use NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE", async () => {
    const h = withPods();
    expect((await h.run("get svc")).stdout).toBe(
      "NAME      TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)   AGE\nsleep     ClusterIP   172.21.23.4   <none>        80/TCP    18s\n",
    );
  });

  it("several kinds: kind-prefixed names and a blank line between tables", async () => {
    const h = withPods();
    const out = (await h.run("get pods,svc")).stdout;
    expect(out).toContain("pod/sleep-6859f9d5cb-l877h   2/2");
    expect(out).toContain("\n\nNAME            TYPE        CLUSTER-IP");
    expect(out).toContain("service/sleep   ClusterIP");
  });

  it("custom resources print NAME AGE", async () => {
    const h = withPods();
    h.add({ apiVersion: "config.istio.io/v1alpha2", kind: "rule", metadata: { name: "handle-politics", namespace: "istio-system" }, spec: { match: "true" } });
    h.clock.advance(5 * 60_000_000);
    expect((await h.run("get rules -n istio-system")).stdout).toBe("NAME              AGE\nhandle-politics   5m\n");
  });

  it("an empty result prints `No resources found.` on stderr", async () => {
    const h = withPods();
    expect(await h.run("get pods -n istio-system -l app=nothing")).toEqual({ stdout: "", stderr: "No resources found.\n", exitCode: 0 });
  });

  it("unknown types and missing names are kubectl's errors", async () => {
    const h = withPods();
    expect(await h.run("get foo")).toEqual({ stdout: "", stderr: 'error: the server doesn\'t have a resource type "foo"\n', exitCode: 1 });
    expect(await h.run("get pod nope")).toEqual({ stdout: "", stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
    expect((await h.run("get logentry egress-access -n istio-system")).stderr).toBe('Error from server (NotFound): logentries.config.istio.io "egress-access" not found\n');
  });
});

describe("kubectl get -o (generic printers)", () => {
  it("the blog's jsonpath lookups, in every spelling", async () => {
    const h = withPods();
    for (const args of [
      ["-n", "istio-system", "get", "pods", "-l", "istio-mixer-type=telemetry", "-o", "jsonpath={.items[0].metadata.name}"],
      ["-n", "istio-system", "get", "pods", "-l", "istio-mixer-type=telemetry", "-o=jsonpath={.items[0].metadata.name}"],
      ["-n", "istio-system", "get", "pods", "-l", "istio-mixer-type=telemetry", "--output=jsonpath={.items[0].metadata.name}"],
      ["-n", "istio-system", "get", "pods", "-l", "istio-mixer-type=telemetry", "-o", "jsonpath", "--template", "{.items[0].metadata.name}"],
    ]) {
      expect(await h.run(args)).toEqual({ stdout: "istio-telemetry-5b8f9dc5d8-k2xqm", stderr: "", exitCode: 0 });
    }
    expect((await h.run(["get", "pod", "-l", "app=sleep", "-o", "jsonpath={.items..metadata.name}"])).stdout).toBe("sleep-6859f9d5cb-l877h");
  });

  it("jsonpath over an empty List: debug dump on stdout, error on stderr", async () => {
    const h = withPods();
    const r = await h.run(["get", "pods", "-l", "app=none", "-o", "jsonpath={.items[0].metadata.name}"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe('error: error executing jsonpath "{.items[0].metadata.name}": array index out of bounds: index 0, length 0\n');
    expect(r.stdout).toBe(
      "Error executing template: array index out of bounds: index 0, length 0. Printing more information for debugging the template:\n" +
        "\ttemplate was:\n\t\t{.items[0].metadata.name}\n" +
        '\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":"", "selfLink":""}}\n\n',
    );
  });

  it("a bad template is a parse error", async () => {
    const h = withPods();
    expect(await h.run(["get", "pods", "-o", "jsonpath={.foo"])).toEqual({ stdout: "", stderr: "error: error parsing jsonpath {.foo, unclosed action\n", exitCode: 1 });
  });

  it("-o name prints kind[.group]/name", async () => {
    const h = withPods();
    h.add({ apiVersion: "networking.istio.io/v1alpha3", kind: "VirtualService", metadata: { name: "direct-through-egress-gateway", namespace: "default" }, spec: {} });
    expect((await h.run("get pods -o name")).stdout).toBe("pod/sleep-6859f9d5cb-l877h\n");
    expect((await h.run("get virtualservices -o name")).stdout).toBe("virtualservice.networking.istio.io/direct-through-egress-gateway\n");
  });

  it("-o json: 4-space indent, sorted keys, a List for a listing, bare for one name", async () => {
    const h = withPods();
    const list = (await h.run("get svc -o json")).stdout;
    expect(list.startsWith('{\n    "apiVersion": "v1",\n    "items": [\n        {\n            "apiVersion": "v1",\n            "kind": "Service",')).toBe(true);
    expect(list.endsWith('    "kind": "List",\n    "metadata": {\n        "resourceVersion": "",\n        "selfLink": ""\n    }\n}\n')).toBe(true);
    const one = JSON.parse((await h.run("get svc sleep -o json")).stdout);
    expect(one.kind).toBe("Service");
  });

  it("-o yaml: Go yaml (sorted keys, unindented lists, quoted numeric strings)", async () => {
    const h = withPods();
    const y = (await h.run("get svc sleep -o yaml")).stdout;
    expect(y).toContain("apiVersion: v1\nkind: Service\nmetadata:\n");
    expect(y).toMatch(/resourceVersion: "\d+"/);
    expect(y).toContain("spec:\n  clusterIP: 172.21.23.4\n  ports:\n  - name: http\n    port: 80\n    protocol: TCP\n");
    const l = (await h.run("get svc -o yaml")).stdout;
    expect(l.startsWith("apiVersion: v1\nitems:\n- apiVersion: v1\n")).toBe(true);
    expect(l.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n  selfLink: ""\n')).toBe(true);
  });

  it("custom-columns", async () => {
    const h = withPods();
    expect((await h.run(["get", "pods", "-o", "custom-columns=NAME:.metadata.name,IP:.status.podIP,X:.nope"])).stdout).toBe(
      "NAME                     IP              X\nsleep-6859f9d5cb-l877h   172.30.146.87   <none>\n",
    );
  });

  it("an unknown -o format", async () => {
    const h = withPods();
    expect((await h.run("get pods -o foo")).stderr).toBe('error: output format "foo" not recognized\n');
  });
});
