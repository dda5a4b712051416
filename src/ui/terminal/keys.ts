/**
 * Decodes what xterm reports as typed (`onData`) into editing keys and text. Escape sequences
 * cover both the normal and the application cursor modes; anything longer that is not a key is
 * pasted text, in which each line break acts as Enter.
 */
export type Key =
  | "enter" | "backspace" | "delete" | "left" | "right" | "up" | "down" | "home" | "end" | "tab"
  | "ctrl-a" | "ctrl-c" | "ctrl-d" | "ctrl-e" | "ctrl-k" | "ctrl-l" | "ctrl-u" | "ctrl-w" | "word-left" | "word-right";

export type Input = { key: Key } | { text: string };

const SEQUENCES: Record<string, Key> = {
  "\r": "enter", "\n": "enter", "\x7f": "backspace", "\b": "backspace", "\t": "tab",
  "\x1b[3~": "delete", "\x1b[D": "left", "\x1bOD": "left", "\x1b[C": "right", "\x1bOC": "right",
  "\x1b[A": "up", "\x1bOA": "up", "\x1b[B": "down", "\x1bOB": "down",
  "\x1b[H": "home", "\x1bOH": "home", "\x1b[1~": "home", "\x1b[F": "end", "\x1bOF": "end", "\x1b[4~": "end",
  "\x01": "ctrl-a", "\x03": "ctrl-c", "\x04": "ctrl-d", "\x05": "ctrl-e", "\x0b": "ctrl-k", "\x0c": "ctrl-l",
  "\x15": "ctrl-u", "\x17": "ctrl-w", "\x1bb": "word-left", "\x1bf": "word-right",
  "\x1b[1;5D": "word-left", "\x1b[1;5C": "word-right",
};

export function decodeInput(data: string): Input[] {
  const key = SEQUENCES[data];
  if (key) return [{ key }];
  // Bracketed-paste markers around pasted text carry no meaning here.
  const unbracketed = data.replace(/\x1b\[20[01]~/g, "");
  if (unbracketed.startsWith("\x1b")) return []; // an escape sequence we do not use (F-keys...)
  const out: Input[] = [];
  // Pasted text: line breaks are Enter, other control characters are dropped, tabs kept as text.
  const text = unbracketed.replace(/\r\n?/g, "\n");
  let chunk = "";
  for (const ch of text) {
    if (ch === "\n") {
      if (chunk) out.push({ text: chunk });
      chunk = "";
      out.push({ key: "enter" });
    } else if (ch === "\t" || ch >= " ") {
      chunk += ch === "\t" && text.length === 1 ? "" : ch;
    }
  }
  if (chunk) out.push({ text: chunk });
  return out;
}
