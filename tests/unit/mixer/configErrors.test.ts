/**
 * 0.8 has no validation of Mixer config: the API server accepts anything, Mixer logs what it
 * cannot use and drops only that piece (reference §2.2, §3.1, §7.4). Mixer's own lines are zap
 * console lines: `<27-char time>\t<level>\t<message>`.
 */
import { describe, expect, it } from "vitest";
import { LOGGING as LOGGING_CONFIG } from "../../support/blogManifests.ts";
import { checkBag, egressLines, makeHarness, reportBag } from "./harness.ts";

const T = "2018-06-18T13:22:58.317448Z";
const ZAP_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z\t(info|warn|error)\t/;

function reportSport(h: ReturnType<typeof makeHarness>): string[] {
  h.mixer.report(reportBag({ path: "/sport", time: T }, 200, 1000));
  return egressLines(h.newLines());
}

describe("bad Mixer config is accepted, logged and dropped", () => {
  it("a rule whose match does not compile is dropped; the other rules keep working", () => {
    const h = makeHarness();
    h.apply(LOGGING_CONFIG);
    h.apply(`
apiVersion: config.istio.io/v1alpha2
kind: rule
metadata: {name: handle-politics, namespace: istio-system}
spec:
  match: request.host.endsWith("cnn.com") && request.pathh.startsWith("/politics")
  actions:
  - handler: egress-error-logger.stdio
    instances: [egress-access.logentry]
`);
    h.mixer.flush();
    const lines = h.newLines().filter((l) => !l.includes("Built new config.Snapshot"));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    for (const l of lines) expect(l).toMatch(ZAP_LINE);
    expect(lines.some((l) => l.includes("\twarn\tUnable to compile match condition expression: ") && l.includes("rule='handle-politics.rule.istio-system'"))).toBe(true);
    expect(lines.some((l) => l.includes("request.pathh"))).toBe(true);
    // handle-cnn-access still logs at info; nothing at error.
    const out = reportSport(h);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('"level":"info"');
  });

  it("a match that is not BOOL is a type error", () => {
    const h = makeHarness();
    h.apply(LOGGING_CONFIG);
    h.apply(`
apiVersion: config.istio.io/v1alpha2
kind: rule
metadata: {name: handle-politics, namespace: istio-system}
spec:
  match: request.path
  actions: [{handler: egress-error-logger.stdio, instances: [egress-access.logentry]}]
`);
    h.mixer.flush();
    const lines = h.newLines();
    expect(lines).toContainEqual(expect.stringMatching(/\terror\texpression 'request\.path' evaluated to type STRING, expected type BOOL$/));
    expect(lines).toContainEqual(expect.stringMatching(/\twarn\tUnable to compile match condition expression: 'expression does not return a boolean: 'request\.path'', rule='handle-politics\.rule\.istio-system', expression='request\.path'$/));
  });

  it("a rule pointing at a missing handler logs `Handler not found` and is dropped", () => {
    const h = makeHarness();
    h.apply(LOGGING_CONFIG);
    h.remove("stdio", "istio-system", "egress-error-logger");
    h.mixer.flush();
    const lines = h.newLines();
    expect(lines).toContainEqual(expect.stringMatching(/\terror\tHandler not found: handler='egress-error-logger\.stdio\.istio-system'$/));
    expect(lines).toContainEqual(expect.stringMatching(/\terror\tNo valid actions found in rule$/));
    expect(reportSport(h)).toHaveLength(1);
  });

  it("a rule pointing at a missing instance logs `Instance not found`", () => {
    const h = makeHarness();
    h.apply(LOGGING_CONFIG);
    h.remove("logentry", "istio-system", "egress-access");
    h.mixer.flush();
    const lines = h.newLines();
    expect(lines).toContainEqual(expect.stringMatching(/\terror\tInstance not found: instance='egress-access\.logentry\.istio-system'$/));
    expect(lines).toContainEqual(expect.stringMatching(/\terror\tNo valid instances found$/));
    expect(h.mixer.check(checkBag({ path: "/sport", time: T })).code).toBe("OK");
  });

  it("a handler with an unknown field fails to initialize; rules using it are dropped", () => {
    const h = makeHarness();
    h.apply(LOGGING_CONFIG);
    h.apply(`
apiVersion: config.istio.io/v1alpha2
kind: stdio
metadata: {name: egress-error-logger, namespace: istio-system}
spec:
  severity_levels: {info: 2}
  outputAsJson: true
  colour: red
`);
    h.mixer.flush();
    const lines = h.newLines();
    expect(lines).toContainEqual(expect.stringMatching(
      /\terror\tUnable to initialize adapter: snapshot='\d+', handler='egress-error-logger\.stdio\.istio-system', adapter='stdio', err='unknown field "colour" in config\.Params'\.$/));
    expect(lines).toContain("Please remove the handler or fix the configuration.");
    expect(lines).toContainEqual(expect.stringMatching(
      /\twarn\tUnable to find a handler for action\. rule\[action\]='handle-politics\.rule\.istio-system\[0\]', handler='egress-error-logger\.stdio\.istio-system'$/));
    h.mixer.report(reportBag({ path: "/politics", time: T }, 200, 1000));
    const out = egressLines(h.newLines());
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('"level":"info"');
  });

  it("an instance with a type error is dropped with Mixer's message", () => {
    const h = makeHarness();
    h.apply(`
apiVersion: config.istio.io/v1alpha2
kind: listentry
metadata: {name: request-path, namespace: istio-system}
spec:
  value: response.code
`);
    h.mixer.flush();
    expect(h.newLines()).toContainEqual(expect.stringMatching(/\terror\terror type checking for field 'Value': Evaluated expression type INT64 want STRING$/));
  });

  it("an unknown attribute in a logentry variable drops the instance", () => {
    const h = makeHarness();
    h.apply(LOGGING_CONFIG.replace('user: source.user | "unknown"', 'user: source.usr | "unknown"'));
    h.mixer.flush();
    const lines = h.newLines();
    expect(lines).toContainEqual(expect.stringMatching(/\terror\tfailed to evaluate expression for field 'Variables\[user\]': .*source\.usr/));
    expect(reportSport(h)).toEqual([]);
  });

  it("logs each problem once per batch of config writes", () => {
    const h = makeHarness();
    h.apply(LOGGING_CONFIG);
    h.remove("stdio", "istio-system", "egress-error-logger");
    h.apply(`
apiVersion: config.istio.io/v1alpha2
kind: rule
metadata: {name: other, namespace: istio-system}
spec: {actions: [{handler: missing.stdio, instances: [egress-access.logentry]}]}
`);
    h.mixer.flush();
    h.mixer.flush();
    const lines = h.newLines();
    expect(lines.filter((l) => l.includes("Handler not found: handler='egress-error-logger.stdio.istio-system'"))).toHaveLength(1);
    expect(lines.filter((l) => l.includes("Built new config.Snapshot"))).toHaveLength(1);
  });
});

