/**
 * The Dashboard tab: the Istio Dashboard drawn like Grafana 5 (dark, panel grid, legends under
 * the graphs), from the series the worker's PromQL engine computed. uPlot (and this module) load
 * when the tab is first shown; while it is visible the panels refresh every 5 s, as the
 * dashboard's `refresh: 5s` does.
 */
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import "./dashboard.css";
import type { WorkerClient } from "../../worker/client.ts";
import type { DashboardData, PanelData, SinglestatData } from "../../runtime/telemetry/grafana/evaluateDashboard.ts";
import { formatValue } from "./units.ts";
import { PanelPolling, type PolledPanel } from "../panelPolling.ts";

/** Grafana's classic series palette, in its order. */
const COLORS = ["#7EB26D", "#EAB839", "#6ED0E0", "#EF843C", "#E24D42", "#1F78C1", "#BA43A9", "#705DA0", "#508642", "#CCA300", "#447EBC", "#C15C17"];
const REFRESH_MS = 5000;
/** Time picker choices (seconds) and Grafana's steps for them (about 60-120 points per series). */
const RANGES: { seconds: number; label: string; step: number }[] = [
  { seconds: 300, label: "Last 5 minutes", step: 5 },
  { seconds: 900, label: "Last 15 minutes", step: 10 },
  { seconds: 3600, label: "Last 1 hour", step: 30 },
];
const GRAPH_HEIGHT = 170;
/**
 * Redrawing twenty-odd uPlot canvases (or creating them when a series appears) takes 100-200 ms
 * on a modest laptop: done in one go it freezes typing for that long every 5 s while traffic
 * flows. The draws run in slices of about this many milliseconds, yielding to the page between.
 */
const SLICE_MS = 12;

/** Runs `jobs` in order, yielding to the event loop whenever a slice has used its time. */
async function runSliced(jobs: (() => void)[]): Promise<void> {
  let sliceStart = performance.now();
  for (const job of jobs) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      sliceStart = performance.now();
    }
    job();
  }
}

export type DashboardView = PolledPanel;

