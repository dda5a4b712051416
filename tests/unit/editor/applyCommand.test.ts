import { describe, expect, it } from "vitest";
import { applyCommand, documentKinds, isIstioManifest } from "../../../src/ui/editor/applyCommand.ts";

const gatewayVsDr = `apiVersion: networking.istio.io/v1alpha3
kind: Gateway
metadata:
  name: istio-egressgateway
---
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata:
  name: set-subset-for-egress-gateway
---
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: direct-cnn-through-egress-gateway
`;

const logging = `apiVersion: "config.istio.io/v1alpha2"
kind: logentry
metadata:
  name: egress-access
---
apiVersion: "config.istio.io/v1alpha2"
kind: stdio
metadata:
  name: egress-error-logger
---
apiVersion: "config.istio.io/v1alpha2"
kind: rule
metadata:
  name: handle-politics
`;

describe("documentKinds", () => {
  it("reads the top-level kind of every YAML document, ignoring nested kind keys", () => {
    expect(documentKinds(gatewayVsDr)).toEqual(["Gateway", "DestinationRule", "VirtualService"]);
    expect(documentKinds("kind: Deployment\nspec:\n  template:\n    kind: Pod\n")).toEqual(["Deployment"]);
  });
  it("reads quoted kinds and JSON manifests", () => {
    expect(documentKinds(`kind: "ServiceEntry"\n`)).toEqual(["ServiceEntry"]);
    expect(documentKinds(`{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "sleep"}}`)).toEqual(["Service"]);
  });
});

describe("applyCommand", () => {
  it("uses istioctl create for Istio networking kinds (the blog's egress gateway step)", () => {
    expect(applyCommand("egress-gateway.yaml", gatewayVsDr)).toBe("istioctl create -f egress-gateway.yaml");
  });
  it("uses istioctl for Mixer adapters, templates and rules, with replace when chosen", () => {
    expect(isIstioManifest(logging)).toBe(true);
    expect(applyCommand("egress-logging.yaml", logging, "replace")).toBe("istioctl replace -f egress-logging.yaml");
  });
  it("uses kubectl apply for Kubernetes kinds, mixed files and unknown kinds", () => {
    expect(applyCommand("sleep.yaml", "apiVersion: v1\nkind: Service\n---\napiVersion: extensions/v1beta1\nkind: Deployment\n"))
      .toBe("kubectl apply -f sleep.yaml");
    expect(applyCommand("mixed.yaml", `kind: Namespace\n---\n${gatewayVsDr}`)).toBe("kubectl apply -f mixed.yaml");
    expect(applyCommand("x.yaml", "kind: Frobnicator\n")).toBe("kubectl apply -f x.yaml");
    expect(applyCommand("empty.yaml", "")).toBe("kubectl apply -f empty.yaml");
  });
  it("quotes paths the shell would split", () => {
    expect(applyCommand("my file's.yaml", "kind: Service\n")).toBe(`kubectl apply -f 'my file'\\''s.yaml'`);
    expect(applyCommand("/root/egress-logging.yaml", logging)).toBe("istioctl create -f /root/egress-logging.yaml");
  });
});
