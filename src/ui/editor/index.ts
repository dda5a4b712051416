/**
 * The manifest editor pane: Monaco + monaco-yaml over the sandbox's files, in tabs, with
 * autosave, reload on outside change, an Apply button and a screen-reader problem summary.
 * Lazy-import this module (`await import(".../editor/index.ts")`): it pulls in Monaco.
 */
import { applyCommand, isIstioManifest, type IstioctlVerb } from "./applyCommand.ts";
import { markerSummary } from "./markerSummary.ts";
import { setUpMonaco, monaco } from "./monaco.ts";
import { ensureEditorStyles } from "./styles.ts";
import { baseName, createTabBar } from "./tabBar.ts";
import type { EditorFiles, EditorHandle, EditorMarker, EditorMountOptions } from "./types.ts";

export type { EditorFiles, EditorHandle, EditorMarker, EditorMountOptions } from "./types.ts";

/** Edits are written to the sandbox this long after the last keystroke. */
const AUTOSAVE_MS = 400;
const EDITABLE = /\.(ya?ml|json)$/i;

interface OpenFile {
  model: monaco.editor.ITextModel;
  /** What the sandbox holds as far as we know (last read or written). */
  saved: string;
  saveTimer?: ReturnType<typeof setTimeout>;
  viewState: monaco.editor.ICodeEditorViewState | null;
}

function uriOf(path: string): monaco.Uri {
  return monaco.Uri.file(path.startsWith("/") ? path : `/${path}`);
}

function themeName(t: "light" | "dark"): string {
  return t === "dark" ? "vs-dark" : "vs";
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  return e;
}

