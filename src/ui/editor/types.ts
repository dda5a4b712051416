/**
 * The manifest editor's contract with the page: where files come from, what the page can do
 * with a mounted editor, and how it is configured. The page (site helper) implements
 * `EditorFiles` over the sandbox filesystem in the runtime worker.
 */

/** The sandbox filesystem as the editor sees it. Paths are used verbatim in Apply commands. */
export interface EditorFiles {
  list(): Promise<string[]>;
  read(path: string): Promise<string>;
  write(path: string, content: string): Promise<void>;
  /** Called when a file changes in the sandbox (e.g. `cat > f.yaml` in the terminal); returns an unsubscribe function. */
  onChange(cb: (path: string) => void): () => void;
}

/** One problem in a file, as Monaco reports it (severity: 8 error, 4 warning, 2 info, 1 hint). */
export interface EditorMarker {
  severity: number;
  message: string;
  line: number;
}

export interface EditorHandle {
  /** Opens (or focuses) a tab for the file; creates no file that does not exist (it opens empty). */
  open(path: string): Promise<void>;
  setTheme(t: "light" | "dark"): void;
  /** Re-measures the container (the editor also follows container resizes by itself). */
  layout(): void;
  dispose(): void;
  /** Problems of a file (default: the active tab), sorted by line. */
  markers(path?: string): EditorMarker[];
}

export interface EditorMountOptions {
  theme: "light" | "dark";
  /**
   * Apply was pressed. `command` is what the page should type into the terminal, chosen from the
   * documents' kinds: `istioctl create -f <path>` (or `replace`, if the reader picked it) for
   * Istio/Mixer kinds, `kubectl apply -f <path>` otherwise. The file is saved before this is called.
   */
  onApply?(path: string, command: string): void;
}
