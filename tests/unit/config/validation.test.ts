/** Pilot's validation (validation.go wording), jsonpb decoding, and kubectl 1.10's client-side validation. */
import { describe, expect, it } from "vitest";
import { parseManifests } from "../../../src/runtime/config/manifests.ts";
import { canonicalSpec, decodeForIstioctl, kubectlValidationError } from "../../../src/runtime/config/validate.ts";
import { findKind } from "../../../src/runtime/config/kinds.ts";

function istioctl(yaml: string): string {
  const r = decodeForIstioctl(parseManifests(yaml)[0]);
  return r.ok ? "ok" : r.error;
}

const vs = (http: string, extra = "") => `kind: VirtualService\nmetadata:\n  name: v\nspec:\n  hosts: [edition.cnn.com]\n${extra}  http:\n${http}`;

describe("Pilot validation", () => {
  it("accepts the blog's VirtualService", () => {
    expect(istioctl(vs("  - route:\n    - destination:\n        host: edition.cnn.com\n        port: {number: 443}\n      weight: 100\n"))).toBe("ok");
  });

  it("reports a single plain error without a list", () => {
    expect(istioctl(vs("  - route:\n    - destination: {host: edition.cnn.com}\n      weight: 110\n"))).toBe("configuration is invalid: percentage 110 is not in range 0..100");
  });

  it("lists several errors as go-multierror does", () => {
    expect(istioctl(vs("  - route:\n    - destination: {host: a.com}\n      weight: 60\n    - destination: {host: b.com}\n      weight: 60\n")))
      .toBe("configuration is invalid: total destination weight 120 > 100");
    expect(istioctl("kind: VirtualService\nspec:\n  hosts: []\n")).toBe("configuration is invalid: 2 errors occurred:\n\n* virtual service must have at least one host\n* http, tcp or tls must be provided in virtual service");
    expect(istioctl(vs("  - route:\n    - destination: {host: a.com}\n    retries: {attempts: 0}\n"))).toBe("configuration is invalid: 1 error occurred:\n\n* attempts must be positive");
  });

  it("checks hosts, gateways and ports", () => {
    expect(istioctl("kind: ServiceEntry\nspec:\n  hosts: [cnn]\n  ports: [{number: 80, name: http, protocol: HTTP}]\n")).toBe("configuration is invalid: invalid host cnn");
    expect(istioctl("kind: ServiceEntry\nspec:\n  hosts: [edition.cnn.com]\n  ports: [{number: 80, name: http, protocol: FOO}]\n  resolution: DNS\n")).toBe("configuration is invalid: unsupported protocol: FOO");
    expect(istioctl("kind: Gateway\nspec:\n  servers:\n  - port: {number: 80, protocol: HTTP}\n    hosts: ['*']\n")).toBe('configuration is invalid: port name must be set: number:80 protocol:"HTTP" ');
    expect(istioctl(vs("  - match:\n    - port: 70000\n    route:\n    - destination: {host: a.com}\n"))).toBe("configuration is invalid: port number 70000 must be in the range 1..65535");
    expect(istioctl(vs("  - route:\n    - destination: {host: a.com}\n", "  gateways: [Bad_Name]\n"))).toBe('configuration is invalid: domain name "Bad_Name" invalid (label "Bad_Name" invalid)');
  });

  it("rejects a wildcard host bound to the mesh", () => {
    expect(istioctl(vs("  - route:\n    - destination: {host: a.com}\n").replace("[edition.cnn.com]", "['*']"))).toBe("configuration is invalid: wildcard host * is not allowed for virtual services bound to the mesh gateway");
  });

  it("requires a timeout of at least 1ms", () => {
    expect(istioctl(vs("  - route:\n    - destination: {host: a.com}\n    timeout: 100us\n"))).toBe("configuration is invalid: duration must be greater than 1ms");
  });
});

