/**
 * A request's explanation as terminal text (`egress-lab run --explain`): the same facts the
 * Requests panel shows, one hop, rule and verdict per line.
 */
import type { RuleEvaluation } from "../mixer/types.ts";
import type { RequestExplanation } from "./traceExplanation.ts";

function ruleLine(r: RuleEvaluation): string[] {
  const inputs = Object.entries(r.inputs)
    .map(([k, v]) => `${k}=${v === null ? "<absent>" : JSON.stringify(v)}`)
    .join(" ");
  const head = `#     ${r.matched ? "matched" : "no match"}  ${r.rule}${r.match ? `  match: ${r.match}` : ""}${inputs ? `  [${inputs}]` : ""}${r.error ? `  error: ${r.error}` : ""}`;
  const verdicts = r.actions.map((a) => `#       ${a.handler} <- ${a.instance}: ${a.code}${a.message ? ` ${a.message}` : ""}${a.detail ? ` (${a.detail})` : ""}`);
  return [head, ...verdicts];
}

export function explanationText(e: RequestExplanation): string[] {
  const outcome = e.status !== undefined ? String(e.status) : `curl exit ${e.transportError}`;
  const lines = [`# ${e.method} ${e.url} from ${e.source}: ${outcome}: ${e.why}`];
  e.hops.forEach((h, i) => {
    const parts = [
      h.listener && `listener ${h.listener}`,
      h.routeConfig && `routes ${h.routeConfig}`,
      h.virtualHost && `vhost ${h.virtualHost}`,
      h.route ? `route ${h.route.virtualService} http[${h.route.httpIndex}].match[${h.route.matchIndex}]` : h.routeConfig ? "no route" : undefined,
      h.cluster && `cluster ${h.cluster}`,
      h.destinationRule && `${h.destinationRule}${h.tlsOrigination ? " (TLS origination)" : ""}`,
      h.status !== undefined && `-> ${h.status}${h.responseFlags && h.responseFlags !== "-" ? ` ${h.responseFlags}` : ""}`,
    ].filter(Boolean);
    lines.push(`#   ${i + 1}. ${h.kind} ${h.at}: ${parts.join(", ")}`);
    for (const r of h.rejected ?? []) lines.push(`#      rejected ${r}`);
    if (h.note) lines.push(`#      ${h.note}`);
  });
  if (e.mixerCheck) {
    lines.push(`#   Mixer check: ${e.mixerCheck.code}${e.mixerCheck.message ? ` ${e.mixerCheck.message}` : ""}`);
    for (const r of e.mixerCheck.rules) lines.push(...ruleLine(r));
  }
  if (e.mixerReport) {
    lines.push("#   Mixer report:");
    for (const r of e.mixerReport.rules) lines.push(...ruleLine(r));
  }
  return lines;
}
