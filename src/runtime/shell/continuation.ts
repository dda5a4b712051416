/**
 * Whether a typed command is complete or needs more lines, as bash decides when it shows its
 * `> ` continuation prompt: an open quote, an open heredoc, a trailing backslash or operator,
 * or an unfinished compound command (`for ... do` without `done`).
 */
import { parse } from "just-bash";

const HEREDOC = /<<(-?)\s*(['"]?)([A-Za-z_][\w-]*)\2/g;

/** Heredoc delimiters opened in `text` and not yet closed by a line of their own. */
function openHeredocs(text: string): string[] {
  const lines = text.split("\n");
  const pending: { delimiter: string; dash: boolean }[] = [];
  for (const line of lines) {
    if (pending.length) {
      const head = pending[0];
      const candidate = head.dash ? line.replace(/^\t+/, "") : line;
      if (candidate === head.delimiter) pending.shift();
      continue;
    }
    const quoted = quotedMask(line);
    HEREDOC.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = HEREDOC.exec(line))) if (!quoted[m.index]) pending.push({ delimiter: m[3], dash: m[1] === "-" });
  }
  return pending.map((p) => p.delimiter);
}

/** For each character of a line: true inside a quoted string or a comment, where `<<` is text. */
function quotedMask(line: string): boolean[] {
  const mask = new Array<boolean>(line.length).fill(false);
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      mask[i] = true;
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
      mask[i] = true;
    } else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]))) {
      mask.fill(true, i);
      break;
    }
  }
  return mask;
}

export function needsMoreInput(text: string): boolean {
  if (openHeredocs(text).length) return true;
  const trimmed = text.replace(/\s+$/, "");
  if (/\\$/.test(text.replace(/\n$/, ""))) return true;
  if (/(\|\||&&|\|)$/.test(trimmed) && !/\\\|$/.test(trimmed)) return true;
  try {
    parse(text);
    return false;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return /unexpected EOF|got EOF|Unexpected end|unterminated/i.test(msg);
  }
}

/**
 * Splits a script into the commands a reader would type one at a time: each complete line,
 * or several lines joined while a heredoc, quote or compound command is still open.
 * Blank lines and comment-only lines are dropped.
 */
export function splitTypedCommands(script: string): string[] {
  const out: string[] = [];
  let buffer: string[] = [];
  for (const line of script.replace(/\r\n/g, "\n").split("\n")) {
    if (!buffer.length && /^\s*(#.*)?$/.test(line)) continue;
    buffer.push(line);
    const text = buffer.join("\n");
    if (!needsMoreInput(text)) {
      out.push(text);
      buffer = [];
    }
  }
  if (buffer.length) out.push(buffer.join("\n"));
  return out;
}
