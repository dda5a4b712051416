/**
 * Request traces as plain data for the Requests panel (built in the worker, sent by
 * postMessage): a short summary per request, and on demand one request's whole explanation.
 * Traces hold a Map of Mixer attributes that cannot cross postMessage as-is; it becomes a
 * plain object here.
 */
import type { AdapterVerdict, AttributeValue, CheckResult, ReportResult, RuleEvaluation } from "../mixer/types.ts";
import type { HopTrace, RequestTrace } from "./trace.ts";

export interface RequestSummary {
  id: string;
  /** µs since the epoch. */
  startMicros: number;
  /** `sleep-6859f9d5cb-l877h.default` */
  source: string;
  method: string;
  url: string;
  /** HTTP status, or undefined when the exchange failed below HTTP (then `transportError`). */
  status?: number;
  transportError?: number;
  responseSize?: number;
  why: string;
}

export interface RequestExplanation extends RequestSummary {
  durationMicros: number;
  requestId?: string;
  hops: HopTrace[];
  mixerCheck?: CheckResult;
  mixerReport?: ReportResult;
  /** The Mixer attributes of the gateway's Report, sorted by name. */
  attributes: Record<string, AttributeValue | null>;
}

export function summarize(t: RequestTrace): RequestSummary {
  return {
    id: t.id,
    startMicros: t.startMicros,
    source: t.source,
    method: t.method,
    url: t.url,
    status: t.status,
    transportError: t.transportError,
    responseSize: t.responseSize,
    why: t.why,
  };
}

/** The newest `limit` traces first. */
export function recentRequests(traces: readonly RequestTrace[], limit: number): RequestSummary[] {
  const out: RequestSummary[] = [];
  for (let i = traces.length - 1; i >= 0 && out.length < limit; i--) out.push(summarize(traces[i]));
  return out;
}

export function explainRequest(t: RequestTrace): RequestExplanation {
  const attributes: Record<string, AttributeValue | null> = {};
  if (t.mixerAttributes) {
    for (const [k, v] of [...t.mixerAttributes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) attributes[k] = plain(v);
  }
  return {
    ...summarize(t),
    durationMicros: t.durationMicros,
    requestId: t.requestId,
    hops: t.hops.map((h) => ({ ...h, route: h.route && { ...h.route }, rejected: h.rejected && [...h.rejected] })),
    mixerCheck: t.mixerCheck && { code: t.mixerCheck.code, message: t.mixerCheck.message, httpStatus: t.mixerCheck.httpStatus, rules: t.mixerCheck.rules.map(plainRule) },
    mixerReport: t.mixerReport && { rules: t.mixerReport.rules.map(plainRule) },
    attributes,
  };
}

/**
 * Rule evaluations are class instances whose `inputs` is a lazy getter (the per-request path
 * records raw values only); spelling the fields out makes them plain data that postMessage and
 * JSON keep whole.
 */
function plainRule(r: RuleEvaluation): RuleEvaluation {
  const inputs: Record<string, AttributeValue | null> = {};
  for (const [k, v] of Object.entries(r.inputs)) inputs[k] = plain(v);
  const out: RuleEvaluation = { rule: r.rule, match: r.match, matched: r.matched, inputs, actions: r.actions.map(plainVerdict) };
  if (r.error !== undefined) out.error = r.error;
  return out;
}

function plainVerdict(a: AdapterVerdict): AdapterVerdict {
  return { handler: a.handler, instance: a.instance, code: a.code, message: a.message, detail: a.detail };
}

function plain(v: unknown): AttributeValue | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), String(x)]));
  if (typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
  return String(v);
}
