/**
 * A deterministic layered layout of the mesh graph, like Kiali's left-to-right graph: the
 * senders (workloads, the workstation) in the first layer, the egress gateway in the middle,
 * the hosts and services that answered in the last. On narrow screens the same layers run top
 * to bottom. An edge that skips a layer (a bypass straight to the host) curves around the
 * nodes in between instead of crossing them. Pure geometry: no DOM.
 */
import type { MeshGraph, MeshGraphEdge, MeshGraphNode } from "../../runtime/telemetry/meshGraph/types.ts";
import { edgeLabelLines, labelBoxSize, nodeSubtitle } from "./graphText.ts";

export type Orientation = "horizontal" | "vertical";

export interface PlacedNode {
  node: MeshGraphNode;
  x: number;
  y: number;
}

export interface PlacedEdge {
  edge: MeshGraphEdge;
  /** SVG path data from the source's rim to the target's rim. */
  path: string;
  /** Where the label's centre goes (on the line, or at the curve's peak). */
  labelX: number;
  labelY: number;
}

export interface GraphLayout {
  /** The view box: what was drawn, with a margin. */
  minX: number;
  minY: number;
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

/** Distance from a node's centre to where edges start and end. */
export const NODE_RADIUS = 22;
const RIM = NODE_RADIUS + 3;

interface Spacing {
  /** Between layers, and between nodes of one layer. */
  layerGap: number;
  nodeGap: number;
  /**
   * How far a curve passes beside a node it goes around, before and after it across the
   * layers: room for the node's name and the edge's label box (names sit under the nodes).
   */
  clearBefore: number;
  clearAfter: number;
  /** Where an edge leaves its source: past the rim, or (top to bottom) past the name under it. */
  startGap: number;
}

const SPACING: Record<Orientation, Spacing> = {
  horizontal: { layerGap: 260, nodeGap: 150, clearBefore: 72, clearAfter: 108, startGap: RIM },
  vertical: { layerGap: 190, nodeGap: 150, clearBefore: 125, clearAfter: 125, startGap: 62 },
};

interface Point {
  u: number;
  v: number;
}

/** First layer: senders; middle: gateways and workloads that both receive and send; last: everything that only answers. */
function layerOf(n: MeshGraphNode, sends: boolean, receives: boolean): number {
  if (n.kind === "gateway") return 1;
  if (n.kind === "workstation") return 0;
  if (sends && receives) return 1;
  return sends ? 0 : 2;
}

export function layoutGraph(graph: MeshGraph, orientation: Orientation): GraphLayout {
  const s = SPACING[orientation];
  const senders = new Set(graph.edges.map((e) => e.source));
  const receivers = new Set(graph.edges.map((e) => e.target));
  const layers: MeshGraphNode[][] = [[], [], []];
  for (const n of graph.nodes) layers[layerOf(n, senders.has(n.id), receivers.has(n.id))].push(n);
  const used = layers.filter((l) => l.length);
  const layerIndex = new Map<string, number>();
  used.forEach((l, i) => l.forEach((n) => layerIndex.set(n.id, i)));

  // Order within layers: senders that go through the gateway first, bypassing ones after
  // (their curves then run on the outside); later layers by their senders' positions.
  const order = new Map<string, number>();
  const bypassOnly = (id: string) => graph.edges.filter((e) => e.source === id).every((e) => e.bypass);
  used.forEach((layer, li) => {
    const key = (n: MeshGraphNode) => {
      if (li === 0) return Number(bypassOnly(n.id)) * 1000 + (n.kind === "workstation" ? 500 : 0);
      const preds = graph.edges.filter((e) => e.target === n.id && order.has(e.source)).map((e) => order.get(e.source)!);
      return preds.length ? preds.reduce((a, b) => a + b, 0) / preds.length : 0;
    };
    const keys = new Map(layer.map((n) => [n.id, key(n)]));
    layer.sort((a, b) => keys.get(a.id)! - keys.get(b.id)! || (a.namespace ?? "").localeCompare(b.namespace ?? "") || a.name.localeCompare(b.name));
    layer.forEach((n, i) => order.set(n.id, i));
  });

  const rows = Math.max(1, ...used.map((l) => l.length));
  const pos = new Map<string, Point>();
  used.forEach((layer, li) => {
    const offset = ((rows - layer.length) * s.nodeGap) / 2;
    layer.forEach((n, i) => pos.set(n.id, { u: li * s.layerGap, v: offset + i * s.nodeGap }));
  });

  const pairs = new Set(graph.edges.map((e) => `${e.source}\n${e.target}`));
  const placed: { edge: MeshGraphEdge; from: Point; to: Point; control?: Point }[] = [];
  for (const e of graph.edges) {
    const from = pos.get(e.source);
    const to = pos.get(e.target);
    if (!from || !to || e.source === e.target) continue;
    const between = used
      .slice(Math.min(layerIndex.get(e.source)!, layerIndex.get(e.target)!) + 1, Math.max(layerIndex.get(e.source)!, layerIndex.get(e.target)!))
      .flat()
      .map((n) => pos.get(n.id)!);
    const twin = graph.edges.some((o) => o !== e && o.source === e.source && o.target === e.target);
    const reverse = pairs.has(`${e.target}\n${e.source}`);
    const control = curveControl(e, from, to, between, s, twin, reverse);
    placed.push({ edge: e, from, to, control });
  }

  const toXY = (p: Point): [number, number] => (orientation === "horizontal" ? [p.u, p.v] : [p.v, p.u]);
  const nodes = used.flat().map((n) => {
    const [x, y] = toXY(pos.get(n.id)!);
    return { node: n, x, y };
  });
  // Everything drawn, as boxes: nodes with their names, then each edge label as it is placed.
  const boxes: Box[] = nodes.map(nodeBox);
  const nodeCount = boxes.length;
  const edges = placed.map((p): PlacedEdge => {
    const [x0, y0] = toXY(p.from);
    const [x2, y2] = toXY(p.to);
    const [cx, cy] = p.control ? toXY(p.control) : [(x0 + x2) / 2, (y0 + y2) / 2];
    const [a, b] = p.control ? trim(x0, y0, cx, cy, x2, y2, cx, cy, s.startGap) : trim(x0, y0, x2, y2, x2, y2, x0, y0, s.startGap);
    const path = p.control ? `M${r(a[0])},${r(a[1])} Q${r(cx)},${r(cy)} ${r(b[0])},${r(b[1])}` : `M${r(a[0])},${r(a[1])} L${r(b[0])},${r(b[1])}`;
    // The label sits mid-edge unless it would cover a node or another label: then a bit along.
    const size = labelBoxSize(edgeLabelLines(p.edge));
    let label: Box | undefined;
    for (const t of LABEL_POSITIONS) {
      const mt = 1 - t;
      const x = mt * mt * x0 + 2 * mt * t * cx + t * t * x2;
      const y = mt * mt * y0 + 2 * mt * t * cy + t * t * y2;
      const box = { x0: x - size.width / 2, y0: y - size.height / 2, x1: x + size.width / 2, y1: y + size.height / 2 };
      label ??= box;
      if (!boxes.some((o, i) => overlaps(o, box, i < nodeCount ? 4 : 2))) {
        label = box;
        break;
      }
    }
    boxes.push(label!);
    return { edge: p.edge, path, labelX: (label!.x0 + label!.x1) / 2, labelY: (label!.y0 + label!.y1) / 2 };
  });
  // The view is what was drawn, plus a margin: curves and labels may reach beyond the rows.
  const PAD = 20;
  const minX = Math.min(...boxes.map((b) => b.x0)) - PAD;
  const minY = Math.min(...boxes.map((b) => b.y0)) - PAD;
  const maxX = Math.max(...boxes.map((b) => b.x1)) + PAD;
  const maxY = Math.max(...boxes.map((b) => b.y1)) + PAD;
  return { minX: Math.floor(minX), minY: Math.floor(minY), width: Math.ceil(maxX - minX), height: Math.ceil(maxY - minY), nodes, edges };
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Where along an edge its label may go (0: source, 1: target), best first. */
const LABEL_POSITIONS = [0.5, 0.38, 0.62, 0.28, 0.72];

/** A node's shape and the name and subtitle under it (about 7.4 and 6.2 units per character). */
function nodeBox(p: PlacedNode): Box {
  const half = Math.max(NODE_RADIUS * 1.3, (p.node.name.length * 7.4) / 2, (nodeSubtitle(p.node).length * 6.2) / 2);
  return { x0: p.x - half, y0: p.y - NODE_RADIUS - 4, x1: p.x + half, y1: p.y + NODE_RADIUS + 36 };
}

function overlaps(a: Box, b: Box, gap: number): boolean {
  return a.x0 < b.x1 + gap && b.x0 < a.x1 + gap && a.y0 < b.y1 + gap && b.y0 < a.y1 + gap;
}

/**
 * The control point of a curved edge, or undefined for a straight one. An edge curves when
 * it would cross a node of a layer it skips (it goes around on the nearer side; a bypass
 * prefers the outside), when it is a bypass (always visibly apart from the routed path), or
 * when it shares its two nodes with another edge.
 */
function curveControl(e: MeshGraphEdge, from: Point, to: Point, between: Point[], s: Spacing, twin: boolean, reverse: boolean): Point | undefined {
  const nodeGap = s.nodeGap;
  const mid = { u: (from.u + to.u) / 2, v: (from.v + to.v) / 2 };
  let peak: number | undefined;
  const blocking = between.filter((p) => {
    const t = (p.u - from.u) / (to.u - from.u || 1);
    return Math.abs(from.v + t * (to.v - from.v) - p.v) < nodeGap * 0.45;
  });
  if (blocking.length) {
    const top = Math.min(...blocking.map((p) => p.v)) - s.clearBefore;
    const bottom = Math.max(...blocking.map((p) => p.v)) + s.clearAfter;
    const below = e.bypass ? mid.v - top >= bottom - mid.v - nodeGap * 0.5 : mid.v - top > bottom - mid.v;
    peak = below ? bottom : top;
  } else if (e.bypass || twin) {
    peak = mid.v + (e.bypass ? 1 : -1) * nodeGap * 0.3;
  } else if (reverse) {
    peak = mid.v + (from.u < to.u ? -1 : 1) * nodeGap * 0.15;
  }
  if (peak === undefined) return undefined;
  // A quadratic Bézier's midpoint is halfway between the chord's midpoint and the control point.
  return { u: mid.u, v: 2 * peak - mid.v };
}

/** Pulls both ends back to the nodes' rims, along the direction each end leaves towards. */
function trim(x0: number, y0: number, tx0: number, ty0: number, x2: number, y2: number, tx2: number, ty2: number, startGap: number): [[number, number], [number, number]] {
  return [toward(x0, y0, tx0, ty0, startGap), toward(x2, y2, tx2, ty2, RIM + 6)];
}

function toward(x: number, y: number, tx: number, ty: number, d: number): [number, number] {
  const dx = tx - x;
  const dy = ty - y;
  const len = Math.hypot(dx, dy) || 1;
  return [x + (dx / len) * d, y + (dy / len) * d];
}

function r(n: number): number {
  return Math.round(n * 10) / 10;
}
