/**
 * The blog's phases at the Mixer level: the egress gateway's Check and Report for curl requests
 * to edition.cnn.com, and the lines `kubectl logs ... mixer | grep egress-access | grep cnn` shows.
 * Expected outputs come from the blog and the reference (§1.6, §3.3, §4.4, §8).
 */
import { describe, expect, it } from "vitest";
import { RULE_WITH_CHECKER as CNN_RULE_WITH_CHECK, LISTCHECKER as LISTCHECKER_CONFIG, LOGGING as LOGGING_CONFIG, RULES_EXEMPT_POLITICS as POLITICS_EXEMPTION } from "../../support/blogManifests.ts";
import { checkBag, egressLines, makeHarness, reportBag, type Harness, type RequestSpec } from "./harness.ts";

/** One request through the gateway: Check, then Report with what the client got. */
function request(h: Harness, r: RequestSpec, upstream: { code: number; size: number }) {
  const check = h.mixer.check(checkBag(r));
  if (check.code !== "OK") {
    const body = check.message;
    h.mixer.report(reportBag(r, check.httpStatus, new TextEncoder().encode(body).length, 1_000_000, [
      ["check.error_code", 5],
      ["check.error_message", body],
    ]));
    return { status: check.httpStatus, check };
  }
  h.mixer.report(reportBag(r, upstream.code, upstream.size));
  return { status: upstream.code, check };
}

function line(level: string, time: string, path: string, code: number, size: number, ns = "default"): string {
  return `{"level":"${level}","time":"${time}","instance":"egress-access.logentry.istio-system","destination":"edition.cnn.com","path":"${path}","responseCode":${code},"responseSize":${size},"source":"sleep","sourceNamespace":"${ns}","user":"unknown"}`;
}

describe("blog phase 1: logging", () => {
  it("logs three info lines and one error line with the blog's keys, order and shared time", () => {
    const h = makeHarness();
    h.apply(LOGGING_CONFIG);
    const statuses = [
      request(h, { path: "/politics", time: "2018-06-18T13:22:58.317448Z" }, { code: 200, size: 150448 }).status,
      request(h, { path: "/sport", time: "2018-06-18T13:22:59.234426Z" }, { code: 200, size: 358651 }).status,
      request(h, { path: "/health", time: "2018-06-18T13:22:59.354943Z" }, { code: 200, size: 332218 }).status,
    ];
    expect(statuses).toEqual([200, 200, 200]);
    expect(egressLines(h.log.read()).slice(-4)).toEqual([
      line("info", "2018-06-18T13:22:58.317448Z", "/politics", 200, 150448),
      line("error", "2018-06-18T13:22:58.317448Z", "/politics", 200, 150448),
      line("info", "2018-06-18T13:22:59.234426Z", "/sport", 200, 358651),
      line("info", "2018-06-18T13:22:59.354943Z", "/health", 200, 332218),
    ]);
  });

  it("also writes the default accesslog lines, which the blog's grep filters out", () => {
    const h = makeHarness();
    h.apply(LOGGING_CONFIG);
    request(h, { path: "/sport", time: "2018-06-18T13:22:59.234426Z" }, { code: 200, size: 358651 });
    const access = h.log.read().filter((l) => l.includes('"instance":"accesslog.logentry.istio-system"'));
    expect(access).toHaveLength(1);
    expect(access[0]).toContain('"url":"/sport"');
    expect(access[0]).toContain('"sourceNamespace":"default"');
    expect(access[0]).toContain('"latency":"3ms"');
    expect(egressLines(access)).toEqual([]);
  });
});

describe("blog phase 2: access control by routing", () => {
  it("logs the gateway's 404 with responseSize 0 (Mixer still reports the request)", () => {
    const h = makeHarness();
    h.apply(LOGGING_CONFIG);
    request(h, { path: "/politics", time: "2018-06-19T12:39:48.050666Z" }, { code: 404, size: 0 });
    expect(egressLines(h.log.read())).toEqual([
      line("info", "2018-06-19T12:39:48.050666Z", "/politics", 404, 0),
      line("error", "2018-06-19T12:39:48.050666Z", "/politics", 404, 0),
    ]);
  });
});

