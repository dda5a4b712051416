/**
 * Check-time behaviour from the reference (§2.3, §4): listchecker entry types and blacklists,
 * denier defaults, combined failures, missing attributes in matches and in listentry values.
 */
import { describe, expect, it } from "vitest";
import { LOGGING as LOGGING_CONFIG } from "../../support/blogManifests.ts";
import { checkBag, makeHarness } from "./harness.ts";

const T = "2018-06-19T17:37:14.639102Z";

function checker(name: string, spec: string): string {
  return `
apiVersion: config.istio.io/v1alpha2
kind: listchecker
metadata: {name: ${name}, namespace: istio-system}
spec: ${spec}
`;
}

function rule(name: string, match: string | undefined, actions: string): string {
  return `
apiVersion: config.istio.io/v1alpha2
kind: rule
metadata: {name: ${name}, namespace: istio-system}
spec:
${match === undefined ? "" : `  match: ${match}\n`}  actions: ${actions}
`;
}

const PATH_ENTRY = `
apiVersion: config.istio.io/v1alpha2
kind: listentry
metadata: {name: request-path, namespace: istio-system}
spec: {value: request.path}
`;

describe("listchecker", () => {
  it("blacklist hit -> PERMISSION_DENIED, 403, `<v> is blacklisted`", () => {
    const h = makeHarness();
    h.apply([checker("blocked", '{overrides: ["/politics"], blacklist: true}'), PATH_ENTRY,
      rule("block", undefined, "[{handler: blocked.listchecker, instances: [request-path.listentry]}]")].join("\n---\n"));
    const denied = h.mixer.check(checkBag({ path: "/politics", time: T }));
    expect(denied).toMatchObject({ code: "PERMISSION_DENIED", httpStatus: 403, message: "PERMISSION_DENIED:blocked.listchecker.istio-system:/politics is blacklisted" });
    expect(h.mixer.check(checkBag({ path: "/sport", time: T }))).toMatchObject({ code: "OK", httpStatus: 200, message: "" });
  });

  it("CASE_INSENSITIVE_STRINGS ignores case; STRINGS does not", () => {
    const h = makeHarness();
    h.apply([checker("ci", '{overrides: ["/SPORT"], entryType: CASE_INSENSITIVE_STRINGS}'), PATH_ENTRY,
      rule("r", undefined, "[{handler: ci.listchecker, instances: [request-path.listentry]}]")].join("\n---\n"));
    expect(h.mixer.check(checkBag({ path: "/sport", time: T })).code).toBe("OK");
    h.apply(checker("ci", '{overrides: ["/SPORT"], entryType: STRINGS}'));
    expect(h.mixer.check(checkBag({ path: "/sport", time: T })).code).toBe("NOT_FOUND");
  });

  it("REGEX entries match unanchored (RE2)", () => {
    const h = makeHarness();
    h.apply([checker("re", '{overrides: ["^/(health|sport)"], entry_type: REGEX}'), PATH_ENTRY,
      rule("r", undefined, "[{handler: re.listchecker, instances: [request-path.listentry]}]")].join("\n---\n"));
    expect(h.mixer.check(checkBag({ path: "/sport/football", time: T })).code).toBe("OK");
    expect(h.mixer.check(checkBag({ path: "/politics", time: T })).code).toBe("NOT_FOUND");
  });

  it("IP_ADDRESSES entries are CIDRs; a value that is no IP is INVALID_ARGUMENT", () => {
    const h = makeHarness();
    h.apply([checker("ips", '{overrides: ["172.30.0.0/16"], entryType: IP_ADDRESSES}'),
      "apiVersion: config.istio.io/v1alpha2\nkind: listentry\nmetadata: {name: src, namespace: istio-system}\nspec:\n  value: request.headers[\"x-ip\"]\n",
      rule("r", undefined, "[{handler: ips.listchecker, instances: [src.listentry]}]")].join("\n---\n"));
    const withIp = (ip: string) => {
      const bag = checkBag({ path: "/", time: T });
      bag.set("request.headers", { "x-ip": ip });
      return h.mixer.check(bag);
    };
    expect(withIp("172.30.146.87").code).toBe("OK");
    expect(withIp("10.0.0.1").code).toBe("NOT_FOUND");
    expect(withIp("not-an-ip")).toMatchObject({ code: "INVALID_ARGUMENT", httpStatus: 400, message: "INVALID_ARGUMENT:ips.listchecker.istio-system:not-an-ip is not a valid IP address" });
  });

  it("a providerUrl list can never be fetched offline: no list loaded, requests allowed, error logged once", () => {
    const h = makeHarness();
    h.apply([checker("remote", '{providerUrl: "https://example.com/list", overrides: []}'), PATH_ENTRY,
      rule("r", undefined, "[{handler: remote.listchecker, instances: [request-path.listentry]}]")].join("\n---\n"));
    expect(h.mixer.check(checkBag({ path: "/politics", time: T })).code).toBe("OK");
    expect(h.mixer.check(checkBag({ path: "/politics", time: T })).code).toBe("OK");
    expect(h.newLines().filter((l) => l.includes("https://example.com/list"))).toHaveLength(1);
  });
});

