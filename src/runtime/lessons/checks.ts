/**
 * Evaluates a step's check (types.ts) against a sandbox: its API objects, the workstation's
 * environment, Mixer's and the egress gateway's logs and the traces of recent requests. Every
 * failing leaf says what it found, in words a reader can act on. Checks run after each command
 * in the site, so each leaf reads only what it needs (no snapshots, no serialisation).
 */
import type { Sandbox } from "../sandbox.ts";
import { findKind } from "../config/kinds.ts";
import { podsOf } from "../cluster/queries.ts";
import { ApiError } from "../cluster/store.ts";
import { compileExpression } from "../mixer/cexl/index.ts";
import { CexlCompileError, CexlEvalError, type ValueType } from "../mixer/cexl/types.ts";
import { Vocabulary, type AttributeManifestSpec } from "../mixer/vocabulary.ts";
import type { AttributeValue } from "../mixer/types.ts";
import type { AttributeValues, Check, CheckOutcome, LastRequestsCheck, LogCheck, MixerRuleCheck, ObjectCheck, RequestFilter } from "./types.ts";
import type { RequestTrace } from "../proxy/trace.ts";

const PASS: CheckOutcome = { passed: true, reason: "" };
const failWith = (reason: string): CheckOutcome => ({ passed: false, reason });

/**
 * Evaluates a check. `history` holds the command lines the reader ran in this lesson (oldest
 * first); only `ran` checks read it.
 */
export function runCheck(sandbox: Sandbox, check: Check, history: readonly string[] = []): CheckOutcome {
  try {
    return evaluate(sandbox, check, history);
  } catch (e) {
    // A malformed selector or a runtime surprise must not break the page: report it as a failure.
    return failWith(e instanceof Error ? e.message : String(e));
  }
}

function evaluate(sandbox: Sandbox, check: Check, history: readonly string[]): CheckOutcome {
  if ("all" in check) {
    for (const c of check.all) {
      const r = evaluate(sandbox, c, history);
      if (!r.passed) return r;
    }
    return PASS;
  }
  if ("any" in check) {
    const reasons: string[] = [];
    for (const c of check.any) {
      const r = evaluate(sandbox, c, history);
      if (r.passed) return PASS;
      reasons.push(r.reason);
    }
    return failWith(reasons.join("; or "));
  }
  if ("not" in check) return evaluate(sandbox, check.not, history).passed ? failWith(`not expected: ${describe(check.not)}`) : PASS;
  if ("object" in check) return objectCheck(sandbox, check.object);
  if ("lastRequests" in check) return lastRequestsCheck(sandbox, check.lastRequests);
  if ("mixerRule" in check) return mixerRuleCheck(sandbox, check.mixerRule);
  if ("mixerLog" in check) return logCheck(mixerLog(sandbox), check.mixerLog, "Mixer's log (istio-telemetry, container mixer)");
  if ("gatewayLog" in check) return logCheck(gatewayLog(sandbox), check.gatewayLog, "the egress gateway's access log");
  if ("ran" in check) {
    const text = check.ran;
    return history.some((line) => line.includes(text)) ? PASS : failWith(`you have not run ${text} yet`);
  }
  return envCheck(sandbox, check.env);
}

/** A short description of a check, for `not` and for the site's step list. */
export function describe(check: Check): string {
  if ("all" in check) return check.all.map(describe).join(" and ");
  if ("any" in check) return check.any.map(describe).join(" or ");
  if ("not" in check) return `not (${describe(check.not)})`;
  if ("object" in check) return `${check.object.kind} ${check.object.namespace ?? "default"}/${check.object.name} ${check.object.exists === false ? "is absent" : "exists"}`;
  if ("lastRequests" in check) return `recent requests${check.lastRequests.statuses ? ` returned ${check.lastRequests.statuses.join(", ")}` : ""}`;
  if ("mixerRule" in check) return `rule ${check.mixerRule.namespace ?? "default"}/${check.mixerRule.name} matches as expected`;
  if ("mixerLog" in check) return `Mixer's log contains ${JSON.stringify(check.mixerLog.contains)}`;
  if ("gatewayLog" in check) return `the gateway's log contains ${JSON.stringify(check.gatewayLog.contains)}`;
  if ("ran" in check) return `ran ${check.ran}`;
  return `${Object.keys(check.env).join(", ")} set`;
}

// --- objects ---------------------------------------------------------------------------------

function objectCheck(sandbox: Sandbox, c: ObjectCheck): CheckOutcome {
  const kind = findKind(c.kind);
  if (!kind) return failWith(`the lesson's check names an unknown kind "${c.kind}"`);
  const namespace = c.namespace ?? "default";
  const where = kind.namespaced ? ` in namespace ${namespace}` : "";
  const found = sandbox.store.get(kind, namespace, c.name);
  if (c.exists === false) return found ? failWith(`${kind.kind} ${c.name} still exists${where}`) : PASS;
  if (!found) return failWith(`there is no ${kind.kind} named ${c.name}${where}`);
  if (c.contains !== undefined) {
    const diff = containsDiff(found, c.contains, "");
    if (diff) return failWith(`${kind.kind} ${c.name}${where} differs: ${diff}`);
  }
  return PASS;
}