describe("blog phase 3: access control by Mixer policy checks", () => {
  it("denies /politics with NOT_FOUND -> 404 and the exact 76-byte body; allows /sport and /health", () => {
    const h = makeHarness();
    h.apply(LOGGING_CONFIG);
    h.apply(LISTCHECKER_CONFIG);
    h.apply(CNN_RULE_WITH_CHECK);
    const politics = request(h, { path: "/politics", time: "2018-06-19T17:37:14.639102Z" }, { code: 200, size: 151654 });
    const sport = request(h, { path: "/sport", time: "2018-06-19T17:37:14.653225Z" }, { code: 200, size: 356349 });
    const health = request(h, { path: "/health", time: "2018-06-19T17:37:14.767923Z" }, { code: 200, size: 334027 });
    expect([politics.status, sport.status, health.status]).toEqual([404, 200, 200]);
    expect(politics.check.code).toBe("NOT_FOUND");
    expect(politics.check.message).toBe("NOT_FOUND:path-checker.listchecker.istio-system:/politics is not whitelisted");
    expect(new TextEncoder().encode(politics.check.message).length).toBe(76);
    expect(sport.check).toMatchObject({ code: "OK", message: "", httpStatus: 200 });
    expect(egressLines(h.log.read())).toEqual([
      line("info", "2018-06-19T17:37:14.639102Z", "/politics", 404, 76),
      line("error", "2018-06-19T17:37:14.639102Z", "/politics", 404, 76),
      line("info", "2018-06-19T17:37:14.653225Z", "/sport", 200, 356349),
      line("info", "2018-06-19T17:37:14.767923Z", "/health", 200, 334027),
    ]);
  });

  it("explains the verdict: the rule, its inputs and the adapter's answer", () => {
    const h = makeHarness();
    h.apply(LOGGING_CONFIG + "\n---\n" + LISTCHECKER_CONFIG + "\n---\n" + CNN_RULE_WITH_CHECK);
    const { check } = request(h, { path: "/politics", time: "2018-06-19T17:37:14.639102Z" }, { code: 200, size: 1 });
    const rule = check.rules.find((r) => r.rule === "handle-cnn-access.rule.istio-system")!;
    expect(rule).toMatchObject({ matched: true, match: 'request.host.endsWith(".cnn.com")', inputs: { "request.host": "edition.cnn.com" } });
    expect(rule.actions).toEqual([{
      handler: "path-checker.listchecker.istio-system",
      instance: "request-path.listentry.istio-system",
      code: "NOT_FOUND",
      message: "/politics is not whitelisted",
      detail: 'value "/politics" is not whitelisted',
    }]);
  });

  it("matches the whitelist exactly: a query string or trailing slash is not on the list", () => {
    const h = makeHarness();
    h.apply(LOGGING_CONFIG + "\n---\n" + LISTCHECKER_CONFIG + "\n---\n" + CNN_RULE_WITH_CHECK);
    expect(h.mixer.check(checkBag({ path: "/sport?x=1", time: "2018-06-19T17:37:14Z" })).httpStatus).toBe(404);
    expect(h.mixer.check(checkBag({ path: "/sport/", time: "2018-06-19T17:37:14Z" })).httpStatus).toBe(404);
  });
});

describe("blog phase 4: the politics namespace", () => {
  it("before the exemption, politics' sleep is denied and logged with sourceNamespace politics", () => {
    const h = makeHarness();
    h.apply(LOGGING_CONFIG + "\n---\n" + LISTCHECKER_CONFIG + "\n---\n" + CNN_RULE_WITH_CHECK);
    const r = { path: "/politics", time: "2018-06-19T17:37:14.639102Z", sourcePod: "sleep-6859f9d5cb-qz7mk", sourceNamespace: "politics" };
    expect(request(h, r, { code: 200, size: 1 }).status).toBe(404);
    expect(egressLines(h.log.read())).toEqual([
      line("info", "2018-06-19T17:37:14.639102Z", "/politics", 404, 76, "politics"),
      line("error", "2018-06-19T17:37:14.639102Z", "/politics", 404, 76, "politics"),
    ]);
  });

  it("after the exemption, politics gets 200 everywhere and no lines; default is still denied", () => {
    const h = makeHarness();
    h.apply(LOGGING_CONFIG + "\n---\n" + LISTCHECKER_CONFIG + "\n---\n" + CNN_RULE_WITH_CHECK);
    h.apply(POLITICS_EXEMPTION);
    const fromPolitics = (path: string) => ({ path, time: "2018-06-19T17:40:00.000001Z", sourcePod: "sleep-6859f9d5cb-qz7mk", sourceNamespace: "politics" });
    const statuses = ["/politics", "/sport", "/health"].map((p) => request(h, fromPolitics(p), { code: 200, size: 1000 }).status);
    expect(statuses).toEqual([200, 200, 200]);
    expect(egressLines(h.log.read())).toEqual([]);
    expect(request(h, { path: "/politics", time: "2018-06-19T17:41:00Z" }, { code: 200, size: 1 }).status).toBe(404);
    expect(egressLines(h.log.read())).toHaveLength(2);
  });
});

describe("dashboard metrics", () => {
  it("counts requests by source, version, destination and response code", () => {
    const h = makeHarness();
    h.apply(LOGGING_CONFIG + "\n---\n" + LISTCHECKER_CONFIG + "\n---\n" + POLITICS_EXEMPTION);
    for (const p of ["/politics", "/sport", "/health"]) request(h, { path: p, time: "2018-06-19T17:40:00Z" }, { code: 200, size: 1000 });
    for (const p of ["/politics", "/sport", "/health"]) {
      request(h, { path: p, time: "2018-06-19T17:40:01Z", sourcePod: "sleep-6859f9d5cb-qz7mk", sourceNamespace: "politics" }, { code: 200, size: 1000 });
    }
    const counts = h.metrics.samples().filter((s) => s.name === "istio_request_count");
    const common = { connection_mtls: "false", destination_service: "istio-egressgateway.istio-system.svc.cluster.local", destination_version: "unknown", source_version: "unknown" };
    expect(counts).toEqual([
      { name: "istio_request_count", labels: { ...common, response_code: "200", source_service: "sleep.default.svc.cluster.local" }, value: 2 },
      { name: "istio_request_count", labels: { ...common, response_code: "200", source_service: "sleep.politics.svc.cluster.local" }, value: 3 },
      { name: "istio_request_count", labels: { ...common, response_code: "404", source_service: "sleep.default.svc.cluster.local" }, value: 1 },
    ].map((s) => ({ ...s, labels: Object.fromEntries(Object.entries(s.labels).sort(([a], [b]) => (a < b ? -1 : 1))) })));
    expect(h.metrics.render()).toContain(
      'istio_request_count{connection_mtls="false",destination_service="istio-egressgateway.istio-system.svc.cluster.local",destination_version="unknown",response_code="404",source_service="sleep.default.svc.cluster.local",source_version="unknown"} 1\n',
    );
  });
});
