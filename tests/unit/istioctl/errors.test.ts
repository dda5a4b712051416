/** Every error form of reference §7.4, plus istioctl's all-or-nothing parsing. */
import { describe, expect, it } from "vitest";
import { newLab } from "./harness.ts";
import { EGRESS_GATEWAY, LISTCHECKER, LOGGING, SE_VS_DR, SLEEP } from "../../support/blogManifests.ts";
import { findKind } from "../../../src/runtime/config/kinds.ts";

const VS = SE_VS_DR.split("---\n")[1];

describe("istioctl errors", () => {
  it("Pilot kind that exists: plain error, processing stops", async () => {
    const lab = newLab();
    await lab.run("create -f -", VS);
    const r = await lab.run("create -f -", VS + "---\n" + EGRESS_GATEWAY);
    expect(r.exitCode).toBe(255);
    expect(r.stderr).toBe('Error: virtualservices.networking.istio.io "direct-through-egress-gateway" already exists\n');
    expect(lab.store.get(findKind("gateway")!, "default", "istio-egressgateway")).toBeUndefined();
  });

  it("Mixer kind that exists: multierror, the other documents still run", async () => {
    const lab = newLab();
    await lab.run("create -f -", LISTCHECKER.split("---\n")[0]);
    const r = await lab.run("create -f -", LISTCHECKER);
    expect(r.exitCode).toBe(255);
    expect(r.stdout).toMatch(/^Created config listentry\/istio-system\/request-path at revision \d+\n$/);
    expect(r.stderr).toBe('Error: 1 error occurred:\n\n* listcheckers.config.istio.io "path-checker" already exists\n');
  });

  it("several Mixer failures: N errors occurred", async () => {
    const lab = newLab();
    await lab.run("create -f -", LOGGING);
    const r = await lab.run("create -f -", LOGGING);
    expect(r.stderr.split("\n").slice(0, 3)).toEqual(["Error: 5 errors occurred:", "", '* logentries.config.istio.io "egress-access" already exists']);
  });

  it("replace of a missing Pilot kind: revision is required", async () => {
    const r = await newLab().run("replace -f -", VS);
    expect(r.stderr).toBe("Error: revision is required\n");
    expect(r.exitCode).toBe(255);
  });

  it("replace of a missing Mixer kind: not found in a multierror", async () => {
    const r = await newLab().run("replace -f -", LOGGING.split("---\n")[2]);
    expect(r.stderr).toBe('Error: 1 error occurred:\n\n* rules.config.istio.io "handle-politics" not found\n');
  });

  it("unknown kinds go the Mixer way: kind X is not known", async () => {
    const r = await newLab().run("create -f -", SLEEP);
    expect(r.stderr).toBe("Error: 2 errors occurred:\n\n* kind Service is not known\n* kind Deployment is not known\n");
    const one = await newLab().run("create -f -", "apiVersion: config.istio.io/v1alpha2\nkind: Foo\nmetadata:\n  name: x\n");
    expect(one.stderr).toBe("Error: 1 error occurred:\n\n* kind Foo is not known\n");
  });

  it("YAML errors: cannot parse proto message, nothing created", async () => {
    const lab = newLab();
    const bad = EGRESS_GATEWAY + "---\nkind: VirtualService\nmetadata:\n  name: x\n   namespace: y\n";
    const r = await lab.run("create -f -", bad);
    expect(r.stderr).toBe("Error: cannot parse proto message: error converting YAML to JSON: yaml: line 3: did not find expected key\n");
    expect(lab.store.get(findKind("gateway")!, "default", "istio-egressgateway")).toBeUndefined();
    const r2 = await lab.run("create -f -", "kind: Gateway\nspec:\n  selector: a: b\n");
    expect(r2.stderr).toBe("Error: cannot parse proto message: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context\n");
  });

  it("invalid Pilot config: configuration is invalid, nothing created", async () => {
    const lab = newLab();
    const r = await lab.run("create -f -", EGRESS_GATEWAY + "---\n" + SE_VS_DR.replace("number: 80\n", "number: 70000\n"));
    expect(r.stderr).toBe("Error: configuration is invalid: port number 70000 must be in the range 1..65535\n");
    expect(lab.store.get(findKind("gateway")!, "default", "istio-egressgateway")).toBeUndefined();
  });

  it("unknown field in a Pilot kind: jsonpb's message after the YAML it decoded", async () => {
    const r = await newLab().run("create -f -", "kind: ServiceEntry\nmetadata:\n  name: cnn\nspec:\n  hosts: [edition.cnn.com]\n  foo: bar\n");
    expect(r.stderr).toBe('Error: cannot parse proto message: YAML decoding error: foo: bar\nhosts:\n- edition.cnn.com\n unknown field "foo" in v1alpha3.ServiceEntry\n');
  });

  it("no -f and empty input", async () => {
    const lab = newLab();
    expect((await lab.run("create")).stderr).toBe("Error: filename not specified (see --filename or -f)\n");
    expect((await lab.run("create -f -", "")).stderr).toBe("Error: nothing to create\n");
    expect((await lab.run("replace -f -", "# nothing\n---\n")).stderr).toBe("Error: nothing to replace\n");
    expect((await lab.run("delete -f -", "")).stderr).toBe("Error: nothing to delete\n");
  });

  it("unknown and hyphenated type names", async () => {
    const lab = newLab();
    const r = await lab.run("get foo");
    expect(r.stderr.endsWith("Error: configuration type foo not found, the types are routerule, virtualservice, gateway, egressrule, serviceentry, destinationpolicy, destinationrule, httpapispec, httpapispecbinding, quotaspec, quotaspecbinding, policy, servicerole, servicerolebinding\n")).toBe(true);
    const h = await lab.run("get virtual-service");
    expect(h.stderr.endsWith('Error: "virtual-service" not recognized. Please use non-hyphenated resource name "virtualservice"\n')).toBe(true);
    expect((await lab.run("delete virtual-service x")).stderr).toBe('Error: "virtual-service" not recognized. Please use non-hyphenated resource name "virtualservice"\n');
  });

  it("namespace of the object must agree with -n", async () => {
    const r = await newLab().run("create -f - -n default", LISTCHECKER);
    expect(r.stderr).toBe(`Error: the namespace from the provided object "istio-system" does not match the namespace "default". You must pass '--namespace=istio-system' to perform this operation\n`);
  });

  it("flag and command mistakes read like cobra", async () => {
    const lab = newLab();
    expect((await lab.run("create --filename x")).stderr).toBe("Error: unknown flag: --filename\n");
    const u = await lab.run("crate -f x");
    expect(u.stderr).toBe('Error: unknown command "crate" for "istioctl"\n\nDid you mean this?\n\tcreate\n\nRun \'istioctl --help\' for usage.\n');
    expect(u.exitCode).toBe(255);
  });
});
