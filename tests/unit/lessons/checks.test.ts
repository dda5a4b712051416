import { beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { loadCourse } from "../../../src/lessons/files.ts";
import { LessonEngine, runCheck } from "../../../src/runtime/lessons/index.ts";
import type { Sandbox } from "../../../src/runtime/sandbox.ts";
import { LOGGING, VS_WITH_REGEX } from "../../support/blogManifests.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const engine = new LessonEngine(loadCourse(root).lessons);
let sb: Sandbox;
const curl = (path: string) => `kubectl exec -it $SOURCE_POD -c sleep -- curl -sL -o /dev/null -w "%{http_code}\\n" http://edition.cnn.com${path}`;
const apply = (manifest: string) => `cat <<EOF | kubectl apply -f -\n${manifest}EOF`;

beforeAll(async () => {
  sb = engine.restore(await engine.endState("before-you-begin"));
});

describe("checks over the sandbox", () => {
  it("object: existence, absence and contained fields", () => {
    expect(runCheck(sb, { object: { kind: "VirtualService", name: "direct-through-egress-gateway" } })).toEqual({ passed: true, reason: "" });
    expect(runCheck(sb, { object: { kind: "virtualservices", name: "nope", namespace: "default" } }).reason).toBe("there is no VirtualService named nope in namespace default");
    expect(runCheck(sb, { object: { kind: "Gateway", name: "istio-egressgateway", exists: false } }).reason).toBe("Gateway istio-egressgateway still exists in namespace default");
    expect(runCheck(sb, { object: { kind: "Gateway", name: "istio-egressgateway", contains: { spec: { servers: [{ port: { number: "443" } }] } } } }).passed).toBe(true);
    expect(runCheck(sb, { object: { kind: "Gateway", name: "istio-egressgateway", contains: { spec: { servers: [{ port: { number: 80 } }] } } } }).reason).toBe(
      "Gateway istio-egressgateway in namespace default differs: spec.servers[0] has no counterpart",
    );
    expect(runCheck(sb, { object: { kind: "Gizmo", name: "x" } }).reason).toBe('the lesson\'s check names an unknown kind "Gizmo"');
  });

  it("env: literal values, any value, and podOf(selector)", () => {
    expect(runCheck(sb, { env: { SOURCE_POD: "podOf(app=sleep)" } }).passed).toBe(true);
    expect(runCheck(sb, { env: { SOURCE_POD: "*" } }).passed).toBe(true);
    expect(runCheck(sb, { env: { SOURCE_POD: "podOf(app=sleep, namespace=politics)" } }).reason).toMatch(/not the name of the app=sleep pod \(there is none\)$/);
    expect(runCheck(sb, { env: { NOPE: "*" } }).reason).toBe("$NOPE is not set in your terminal");
    expect(runCheck(sb, { env: { SOURCE_POD: "podOf(app in (()" } }).passed).toBe(false);
  });

  it("lastRequests: statuses of the latest requests from a source, oldest first", async () => {
    const fresh = engine.restore(await engine.endState("before-you-begin"));
    const check = { lastRequests: { from: { namespace: "default" }, statuses: [404, 200, 200] } };
    expect(runCheck(fresh, check).reason).toBe("no request from namespace default yet");
    await fresh.run(apply(VS_WITH_REGEX));
    for (const path of ["/politics", "/sport", "/health"]) await fresh.run(curl(path));
    expect(runCheck(fresh, check)).toEqual({ passed: true, reason: "" });
    expect(runCheck(fresh, { lastRequests: { from: { namespace: "default", pod: "sleep-*" }, count: 1, statuses: [404] } }).reason).toBe(
      "the last request from pod sleep-* in namespace default returned 200, expected 404",
    );
    expect(runCheck(fresh, { lastRequests: { from: { namespace: "politics" }, count: 1 } }).reason).toBe("no request from namespace politics yet");
    expect(runCheck(fresh, { lastRequests: { count: 3, deniedByMixer: false } }).passed).toBe(true);
  });

  it("mixerRule: the rule's real CEXL match, with typed attributes", async () => {
    const s = engine.restore(await engine.endState("before-you-begin"));
    const rule = { name: "handle-politics", namespace: "istio-system" };
    expect(runCheck(s, { mixerRule: rule }).reason).toBe("there is no Mixer rule named handle-politics in namespace istio-system");
    await s.run(apply(LOGGING));
    expect(runCheck(s, { mixerRule: { ...rule, handlers: ["egress-error-logger"], matches: { "request.host": "edition.cnn.com", "request.path": "/politics", "source.namespace": "default" } } }).passed).toBe(true);
    expect(runCheck(s, { mixerRule: { ...rule, ignores: { "request.host": "edition.cnn.com", "request.path": "/sport" } } }).passed).toBe(true);
    // The blog's first version of the rule does not exempt the politics namespace yet.
    expect(runCheck(s, { mixerRule: { ...rule, ignores: { "request.host": "edition.cnn.com", "request.path": "/politics", "source.namespace": "politics" } } }).reason).toMatch(
      /^rule handle-politics's match \(request\.host\.endsWith\("cnn\.com"\) && request\.path\.startsWith\("\/politics"\)\) also matches request\.host=edition\.cnn\.com/,
    );
    // A missing attribute makes the match fail, as Mixer skips the rule.
    expect(runCheck(s, { mixerRule: { ...rule, matches: { "request.host": "edition.cnn.com" } } }).passed).toBe(false);
    expect(runCheck(s, { mixerRule: { ...rule, handlers: ["denier"] } }).reason).toBe("rule handle-politics has no action for handler denier (it has egress-error-logger.stdio)");
  });

  it("mixerLog and gatewayLog: lines containing a text, at least n times", async () => {
    const s = engine.restore(await engine.endState("before-you-begin"));
    await s.run(apply(LOGGING));
    expect(runCheck(s, { mixerLog: { contains: '"path":"/politics"' } }).passed).toBe(false);
    await s.run(curl("/politics"));
    expect(runCheck(s, { mixerLog: { contains: '"path":"/politics"' } }).passed).toBe(true);
    expect(runCheck(s, { mixerLog: { contains: '"path":"/politics"', count: 3 } }).reason).toMatch(/^only 2 lines of Mixer's log/);
    expect(runCheck(s, { gatewayLog: { contains: '"GET /politics HTTP/1.1" 200' } }).passed).toBe(true);
  });

  it("all, any, not and ran combine leaves; the first failing leaf gives the reason", () => {
    const yes = { env: { SOURCE_POD: "*" } };
    const no = { env: { MISSING: "*" } };
    expect(runCheck(sb, { all: [yes, no] }).reason).toBe("$MISSING is not set in your terminal");
    expect(runCheck(sb, { any: [no, yes] }).passed).toBe(true);
    expect(runCheck(sb, { any: [no, no] }).reason).toBe("$MISSING is not set in your terminal; or $MISSING is not set in your terminal");
    expect(runCheck(sb, { not: yes }).reason).toBe("not expected: SOURCE_POD set");
    expect(runCheck(sb, { ran: "kubectl logs" }, ["kubectl get pods"]).reason).toBe("you have not run kubectl logs yet");
    expect(runCheck(sb, { ran: "kubectl logs" }, ["kubectl logs x egressgateway -n istio-system | tail"]).passed).toBe(true);
  });
});
