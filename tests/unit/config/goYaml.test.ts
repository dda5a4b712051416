import { describe, expect, it } from "vitest";
import { compareKeys, marshalGoYaml, scalarStyle } from "../../../src/runtime/config/goYaml.ts";

describe("marshalGoYaml (ghodss/yaml over yaml.v2)", () => {
  it("sorts keys, does not indent sequences under keys, and prints empty values as {} [] null", () => {
    expect(marshalGoYaml({ spec: { b: [], a: {} }, kind: "Pod", metadata: { creationTimestamp: null, name: "x" }, apiVersion: "v1" })).toBe(
      "apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  name: x\nspec:\n  a: {}\n  b: []\n",
    );
    expect(marshalGoYaml({ containers: [{ name: "a", ports: [{ containerPort: 80 }] }, { name: "b" }] })).toBe(
      "containers:\n- name: a\n  ports:\n  - containerPort: 80\n- name: b\n",
    );
  });

  it("quotes strings the way yaml.v2 does", () => {
    const cases: [string, string][] = [
      ["15001", '"15001"'], ["", '""'], ["*", "'*'"], ["-p", "-p"], ["REDIRECT", "REDIRECT"], ["80,", "80,"],
      ["true", '"true"'], ["yes", '"yes"'], ["on", '"on"'], ["null", '"null"'], ["~", '"~"'], ["1.5", '"1.5"'], ["0x1F", '"0x1F"'],
      ["1m0s", "1m0s"], ["45s", "45s"], ["istio-pilot.istio-system:15007", "istio-pilot.istio-system:15007"],
      ["a: b", "'a: b'"], ["#x", "'#x'"], ["x #y", "'x #y'"], ["it's: x", "'it''s: x'"], [" lead", "' lead'"], ["100m", "100m"],
      ["{\"version\":\"1\"}", "'{\"version\":\"1\"}'"], ["tab\there", '"tab\\there"'],
    ];
    for (const [input, expected] of cases) expect(marshalGoYaml({ k: input }), input).toBe(`k: ${expected}\n`);
  });

  it("folds long plain scalars at a space once past column 80 (real kube-inject output)", () => {
    const out = marshalGoYaml({ args: ["-c", "sysctl -w kernel.core_pattern=/etc/istio/proxy/core.%e.%p.%t && ulimit -c unlimited"] });
    expect(out).toBe("args:\n- -c\n- sysctl -w kernel.core_pattern=/etc/istio/proxy/core.%e.%p.%t && ulimit -c unlimited\n");
    const nested = marshalGoYaml({ a: { b: { c: { d: { args: ["sysctl -w kernel.core_pattern=/etc/istio/proxy/core.%e.%p.%t && ulimit -c unlimited"] } } } } });
    expect(nested).toContain("        - sysctl -w kernel.core_pattern=/etc/istio/proxy/core.%e.%p.%t && ulimit -c\n          unlimited\n");
  });

  it("writes multi-line strings as literal blocks", () => {
    expect(marshalGoYaml({ value: '{"a":1}\n' })).toBe('value: |\n  {"a":1}\n');
    expect(scalarStyle("a\nb")).toBe("literal");
  });

  it("orders keys like yaml.v2: numbers numerically, non-letters before letters", () => {
    expect(["b10", "b9", "a", "B"].sort(compareKeys)).toEqual(["B", "a", "b9", "b10"]);
    expect(["sidecar.istio.io/status", "sidecar.istio.io/inject"].sort(compareKeys)).toEqual(["sidecar.istio.io/inject", "sidecar.istio.io/status"]);
  });
});
