/**
 * Draws a laid-out mesh graph as SVG, in Kiali's visual language: workloads are circles, the
 * egress gateway a hexagon, services triangles, external hosts squares; edges are green, orange
 * or red by their responses, with the request rate and the code mix on each; an edge that
 * bypasses the mesh is dashed. Colours come from CSS classes (graph.css), so both themes work.
 */
import type { MeshGraphEdge, MeshGraphNode, MeshNodeKind } from "../../runtime/telemetry/meshGraph/types.ts";
import { NODE_RADIUS, type GraphLayout } from "./graphLayout.ts";
import { LABEL_LINE_HEIGHT, edgeLabelLines, labelBoxSize, nodeSubtitle, responsesText } from "./graphText.ts";

const NS = "http://www.w3.org/2000/svg";
/** Edge colour classes (each has its arrowhead marker). */
const TONES = ["ok", "warn", "fail"] as const;
type Tone = (typeof TONES)[number];

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * A bypass that got answers (2xx/3xx) is traffic that left the mesh unmonitored: red. One whose
 * requests all failed is orange. Other edges follow the runtime's health.
 */
export function edgeTone(e: MeshGraphEdge): Tone {
  if (e.bypass) return e.codes["2xx"] + e.codes["3xx"] > 0 ? "fail" : "warn";
  return e.health === "healthy" ? "ok" : e.health === "degraded" ? "warn" : "fail";
}

/** The outline of a node of this kind, centred on 0,0 (also used by the legend). */
export function nodeShape(kind: MeshNodeKind, r = NODE_RADIUS): SVGElement {
  switch (kind) {
    case "gateway": {
      const pts = Array.from({ length: 6 }, (_, i) => {
        const a = (Math.PI / 3) * i;
        return `${(r * 1.08 * Math.cos(a)).toFixed(1)},${(r * 1.08 * Math.sin(a)).toFixed(1)}`;
      });
      return svg("polygon", { points: pts.join(" ") });
    }
    case "service":
      return svg("polygon", { points: `0,${-r * 1.1} ${r * 1.1},${r * 0.8} ${-r * 1.1},${r * 0.8}` });
    case "host":
      return svg("rect", { x: -r * 0.9, y: -r * 0.9, width: r * 1.8, height: r * 1.8, rx: 4 });
    case "workstation":
      return svg("rect", { x: -r * 1.05, y: -r * 0.75, width: r * 2.1, height: r * 1.5, rx: 3 });
    default:
      return svg("circle", { r });
  }
}

/** A glyph inside the shape, where Kiali shows one: the gateway's arrow, the unknown's "?". */
function nodeGlyph(n: MeshGraphNode): string | undefined {
  if (n.kind === "gateway") return "⇥";
  if (n.kind === "unknown") return "?";
  if (n.kind === "host") return "↗";
  return undefined;
}

export function renderGraphSvg(layout: GraphLayout, summary: string): SVGSVGElement {
  const root = svg("svg", { viewBox: `${layout.minX} ${layout.minY} ${layout.width} ${layout.height}`, role: "img", "aria-label": summary, class: "mg-svg" });
  // Scale with the panel, but not so far that the labels become unreadable (the canvas scrolls instead).
  root.style.maxWidth = `${Math.round(layout.width * 1.15)}px`;
  root.style.minWidth = `${Math.round(layout.width * 0.72)}px`;
  const defs = svg("defs");
  for (const tone of TONES) {
    const marker = svg("marker", { id: `mg-arrow-${tone}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 11, markerHeight: 11, orient: "auto-start-reverse", markerUnits: "userSpaceOnUse" });
    marker.append(svg("path", { d: "M0,0 L10,5 L0,10 z", class: `mg-arrowhead mg-${tone}` }));
    defs.append(marker);
  }
  root.append(defs);

  const edges = svg("g", { class: "mg-edges" });
  const labels = svg("g", { class: "mg-edge-labels" });
  for (const p of layout.edges) {
    const e = p.edge;
    const tone = edgeTone(e);
    const g = svg("g", { class: `mg-edge mg-${tone}${e.bypass ? " mg-bypass" : ""}`, "data-edge": e.id });
    const line = svg("path", { d: p.path, "marker-end": `url(#mg-arrow-${tone})` });
    g.append(svg("title", {}, `${e.total} requests: ${responsesText(e)}`), line);
    edges.append(g);
    labels.append(edgeLabel(e, p.labelX, p.labelY, tone));
  }
  const nodes = svg("g", { class: "mg-nodes" });
  for (const p of layout.nodes) nodes.append(nodeGroup(p.node, p.x, p.y));
  root.append(edges, nodes, labels);
  return root;
}

function nodeGroup(n: MeshGraphNode, x: number, y: number): SVGGElement {
  const noSidecar = n.kind === "workload" && n.sidecar === false;
  const g = svg("g", { class: `mg-node mg-node-${n.kind}${noSidecar ? " mg-no-sidecar" : ""}`, transform: `translate(${x.toFixed(1)},${y.toFixed(1)})`, "data-node": n.id });
  const shape = nodeShape(n.kind);
  shape.setAttribute("class", "mg-shape");
  g.append(shape);
  const glyph = nodeGlyph(n);
  if (glyph) g.append(svg("text", { class: "mg-glyph", y: 1, "dominant-baseline": "middle", "text-anchor": "middle" }, glyph));
  if (n.kind === "workstation") g.append(svg("line", { class: "mg-shape-detail", x1: -NODE_RADIUS * 1.3, x2: NODE_RADIUS * 1.3, y1: NODE_RADIUS * 0.95, y2: NODE_RADIUS * 0.95 }));
  if (noSidecar) {
    // Kiali's "missing sidecar" badge.
    const badge = svg("g", { class: "mg-badge", transform: `translate(${NODE_RADIUS * 0.78},${-NODE_RADIUS * 0.78})` });
    badge.append(svg("circle", { r: 8 }), svg("text", { "dominant-baseline": "middle", "text-anchor": "middle", y: 1 }, "!"));
    g.append(badge);
  }
  const top = NODE_RADIUS + 16;
  g.append(
    svg("text", { class: "mg-node-name", y: top, "text-anchor": "middle" }, n.name),
    svg("text", { class: "mg-node-sub", y: top + 15, "text-anchor": "middle" }, nodeSubtitle(n)),
  );
  return g;
}

/** A label box on the edge: notes (bypass, no route), rate, code mix. */
function edgeLabel(e: MeshGraphEdge, x: number, y: number, tone: Tone): SVGGElement {
  const lines = edgeLabelLines(e);
  const { width, height } = labelBoxSize(lines);
  const g = svg("g", { class: `mg-edge-label mg-${tone}`, transform: `translate(${x.toFixed(1)},${y.toFixed(1)})` });
  g.append(svg("rect", { x: -width / 2, y: -height / 2, width, height, rx: 3 }));
  lines.forEach((l, i) => {
    const cls = l.kind === "alert" ? `mg-label-alert mg-${tone}` : `mg-label-${l.kind}`;
    g.append(svg("text", { class: cls, y: -height / 2 + 3 + LABEL_LINE_HEIGHT * (i + 0.5), "dominant-baseline": "middle", "text-anchor": "middle" }, l.text));
  });
  return g;
}
