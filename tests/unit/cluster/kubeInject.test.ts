import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { kubeInject, KubeInjectError } from "../../../src/runtime/cluster/kubeInject.ts";
import { HTTPBIN_YAML, SAMPLE_FILES, SLEEP_YAML } from "../../../src/runtime/samples/index.ts";

const injectedDeployment = () => parseAllDocuments(kubeInject(SLEEP_YAML))[1].toJS();

describe("samples", () => {
  it("ships sleep.yaml as in 0.8.0: Service sleep:80 and an extensions/v1beta1 Deployment of tutum/curl", () => {
    expect(SAMPLE_FILES["samples/sleep/sleep.yaml"]).toBe(SLEEP_YAML);
    expect(SLEEP_YAML.startsWith("# Copyright 2017 Istio Authors\n")).toBe(true);
    const [svc, dep] = parseAllDocuments(SLEEP_YAML).map((d) => d.toJS());
    expect(svc).toEqual({ apiVersion: "v1", kind: "Service", metadata: { name: "sleep", labels: { app: "sleep" } }, spec: { ports: [{ port: 80, name: "http" }], selector: { app: "sleep" } } });
    expect(dep.apiVersion).toBe("extensions/v1beta1");
    expect(dep.spec.template.metadata.labels).toEqual({ app: "sleep" });
    expect(dep.spec.template.spec.containers).toEqual([{ name: "sleep", image: "tutum/curl", command: ["/bin/sleep", "infinity"], imagePullPolicy: "IfNotPresent" }]);
    expect(SAMPLE_FILES["samples/httpbin/httpbin.yaml"]).toBe(HTTPBIN_YAML);
  });
});

describe("istioctl kube-inject -f samples/sleep/sleep.yaml", () => {
  const out = kubeInject(SLEEP_YAML);

  it("copies the Service document through unchanged, comments included, and ends each document with ---", () => {
    const serviceDoc = SLEEP_YAML.slice(0, SLEEP_YAML.indexOf("---\n") + 4);
    expect(out.startsWith(serviceDoc)).toBe(true);
    expect(out.endsWith("status: {}\n---\n")).toBe(true);
    expect(out.match(/^---$/gm)).toHaveLength(2);
  });

  it("prints the Deployment the way the Go structs marshal it", () => {
    const dep = out.slice(out.indexOf("---\n") + 4);
    expect(dep.startsWith("apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  name: sleep\nspec:\n  replicas: 1\n  strategy: {}\n  template:\n    metadata:\n      annotations:\n        sidecar.istio.io/status: '{\"version\":\"")).toBe(true);
    expect(dep).toContain(`      creationTimestamp: null
      labels:
        app: sleep
    spec:
      containers:
      - command:
        - /bin/sleep
        - infinity
        image: tutum/curl
        imagePullPolicy: IfNotPresent
        name: sleep
        resources: {}
      - args:
        - proxy
        - sidecar
`);
    expect(dep).toContain(`      initContainers:
      - args:
        - -p
        - "15001"
        - -u
        - "1337"
        - -m
        - REDIRECT
        - -i
        - '*'
        - -x
        - ""
        - -b
        - ""
        - -d
        - ""
        image: docker.io/istio/proxy_init:0.8.0
`);
  });

  it("adds the istio-proxy container with the 0.8.0 pilot-agent arguments", () => {
    const spec = injectedDeployment().spec.template.spec;
    expect(spec.containers.map((c: any) => c.name)).toEqual(["sleep", "istio-proxy"]);
    const proxy = spec.containers[1];
    expect(proxy.image).toBe("docker.io/istio/proxyv2:0.8.0");
    expect(proxy.args.join(" ")).toBe(
      "proxy sidecar --configPath /etc/istio/proxy --binaryPath /usr/local/bin/envoy --serviceCluster sleep --drainDuration 45s " +
        "--parentShutdownDuration 1m0s --discoveryAddress istio-pilot.istio-system:15007 --discoveryRefreshDelay 1s " +
        "--zipkinAddress zipkin.istio-system:9411 --connectTimeout 10s --statsdUdpAddress istio-statsd-prom-bridge.istio-system:9125 " +
        "--proxyAdminPort 15000 --controlPlaneAuthPolicy NONE",
    );
    expect(proxy.env.map((e: any) => e.name)).toEqual(["POD_NAME", "POD_NAMESPACE", "INSTANCE_IP", "ISTIO_META_POD_NAME", "ISTIO_META_INTERCEPTION_MODE"]);
    expect(proxy.securityContext).toEqual({ privileged: false, readOnlyRootFilesystem: true, runAsUser: 1337 });
    expect(proxy.volumeMounts).toEqual([{ mountPath: "/etc/istio/proxy", name: "istio-envoy" }, { mountPath: "/etc/certs/", name: "istio-certs", readOnly: true }]);
    expect(spec.initContainers.map((c: any) => c.name)).toEqual(["istio-init"]);
    expect(spec.initContainers[0].securityContext).toEqual({ capabilities: { add: ["NET_ADMIN"] }, privileged: true });
    expect(spec.volumes).toEqual([
      { emptyDir: { medium: "Memory" }, name: "istio-envoy" },
      { name: "istio-certs", secret: { optional: true, secretName: "istio.default" } },
    ]);
  });

  it("records what it added in the sidecar.istio.io/status annotation (0.8 form, no imagePullSecrets)", () => {
    const status = JSON.parse(injectedDeployment().spec.template.metadata.annotations["sidecar.istio.io/status"]);
    expect(Object.keys(status)).toEqual(["version", "initContainers", "containers", "volumes"]);
    expect(status.version).toMatch(/^[0-9a-f]{64}$/);
    expect(status).toMatchObject({ initContainers: ["istio-init"], containers: ["istio-proxy"], volumes: ["istio-envoy", "istio-certs"] });
  });
});

