/**
 * Mixer reuses Check results and attribute generation for requests with the same inputs (see
 * inputsMemo.ts). Reuse must never be visible: any config, list or pod change gives fresh
 * results, and work that logs or depends on more than its inputs is done every time.
 */
import { describe, expect, it } from "vitest";
import { findKind } from "../../../src/runtime/config/kinds.ts";
import { checkBag, makeHarness, pod, reportBag } from "./harness.ts";

const T = "2018-06-19T17:37:14.639102Z";

const PATH_CHECK = `
apiVersion: config.istio.io/v1alpha2
kind: listchecker
metadata: {name: path-checker, namespace: istio-system}
spec: {overrides: ["/health", "/sport"]}
---
apiVersion: config.istio.io/v1alpha2
kind: listentry
metadata: {name: request-path, namespace: istio-system}
spec: {value: request.path}
---
apiVersion: config.istio.io/v1alpha2
kind: rule
metadata: {name: check-cnn, namespace: istio-system}
spec:
  match: request.host.endsWith(".cnn.com") && source.namespace != "politics"
  actions: [{handler: path-checker.listchecker, instances: [request-path.listentry]}]
`;

describe("Check memo", () => {
  it("answers a repeated request with the earlier result, and different inputs with their own", () => {
    const h = makeHarness();
    h.apply(PATH_CHECK);
    const denied = h.mixer.check(checkBag({ path: "/politics", time: T }));
    const allowed = h.mixer.check(checkBag({ path: "/sport", time: T }));
    expect(denied.code).toBe("NOT_FOUND");
    expect(allowed.code).toBe("OK");
    expect(h.mixer.check(checkBag({ path: "/politics", time: "2018-06-19T17:40:00Z" }))).toBe(denied);
    expect(h.mixer.check(checkBag({ path: "/sport", time: T }))).toBe(allowed);
    // Same path, another source namespace: the rule does not match, so the request passes.
    const fromPolitics = h.mixer.check(checkBag({ path: "/politics", time: T, sourcePod: "sleep-6859f9d5cb-qz7mk", sourceNamespace: "politics" }));
    expect(fromPolitics.code).toBe("OK");
    expect(fromPolitics.rules.find((r) => r.rule === "check-cnn.rule.istio-system")?.matched).toBe(false);
  });

  it("a list change gives fresh verdicts", () => {
    const h = makeHarness();
    h.apply(PATH_CHECK);
    expect(h.mixer.check(checkBag({ path: "/politics", time: T })).code).toBe("NOT_FOUND");
    h.apply(PATH_CHECK.replace('["/health", "/sport"]', '["/politics"]'));
    expect(h.mixer.check(checkBag({ path: "/politics", time: T })).code).toBe("OK");
    expect(h.mixer.check(checkBag({ path: "/sport", time: T })).code).toBe("NOT_FOUND");
  });

  it("a rule change gives fresh verdicts", () => {
    const h = makeHarness();
    h.apply(PATH_CHECK);
    expect(h.mixer.check(checkBag({ path: "/politics", time: T })).code).toBe("NOT_FOUND");
    h.apply(PATH_CHECK.replace('request.host.endsWith(".cnn.com")', 'request.host.endsWith(".bbc.com")'));
    expect(h.mixer.check(checkBag({ path: "/politics", time: T })).code).toBe("OK");
  });

  it("a pod change gives fresh attributes to match on", () => {
    const h = makeHarness();
    h.apply(PATH_CHECK.replace('source.namespace != "politics"', '(source.labels["team"] | "none") != "news"'));
    // One bag for both calls: the forwarded source.labels it carries is an input too (the match
    // reads source.labels, which attribute generation then overrides with the pod's).
    const bag = checkBag({ path: "/politics", time: T });
    expect(h.mixer.check(bag).code).toBe("NOT_FOUND");
    h.store.update(findKind("pod")!, pod("sleep-6859f9d5cb-l877h", "default", { app: "sleep", team: "news" }, "172.30.146.87"));
    expect(h.mixer.check(bag).code).toBe("OK");
  });

  it("checks that log are evaluated, and log, every time", () => {
    const h = makeHarness();
    h.apply(PATH_CHECK.replace('request.host.endsWith(".cnn.com")', 'request.referer == "x"'));
    h.mixer.flush();
    h.newLines();
    const first = h.mixer.check(checkBag({ path: "/politics", time: T }));
    const firstLines = h.newLines();
    expect(firstLines.some((l) => l.includes("lookup failed: 'request.referer'"))).toBe(true);
    const second = h.mixer.check(checkBag({ path: "/politics", time: T }));
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
    expect(h.newLines()).toEqual(firstLines);
  });

  it("a listchecker waiting for its providerUrl is asked every time", () => {
    const h = makeHarness();
    h.apply(PATH_CHECK.replace('{overrides: ["/health", "/sport"]}', '{providerUrl: "https://example.com/list", overrides: []}'));
    const first = h.mixer.check(checkBag({ path: "/politics", time: T }));
    const second = h.mixer.check(checkBag({ path: "/politics", time: T }));
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
  });
});

const NEWS_LOG = `
apiVersion: config.istio.io/v1alpha2
kind: stdio
metadata: {name: news-logger, namespace: istio-system}
spec: {outputAsJson: true}
---
apiVersion: config.istio.io/v1alpha2
kind: logentry
metadata: {name: news-access, namespace: istio-system}
spec:
  severity: '"info"'
  variables:
    team: 'source.labels["team"] | "none"'
    namespace: source.namespace
---
apiVersion: config.istio.io/v1alpha2
kind: rule
metadata: {name: log-news, namespace: istio-system}
spec:
  match: (source.labels["team"] | "none") == "news"
  actions: [{handler: news-logger.stdio, instances: [news-access.logentry]}]
`;

describe("attribute generation memo", () => {
  it("a pod change gives Report fresh generated attributes", () => {
    const h = makeHarness();
    h.apply(NEWS_LOG);
    const bag = reportBag({ path: "/sport", time: T }, 200, 1000);
    h.mixer.report(bag);
    h.mixer.report(bag);
    expect(h.newLines().filter((l) => l.includes("news-access"))).toEqual([]);
    h.store.update(findKind("pod")!, pod("sleep-6859f9d5cb-l877h", "default", { app: "sleep", team: "news" }, "172.30.146.87"));
    const result = h.mixer.report(bag);
    expect(h.newLines().filter((l) => l.includes("news-access"))).toEqual([
      '{"level":"info","time":"0001-01-01T00:00:00.000000Z","instance":"news-access.logentry.istio-system","namespace":"default","team":"news"}',
    ]);
    expect(result.rules.find((r) => r.rule === "log-news.rule.istio-system")?.inputs).toEqual({ "source.labels": { app: "sleep", team: "news" } });
  });

  it("reports with the same inputs read the same generated attributes", () => {
    const h = makeHarness();
    h.apply(NEWS_LOG.replace('== "news"', '!= "news"'));
    h.mixer.flush();
    h.newLines();
    h.mixer.report(reportBag({ path: "/sport", time: T }, 200, 1000));
    h.mixer.report(reportBag({ path: "/health", time: T }, 200, 1000));
    const lines = h.newLines().filter((l) => l.includes("news-access"));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(lines[0]);
    expect(lines[0]).toContain('"namespace":"default","team":"none"');
  });
});
