/**
 * The Graph tab: the mesh graph the runtime computed from its request traces (who talked to
 * whom, how often, with which responses), drawn like Kiali's traffic graph, with a legend, a
 * time window, and a table of the same edges for screen readers and for exact numbers. Loaded
 * when the tab is first shown; refreshes every 2 s while it is visible and the page is shown.
 */
import "./graph.css";
import type { WorkerClient } from "../../worker/client.ts";
import type { MeshGraph, MeshNodeKind } from "../../runtime/telemetry/meshGraph/types.ts";
import { layoutGraph } from "./graphLayout.ts";
import { edgeTone, nodeShape, renderGraphSvg } from "./graphSvg.ts";
import { edgeNotes, graphSummary, mixText, nodeTitle, rateText, responsesText } from "./graphText.ts";
import { PanelPolling, type PolledPanel } from "../panelPolling.ts";

export type GraphView = PolledPanel;

const REFRESH_MS = 2000;
/** Below this width the layers run top to bottom. */
const VERTICAL_BELOW_PX = 620;
const WINDOWS = [
  { seconds: 60, label: "Last 1 minute", phrase: "last minute" },
  { seconds: 300, label: "Last 5 minutes", phrase: "last 5 minutes" },
  { seconds: 900, label: "Last 15 minutes", phrase: "last 15 minutes" },
];
const DEFAULT_WINDOW = 300;
const EXAMPLE = `kubectl exec -it $SOURCE_POD -c sleep -- curl -sL -o /dev/null -w "%{http_code}\\n" http://edition.cnn.com/politics`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function mountGraph(root: HTMLElement, client: WorkerClient): GraphView {
  root.replaceChildren();
  const frame = el("div", "mg-frame");
  const bar = el("div", "mg-toolbar");
  const title = el("h2", "mg-title", "Mesh graph");
  const picker = el("select", "mg-picker");
  picker.setAttribute("aria-label", "Time window");
  for (const w of WINDOWS) picker.append(new Option(w.label, String(w.seconds), w.seconds === DEFAULT_WINDOW, w.seconds === DEFAULT_WINDOW));
  const live = el("span", "mg-live", "Live · every 2 s");
  live.title = "The graph refreshes every 2 seconds while this tab is open";
  const count = el("span", "mg-count");
  count.setAttribute("role", "status");
  bar.append(title, picker, live, el("span", "mg-spacer"), count);

  const canvas = el("div", "mg-canvas");
  const legend = renderLegend();
  const tableWrap = el("section", "mg-table-wrap");
  tableWrap.setAttribute("aria-label", "Traffic between nodes");
  frame.append(bar, canvas, legend, tableWrap);
  root.append(frame);

  const polling = new PanelPolling(() => refresh(), REFRESH_MS);
  let inFlight = false;
  let last: MeshGraph | undefined;
  let drawnKey = "";

  const windowChoice = () => WINDOWS.find((w) => String(w.seconds) === picker.value) ?? WINDOWS[1];
  picker.addEventListener("change", () => void refresh());

  async function refresh(): Promise<void> {
    if (!polling.visible || inFlight || document.hidden) return;
    inFlight = true;
    try {
      last = await client.request("meshGraph", { windowSeconds: windowChoice().seconds });
      draw();
    } catch {
      // the sandbox is restarting; the next refresh draws
    } finally {
      inFlight = false;
    }
  }

  function draw(): void {
    if (!last) return;
    const graph = last;
    const w = windowChoice();
    const orientation = frame.clientWidth > 0 && frame.clientWidth < VERTICAL_BELOW_PX ? "vertical" : "horizontal";
    // Same picture as last time: leave the DOM alone (no flicker, focus and hover stay put).
    const key = `${orientation}|${w.seconds}|${JSON.stringify(graph.nodes)}|${JSON.stringify(graph.edges)}`;
    if (key === drawnKey) return;
    drawnKey = key;
    count.textContent = `${graph.requests} request${graph.requests === 1 ? "" : "s"} in the ${w.phrase}`;
    if (!graph.edges.length) {
      canvas.replaceChildren(emptyState(w.phrase));
      tableWrap.hidden = true;
      return;
    }
    canvas.replaceChildren(renderGraphSvg(layoutGraph(graph, orientation), graphSummary(graph, w.phrase)));
    tableWrap.hidden = false;
    tableWrap.replaceChildren(edgeTable(graph, w.phrase));
  }

  const resize = new ResizeObserver(() => {
    if (polling.visible) draw();
  });
  resize.observe(frame);
  const onVisibility = () => {
    if (!document.hidden) void refresh();
  };
  document.addEventListener("visibilitychange", onVisibility);

  return polling;
}