describe("kube-inject details", () => {
  it("lists declared container ports for -b with the template's trailing comma", () => {
    const dep = parseAllDocuments(kubeInject(HTTPBIN_YAML))[1].toJS();
    const args: string[] = dep.spec.template.spec.initContainers[0].args;
    expect(args[args.indexOf("-b") + 1]).toBe("8000,");
    expect(dep.spec.template.spec.containers[1].args).toContain("httpbin");
  });

  it("uses the pod's service account for the certs secret and istio-proxy as cluster without an app label", () => {
    const out = kubeInject(`apiVersion: v1
kind: Pod
metadata:
  name: lonely
spec:
  serviceAccountName: reader
  containers:
  - name: c
    image: busybox
`);
    const pod = parse(out.replace(/---\n$/, ""));
    expect(pod.metadata).toEqual({ annotations: expect.any(Object), creationTimestamp: null, name: "lonely" });
    expect(pod.spec.volumes[1].secret.secretName).toBe("istio.reader");
    expect(pod.spec.containers[1].args[pod.spec.containers[1].args.indexOf("--serviceCluster") + 1]).toBe("istio-proxy");
    expect(pod.status).toEqual({});
  });

  it("re-marshals but does not inject an opted-out template, nor one already injected", () => {
    const optOut = SLEEP_YAML.replace("    metadata:\n      labels:", '    metadata:\n      annotations:\n        sidecar.istio.io/inject: "false"\n      labels:');
    const dep = parseAllDocuments(kubeInject(optOut))[1].toJS();
    expect(dep.spec.template.spec.containers).toHaveLength(1);
    expect(dep.metadata.creationTimestamp).toBeNull();
    const twice = parseAllDocuments(kubeInject(kubeInject(SLEEP_YAML)))[1].toJS();
    expect(twice.spec.template.spec.containers.map((c: any) => c.name)).toEqual(["sleep", "istio-proxy"]);
  });

  it("passes unknown kinds and comment-only documents through untouched", () => {
    const input = "# just a comment\n---\napiVersion: networking.istio.io/v1alpha3\nkind: Gateway\nmetadata:\n  name: g # keep me\n";
    expect(kubeInject(input)).toBe("# just a comment\n---\napiVersion: networking.istio.io/v1alpha3\nkind: Gateway\nmetadata:\n  name: g # keep me\n---\n");
  });

  it("fails on bad YAML with the ghodss/yaml.v2 message, counting lines within the document", () => {
    const bad = SLEEP_YAML.replace("  replicas: 1\n", "  replicas: 1\n  template: x: y\n");
    expect(() => kubeInject(bad)).toThrow(KubeInjectError);
    try {
      kubeInject(bad);
    } catch (e) {
      expect((e as Error).message).toBe("error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context");
      expect((e as KubeInjectError).partialOutput).toContain("kind: Service");
    }
  });
});

describe("kube-inject never crashes on user input", () => {
  it("either returns text or throws KubeInjectError, for arbitrary YAML-ish input", async () => {
    const fc = await import("fast-check");
    const piece = fc.constantFrom("apiVersion: v1\n", "kind: Pod\n", "kind: Deployment\n", "apiVersion: extensions/v1beta1\n", "metadata:\n", "  annotations: 5\n",
      "  labels: [a]\n", "spec:\n", "  template: 3\n", "  containers: x\n", "  containers:\n  - ports: 7\n", "---\n", "a: b: c\n", "\t\n", "- [\n", "&a [*a]\n", "x: *nope\n");
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
      try {
        expect(typeof kubeInject(pieces.join(""))).toBe("string");
      } catch (e) {
        expect(e).toBeInstanceOf(KubeInjectError);
      }
    }), { numRuns: 300 });
    expect(() => kubeInject("[".repeat(20000))).toThrow(KubeInjectError);
  });
});