describe("stdio severity_levels", () => {
  it("a given map replaces the defaults: `{error: 2}` alone sends severity \"info\" to info (the fallback)", () => {
    const h = makeHarness();
    h.apply(LOGGING_CONFIG.replace("info: 2 # output log level as error", "error: 2"));
    h.mixer.report(reportBag({ path: "/politics", time: T }, 200, 1000));
    const out = egressLines(h.newLines());
    expect(out.map((l) => JSON.parse(l).level)).toEqual(["info", "info"]);
  });

  it("level 1 is written as \"warn\"", () => {
    const h = makeHarness();
    h.apply(LOGGING_CONFIG.replace("info: 2 # output log level as error", "info: WARNING"));
    h.mixer.report(reportBag({ path: "/politics", time: T }, 200, 1000));
    expect(egressLines(h.newLines()).map((l) => JSON.parse(l).level)).toEqual(["info", "warn"]);
  });

  it("console mode writes `<time>\\t<level>\\t<instance>\\t{\"k\": v, ...}`", () => {
    const h = makeHarness();
    h.apply(LOGGING_CONFIG.replace(" outputAsJson: true", " outputAsJson: false"));
    h.mixer.report(reportBag({ path: "/politics", time: T }, 404, 76));
    const out = egressLines(h.newLines());
    expect(out[1]).toBe(
      '2018-06-18T13:22:58.317448Z\terror\tegress-access.logentry.istio-system\t{"destination": "edition.cnn.com", "path": "/politics", "responseCode": 404, "responseSize": 76, "source": "sleep", "sourceNamespace": "default", "user": "unknown"}');
  });
});

describe("nothing a user writes throws", () => {
  it("survives malformed specs of every Mixer kind", () => {
    const h = makeHarness();
    h.apply(`
apiVersion: config.istio.io/v1alpha2
kind: rule
metadata: {name: weird, namespace: istio-system}
spec: {match: 42, actions: [null, 3, {handler: 7}]}
---
apiVersion: config.istio.io/v1alpha2
kind: rule
metadata: {name: weird2, namespace: istio-system}
spec: {actions: [null, {handler: handler.stdio, instances: [null, accesslog.logentry]}]}
---
apiVersion: config.istio.io/v1alpha2
kind: stdio
metadata: {name: weird, namespace: istio-system}
spec: {severity_levels: "x", outputAsJson: "yes"}
---
apiVersion: config.istio.io/v1alpha2
kind: listchecker
metadata: {name: weird, namespace: istio-system}
spec: {overrides: "x", entryType: NOPE}
---
apiVersion: config.istio.io/v1alpha2
kind: logentry
metadata: {name: weird, namespace: istio-system}
spec: {variables: [1, 2], severity: 3}
---
apiVersion: config.istio.io/v1alpha2
kind: rule
metadata: {name: weird3, namespace: istio-system}
spec: {actions: [{handler: weird.stdio, instances: [weird.logentry]}, {handler: weird.listchecker, instances: [weird.logentry]}]}
`);
    expect(() => h.mixer.flush()).not.toThrow();
    expect(() => h.mixer.report(reportBag({ path: "/", time: T }, 200, 1))).not.toThrow();
    expect(h.mixer.check(checkBag({ path: "/", time: T })).code).toBe("OK");
  });
});
