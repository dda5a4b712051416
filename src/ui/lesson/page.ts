/**
 * The lesson page's script. What runs at first paint is small: tabs, splitter, Copy buttons and
 * the init of the runtime worker (which the page's <head> already started: earlyWorker.ts). The
 * terminal (xterm) loads once the prose has painted and is drawn while the sandbox starts; the
 * editor (Monaco) only when its tab is first shown or a manifest is opened in it; the dashboard,
 * Requests and Graph panels when their tab is first shown.
 */
import { WorkerClient } from "../../worker/client.ts";
import { runtimeWorkerSpawner } from "./earlyWorker.ts";
import type { WorkerEvent } from "../../worker/protocol.ts";
import { clearLessonProgress } from "../home/progress.ts";
import { currentTheme, onThemeChange } from "../theme.ts";
import type { EditorHandle } from "../editor/types.ts";
import type { LabTerminal } from "../terminal/terminal.ts";
import type { LogsPanel } from "../logs/logsPanel.ts";
import { initSplitter } from "./splitter.ts";
import { initTabs } from "./tabs.ts";
import { editorFilesOver } from "./editorFiles.ts";
import { copyText } from "./clipboard.ts";
import type { PolledPanel } from "../panelPolling.ts";

/** Wide enough to show the terminal above the editor when the Editor tab is open. */
const SPLIT_QUERY = "(min-width: 701px)";


/** Resolves after the next frame is painted (a task queued from requestAnimationFrame runs after the paint). */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

