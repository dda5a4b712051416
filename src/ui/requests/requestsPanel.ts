/**
 * The Requests tab: every request the reader's commands caused, newest first, and for the
 * selected one the runtime's explanation: each hop's listener, route table and the
 * VirtualService match that won (or the routes rejected), DestinationRule and TLS origination,
 * every Mixer rule with its match result and the attributes that decided it, each adapter's
 * verdict, and one line saying why the request got its status.
 */
import "./requests.css";
import type { WorkerClient } from "../../worker/client.ts";
import type { HopTrace } from "../../runtime/proxy/trace.ts";
import type { AttributeValue, RuleEvaluation } from "../../runtime/mixer/types.ts";
import type { RequestExplanation, RequestSummary } from "../../runtime/proxy/traceExplanation.ts";
import { PanelPolling, type PolledPanel } from "../panelPolling.ts";

export type RequestsView = PolledPanel;

const POLL_MS = 3000;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function clockTime(micros: number): string {
  const d = new Date(micros / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

function statusText(r: RequestSummary): string {
  return r.status !== undefined ? String(r.status) : `curl exit ${r.transportError ?? "?"}`;
}

function statusClass(r: RequestSummary): string {
  if (r.status === undefined) return "rq-status rq-fail";
  if (r.status >= 500) return "rq-status rq-5xx";
  if (r.status >= 400) return "rq-status rq-4xx";
  if (r.status >= 300) return "rq-status rq-3xx";
  return "rq-status rq-2xx";
}

function attributeText(v: AttributeValue | null | undefined): string {
  if (v === null || v === undefined) return "(absent)";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

export function mountRequestsPanel(root: HTMLElement, client: WorkerClient): RequestsView {
  const table = root.querySelector<HTMLTableSectionElement>("[data-requests-rows]")!;
  const empty = root.querySelector<HTMLElement>("[data-requests-empty]")!;
  const detail = root.querySelector<HTMLElement>("[data-request-detail]")!;
  const polling = new PanelPolling(() => refresh(), POLL_MS);
  let selected: string | undefined;
  let lastKey = "";

  table.addEventListener("click", (e) => {
    const row = (e.target as HTMLElement).closest<HTMLTableRowElement>("tr[data-id]");
    if (row) void select(row.dataset.id!);
  });
  table.addEventListener("keydown", (e) => {
    const row = (e.target as HTMLElement).closest<HTMLTableRowElement>("tr[data-id]");
    if (!row) return;
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      void select(row.dataset.id!);
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next = (e.key === "ArrowDown" ? row.nextElementSibling : row.previousElementSibling) as HTMLElement | null;
      next?.focus();
    }
  });

  function renderList(list: RequestSummary[]): void {
    const key = list.map((r) => r.id).join(",");
    if (key === lastKey) return;
    lastKey = key;
    empty.hidden = list.length > 0;
    const frag = document.createDocumentFragment();
    for (const r of list) {
      const tr = el("tr");
      tr.dataset.id = r.id;
      tr.tabIndex = 0;
      tr.setAttribute("aria-selected", String(r.id === selected));
      const status = el("td", statusClass(r), statusText(r));
      tr.append(
        el("td", "rq-time", clockTime(r.startMicros)),
        Object.assign(el("td", "rq-source", r.source), { title: r.source }),
        el("td", "rq-method", r.method),
        Object.assign(el("td", "rq-url", r.url), { title: r.url }),
        status,
        el("td", "rq-size", r.responseSize !== undefined ? String(r.responseSize) : "–"),
      );
      frag.append(tr);
    }
    table.replaceChildren(frag);
  }

  async function refresh(): Promise<void> {
    if (!polling.visible) return;
    try {
      renderList(await client.request("requests", {}));
    } catch {
      // the sandbox is restarting; the next poll fills the list
    }
  }

  async function select(id: string): Promise<void> {
    selected = id;
    for (const tr of table.querySelectorAll<HTMLElement>("tr[data-id]")) tr.setAttribute("aria-selected", String(tr.dataset.id === id));
    const explanation = await client.request("requestDetail", { id });
    if (selected !== id) return;
    detail.replaceChildren(explanation ? renderExplanation(explanation) : el("p", "rq-placeholder", "This request is no longer kept (only the newest are)."));
  }

  return polling;
}

function renderExplanation(x: RequestExplanation): HTMLElement {
  const box = el("div", "rq-explanation");
  const head = el("div", "rq-head");
  const status = el("span", statusClass(x), statusText(x));
  head.append(status, el("code", "rq-line", `${x.method} ${x.url}`));
  box.append(head);
  const why = el("p", "rq-why");
  why.append(el("strong", undefined, "Why: "), document.createTextNode(x.why));
  box.append(why);
  const meta = el("p", "rq-meta", `from ${x.source} at ${clockTime(x.startMicros)} · ${(x.durationMicros / 1000).toFixed(1)} ms${x.requestId ? ` · x-request-id ${x.requestId}` : ""}${x.responseSize !== undefined ? ` · ${x.responseSize} bytes` : ""}`);
  box.append(meta);

  box.append(el("h4", undefined, "Path through the mesh"));
  const hops = el("ol", "rq-hops");
  for (const hop of x.hops) hops.append(renderHop(hop));
  box.append(hops);

  if (x.mixerCheck) {
    box.append(el("h4", undefined, `Mixer Check (istio-policy): ${x.mixerCheck.code}${x.mixerCheck.message ? ` — ${x.mixerCheck.message}` : ""}`));
    box.append(renderRules(x.mixerCheck.rules));
  }
  if (x.mixerReport) {
    box.append(el("h4", undefined, "Mixer Report (istio-telemetry)"));
    box.append(renderRules(x.mixerReport.rules));
  }
  if (!x.mixerCheck && !x.mixerReport) box.append(el("p", "rq-note", "No Mixer call: in 0.8 only the egress gateway checks and reports; this request did not pass through it."));

  const names = Object.keys(x.attributes);
  if (names.length) {
    const details = el("details", "rq-attributes");
    details.append(el("summary", undefined, `Mixer attributes at the gateway (${names.length})`));
    const dl = el("dl");
    for (const n of names) dl.append(el("dt", undefined, n), el("dd", undefined, attributeText(x.attributes[n])));
    details.append(dl);
    box.append(details);
  }
  return box;
}

function field(dl: HTMLElement, name: string, value: string | undefined): void {
  if (value === undefined || value === "") return;
  dl.append(el("dt", undefined, name), el("dd", undefined, value));
}

function renderHop(hop: HopTrace): HTMLElement {
  const li = el("li", `rq-hop rq-hop-${hop.kind}`);
  const kind: Record<HopTrace["kind"], string> = { sidecar: "Sidecar (outbound)", gateway: "Egress gateway", upstream: "Upstream", direct: "Direct (no proxy)" };
  const title = el("div", "rq-hop-title");
  title.append(el("span", "rq-hop-kind", kind[hop.kind]), el("span", "rq-hop-at", hop.at));
  if (hop.status !== undefined) title.append(el("span", "rq-hop-status", `${hop.status}${hop.responseFlags && hop.responseFlags !== "-" ? ` ${hop.responseFlags}` : ""}`));
  li.append(title);
  const dl = el("dl", "rq-fields");
  field(dl, "listener", hop.listener);
  field(dl, "route table", hop.routeConfig);
  field(dl, "virtual host", hop.virtualHost ?? (hop.routeConfig ? "(none matched)" : undefined));
  if (hop.route) {
    const r = hop.route;
    const where = r.virtualService
      ? `VirtualService ${r.virtualService}, http[${r.httpIndex}]${r.matchIndex >= 0 ? `.match[${r.matchIndex}]` : " (no match clause)"}`
      : (r.description ?? "route");
    field(dl, "route that won", where);
  } else if (hop.routeConfig) {
    field(dl, "route that won", "none");
  }
  if (hop.rejected?.length) {
    dl.append(el("dt", undefined, "routes rejected"));
    const dd = el("dd");
    const ul = el("ul", "rq-rejected");
    for (const r of hop.rejected) ul.append(el("li", undefined, r));
    dd.append(ul);
    dl.append(dd);
  }
  field(dl, "cluster", hop.cluster);
  field(dl, "DestinationRule", hop.destinationRule);
  if (hop.tlsOrigination !== undefined && (hop.destinationRule || hop.tlsOrigination)) field(dl, "TLS origination", hop.tlsOrigination ? "yes (mode SIMPLE)" : "no");
  field(dl, "note", hop.note);
  if (dl.childElementCount) li.append(dl);
  return li;
}

function renderRules(rules: RuleEvaluation[]): HTMLElement {
  const ul = el("ul", "rq-rules");
  for (const rule of rules) {
    const li = el("li", `rq-rule ${rule.matched ? "rq-matched" : "rq-unmatched"}`);
    const head = el("div", "rq-rule-head");
    head.append(
      el("span", "rq-rule-verdict", rule.error ? "error" : rule.matched ? "matched" : "not matched"),
      el("code", "rq-rule-name", rule.rule),
    );
    li.append(head);
    li.append(el("code", "rq-rule-match", `match: ${rule.match ? rule.match : '"" (always)'}`));
    if (rule.error) li.append(el("p", "rq-rule-error", rule.error));
    const inputs = Object.entries(rule.inputs ?? {});
    if (inputs.length) {
      const dl = el("dl", "rq-inputs");
      for (const [k, v] of inputs) dl.append(el("dt", undefined, k), el("dd", undefined, attributeText(v)));
      li.append(dl);
    }
    if (rule.actions.length) {
      const acts = el("ul", "rq-actions");
      for (const a of rule.actions) {
        const item = el("li", a.code === "OK" ? "rq-ok" : "rq-deny");
        item.append(el("span", "rq-code", a.code), el("code", undefined, ` ${a.handler}`), document.createTextNode(` ← ${a.instance}: ${a.detail || a.message}`));
        acts.append(item);
      }
      li.append(acts);
    }
    ul.append(li);
  }
  return ul;
}