describe("jsonpb decoding", () => {
  it("names the first unknown field and its proto type", () => {
    expect(istioctl(vs("  - route:\n    - destination: {host: a.com, prt: 1}\n"))).toMatch(/ unknown field "prt" in v1alpha3\.Destination$/);
  });

  it("rejects unknown enum values and bad durations with jsonpb's words", () => {
    expect(istioctl("kind: ServiceEntry\nspec:\n  hosts: [a.com]\n  resolution: DSN\n")).toMatch(/ unknown value "DSN" for enum istio\.networking\.v1alpha3\.ServiceEntry_Resolution$/);
    expect(istioctl(vs("  - route:\n    - destination: {host: a.com}\n    timeout: 5\n"))).toMatch(/ invalid syntax$/);
    expect(istioctl(vs("  - route:\n    - destination: {host: a.com}\n    timeout: 5x\n"))).toMatch(/ bad Duration: time: unknown unit x in duration 5x$/);
    expect(istioctl(vs("  - route:\n    - destination: {host: a.com}\n      weight: lots\n"))).toMatch(/ invalid character 'l' looking for beginning of value$/);
  });

  it("accepts snake_case names, enum numbers and quoted numbers; canonicalizes them", () => {
    const spec = canonicalSpec(findKind("destinationrule")!, { host: "a.com", traffic_policy: { tls: { mode: 1 } }, subsets: [{ name: "v1", labels: { version: "v1" } }] });
    expect(spec).toEqual({ host: "a.com", trafficPolicy: { tls: { mode: "SIMPLE" } }, subsets: [{ name: "v1", labels: { version: "v1" } }] });
    expect(canonicalSpec(findKind("gateway")!, { servers: [{ port: { number: "80" } }] })).toEqual({ servers: [{ port: { number: 80 } }] });
    expect(canonicalSpec(findKind("virtualservice")!, { http: [{ timeout: "100ms" }] })).toEqual({ http: [{ timeout: "0.100s" }] });
  });

  it("passes Mixer kinds through unvalidated", () => {
    const r = decodeForIstioctl(parseManifests("apiVersion: config.istio.io/v1alpha2\nkind: rule\nmetadata: {name: r, namespace: istio-system}\nspec:\n  bogus: 1\n")[0]);
    expect(r.ok && r.value.family).toBe("other");
  });
});

describe("kubectl 1.10 validation", () => {
  const check = (yaml: string) => kubectlValidationError(parseManifests(yaml)[0], "STDIN");

  it("requires apiVersion and kind", () => {
    expect(check("metadata: {name: x}\n")).toBe('error: error validating "STDIN": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false');
    expect(check("kind: Gateway\nmetadata: {name: x}\n")).toBe('error: error validating "STDIN": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false');
  });

  it("reports unknown fields with the OpenAPI type", () => {
    expect(check("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: s}\nspec:\n  replica: 1\n  selector: {matchLabels: {app: s}}\n  template: {metadata: {labels: {app: s}}, spec: {containers: [{name: s, image: x}]}}\n"))
      .toBe('error: error validating "STDIN": error validating data: ValidationError(Deployment.spec): unknown field "replica" in io.k8s.api.apps.v1.DeploymentSpec; if you choose to ignore these errors, turn validation off with --validate=false');
  });

  it("reports wrong types and missing required fields, all of them", () => {
    expect(check("apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: s}\nspec:\n  replicas: '1'\n  template:\n    metadata:\n      labels: {version: 1}\n    spec: {containers: [{image: x}]}\n"))
      .toBe('error: error validating "STDIN": error validating data: [ValidationError(Deployment.spec.replicas): invalid type for io.k8s.api.extensions.v1beta1.DeploymentSpec.replicas: got "string", expected "integer", ValidationError(Deployment.spec.template.metadata.labels.version): invalid type for io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta.labels: got "integer", expected "string", ValidationError(Deployment.spec.template.spec.containers[0]): missing required field "name" in io.k8s.api.core.v1.Container]; if you choose to ignore these errors, turn validation off with --validate=false');
  });

  it("does not recognize unknown kinds and does not validate custom resources", () => {
    expect(check("apiVersion: v1\nkind: Foo\nmetadata: {name: x}\n")).toBe('error: unable to recognize "STDIN": no matches for kind "Foo" in version "v1"');
    expect(check("apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata: {name: x}\nspec: {bogus: 1}\n")).toBeUndefined();
  });

  it("accepts the sleep sample", () => {
    expect(check("apiVersion: v1\nkind: Service\nmetadata:\n  name: sleep\n  labels: {app: sleep}\nspec:\n  ports:\n  - port: 80\n    name: http\n  selector: {app: sleep}\n")).toBeUndefined();
  });
});
