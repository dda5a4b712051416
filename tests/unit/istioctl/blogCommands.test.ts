/** The istioctl commands of the blog and its prerequisite task, with the outputs of reference §7.4. */
import { describe, expect, it } from "vitest";
import { newLab, revisions } from "./harness.ts";
import { EGRESS_GATEWAY, EGRESS_GATEWAY_NO_API_VERSION, LISTCHECKER, LOGGING, RULES_EXEMPT_POLITICS, RULE_WITH_CHECKER, SE_VS_DR, VS_WITH_REGEX } from "../../support/blogManifests.ts";
import { findKind } from "../../../src/runtime/config/kinds.ts";

describe("istioctl create -f - (egress gateway task)", () => {
  it("accepts the Gateway without apiVersion and prints Pilot's hyphenated type", async () => {
    const lab = newLab();
    const r = await lab.run("create -f -", EGRESS_GATEWAY_NO_API_VERSION);
    expect(r.exitCode).toBe(0);
    // cobra's c.Printf goes to stderr in istioctl 0.8.
    expect(r.stderr).toMatch(/^Created config gateway\/default\/istio-egressgateway at revision \d+\n$/);
    const gw = lab.store.get(findKind("gateway")!, "default", "istio-egressgateway")!;
    expect(gw.apiVersion).toBe("networking.istio.io/v1alpha3");
    expect(gw.spec.servers[0].port).toEqual({ number: 443, name: "http-port-for-tls-origination", protocol: "HTTP" });
    expect(String(revisions(r.stderr)[0])).toBe(gw.metadata.resourceVersion);
  });

  it("creates ServiceEntry, VirtualService and DestinationRule in input order with growing revisions", async () => {
    const lab = newLab();
    const r = await lab.run("create -f -", SE_VS_DR);
    expect(r.exitCode).toBe(0);
    const lines = r.stderr.trim().split("\n");
    expect(lines.map((l) => l.replace(/\d+$/, "N"))).toEqual([
      "Created config service-entry/default/cnn at revision N",
      "Created config virtual-service/default/direct-through-egress-gateway at revision N",
      "Created config destination-rule/default/originate-tls-for-edition-cnn-com at revision N",
    ]);
    const revs = revisions(r.stderr);
    expect(revs[0]).toBeLessThan(revs[1]);
    expect(revs[1]).toBeLessThan(revs[2]);
    // Stored as Pilot's client posts it: jsonpb output, default enum values left out.
    const dr = lab.store.get(findKind("destinationrule")!, "default", "originate-tls-for-edition-cnn-com")!;
    expect(dr.spec).toEqual({ host: "edition.cnn.com", trafficPolicy: { loadBalancer: {}, portLevelSettings: [{ port: { number: 443 }, tls: { mode: "SIMPLE" } }] } });
  });
});