/**
 * Whether `actual` contains `wanted`: maps by key, lists item by item (each wanted item somewhere
 * in the list), scalars equal (numbers and their strings alike: YAML authors write both).
 * Returns undefined when it does, else where it does not.
 */
function containsDiff(actual: unknown, wanted: unknown, path: string): string | undefined {
  if (Array.isArray(wanted)) {
    if (!Array.isArray(actual)) return `${path || "the object"} is not a list`;
    for (const [i, item] of wanted.entries()) {
      if (!actual.some((a) => containsDiff(a, item, "") === undefined)) return `${path}[${i}] has no counterpart`;
    }
    return undefined;
  }
  if (wanted !== null && typeof wanted === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return `${path || "the object"} is not a map`;
    for (const [key, value] of Object.entries(wanted)) {
      const sub = path ? `${path}.${key}` : key;
      if (!(key in actual)) return `${sub} is missing`;
      const d = containsDiff((actual as Record<string, unknown>)[key], value, sub);
      if (d) return d;
    }
    return undefined;
  }
  if (actual === wanted || String(actual) === String(wanted)) return undefined;
  return `${path} is ${JSON.stringify(actual)}, not ${JSON.stringify(wanted)}`;
}

// --- traffic ---------------------------------------------------------------------------------

function traceMatches(t: RequestTrace, from: RequestFilter | undefined): boolean {
  if (!from) return true;
  if (from.namespace !== undefined && t.sourceNamespace !== from.namespace) return false;
  if (from.pod !== undefined) {
    const pod = t.source.split(".")[0];
    if (from.pod.endsWith("*") ? !pod.startsWith(from.pod.slice(0, -1)) : pod !== from.pod) return false;
  }
  if (from.host !== undefined && hostOf(t.url) !== from.host) return false;
  return true;
}

