/**
 * Mixer answers a rule's match from a recent evaluation of the rule with the same input values
 * (see `knownMatch` in mixer.ts). Whatever sequence of requests comes in, every call must report
 * each rule as matched or not, with the same failure, and log the same warnings, as a Mixer that
 * evaluates every match afresh.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { AttributeValue, RuleEvaluation } from "../../../src/runtime/mixer/types.ts";
import { POSITION, RequestAttributes, type FilterAttribute } from "../../../src/runtime/proxy/request-attributes.ts";
import type { AttributeBag } from "../../../src/runtime/mixer/types.ts";
import { makeHarness, reportBag, type Harness } from "./harness.ts";

const RULES = `
apiVersion: config.istio.io/v1alpha2
kind: stdio
metadata: {name: egress-logger, namespace: istio-system}
spec: {outputAsJson: true}
---
apiVersion: config.istio.io/v1alpha2
kind: logentry
metadata: {name: egress-access, namespace: istio-system}
spec:
  severity: '"info"'
  variables: {path: request.path | "unknown"}
---
apiVersion: config.istio.io/v1alpha2
kind: rule
metadata: {name: politics, namespace: istio-system}
spec:
  match: request.host.endsWith("cnn.com") && request.path.startsWith("/politics") && source.namespace != "politics"
  actions: [{handler: egress-logger.stdio, instances: [egress-access.logentry]}]
---
apiVersion: config.istio.io/v1alpha2
kind: rule
metadata: {name: by-header, namespace: istio-system}
spec:
  match: request.headers["x-user"] == "a"
  actions: [{handler: egress-logger.stdio, instances: [egress-access.logentry]}]
`;

const request = fc.record({
  path: fc.constantFrom("/politics", "/politics/x", "/sport", "/health"),
  host: fc.constantFrom("edition.cnn.com", "httpbin.org"),
  namespace: fc.constantFrom("default", "politics"),
  headers: fc.constantFrom<Record<string, string> | undefined>(undefined, {}, { "x-user": "a" }, { "x-user": "b" }),
});

function bagOf(r: { path: string; host: string; namespace: string; headers: Record<string, string> | undefined }): Map<string, AttributeValue> {
  const extra: [string, AttributeValue][] = r.headers ? [["request.headers", r.headers]] : [];
  return reportBag({ path: r.path, host: r.host, time: "2018-06-18T13:22:58.317448Z", sourcePod: r.namespace === "default" ? undefined : "sleep-6859f9d5cb-qz7mk", sourceNamespace: r.namespace }, 200, 10, 3_000_000, extra);
}

/** Everything a trace shows of each rule's evaluation. */
/** The same attributes in the gateway filter's own bag, which Mixer reads through its flat bag. */
function asFilterBag(bag: Map<string, AttributeValue>): AttributeBag {
  const attrs = new RequestAttributes();
  for (const [name, v] of bag) attrs.set(POSITION[name as FilterAttribute], v);
  return attrs;
}

function verdicts(rules: readonly RuleEvaluation[]): unknown[] {
  return rules.map((r) => ({
    rule: r.rule, match: r.match, matched: r.matched, inputs: { ...r.inputs }, actions: r.actions.map((a) => ({ ...a })),
    ...(r.error !== undefined ? { error: r.error } : {}),
  }));
}

function configured(): Harness {
  const h = makeHarness();
  h.apply(RULES);
  h.mixer.flush();
  h.newLines();
  return h;
}

describe("rule matches answered from recent evaluations", () => {
  for (const [label, bagFor] of [["a plain bag", (m: Map<string, AttributeValue>) => m], ["the gateway filter's bag", asFilterBag]] as const) {
    it(`are what a fresh evaluation gives, warnings included (${label})`, () => {
      fc.assert(
        fc.property(fc.array(request, { minLength: 1, maxLength: 12 }), (requests) => {
          const reused = configured();
          for (const r of requests) {
            const fresh = configured();
            // A Check first, as the gateway does: its evaluations are among those a Report's matches may be answered from.
            expect(verdicts(reused.mixer.check(bagFor(bagOf(r))).rules)).toEqual(verdicts(fresh.mixer.check(bagFor(bagOf(r))).rules));
            const expected = fresh.mixer.report(bagFor(bagOf(r)));
            const actual = reused.mixer.report(bagFor(bagOf(r)));
            expect(verdicts(actual.rules)).toEqual(verdicts(expected.rules));
            const warnings = (h: Harness) => h.newLines().filter((l) => l.includes("input set condition evaluation error"));
            expect(warnings(reused).map((l) => l.split("\t").slice(1))).toEqual(warnings(fresh).map((l) => l.split("\t").slice(1)));
          }
        }),
        { numRuns: 40 },
      );
    });
  }
});
