/**
 * The Logs panel: Mixer's telemetry log and the egress gateway's access log as they are
 * written, merged with a source column, or one stream at a time. JSON lines (Mixer's stdio
 * adapter) are coloured by their `level`. The DOM keeps only the newest lines.
 */
import type { LogLine, LogSource } from "../../worker/protocol.ts";

const MAX_LINES = 2000;
const LEVEL = /"level":"(info|warn|warning|error)"/;
const SOURCE_LABEL: Record<LogSource, string> = { mixer: "mixer", egressgateway: "egress gateway" };

export interface LogsPanel {
  append(lines: LogLine[]): void;
  clear(): void;
}

export function mountLogsPanel(root: HTMLElement): LogsPanel {
  const list = root.querySelector<HTMLOListElement>("[data-logs-list]")!;
  const filter = root.querySelector<HTMLInputElement>("[data-logs-filter]")!;
  const source = root.querySelector<HTMLSelectElement>("[data-logs-source]")!;
  const pause = root.querySelector<HTMLButtonElement>("[data-logs-pause]")!;
  const status = root.querySelector<HTMLElement>("[data-logs-status]")!;
  const empty = root.querySelector<HTMLElement>("[data-logs-empty]")!;
  let paused = false;
  let held: LogLine[] = [];

  function matches(li: HTMLElement): boolean {
    const wanted = source.value;
    if (wanted !== "all" && li.dataset.source !== wanted) return false;
    const q = filter.value.trim().toLowerCase();
    return !q || (li.textContent ?? "").toLowerCase().includes(q);
  }

  function applyFilter(): void {
    for (const li of list.children as HTMLCollectionOf<HTMLElement>) li.hidden = !matches(li);
  }

  function render(lines: LogLine[]): void {
    if (!lines.length) return;
    const stick = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
    const frag = document.createDocumentFragment();
    for (const line of lines.slice(-MAX_LINES)) {
      const li = document.createElement("li");
      li.dataset.source = line.source;
      const level = line.text.match(LEVEL)?.[1];
      if (level) li.dataset.level = level === "warning" ? "warn" : level;
      const tag = document.createElement("span");
      tag.className = "log-source";
      tag.textContent = SOURCE_LABEL[line.source];
      const text = document.createElement("span");
      text.className = "log-text";
      text.textContent = line.text;
      li.append(tag, text);
      li.hidden = !matches(li);
      frag.append(li);
    }
    list.append(frag);
    const excess = list.children.length - MAX_LINES;
    for (let i = 0; i < excess; i++) list.firstElementChild?.remove();
    empty.hidden = list.children.length > 0;
    if (stick) list.scrollTop = list.scrollHeight;
  }

  filter.addEventListener("input", applyFilter);
  source.addEventListener("change", applyFilter);
  pause.addEventListener("click", () => {
    paused = !paused;
    pause.setAttribute("aria-pressed", String(paused));
    pause.textContent = paused ? "Resume" : "Pause";
    if (!paused) {
      render(held);
      held = [];
      status.textContent = "";
    }
  });

  return {
    append(lines) {
      if (paused) {
        held.push(...lines);
        if (held.length > MAX_LINES) held = held.slice(-MAX_LINES);
        status.textContent = `Paused: ${held.length} new line${held.length === 1 ? "" : "s"} waiting`;
        return;
      }
      render(lines);
    },
    clear() {
      list.replaceChildren();
      held = [];
      empty.hidden = false;
    },
  };
}