function hostOf(url: string): string {
  const m = /^[a-z]+:\/\/([^/:?#]+)/i.exec(url);
  return m ? m[1].toLowerCase() : "";
}

function filterWords(from: RequestFilter | undefined): string {
  const parts: string[] = [];
  if (from?.pod) parts.push(`pod ${from.pod}`);
  if (from?.namespace) parts.push(`namespace ${from.namespace}`);
  const origin = parts.length ? ` from ${parts.join(" in ")}` : "";
  return `${origin}${from?.host ? ` to ${from.host}` : ""}`;
}

function lastRequestsCheck(sandbox: Sandbox, c: LastRequestsCheck): CheckOutcome {
  const count = c.count ?? c.statuses?.length ?? 1;
  const recent = sandbox.dataPlane.traces.list().filter((t) => traceMatches(t, c.from)).slice(-count);
  const words = filterWords(c.from);
  if (recent.length < count) {
    return failWith(recent.length === 0 ? `no request${words} yet` : `only ${recent.length} request${recent.length === 1 ? "" : "s"}${words} so far, ${count} expected`);
  }
  const statuses = recent.map((t) => t.status ?? 0);
  if (c.statuses && statuses.join() !== c.statuses.join()) {
    return failWith(`the last ${count === 1 ? "request" : `${count} requests`}${words} returned ${statuses.join(", ")}, expected ${c.statuses.join(", ")}`);
  }
  if (c.deniedByMixer !== undefined) {
    for (const t of recent) {
      const denied = t.mixerCheck !== undefined && t.mixerCheck.code !== "OK";
      if (denied !== c.deniedByMixer) {
        return failWith(`${t.method} ${t.url} was ${denied ? `denied by Mixer (${t.mixerCheck!.message})` : "not denied by Mixer"}`);
      }
    }
  }
  return PASS;
}

// --- Mixer rules -----------------------------------------------------------------------------

function mixerRuleCheck(sandbox: Sandbox, c: MixerRuleCheck): CheckOutcome {
  const namespace = c.namespace ?? "default";
  const rule = sandbox.store.get(findKind("rule")!, namespace, c.name);
  if (!rule) return failWith(`there is no Mixer rule named ${c.name} in namespace ${namespace}`);
  const spec = (rule.spec ?? {}) as { match?: unknown; actions?: { handler?: unknown }[] };
  if (c.handlers) {
    const handlers = (Array.isArray(spec.actions) ? spec.actions : []).map((a) => String(a?.handler ?? ""));
    for (const wanted of c.handlers) {
      if (!handlers.some((h) => h === wanted || h.split(".")[0] === wanted)) {
        return failWith(`rule ${c.name} has no action for handler ${wanted} (it has ${handlers.join(", ") || "none"})`);
      }
    }
  }
  if (!c.matches && !c.ignores) return PASS;
  const source = typeof spec.match === "string" ? spec.match : "";
  const vocabulary = vocabularyOf(sandbox);
  let evaluateMatch: (bag: Map<string, AttributeValue>) => boolean;
  if (source.trim() === "") evaluateMatch = () => true;
  else {
    try {
      const compiled = compileExpression(source, vocabulary);
      evaluateMatch = (bag) => {
        try {
          return compiled.evaluate(bag) === true;
        } catch (e) {
          // Mixer skips a rule whose match cannot be evaluated (a missing attribute).
          if (e instanceof CexlEvalError) return false;
          throw e;
        }
      };
    } catch (e) {
      if (e instanceof CexlCompileError) return failWith(`rule ${c.name}'s match does not compile: ${e.message}`);
      throw e;
    }
  }
  if (c.matches && !evaluateMatch(bagOf(c.matches, vocabulary))) {
    return failWith(`rule ${c.name}'s match (${source}) does not match ${attributeWords(c.matches)}`);
  }
  if (c.ignores && evaluateMatch(bagOf(c.ignores, vocabulary))) {
    return failWith(`rule ${c.name}'s match (${source || "empty: always true"}) also matches ${attributeWords(c.ignores)}`);
  }
  return PASS;
}

function vocabularyOf(sandbox: Sandbox): Vocabulary {
  const manifests = sandbox.store.list(findKind("attributemanifest")!);
  return manifests.length ? Vocabulary.fromManifests(manifests.map((m) => m.spec as AttributeManifestSpec)) : Vocabulary.default();
}

/** Authors write attribute values as YAML scalars; Mixer's bag holds them in their declared types. */
function bagOf(values: AttributeValues, vocabulary: Vocabulary): Map<string, AttributeValue> {
  const bag = new Map<string, AttributeValue>();
  for (const [name, value] of Object.entries(values)) bag.set(name, typed(value, vocabulary.typeOf(name)));
  return bag;
}

function typed(value: string | number | boolean, type: ValueType | undefined): AttributeValue {
  if (type === "INT64" || type === "DOUBLE") return typeof value === "number" ? value : Number(value);
  if (type === "BOOL") return typeof value === "boolean" ? value : value === "true";
  return String(value);
}

function attributeWords(values: AttributeValues): string {
  return Object.entries(values).map(([k, v]) => `${k}=${v}`).join(", ");
}

// --- logs ------------------------------------------------------------------------------------

function containerLog(sandbox: Sandbox, selector: string, container: string): string[] {
  return podsOf(sandbox.store, "istio-system", selector).flatMap((p) => sandbox.logs.read("istio-system", p.metadata.name, container));
}

const mixerLog = (sandbox: Sandbox) => containerLog(sandbox, "istio-mixer-type=telemetry", "mixer");
const gatewayLog = (sandbox: Sandbox) => containerLog(sandbox, "istio=egressgateway", "egressgateway");

function logCheck(lines: string[], c: LogCheck, what: string): CheckOutcome {
  const want = c.count ?? 1;
  let found = 0;
  for (const line of lines) if (line.includes(c.contains) && ++found >= want) return PASS;
  return failWith(found === 0 ? `no line of ${what} contains ${c.contains}` : `only ${found} line${found === 1 ? "" : "s"} of ${what} contain ${c.contains}, ${want} expected`);
}

// --- environment -----------------------------------------------------------------------------

const POD_OF = /^podOf\(\s*([^,)]+?)\s*(?:,\s*namespace\s*=\s*([\w-]+)\s*)?\)$/;

/**
 * `NAME: value` (exactly), `NAME: "*"` (set, not empty), or `NAME: podOf(app=sleep)` /
 * `podOf(app=sleep, namespace=politics)` (the name of a pod with those labels).
 */
function envCheck(sandbox: Sandbox, env: Record<string, string>): CheckOutcome {
  const actual = sandbox.environment;
  for (const [name, wanted] of Object.entries(env)) {
    const value = actual[name];
    if (value === undefined || value === "") return failWith(`$${name} is not set in your terminal`);
    const pod = POD_OF.exec(wanted);
    if (pod) {
      let names: string[];
      try {
        names = podsOf(sandbox.store, pod[2] ?? "default", pod[1]).map((p) => p.metadata.name);
      } catch (e) {
        if (e instanceof ApiError) return failWith(`the lesson's check has a bad selector: ${e.message}`);
        throw e;
      }
      if (!names.includes(value)) {
        return failWith(`$${name} is "${value}", not the name of the ${pod[1]} pod${names.length ? ` (${names.join(", ")})` : " (there is none)"}`);
      }
    } else if (wanted !== "*" && value !== wanted) return failWith(`$${name} is "${value}", expected "${wanted}"`);
  }
  return PASS;
}
