/**
 * A read-only Monaco diff editor (for "Compare with solution"), set up like the manifest editor
 * (same slim Monaco, workers and YAML language from monaco.ts). Lazy-import it: it pulls in Monaco.
 */
import { monaco, setUpMonaco } from "./monaco.ts";

export interface DiffOptions {
  theme: "light" | "dark";
  /** Screen-reader names of the two sides. */
  originalLabel: string;
  modifiedLabel: string;
}

export interface DiffHandle {
  setTheme(t: "light" | "dark"): void;
  focus(): void;
  dispose(): void;
}

export function mountDiff(container: HTMLElement, original: string, modified: string, options: DiffOptions): DiffHandle {
  setUpMonaco();
  const editor = monaco.editor.createDiffEditor(container, {
    theme: options.theme === "dark" ? "vs-dark" : "vs",
    readOnly: true,
    originalEditable: false,
    automaticLayout: true,
    renderSideBySide: true,
    // Side by side even in a narrow dialog: the two columns are what the reader compares.
    useInlineViewWhenSpaceIsLimited: false,
    // Config the reader already has in common with the solution folds away: the differences show first.
    hideUnchangedRegions: { enabled: true, contextLineCount: 2, minimumLineCount: 4, revealLineCount: 20 },
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    renderFinalNewline: "on",
    fontSize: 13,
    originalAriaLabel: options.originalLabel,
    modifiedAriaLabel: options.modifiedLabel,
  });
  const models = {
    original: monaco.editor.createModel(original, "yaml"),
    modified: monaco.editor.createModel(modified, "yaml"),
  };
  editor.setModel(models);
  return {
    setTheme(t) {
      monaco.editor.setTheme(t === "dark" ? "vs-dark" : "vs");
    },
    focus() {
      editor.getModifiedEditor().focus();
    },
    dispose() {
      editor.dispose();
      models.original.dispose();
      models.modified.dispose();
    },
  };
}