function emptyState(phrase: string): HTMLElement {
  const box = el("div", "mg-empty");
  box.append(
    el("p", "mg-empty-title", `No traffic in the ${phrase}.`),
    el("p", undefined, "Send a request from a pod and it appears here within 2 seconds, for example:"),
  );
  const pre = el("pre", "mg-empty-command");
  pre.append(el("code", undefined, EXAMPLE));
  box.append(
    pre,
    el("p", "mg-empty-note", "Each workload, the egress gateway and every host reached becomes a node; each edge shows its request rate and response codes. A pod without a sidecar shows up going around the gateway."),
  );
  return box;
}

function edgeTable(graph: MeshGraph, phrase: string): HTMLTableElement {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const name = (id: string) => {
    const n = byId.get(id);
    return n ? nodeTitle(n) : id;
  };
  const table = el("table", "mg-table");
  table.append(el("caption", undefined, `Edges in the ${phrase}`));
  const head = el("tr");
  for (const h of ["From", "To", "Requests", "Rate", "Responses", "Notes"]) {
    const th = el("th", undefined, h);
    th.scope = "col";
    head.append(th);
  }
  const thead = el("thead");
  thead.append(head);
  const tbody = el("tbody");
  for (const e of graph.edges) {
    const tr = el("tr");
    tr.dataset.edge = e.id;
    const mix = el("td", "mg-mix");
    mix.append(el("span", `mg-dot mg-${edgeTone(e)}`), document.createTextNode(mixText(e.codes, e.total)), el("span", "mg-codes", responsesText(e)));
    tr.append(
      el("td", undefined, name(e.source)),
      el("td", undefined, name(e.target)),
      el("td", "mg-num", String(e.total)),
      el("td", "mg-num", rateText(e.rate)),
      mix,
      el("td", undefined, edgeNotes(e).join("; ") || "—"),
    );
    tbody.append(tr);
  }
  table.append(thead, tbody);
  return table;
}

function renderLegend(): HTMLElement {
  const legend = el("section", "mg-legend");
  legend.setAttribute("aria-label", "Legend");
  const nodes: [MeshNodeKind | "no-sidecar", string][] = [
    ["workload", "Workload"],
    ["no-sidecar", "Workload without sidecar"],
    ["gateway", "Egress gateway"],
    ["service", "Service"],
    ["host", "External host"],
    ["unknown", "Unresolved host"],
  ];
  const nodeList = el("ul", "mg-legend-list");
  for (const [kind, text] of nodes) {
    const item = el("li");
    const icon = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    icon.setAttribute("viewBox", "-13 -13 26 26");
    icon.setAttribute("aria-hidden", "true");
    icon.setAttribute("class", `mg-legend-icon mg-node mg-node-${kind === "no-sidecar" ? "workload mg-no-sidecar" : kind}`);
    const shape = nodeShape(kind === "no-sidecar" ? "workload" : kind, 9);
    shape.setAttribute("class", "mg-shape");
    icon.append(shape);
    item.append(icon, el("span", undefined, text));
    nodeList.append(item);
  }
  const edgeList = el("ul", "mg-legend-list");
  const edges: [string, string][] = [
    ["ok", "2xx/3xx only"],
    ["warn", "some 4xx, 5xx or failures"],
    ["fail", "20% or more 5xx or failures"],
    ["fail mg-bypass", "bypasses the mesh: no sidecar, no Mixer"],
  ];
  for (const [cls, text] of edges) {
    const item = el("li");
    const icon = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    icon.setAttribute("viewBox", "0 0 30 10");
    icon.setAttribute("aria-hidden", "true");
    icon.setAttribute("class", `mg-legend-icon mg-legend-edge mg-edge mg-${cls}`);
    const line = document.createElementNS("http://www.w3.org/2000/svg", "path");
    line.setAttribute("d", "M1,5 L29,5");
    icon.append(line);
    item.append(icon, el("span", undefined, text));
    edgeList.append(item);
  }
  legend.append(el("h3", "mg-legend-title", "Nodes"), nodeList, el("h3", "mg-legend-title", "Edges"), edgeList);
  return legend;
}