export function startLessonPage(): void {
  const found = document.querySelector<HTMLElement>("[data-lesson-root]");
  if (!found) return;
  const root: HTMLElement = found;
  const lesson = root.dataset.lesson!;
  const setup = JSON.parse(root.dataset.setup ?? "[]") as string[];
  const status = root.querySelector<HTMLElement>("[data-status]")!;
  const panels = root.querySelector<HTMLElement>("[data-panels]")!;
  const terminalHost = root.querySelector<HTMLElement>("[data-terminal]")!;
  const terminalPanel = root.querySelector<HTMLElement>("#panel-terminal")!;
  const editorHost = root.querySelector<HTMLElement>("[data-editor]")!;
  const logsRoot = root.querySelector<HTMLElement>("[data-logs]")!;
  const split = window.matchMedia(SPLIT_QUERY);

  const say = (message: string) => {
    status.textContent = message;
    status.hidden = !message;
  };

  const client = new WorkerClient(runtimeWorkerSpawner());
  let terminal: LabTerminal | undefined;
  let editor: Promise<EditorHandle> | undefined;
  let logs: LogsPanel | undefined;
  /**
   * The panels that watch the sandbox (Dashboard with uPlot, Requests, Graph): each loads when its
   * tab is first shown and polls only while shown.
   */
  const watchers: { panel: string; root: HTMLElement | null; what: string; mount: (root: HTMLElement) => Promise<PolledPanel>; view?: Promise<PolledPanel> }[] = [
    { panel: "panel-dashboard", root: root.querySelector("[data-dashboard]"), what: "The dashboard",
      mount: (el) => import("../dashboard/dashboard.ts").then((m) => m.mountDashboard(el, client)) },
    { panel: "panel-requests", root: root.querySelector("[data-requests]"), what: "The Requests panel",
      mount: (el) => import("../requests/requestsPanel.ts").then((m) => m.mountRequestsPanel(el, client)) },
    { panel: "panel-graph", root: root.querySelector("[data-graph]"), what: "The mesh graph",
      mount: (el) => import("../graph/graphPanel.ts").then((m) => m.mountGraph(el, client)) },
  ];
  const pendingLogs: Parameters<LogsPanel["append"]>[0] = [];

  client.on((event: WorkerEvent) => {
    if (event.event === "logs") {
      if (logs) logs.append(event.lines);
      else pendingLogs.push(...event.lines);
    } else if (event.event === "status") say(event.message);
    // Observable points for the browser tests and bench/web.bench.ts (cheap; no effect on the reader).
    else if (event.event === "saved") performance.mark("sandbox-saved");
    // A command finished: show its requests now rather than at the next poll.
    if (event.event === "files-changed") {
      for (const w of watchers) void w.view?.then((v) => v.refresh());
    }
  });

  // --- tabs and layout ------------------------------------------------------------------
  function showPanel(panelId: string): void {
    const editorOpen = panelId === "panel-editor";
    panels.classList.toggle("split", editorOpen && split.matches);
    for (const panel of panels.querySelectorAll<HTMLElement>('[role="tabpanel"]')) {
      panel.hidden = !(panel.id === panelId || (panel.id === "panel-terminal" && editorOpen && split.matches));
    }
    terminal?.setVisible(!terminalPanel.hidden);
    if (editorOpen) void loadEditor();
    for (const w of watchers) {
      const el = w.root;
      if (w.panel === panelId && el && !w.view) {
        w.view = ready.then(() => w.mount(el));
        w.view.catch(() => say(`${w.what} could not be loaded; the terminal still works.`));
      }
      void w.view?.then((v) => (w.panel === panelId ? v.show() : v.hide()));
    }
    if (panelId === "panel-logs") {
      void loadLogs();
      // Lines that arrived while the panel was hidden could not scroll it: show the newest.
      const list = logsRoot.querySelector<HTMLElement>("[data-logs-list]");
      requestAnimationFrame(() => list && (list.scrollTop = list.scrollHeight));
    }
    requestAnimationFrame(() => {
      terminal?.fit();
      void editor?.then((e) => e.layout());
    });
  }
  const tabs = initTabs(root.querySelector<HTMLElement>("[data-tablist]")!, showPanel);
  split.addEventListener("change", () => showPanel(tabs.selected()));
  initSplitter(root.querySelector<HTMLElement>("[data-splitter]")!, root, () => {
    terminal?.fit();
    void editor?.then((e) => e.layout());
  });

  // --- the sandbox and the terminal -----------------------------------------------------
  const started = performance.now();
  // xterm (90 KB) is fetched once the prose has painted: the sandbox takes longer to start than
  // the terminal to load and draw, so this costs the terminal nothing and keeps the first paint light.
  const terminalModule = afterNextPaint().then(() => import("../terminal/terminal.ts"));
  // The worker the <head> script started is already preparing this lesson's sandbox (it is named after it).
  const sandbox = client.init({ lesson, setup });
  // The terminal is drawn while the worker starts (the page is idle then); its prompt waits for the sandbox.
  const mounted = terminalModule.then(({ mountTerminal }) => {
    terminal = mountTerminal(terminalHost, {
      client,
      theme: currentTheme(),
      scrollbackKey: `egress-lab:scrollback:${lesson}`,
      sandboxReady: sandbox,
    });
    terminal.setVisible(!terminalPanel.hidden);
    new ResizeObserver(() => terminal?.fit()).observe(terminalHost);
    return terminal;
  });
  const ready = (async () => {
    const init = await sandbox;
    const shown = await mounted;
    await shown.ready;
    pendingLogs.unshift(...init.backlog);
    void loadLogs();
    root.dataset.terminalReady = String(Math.round(performance.now() - started));
    // The worker answered init and the prompt is drawn: the terminal accepts input from here.
    performance.mark("terminal-ready");
    // Where the time went (bench:web prints these): the worker's code loaded, the sandbox built.
    performance.mark("worker-evaluated", { startTime: init.timings.evaluated - performance.timeOrigin });
    performance.mark("sandbox-ready", { startTime: init.timings.sandboxReady - performance.timeOrigin });
    say(init.notice ?? "");
    return shown;
  })();
  ready.catch((e: unknown) => say(`The sandbox could not start: ${e instanceof Error ? e.message : String(e)}. Reload the page to try again.`));

  // --- editor (lazy) ----------------------------------------------------------------------
  function loadEditor(): Promise<EditorHandle> {
    editor ??= (async () => {
      await ready;
      const { mountEditor } = await import("../editor/index.ts");
      editorHost.replaceChildren();
      return mountEditor(editorHost, editorFilesOver(client), {
        theme: currentTheme(),
        onApply: (_path, command) => {
          if (!split.matches) tabs.select("panel-terminal");
          void terminal?.typeAndRun(command);
        },
      });
    })();
    editor.catch(() => say("The editor could not be loaded; the terminal still works."));
    return editor;
  }

  async function loadLogs(): Promise<void> {
    if (logs) return;
    const { mountLogsPanel } = await import("../logs/logsPanel.ts");
    logs ??= mountLogsPanel(logsRoot);
    logs.append(pendingLogs.splice(0));
  }

  onThemeChange((theme) => {
    terminal?.setTheme(theme);
    void editor?.then((e) => e.setTheme(theme));
  });

  // --- prose buttons ----------------------------------------------------------------------
  root.addEventListener("click", (e) => {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>("button");
    if (!button) return;
    if (button.dataset.run !== undefined) {
      const command = button.dataset.run;
      if (tabs.selected() !== "panel-terminal" && !(tabs.selected() === "panel-editor" && split.matches)) tabs.select("panel-terminal");
      // Progress counts steps whose check passed: src/ui/steps marks them.
      void ready.then((t) => t.typeAndRun(command));
    } else if (button.dataset.copy !== undefined) {
      void copyText(button.dataset.copy).then((ok) => flash(button, ok ? "Copied" : "Copy failed"));
    } else if (button.dataset.openEditor !== undefined) {
      const file = button.dataset.openEditor;
      const body = button.dataset.manifest ?? "";
      void (async () => {
        await ready;
        await client.request("writeFile", { path: file, content: body });
        tabs.select("panel-editor");
        const handle = await loadEditor();
        await handle.open(file);
        say(`Saved the manifest as ${file} in /root/istio-0.8.0 and opened it in the editor.`);
      })();
    } else if (button.hasAttribute("data-reset")) {
      void reset();
    } else if (button.hasAttribute("data-compare")) {
      // Loads Monaco's diff editor on first use (src/ui/compare).
      void ready
        .then(() => import("../compare/compareDialog.ts"))
        .then((m) => m.openCompareDialog(client, lesson, button))
        .catch((err: unknown) => say(`The comparison could not be shown: ${err instanceof Error ? err.message : String(err)}`));
    }
  });

  async function reset(): Promise<void> {
    performance.mark("reset-start");
    const t = await ready;
    const result = await client.request("reset", {});
    t.clear();
    logs?.clear();
    pendingLogs.length = 0;
    clearLessonProgress(lesson);
    root.dataset.resetMs = String(Math.round(result.ms));
    say(`The lesson is back at its start (reset in ${Math.round(result.ms)} ms).`);
    t.focus();
    // Click to fresh prompt, as the reader sees it (bench/web.bench.ts reads this measure).
    performance.measure("reset", "reset-start");
  }

  // Save now when the reader leaves, rather than losing the last debounce window.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") void client.request("save", {}).catch(() => undefined);
  });

  // --- step checks, hints, solutions (src/ui/steps), once the sandbox runs ------------------
  void ready
    .then(() => import("../steps/steps.ts"))
    .then((m) => m.mountSteps({ root, client, lesson, terminal: ready, say }))
    .catch(() => say("The step checks could not be loaded; the lesson's commands still work."));
}

function flash(button: HTMLButtonElement, text: string): void {
  const original = button.textContent;
  button.textContent = text;
  setTimeout(() => (button.textContent = original), 1500);
}
