/**
 * The lab's terminal: xterm.js with a bash-like prompt over the worker's sandbox. Input is
 * processed strictly in order (typed keys, pasted lines, Run buttons), so a pasted script runs
 * line by line as if typed; Ctrl-C bypasses the queue to interrupt the running command.
 */
import { Terminal } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import { WebLinksAddon } from "@xterm/addon-web-links";
import type { WorkerClient } from "../../worker/client.ts";
import { History } from "./history.ts";
import { decodeInput, type Input } from "./keys.ts";
import { CONTINUATION_PROMPT, LineEditor, layout } from "./lineEditor.ts";
import { Transcript } from "./transcript.ts";
import { terminalTheme, type ThemeName } from "./themes.ts";
import { fittedSize, type TerminalFont } from "./fittedSize.ts";

const PROMPT = "$ ";
const FONT: TerminalFont = {
  family: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  size: 14,
  // At line height 1 the next row's background hides the underscore of common monospace
  // fonts: `$SOURCE_POD` read as `$SOURCE POD`.
  lineHeight: 1.15,
};
const HISTORY_KEY = "egress-lab:history";
const HISTORY_CAP = 500;
/** Characters per xterm write for long outputs (xterm yields to the page between writes). */
const WRITE_CHUNK = 8192;
/** Output held while the terminal is hidden, at most (characters); the scrollback keeps 5000 lines. */
const HELD_MAX = 4 * 1024 * 1024;

export interface LabTerminal {
  /** Types a command (possibly several lines) at the prompt and runs it, as a reader would. */
  typeAndRun(command: string): Promise<void>;
  setTheme(theme: ThemeName): void;
  focus(): void;
  fit(): void;
  /** Clears screen and transcript (after Reset). */
  clear(): void;
  /** Resolves once the sandbox answered and the prompt is drawn: input is handled from then on. */
  readonly ready: Promise<void>;
  /** Whether the terminal's panel is shown; output arriving while hidden is written when it shows. */
  setVisible(visible: boolean): void;
}

export interface TerminalOptions {
  client: WorkerClient;
  theme: ThemeName;
  /** localStorage key of this lesson's scrollback. */
  scrollbackKey: string;
  /** Called after each command finished (the page saves the scrollback then). */
  onCommandDone?: () => void;
  /**
   * The sandbox's start. The terminal mounts (and restores its scrollback) while the worker is
   * still starting, so drawing it is off the critical path; the prompt appears, and keys typed
   * meanwhile are handled, once this resolves. A rejection leaves the terminal without a prompt.
   */
  sandboxReady?: Promise<unknown>;
}

type QueueItem = { input: Input } | { run: string; done: () => void };

function readJson<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or disabled: history and scrollback just are not kept
  }
}