describe("istioctl create/replace (blog)", () => {
  it("creates the logging config: Mixer kinds by CRD kind, on stdout, in input order", async () => {
    const lab = newLab();
    const r = await lab.run("create -f -", LOGGING);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.replace(/\d+\n/g, "N\n")).toBe([
      "Created config logentry/istio-system/egress-access at revision N",
      "Created config stdio/istio-system/egress-error-logger at revision N",
      "Created config rule/istio-system/handle-politics at revision N",
      "Created config stdio/istio-system/egress-access-logger at revision N",
      "Created config rule/istio-system/handle-cnn-access at revision N",
      "",
    ].join("\n"));
    // Mixer kinds are stored as written (no client-side validation).
    const stdio = lab.store.get(findKind("stdio")!, "istio-system", "egress-error-logger")!;
    expect(stdio.spec).toEqual({ severity_levels: { info: 2 }, outputAsJson: true });
  });

  it("replaces the VirtualService with the routing ACL", async () => {
    const lab = newLab();
    await lab.run("create -f -", EGRESS_GATEWAY + "---\n" + SE_VS_DR);
    const before = Number(lab.store.get(findKind("virtualservice")!, "default", "direct-through-egress-gateway")!.metadata.resourceVersion);
    const r = await lab.run("replace -f -", VS_WITH_REGEX);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Updated config virtual-service\/default\/direct-through-egress-gateway to revision \d+\n$/);
    expect(revisions(r.stdout)[0]).toBeGreaterThan(before);
    const vs = lab.store.get(findKind("virtualservice")!, "default", "direct-through-egress-gateway")!;
    expect(vs.spec.http[1].match[0].uri).toEqual({ regex: "/health|/sport" });
  });

  it("creates the listchecker and listentry, then replaces the rules", async () => {
    const lab = newLab();
    await lab.run("create -f -", LOGGING);
    const c = await lab.run("create -f -", LISTCHECKER);
    expect(c.stdout.replace(/\d+\n/g, "N\n")).toBe("Created config listchecker/istio-system/path-checker at revision N\nCreated config listentry/istio-system/request-path at revision N\n");
    const r1 = await lab.run("replace -f -", RULE_WITH_CHECKER);
    expect(r1.stdout).toMatch(/^Updated config rule\/istio-system\/handle-cnn-access to revision \d+\n$/);
    const r2 = await lab.run("replace -f -", RULES_EXEMPT_POLITICS);
    expect(r2.stdout.replace(/\d+\n/g, "N\n")).toBe("Updated config rule/istio-system/handle-politics to revision N\nUpdated config rule/istio-system/handle-cnn-access to revision N\n");
    const rule = lab.store.get(findKind("rule")!, "istio-system", "handle-cnn-access")!;
    expect(rule.spec.match).toBe('request.host.endsWith(".cnn.com") && source.namespace != "politics"');
  });

  it("processes Pilot kinds before Mixer kinds", async () => {
    const lab = newLab();
    const r = await lab.run("create -f -", LISTCHECKER + "---\n" + EGRESS_GATEWAY);
    expect(r.stderr).toMatch(/^Created config gateway\/default\/istio-egressgateway at revision \d+\n$/);
    const gw = revisions(r.stderr)[0];
    expect(revisions(r.stdout).every((rv) => rv > gw)).toBe(true);
  });

  it("reads -f files relative to the shell", async () => {
    const lab = newLab();
    lab.files.set("gw.yaml", EGRESS_GATEWAY);
    const r = await lab.run("create -f gw.yaml");
    expect(r.stderr).toMatch(/^Created config gateway\/default\/istio-egressgateway/);
    const missing = await lab.run("create -f nope.yaml");
    expect(missing.stderr).toBe("Error: open nope.yaml: no such file or directory\n");
  });
});

describe("istioctl delete", () => {
  it("deletes by type and name, echoing the type as typed", async () => {
    const lab = newLab();
    await lab.run("create -f -", EGRESS_GATEWAY + "---\n" + SE_VS_DR);
    const r = await lab.run("delete gateway istio-egressgateway");
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe("Deleted config: gateway istio-egressgateway\n");
    expect((await lab.run("delete serviceentry cnn")).stderr).toBe("Deleted config: serviceentry cnn\n");
  });

  it("fails on the doc's non-existent rewrite-port-for-edition-cnn-com", async () => {
    const lab = newLab();
    const r = await lab.run("delete virtualservice rewrite-port-for-edition-cnn-com");
    expect(r.exitCode).toBe(255);
    expect(r.stderr).toBe('Error: 1 error occurred:\n\n* cannot delete rewrite-port-for-edition-cnn-com: virtualservices.networking.istio.io "rewrite-port-for-edition-cnn-com" not found\n');
  });

  it("deletes from a file with keys", async () => {
    const lab = newLab();
    await lab.run("create -f -", SE_VS_DR + "---\n" + LISTCHECKER);
    const r = await lab.run("delete -f -", SE_VS_DR + "---\n" + LISTCHECKER);
    expect(r.stderr).toBe("Deleted config: service-entry/default/cnn\nDeleted config: virtual-service/default/direct-through-egress-gateway\nDeleted config: destination-rule/default/originate-tls-for-edition-cnn-com\n");
    expect(r.stdout).toBe("Deleted config: listchecker/istio-system/path-checker\nDeleted config: listentry/istio-system/request-path\n");
  });
});