interface Chart {
  plot: uPlot;
  /** The legends the chart was built for: a new series set rebuilds it. */
  key: string;
  host: HTMLElement;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Grafana's time axis labels for ranges under a day: `HH:mm`, local time. */
function hourMinute(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

export function mountDashboard(root: HTMLElement, client: WorkerClient): DashboardView {
  root.replaceChildren();
  const frame = el("div", "gf-dashboard");
  const nav = el("div", "gf-navbar");
  const title = el("h2", "gf-title");
  title.append(el("span", "gf-title-icon", "▦"), el("span", undefined, "Istio Dashboard"));
  const picker = el("select", "gf-picker");
  picker.setAttribute("aria-label", "Time range");
  for (const r of RANGES) picker.append(new Option(r.label, String(r.seconds)));
  const refreshNote = el("span", "gf-refresh", "⟳ 5s");
  refreshNote.title = "Refreshes every 5 seconds while this tab is open";
  nav.append(title, el("span", "gf-spacer"), picker, refreshNote);

  const vars = el("div", "gf-variables");
  for (const label of ["Source", "Source Version", "HTTP Destination", "TCP Destination", "Destination Version"]) {
    const v = el("span", "gf-variable");
    v.append(el("span", "gf-variable-label", label), el("span", "gf-variable-value", "All"));
    vars.append(v);
  }
  const banner = el("p", "gf-banner");
  banner.hidden = true;
  const status = el("p", "gf-status");
  status.setAttribute("role", "status");
  const body = el("div", "gf-body");
  frame.append(nav, vars, banner, status, body);
  root.append(frame);

  const charts = new Map<string, Chart>();
  const singlestatNodes = new Map<number, { value: HTMLElement; chart?: Chart; host: HTMLElement }>();
  let built = false;
  const polling = new PanelPolling(() => refresh(), REFRESH_MS);
  let inFlight = false;

  const range = () => RANGES.find((r) => String(r.seconds) === picker.value) ?? RANGES[0];
  picker.addEventListener("change", () => refresh());

  function section(text: string): HTMLElement {
    const h = el("h3", "gf-section", text);
    body.append(h);
    return h;
  }

  function panelShell(parent: HTMLElement, key: string, titleText: string, className = "gf-panel"): HTMLElement {
    const panel = el("section", className);
    panel.dataset.panel = key;
    panel.setAttribute("aria-label", titleText);
    const header = el("header", "gf-panel-header", titleText);
    const content = el("div", "gf-panel-content");
    panel.append(header, content);
    parent.append(panel);
    return content;
  }

  /** Builds the panel grid once: the rows come from the first answer (one per HTTP destination). */
  function build(data: DashboardData): void {
    body.replaceChildren();
    charts.forEach((c) => c.plot.destroy());
    charts.clear();
    singlestatNodes.clear();
    const stats = el("div", "gf-row gf-singlestats");
    body.append(stats);
    for (const s of data.singlestats) {
      const content = panelShell(stats, `stat-${s.id}`, s.title, "gf-panel gf-singlestat");
      const value = el("div", "gf-singlestat-value");
      const spark = el("div", "gf-sparkline");
      content.append(value, spark);
      singlestatNodes.set(s.id, { value, host: spark });
    }
    section("Service Mesh");
    const mesh = el("div", "gf-row gf-graphs");
    body.append(mesh);
    for (const p of data.mesh) panelShell(mesh, `mesh-${p.id}`, p.title);
    section("HTTP Services");
    if (!data.httpRows.length) {
      body.append(el("p", "gf-empty", "No HTTP destinations yet: label_values(istio_request_count, destination_service) is empty until Mixer reports a request."));
    }
    for (const row of data.httpRows) {
      const rowTitle = el("div", "gf-row-title", row.destination);
      const grid = el("div", "gf-row gf-graphs");
      body.append(rowTitle, grid);
      for (const p of row.panels) panelShell(grid, `http-${row.destination}-${p.id}`, p.title);
    }
    built = true;
  }

  function rowsKey(data: DashboardData): string {
    return data.httpRows.map((r) => r.destination).join("|");
  }
  let currentRows = "";

  function drawGraph(key: string, panel: PanelData, times: number[]): void {
    const content = body.querySelector<HTMLElement>(`[data-panel="${CSS.escape(key)}"] .gf-panel-content`);
    if (!content) return;
    const shell = content.parentElement!;
    shell.querySelector(".gf-panel-error")?.remove();
    if (panel.error) {
      const corner = el("span", "gf-panel-error", "!");
      corner.title = panel.error;
      shell.querySelector("header")!.append(corner);
    }
    const seriesKey = panel.series.map((s) => s.legend).join("\n");
    const values = panel.series.map((s) => (panel.nullAsZero ? s.values.map((v) => v ?? 0) : s.values));
    const aligned = [times, ...values] as uPlot.AlignedData;
    const existing = charts.get(key);
    if (existing && existing.key === seriesKey) {
      existing.plot.setData(aligned);
      return;
    }
    existing?.plot.destroy();
    content.replaceChildren();
    if (!panel.series.length) {
      content.append(el("div", "gf-no-data", "No data points"));
      charts.delete(key);
      return;
    }
    const width = Math.max(200, content.clientWidth || 300);
    const fmt = (v: number | null) => formatValue(panel.unit, v);
    const plot = new uPlot(
      {
        width,
        height: GRAPH_HEIGHT,
        class: "gf-uplot",
        legend: { live: true },
        cursor: { points: { size: 6 } },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, panel.yMax ?? (max > 0 ? max * 1.1 : 1)] } },
        axes: [
          {
            stroke: "#8e8e8e",
            grid: { stroke: "rgba(255,255,255,0.07)", width: 1 },
            ticks: { stroke: "rgba(255,255,255,0.1)", width: 1 },
            font: "11px system-ui, sans-serif",
            values: (_u, splits) => splits.map(hourMinute),
          },
          {
            stroke: "#8e8e8e",
            size: 64,
            grid: { stroke: "rgba(255,255,255,0.07)", width: 1 },
            ticks: { show: false },
            font: "11px system-ui, sans-serif",
            values: (_u, splits) => splits.map((v) => fmt(v)),
          },
        ],
        series: [
          { label: "Time", value: (_u, v) => (v == null ? "" : new Date(v * 1000).toLocaleTimeString()) },
          ...panel.series.map((s, i) => ({
            label: s.legend,
            stroke: COLORS[i % COLORS.length],
            width: 1.5,
            fill: panel.id === 27 || panel.id === 1 ? undefined : `${COLORS[i % COLORS.length]}1f`,
            spanGaps: false,
            points: { show: false },
            value: (_u: uPlot, v: number | null) => (v == null ? "" : fmt(v)),
          })),
        ],
      },
      aligned,
      content,
    );
    charts.set(key, { plot, key: seriesKey, host: content });
  }

  function drawSinglestat(s: SinglestatData, times: number[]): void {
    const node = singlestatNodes.get(s.id);
    if (!node) return;
    node.value.textContent = formatValue(s.unit, s.average, s.unit === "percentunit" ? 1 : undefined);
    node.value.classList.toggle("gf-na", s.average === null);
    node.value.title = s.error ?? "average over the time range";
    const aligned = [times, s.values] as uPlot.AlignedData;
    if (node.chart) {
      node.chart.plot.setData(aligned);
      return;
    }
    const plot = new uPlot(
      {
        width: Math.max(120, node.host.clientWidth || 200),
        height: 36,
        class: "gf-spark",
        legend: { show: false },
        cursor: { show: false },
        axes: [{ show: false }, { show: false }],
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.05 : 1] } },
        series: [{}, { stroke: "rgb(31, 120, 193)", fill: "rgba(31, 118, 189, 0.18)", width: 1, spanGaps: true, points: { show: false } }],
      },
      aligned,
      node.host,
    );
    node.chart = { plot, key: "", host: node.host };
  }

  async function render(data: DashboardData & { grafana: boolean }): Promise<void> {
    banner.hidden = !data.grafana;
    banner.textContent = "Grafana is available at localhost:3000 (this Dashboard tab): http://localhost:3000/d/1/istio-dashboard";
    if (!built || rowsKey(data) !== currentRows) {
      build(data);
      currentRows = rowsKey(data);
    }
    const jobs: (() => void)[] = [];
    for (const s of data.singlestats) jobs.push(() => drawSinglestat(s, data.times));
    for (const p of data.mesh) jobs.push(() => drawGraph(`mesh-${p.id}`, p, data.times));
    for (const row of data.httpRows) for (const p of row.panels) jobs.push(() => drawGraph(`http-${row.destination}-${p.id}`, p, data.times));
    await runSliced(jobs);
    root.dataset.dashboardUpdated = String(Date.now());
  }

  async function refresh(): Promise<void> {
    if (!polling.visible || inFlight) return;
    inFlight = true;
    try {
      const r = range();
      const data = await client.request("dashboard", { rangeSeconds: r.seconds, stepSeconds: r.step });
      status.textContent = "";
      await render(data);
    } catch (e) {
      status.textContent = `The dashboard could not be evaluated: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      inFlight = false;
    }
  }

  // Showing the tab resizes every chart from zero: one redraw each, sliced like the refreshes.
  const resize = new ResizeObserver(() => {
    const jobs: (() => void)[] = [];
    for (const c of charts.values()) jobs.push(() => c.plot.setSize({ width: Math.max(200, c.host.clientWidth), height: GRAPH_HEIGHT }));
    for (const n of singlestatNodes.values()) jobs.push(() => n.chart?.plot.setSize({ width: Math.max(120, n.host.clientWidth), height: 36 }));
    void runSliced(jobs);
  });
  resize.observe(body);

  return polling;
}