export function mountTerminal(container: HTMLElement, options: TerminalOptions): LabTerminal {
  const { client } = options;
  const term = new Terminal({
    ...fittedSize(container, FONT),
    fontFamily: FONT.family,
    fontSize: FONT.size,
    lineHeight: FONT.lineHeight,
    cursorBlink: true,
    convertEol: false,
    scrollback: 5000,
    theme: terminalTheme(options.theme),
    screenReaderMode: false,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.loadAddon(new WebLinksAddon((_e, uri) => window.open(uri, "_blank", "noopener")));
  term.open(container);
  term.textarea?.setAttribute("aria-label", "Terminal: type shell commands here");
  fit.fit();

  const editor = new LineEditor();
  const history = new History(readJson<string[]>(HISTORY_KEY, []), HISTORY_CAP);
  const transcript = new Transcript(readJson<string[]>(options.scrollbackKey, []));
  /** Lines already entered of a command that needs more input (heredoc, open quote). */
  let pending: string[] = [];
  let running = false;
  let cursorRow = 0;
  let lastTabLine: string | undefined;
  const queue: QueueItem[] = [];
  let draining = false;
  /** Set once the sandbox is ready (see `sandboxReady`). */
  let started = false;
  let visible = true;
  let held: string[] = [];
  let heldLength = 0;

  // Tab completes a typed word, so a keyboard user needs another way out of the terminal (no
  // keyboard trap, WCAG 2.1.2): Shift+Tab always, and Tab at an empty, idle prompt (where bash
  // would only list every command) move focus on. xterm then leaves the key to the browser.
  const atEmptyPrompt = () => !running && !pending.length && !queue.length && editor.buffer === "";
  term.attachCustomKeyEventHandler((e) => !(e.key === "Tab" && !e.ctrlKey && !e.altKey && !e.metaKey && (e.shiftKey || atEmptyPrompt())));

  const prompt = () => (pending.length ? CONTINUATION_PROMPT : PROMPT);

  /**
   * Writes committed text (recorded in the transcript) with terminal line ends. xterm parses each
   * write in one go and only yields between writes, so a long output (fortio's per-request
   * warnings: hundreds of KB) is handed over in pieces, or it would block the page for its length.
   */
  function print(text: string): void {
    if (!text) return;
    transcript.append(text);
    out(text.replace(/\r?\n/g, "\r\n"));
  }

  /**
   * Every write to xterm goes through here, in order. While the terminal's panel is hidden
   * (the reader watches the dashboard during a load test) output is held rather than parsed and
   * rendered unseen, which cost the visible panel's frames; it is written when the panel shows.
   */
  function out(data: string): void {
    if (!visible) {
      held.push(data);
      heldLength += data.length;
      if (heldLength > HELD_MAX) trimHeld();
      return;
    }
    for (let i = 0; i < data.length; i += WRITE_CHUNK) term.write(data.slice(i, i + WRITE_CHUNK));
  }

  /** Keeps the newest output (from a line start): more than the scrollback could show anyway. */
  function trimHeld(): void {
    const all = held.join("");
    const cut = all.indexOf("\n", all.length - HELD_MAX / 2);
    held = [all.slice(cut < 0 ? all.length - HELD_MAX / 2 : cut + 1)];
    heldLength = held[0].length;
  }

  function redraw(): void {
    const cols = term.cols;
    let seq = cursorRow > 0 ? `\x1b[${cursorRow}A` : "";
    seq += "\r\x1b[J" + prompt() + editor.buffer.replace(/\n/g, "\r\n" + CONTINUATION_PROMPT);
    const { cursor, end } = layout(prompt(), editor.buffer, editor.cursor, cols);
    // At the exact right edge xterm waits to wrap; force it so our row arithmetic holds.
    if (end.col === 0 && end.row > 0 && !editor.buffer.endsWith("\n")) seq += " \b";
    if (end.row > cursor.row) seq += `\x1b[${end.row - cursor.row}A`;
    seq += `\x1b[${cursor.col + 1}G`;
    cursorRow = cursor.row;
    out(seq);
  }

  function showPrompt(): void {
    editor.set("");
    cursorRow = 0;
    out(prompt());
  }

  /** Leaves the edited line as it is and moves below it (the line becomes scrollback). */
  function commitLine(): void {
    const { end } = layout(prompt(), editor.buffer, editor.cursor, term.cols);
    if (end.row > cursorRow) out(`\x1b[${end.row - cursorRow}B`);
    out("\r\n");
    transcript.append(prompt() + editor.buffer + "\n");
    cursorRow = 0;
  }

  async function execute(command: string): Promise<void> {
    history.push(command);
    writeJson(HISTORY_KEY, history.list());
    running = true;
    try {
      const result = await client.run(command);
      print(result.stdout);
      print(result.stderr);
    } catch (e) {
      print(`bash: ${e instanceof Error ? e.message : String(e)}\n`);
    } finally {
      running = false;
    }
    options.onCommandDone?.();
    writeJson(options.scrollbackKey, transcript.save());
  }

  async function enter(): Promise<void> {
    const line = editor.buffer;
    commitLine();
    const text = [...pending, line].join("\n");
    if (!text.trim()) {
      pending = [];
      showPrompt();
      return;
    }
    let more = false;
    try {
      more = await client.request("needsMoreInput", { text });
    } catch {
      more = false;
    }
    if (more) {
      pending.push(line);
      showPrompt();
      return;
    }
    pending = [];
    history.rewind();
    await execute(text);
    showPrompt();
  }

  async function completeWord(): Promise<void> {
    if (pending.length) return;
    const line = editor.buffer;
    let result;
    try {
      result = await client.request("complete", { line, cursor: editor.cursor });
    } catch {
      return;
    }
    const word = line.slice(result.from, editor.cursor);
    const { candidates } = result;
    if (candidates.length === 0) {
      out("\x07");
      return;
    }
    if (candidates.length === 1) {
      const c = candidates[0];
      editor.replaceBeforeCursor(result.from, c + (c.endsWith("/") ? "" : " "));
      redraw();
      return;
    }
    const common = commonPrefix(candidates);
    if (common.length > word.length) {
      editor.replaceBeforeCursor(result.from, common);
      redraw();
      lastTabLine = undefined;
      return;
    }
    if (lastTabLine === line) {
      // Second Tab: list the candidates under the line, like bash.
      const keepBuffer = editor.buffer;
      const keepCursor = editor.cursor;
      commitLine();
      print(columns(candidates, term.cols) + "\n");
      out(prompt());
      editor.set(keepBuffer, keepCursor);
      redraw();
    } else {
      out("\x07");
    }
    lastTabLine = line;
  }

  async function handle(input: Input): Promise<void> {
    if ("text" in input) {
      editor.insert(input.text);
      redraw();
      return;
    }
    if (input.key !== "tab") lastTabLine = undefined;
    switch (input.key) {
      case "enter": return enter();
      case "tab": return completeWord();
      case "backspace": editor.backspace(); break;
      case "delete": editor.deleteForward(); break;
      case "left": editor.left(); break;
      case "right": editor.right(); break;
      case "home": case "ctrl-a": editor.home(); break;
      case "end": case "ctrl-e": editor.end(); break;
      case "ctrl-u": editor.killToStart(); break;
      case "ctrl-k": editor.killToEnd(); break;
      case "ctrl-w": editor.killWordBack(); break;
      case "word-left": while (editor.cursor > 0 && /\s/.test(editor.buffer[editor.cursor - 1])) editor.left(); while (editor.cursor > 0 && !/\s/.test(editor.buffer[editor.cursor - 1])) editor.left(); break;
      case "word-right": while (editor.cursor < editor.buffer.length && /\s/.test(editor.buffer[editor.cursor])) editor.right(); while (editor.cursor < editor.buffer.length && !/\s/.test(editor.buffer[editor.cursor])) editor.right(); break;
      case "up": { const prev = history.up(editor.buffer); if (prev === undefined) return; editor.set(prev); break; }
      case "down": { const next = history.down(); if (next === undefined) return; editor.set(next); break; }
      case "ctrl-l": {
        const keep = editor.buffer;
        const keepCursor = editor.cursor;
        term.clear();
        out("\x1b[H\x1b[2J");
        transcript.clear();
        cursorRow = 0;
        editor.set(keep, keepCursor);
        break;
      }
      case "ctrl-c": {
        // At the prompt (not running): abandon the line, as bash does.
        commitLineWith("^C");
        pending = [];
        history.rewind();
        showPrompt();
        return;
      }
      case "ctrl-d": return;
    }
    redraw();
  }

  function commitLineWith(suffix: string): void {
    editor.end();
    redraw();
    out(suffix);
    transcript.append(prompt() + editor.buffer + suffix + "\n");
    out("\r\n");
    cursorRow = 0;
  }

  async function drain(): Promise<void> {
    if (draining || !started) return;
    draining = true;
    try {
      while (queue.length) {
        const item = queue.shift()!;
        if ("input" in item) await handle(item.input);
        else {
          // A Run button: replace whatever is typed, show the command, run it.
          if (editor.buffer || pending.length) commitLineWith("^C");
          pending = [];
          const lines = item.run.split("\n");
          editor.set(lines[0]);
          redraw();
          commitLine();
          for (const more of lines.slice(1)) {
            out(CONTINUATION_PROMPT + more + "\r\n");
            transcript.append(CONTINUATION_PROMPT + more + "\n");
          }
          await execute(item.run);
          showPrompt();
          item.done();
        }
      }
    } finally {
      draining = false;
    }
  }

  term.onData((data) => {
    const inputs = decodeInput(data);
    if (running && inputs.length === 1 && "key" in inputs[0] && inputs[0].key === "ctrl-c") {
      // Interrupt: drop type-ahead and stop the command.
      for (const q of queue.splice(0)) if ("done" in q) q.done();
      out("^C");
      transcript.append("^C");
      void client.interrupt();
      return;
    }
    for (const input of inputs) queue.push({ input });
    void drain();
  });

  // Restore the previous session's screen now, and the prompt once the sandbox is there.
  const saved = transcript.save();
  if (saved.length) out(saved.join("\r\n") + (saved[saved.length - 1] === "" ? "" : "\r\n"));
  const ready = Promise.resolve(options.sandboxReady).then(() => {
    started = true;
    showPrompt();
    void drain();
  });
  // A sandbox that fails to start is reported by the page; the terminal just shows no prompt.
  ready.catch(() => undefined);

  return {
    ready,
    setVisible(shown) {
      visible = shown;
      if (!shown || !held.length) return;
      const pending = held.join("");
      held = [];
      heldLength = 0;
      out(pending);
    },
    typeAndRun(command) {
      return new Promise<void>((done) => {
        queue.push({ run: command.replace(/\n+$/, ""), done });
        void drain();
      });
    },
    setTheme(theme) {
      term.options.theme = terminalTheme(theme);
    },
    focus() {
      term.focus();
    },
    fit() {
      try {
        fit.fit();
      } catch {
        // hidden container: fitted again when shown
      }
    },
    clear() {
      term.clear();
      out("\x1b[H\x1b[2J");
      held = [];
      heldLength = 0;
      transcript.clear();
      writeJson(options.scrollbackKey, []);
      pending = [];
      cursorRow = 0;
      editor.set("");
      out("\r" + PROMPT);
    },
  };
}

function commonPrefix(words: string[]): string {
  let prefix = words[0];
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Candidates in columns, as bash lists completions. */
function columns(words: string[], cols: number): string {
  const width = Math.max(...words.map((w) => w.length)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows: string[] = [];
  for (let i = 0; i < words.length; i += perRow) rows.push(words.slice(i, i + perRow).map((w) => w.padEnd(width)).join("").trimEnd());
  return rows.join("\n");
}