export async function mountEditor(container: HTMLElement, files: EditorFiles, options: EditorMountOptions): Promise<EditorHandle> {
  ensureEditorStyles();
  setUpMonaco();

  const files_ = new Map<string, OpenFile>();
  const order: string[] = [];
  let active: string | undefined;
  let verb: IstioctlVerb = "create";
  let disposed = false;

  // --- DOM -------------------------------------------------------------------------------
  const root = el("div", "el-editor");
  const bar = el("div", "el-editor-bar");
  const tabs = createTabBar({ select: (p) => void open(p), close: (p) => void close(p) });
  const picker = el("select", "el-editor-picker");
  picker.setAttribute("aria-label", "Open a file");
  const verbSelect = el("select", "el-editor-verb");
  verbSelect.setAttribute("aria-label", "istioctl command for Apply");
  for (const v of ["create", "replace"] as const) verbSelect.append(new Option(`istioctl ${v}`, v));
  verbSelect.addEventListener("change", () => { verb = verbSelect.value as IstioctlVerb; });
  const applyButton = el("button", "el-editor-apply");
  applyButton.type = "button";
  applyButton.textContent = "Apply";
  applyButton.addEventListener("click", () => void apply());
  bar.append(tabs.element, picker, verbSelect, applyButton);
  const host = el("div", "el-editor-host");
  const empty = el("div", "el-editor-empty");
  empty.textContent = "No file open. Choose one from \u201COpen a file\u201D.";
  const problems = el("div", "el-editor-problems");
  problems.setAttribute("role", "status");
  problems.setAttribute("aria-live", "polite");
  root.append(bar, host, problems);
  container.append(root);

  const editor = monaco.editor.create(host, {
    model: null,
    theme: themeName(options.theme),
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    tabSize: 2,
    insertSpaces: true,
    fontSize: 14,
    quickSuggestions: { other: true, comments: false, strings: true },
    // Only the schema's keys and values: words from the file are noise in a manifest.
    wordBasedSuggestions: "off",
    fixedOverflowWidgets: true,
    // The default "dimmed" number of the line after the final newline fails WCAG contrast (axe).
    renderFinalNewline: "on",
    ariaLabel: "Manifest editor",
  });
  host.append(empty);
  setThemeClass(options.theme);

  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => { if (active) void save(active); });

  // --- state -> DOM ----------------------------------------------------------------------
  function dirtySet(): Set<string> {
    return new Set(order.filter((p) => files_.get(p)!.model.getValue() !== files_.get(p)!.saved));
  }

  function renderChrome(): void {
    tabs.render(order, active, dirtySet());
    empty.hidden = active !== undefined;
    applyButton.disabled = active === undefined;
    applyButton.setAttribute("aria-label", active ? `Apply ${baseName(active)}` : "Apply");
    const istio = active !== undefined && isIstioManifest(files_.get(active)!.model.getValue());
    verbSelect.hidden = !istio;
    renderProblems();
  }

  function renderProblems(): void {
    if (!active) { problems.textContent = ""; problems.dataset.count = "0"; return; }
    const list = markersOf(active);
    problems.dataset.count = String(list.length);
    problems.textContent = `${baseName(active)}: ${markerSummary(list)}`;
  }

  function markersOf(path: string): EditorMarker[] {
    return monaco.editor.getModelMarkers({ resource: uriOf(path) })
      .map((m) => ({ severity: m.severity, message: m.message, line: m.startLineNumber }))
      .sort((a, b) => a.line - b.line);
  }

  function setThemeClass(t: "light" | "dark"): void {
    root.classList.toggle("el-editor--dark", t === "dark");
  }

  // --- files -----------------------------------------------------------------------------
  async function refreshPicker(): Promise<void> {
    let paths: string[];
    try { paths = (await files.list()).filter((p) => EDITABLE.test(p)).sort(); } catch { paths = []; }
    if (disposed) return;
    picker.replaceChildren(new Option(paths.length ? "Open a file\u2026" : "No manifests yet", ""));
    for (const p of paths) picker.append(new Option(p, p));
    picker.value = "";
  }
  picker.addEventListener("change", () => { if (picker.value) void open(picker.value); picker.value = ""; });
  picker.addEventListener("focus", () => void refreshPicker());

  async function readOrEmpty(path: string): Promise<string> {
    try { return await files.read(path); } catch { return ""; }
  }

  async function open(path: string): Promise<void> {
    if (disposed) return;
    if (!files_.has(path)) {
      const text = await readOrEmpty(path);
      if (disposed) return;
      if (!files_.has(path)) { // a concurrent open() may have won
        const uri = uriOf(path);
        const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, "yaml", uri);
        model.setValue(text);
        const file: OpenFile = { model, saved: text, viewState: null };
        model.onDidChangeContent(() => {
          clearTimeout(file.saveTimer);
          file.saveTimer = setTimeout(() => void save(path), AUTOSAVE_MS);
          renderChrome();
        });
        files_.set(path, file);
        order.push(path);
      }
    }
    activate(path);
  }

  function activate(path: string): void {
    if (active === path) { renderChrome(); return; }
    if (active && files_.has(active)) files_.get(active)!.viewState = editor.saveViewState();
    active = path;
    const file = files_.get(path)!;
    editor.setModel(file.model);
    if (file.viewState) editor.restoreViewState(file.viewState);
    editor.updateOptions({ ariaLabel: `Manifest editor: ${path}` });
    renderChrome();
  }

  async function save(path: string): Promise<void> {
    const file = files_.get(path);
    if (!file) return;
    clearTimeout(file.saveTimer);
    file.saveTimer = undefined;
    const text = file.model.getValue();
    if (text === file.saved) return;
    try {
      await files.write(path, text);
      file.saved = text;
    } catch {
      problems.textContent = `Could not save ${baseName(path)}`;
      return;
    }
    if (!disposed) renderChrome();
  }

  async function close(path: string): Promise<void> {
    const file = files_.get(path);
    if (!file) return;
    await save(path);
    const i = order.indexOf(path);
    order.splice(i, 1);
    files_.delete(path);
    if (active === path) {
      active = undefined;
      const next = order[Math.min(i, order.length - 1)];
      if (next) activate(next);
      else editor.setModel(null);
    }
    file.model.dispose();
    renderChrome();
  }

  async function apply(): Promise<void> {
    const path = active;
    if (!path) return;
    await save(path);
    options.onApply?.(path, applyCommand(path, files_.get(path)?.model.getValue() ?? "", verb));
  }

  /** The sandbox changed a file (terminal, "Open in editor", reset): show it unless the reader has unsaved edits. */
  async function onOutsideChange(path: string): Promise<void> {
    void refreshPicker();
    const file = files_.get(path);
    if (!file || file.saveTimer) return;
    const text = await readOrEmpty(path);
    if (disposed || files_.get(path) !== file || file.saveTimer || text === file.model.getValue()) return;
    file.saved = text;
    // An edit operation (not setValue) keeps the reader's undo history.
    file.model.pushEditOperations([], [{ range: file.model.getFullModelRange(), text }], () => null);
    clearTimeout(file.saveTimer); // the change listener scheduled a save of what we just read
    file.saveTimer = undefined;
    renderChrome();
  }

  const unsubscribe = files.onChange((p) => void onOutsideChange(p));
  const markerListener = monaco.editor.onDidChangeMarkers((uris) => {
    if (active && uris.some((u) => u.toString() === uriOf(active!).toString())) renderProblems();
  });

  await refreshPicker();
  renderChrome();

  return {
    open,
    setTheme(t) {
      monaco.editor.setTheme(themeName(t));
      setThemeClass(t);
    },
    layout() {
      editor.layout();
    },
    markers(path) {
      const p = path ?? active;
      return p ? markersOf(p) : [];
    },
    dispose() {
      if (disposed) return;
      for (const p of order) void save(p);
      disposed = true;
      unsubscribe();
      markerListener.dispose();
      editor.dispose();
      for (const f of files_.values()) { clearTimeout(f.saveTimer); f.model.dispose(); }
      files_.clear();
      order.length = 0;
      root.remove();
    },
  };
}