describe("istioctl get", () => {
  it("lists virtual services in the short 0.8 format (tabwriter 10/4/3)", async () => {
    const lab = newLab();
    await lab.run("create -f -", SE_VS_DR);
    const r = await lab.run("get virtualservices");
    expect(r.stdout).toBe(
      "NAME                            KIND                                          NAMESPACE\n" +
      "direct-through-egress-gateway   VirtualService.networking.istio.io.v1alpha3   default\n");
  });

  it("prints YAML followed by ---", async () => {
    const lab = newLab();
    await lab.run("create -f -", SE_VS_DR);
    const r = await lab.run("get serviceentry cnn -o yaml");
    const rv = lab.store.get(findKind("serviceentry")!, "default", "cnn")!.metadata.resourceVersion;
    expect(r.stdout).toBe(`apiVersion: networking.istio.io/v1alpha3
kind: ServiceEntry
metadata:
  creationTimestamp: null
  name: cnn
  namespace: default
  resourceVersion: "${rv}"
spec:
  hosts:
  - edition.cnn.com
  ports:
  - name: http-port
    number: 80
    protocol: HTTP
  - name: http-port-for-tls-origination
    number: 443
    protocol: HTTP
  resolution: DNS
---
`);
  });

  it("says No resources found. and respects -n and --all-namespaces", async () => {
    const lab = newLab();
    expect((await lab.run("get gateways")).stderr).toBe("No resources found.\n");
    await lab.run("create -f - -n politics", EGRESS_GATEWAY);
    expect((await lab.run("get gateways")).stderr).toBe("No resources found.\n");
    expect((await lab.run("get gateways -n politics")).stdout).toContain("istio-egressgateway   Gateway.networking.istio.io.v1alpha3   politics");
    expect((await lab.run("get gateways --all-namespaces")).stdout).toContain("politics");
  });
});

describe("istioctl version, kube-inject, help", () => {
  it("prints 0.8.0's LongForm followed by a blank line", async () => {
    const r = await newLab().run("version");
    expect(r.stdout).toMatch(/^Version: 0\.8\.0\nGitRevision: 6f9f420f0c7119ff4fa6a1966a6f6d89b1b4db84\nUser: \S+@\S+\nHub: docker\.io\/istio\nGolangVersion: go1\.\d+\.\d+\nBuildStatus: Clean\n\n$/);
  });

  it("kube-injects a file or stdin, optionally into a file", async () => {
    const lab = newLab();
    lab.files.set("sleep.yaml", "kind: Deployment\n");
    expect((await lab.run("kube-inject -f sleep.yaml")).stdout).toBe("# injected\nkind: Deployment\n");
    expect((await lab.run("kube-inject -f -", "x: 1\n")).stdout).toBe("# injected\nx: 1\n");
    await lab.run("kube-inject -f sleep.yaml -o out.yaml");
    expect(lab.files.get("out.yaml")).toBe("# injected\nkind: Deployment\n");
    expect((await lab.run("kube-inject")).stderr).toBe("Error: filename not specified (see --filename or -f)\n");
    expect((await lab.run("kube-inject -f -", "BROKEN")).stderr).toBe("Error: bad input\n");
  });

  it("shows help for commands", async () => {
    const lab = newLab();
    const h = await lab.run("create --help");
    expect(h.exitCode).toBe(0);
    expect(h.stdout).toContain("Create policies and rules\n\nUsage:\n  istioctl create [flags]");
    expect(h.stdout).toContain("  -f, --file string");
    expect((await lab.run("")).stdout).toContain("Istio configuration command line utility.");
    expect((await lab.run("get -h")).stdout).toContain("istioctl get <type> [<name>] [flags]");
  });
});
