/**
 * The line being typed at the prompt, with readline's editing keys. Pure state: the xterm
 * wiring (terminal.ts) renders it. The buffer may hold newlines when a multi-line history
 * entry (a heredoc) is recalled; `layout` places such text the way the terminal shows it.
 */
export class LineEditor {
  buffer = "";
  cursor = 0;

  set(text: string, cursor = text.length): void {
    this.buffer = text;
    this.cursor = Math.max(0, Math.min(cursor, text.length));
  }

  insert(text: string): void {
    this.buffer = this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor);
    this.cursor += text.length;
  }

  backspace(): void {
    if (this.cursor === 0) return;
    this.buffer = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor);
    this.cursor--;
  }

  deleteForward(): void {
    this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1);
  }

  left(): void {
    if (this.cursor > 0) this.cursor--;
  }

  right(): void {
    if (this.cursor < this.buffer.length) this.cursor++;
  }

  home(): void {
    this.cursor = 0;
  }

  end(): void {
    this.cursor = this.buffer.length;
  }

  /** Ctrl-U: deletes from the start of the line to the cursor. */
  killToStart(): void {
    this.buffer = this.buffer.slice(this.cursor);
    this.cursor = 0;
  }

  /** Ctrl-K: deletes from the cursor to the end of the line. */
  killToEnd(): void {
    this.buffer = this.buffer.slice(0, this.cursor);
  }

  /** Ctrl-W: deletes the whitespace-delimited word before the cursor (readline's unix-word-rubout). */
  killWordBack(): void {
    let i = this.cursor;
    while (i > 0 && /\s/.test(this.buffer[i - 1])) i--;
    while (i > 0 && !/\s/.test(this.buffer[i - 1])) i--;
    this.buffer = this.buffer.slice(0, i) + this.buffer.slice(this.cursor);
    this.cursor = i;
  }

  /** Replaces buffer[from, cursor) by `text` (completion). */
  replaceBeforeCursor(from: number, text: string): void {
    this.buffer = this.buffer.slice(0, from) + text + this.buffer.slice(this.cursor);
    this.cursor = from + text.length;
  }
}

export const CONTINUATION_PROMPT = "> ";

export interface Position {
  row: number;
  col: number;
}

/**
 * Where each character of `prompt + buffer` lands on a terminal `cols` wide: rows wrap at the
 * edge, a newline starts a row with the `> ` continuation prompt. Returns the cursor's and the
 * end's positions, relative to the prompt's row.
 */
export function layout(prompt: string, buffer: string, cursor: number, cols: number): { cursor: Position; end: Position } {
  let row = 0;
  let col = 0;
  const advance = (ch: string) => {
    if (ch === "\n") {
      row++;
      col = CONTINUATION_PROMPT.length;
      return;
    }
    if (col >= cols) {
      row++;
      col = 0;
    }
    col++;
  };
  for (const ch of prompt) advance(ch);
  let cursorPos: Position | undefined;
  for (let i = 0; i < buffer.length; i++) {
    if (i === cursor) cursorPos = normalise(row, col, cols);
    advance(buffer[i]);
  }
  const end = normalise(row, col, cols);
  return { cursor: cursorPos ?? end, end };
}

/** A cursor past the last column sits at the start of the next row. */
function normalise(row: number, col: number, cols: number): Position {
  return col >= cols ? { row: row + 1, col: 0 } : { row, col };
}
