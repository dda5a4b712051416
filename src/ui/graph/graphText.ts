/**
 * The words and numbers the Graph tab prints: edge labels (`2.4 rps`, `67% 2xx · 33% 4xx`),
 * notes, and the one-sentence summaries screen readers get. Pure functions of the runtime's
 * MeshGraph, so they are the same in the SVG, the table and the aria-label.
 */
import type { CodeMix, MeshGraph, MeshGraphEdge, MeshGraphNode } from "../../runtime/telemetry/meshGraph/types.ts";

const CLASSES: (keyof CodeMix)[] = ["2xx", "3xx", "4xx", "5xx", "error"];
const BYPASS_NOTE = "bypasses the mesh";

/** `2.4 rps`, `0.05 rps`, `0.003 rps`: enough digits to tell a few requests from none. */
export function rateText(rps: number): string {
  if (rps >= 100) return `${Math.round(rps)} rps`;
  if (rps >= 1) return `${rps.toFixed(1)} rps`;
  if (rps >= 0.01) return `${rps.toFixed(2)} rps`;
  return `${rps.toFixed(3)} rps`;
}

/** `67% 2xx · 33% 4xx`; `err` for requests that got no HTTP response. */
export function mixText(codes: CodeMix, total: number): string {
  const parts: string[] = [];
  for (const c of CLASSES) {
    const n = codes[c];
    if (!n) continue;
    const pct = Math.round((100 * n) / total);
    parts.push(`${pct === 0 ? "<1" : pct}% ${c === "error" ? "err" : c}`);
  }
  return parts.join(" · ");
}

/** What the edge's proxy did itself instead of forwarding, and whether the edge escapes the mesh. */
export function edgeNotes(e: MeshGraphEdge): string[] {
  const notes: string[] = [];
  if (e.bypass) notes.push(BYPASS_NOTE);
  if (e.noRoute) notes.push(`${e.noRoute} stopped: no route`);
  if (e.denied) notes.push(`${e.denied} denied by Mixer`);
  if (e.protocol === "tcp") notes.push("TLS passed through");
  return notes;
}

export interface LabelLine {
  text: string;
  /** `alert`: the bypass warning; `note`: what a proxy did itself; then the rate and the mix. */
  kind: "alert" | "note" | "rate" | "mix";
}

/** The lines of an edge's label box, top to bottom. */
export function edgeLabelLines(e: MeshGraphEdge): LabelLine[] {
  const lines: LabelLine[] = edgeNotes(e).map((text) => ({ text, kind: text === BYPASS_NOTE ? "alert" : "note" }));
  lines.push({ text: rateText(e.rate), kind: "rate" }, { text: mixText(e.codes, e.total), kind: "mix" });
  return lines;
}

export const LABEL_LINE_HEIGHT = 14;

/** The label box's size in SVG units (11.5px text: about 6.7 units per character). */
export function labelBoxSize(lines: readonly LabelLine[]): { width: number; height: number } {
  return { width: Math.max(...lines.map((l) => l.text.length)) * 6.7 + 16, height: lines.length * LABEL_LINE_HEIGHT + 6 };
}

/** `200 ×3, 404 ×1`. */
export function responsesText(e: MeshGraphEdge): string {
  return e.responses.map((r) => `${r.code} ×${r.count}`).join(", ");
}

export function nodeTitle(n: MeshGraphNode): string {
  return n.namespace ? `${n.name} (${n.namespace})` : n.name;
}

/** The small line under a node's name. */
export function nodeSubtitle(n: MeshGraphNode): string {
  switch (n.kind) {
    case "workload":
      return n.sidecar === false ? `${n.namespace} · no sidecar` : (n.namespace ?? "");
    case "gateway":
      return `${n.namespace} · gateway`;
    case "service":
      return `${n.namespace} · service`;
    case "host":
      return "external host";
    case "unknown":
      return "does not resolve";
    case "workstation":
      return "outside the cluster";
  }
}

/** One sentence per edge, for the SVG's aria-label. */
export function graphSummary(graph: MeshGraph, windowLabel: string): string {
  if (!graph.edges.length) return `Mesh graph: no traffic in the ${windowLabel}.`;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const name = (id: string) => {
    const n = byId.get(id);
    return n ? nodeTitle(n) : id;
  };
  const parts = graph.edges.map((e) => {
    const notes = edgeNotes(e);
    return `${name(e.source)} to ${name(e.target)}: ${rateText(e.rate)}, ${mixText(e.codes, e.total)}${notes.length ? ` (${notes.join("; ")})` : ""}`;
  });
  return `Mesh graph, ${windowLabel}: ${parts.join(". ")}.`;
}