describe("denier", () => {
  it("defaults to FAILED_PRECONDITION with an empty message: 400 `FAILED_PRECONDITION:<handler>:`", () => {
    const h = makeHarness();
    h.apply(["apiVersion: config.istio.io/v1alpha2\nkind: denier\nmetadata: {name: deny-all, namespace: istio-system}\nspec: {}\n",
      "apiVersion: config.istio.io/v1alpha2\nkind: checknothing\nmetadata: {name: nothing, namespace: istio-system}\nspec: {}\n",
      rule("deny", undefined, "[{handler: deny-all.denier, instances: [nothing.checknothing]}]")].join("\n---\n"));
    expect(h.mixer.check(checkBag({ path: "/", time: T }))).toMatchObject({
      code: "FAILED_PRECONDITION", httpStatus: 400, message: "FAILED_PRECONDITION:deny-all.denier.istio-system:",
    });
  });

  it("uses a configured status; several failures join with \", \" and the first code wins", () => {
    const h = makeHarness();
    h.apply(["apiVersion: config.istio.io/v1alpha2\nkind: denier\nmetadata: {name: a, namespace: istio-system}\nspec: {status: {code: 7, message: go away}}\n",
      "apiVersion: config.istio.io/v1alpha2\nkind: denier\nmetadata: {name: b, namespace: istio-system}\nspec: {status: {code: 16, message: who are you}}\n",
      "apiVersion: config.istio.io/v1alpha2\nkind: checknothing\nmetadata: {name: nothing, namespace: istio-system}\nspec: {}\n",
      rule("deny", undefined, "[{handler: a.denier, instances: [nothing.checknothing]}, {handler: b.denier, instances: [nothing.checknothing]}]")].join("\n---\n"));
    expect(h.mixer.check(checkBag({ path: "/", time: T }))).toMatchObject({
      code: "PERMISSION_DENIED", httpStatus: 403, message: "PERMISSION_DENIED:a.denier.istio-system:go away, b.denier.istio-system:who are you",
    });
  });
});

describe("missing attributes", () => {
  it("in a match: the rule does not match, Mixer warns `input set condition evaluation error`, the request passes", () => {
    const h = makeHarness();
    h.apply(["apiVersion: config.istio.io/v1alpha2\nkind: denier\nmetadata: {name: deny-all, namespace: istio-system}\nspec: {}\n",
      "apiVersion: config.istio.io/v1alpha2\nkind: checknothing\nmetadata: {name: nothing, namespace: istio-system}\nspec: {}\n",
      rule("needs-user", 'source.user == "bob"', "[{handler: deny-all.denier, instances: [nothing.checknothing]}]")].join("\n---\n"));
    h.mixer.flush();
    h.newLines();
    const result = h.mixer.check(checkBag({ path: "/", time: T }));
    expect(result.code).toBe("OK");
    const evaluation = result.rules.find((r) => r.rule === "needs-user.rule.istio-system")!;
    expect(evaluation).toMatchObject({ matched: false, error: "lookup failed: 'source.user'", inputs: { "source.user": null }, actions: [] });
    const lines = h.newLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z\twarn\tinput set condition evaluation error: .*lookup failed: 'source\.user'/);
  });

  it("in a listentry value: the instance is skipped (`error creating instance`) and the request is allowed", () => {
    const h = makeHarness();
    h.apply([checker("c", '{overrides: ["/health"]}'),
      "apiVersion: config.istio.io/v1alpha2\nkind: listentry\nmetadata: {name: user, namespace: istio-system}\nspec: {value: source.user}\n",
      rule("r", undefined, "[{handler: c.listchecker, instances: [user.listentry]}]")].join("\n---\n"));
    h.mixer.flush();
    h.newLines();
    const result = h.mixer.check(checkBag({ path: "/politics", time: T }));
    expect(result.code).toBe("OK");
    expect(result.rules.find((r) => r.rule === "r.rule.istio-system")!.actions[0].detail).toBe(
      "skipped: failed to evaluate expression for field 'Value': lookup failed: 'source.user'");
    expect(h.newLines()).toEqual([expect.stringContaining(
      "\twarn\terror creating instance: destination='listentry:c.listchecker.istio-system(listchecker)', error='failed to evaluate expression for field 'Value': lookup failed: 'source.user''")]);
  });

  it("a `|` default makes the value present: source.labels[\"app\"] | source.service | \"unknown\"", () => {
    const h = makeHarness();
    h.apply(LOGGING_CONFIG);
    const bag = checkBag({ path: "/sport", time: T });
    bag.delete("source.labels");
    bag.set("source.uid", "kubernetes://nonexistent-pod.default");
    bag.set("response.code", 200);
    h.mixer.report(bag);
    const line = h.log.read().find((l) => l.includes('"instance":"egress-access.logentry.istio-system"'))!;
    // No pod found: kubernetesenv's bindings fall back to emptyStringMap(), "unknown" and "default".
    expect(line).toContain('"source":"unknown","sourceNamespace":"default"');
  });
});

describe("namespaces", () => {
  it("rules outside istio-system apply only to requests whose destination.service is in their namespace", () => {
    const h = makeHarness();
    const ns = (n: string) => `
apiVersion: config.istio.io/v1alpha2
kind: denier
metadata: {name: deny, namespace: ${n}}
spec: {status: {code: 7, message: no}}
---
apiVersion: config.istio.io/v1alpha2
kind: checknothing
metadata: {name: nothing, namespace: ${n}}
spec: {}
---
apiVersion: config.istio.io/v1alpha2
kind: rule
metadata: {name: deny, namespace: ${n}}
spec:
  actions: [{handler: deny.denier, instances: [nothing.checknothing]}]
`;
    h.apply(ns("politics"));
    // The egress gateway's identity is istio-egressgateway.istio-system...: the politics rule does not apply.
    expect(h.mixer.check(checkBag({ path: "/", time: T })).code).toBe("OK");
    const bag = checkBag({ path: "/", time: T });
    // kubernetesenv derives destination.service from destination.uid (its binding overrides).
    bag.set("destination.uid", "kubernetes://sleep-6859f9d5cb-qz7mk.politics");
    expect(h.mixer.check(bag)).toMatchObject({ code: "PERMISSION_DENIED", message: "PERMISSION_DENIED:deny.denier.politics:no" });
  });
});
