/**
 * Whether a typed command is complete or needs more lines, as bash decides when it shows its
 * `> ` continuation prompt: an open quote, an open heredoc, `$(`/`(` or a compound command
 * (`for ... do` without `done`, `if` without `fi`), a trailing backslash, pipe or `&&`/`||`.
 *
 * One implementation for the CLI and the browser (just-bash's parser is not in its browser
 * bundle). It only answers "unfinished?"; real syntax errors are left for the shell to report.
 */

const HEREDOC = /<<(-?)\s*(['"]?)([A-Za-z_][\w-]*)\2/g;

/** Heredoc delimiters opened in `text` and not yet closed by a line of their own. */
function openHeredocs(text: string): string[] {
  const pending: { delimiter: string; dash: boolean }[] = [];
  for (const line of text.split("\n")) {
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

/** Reserved words that open a compound command, and the word that closes each. */
const CLOSERS: Record<string, string> = { do: "done", if: "fi", case: "esac", "{": "}" };
/** Reserved words after which the next word is again in command position. */
const LEADING = new Set(["do", "then", "else", "elif", "{", "!", "if", "while", "until", "time"]);

/** Heredoc bodies removed, so their text is not scanned as shell code. */
function withoutHeredocBodies(text: string): string {
  const out: string[] = [];
  const pending: { delimiter: string; dash: boolean }[] = [];
  for (const line of text.split("\n")) {
    if (pending.length) {
      const head = pending[0];
      if ((head.dash ? line.replace(/^\t+/, "") : line) === head.delimiter) pending.shift();
      continue;
    }
    out.push(line);
    const quoted = quotedMask(line);
    HEREDOC.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = HEREDOC.exec(line))) if (!quoted[m.index]) pending.push({ delimiter: m[3], dash: m[1] === "-" });
  }
  return out.join("\n");
}

/** True when quotes, parentheses, `$(`, backticks or compound commands are left open. */
function hasOpenConstruct(text: string): boolean {
  const open: string[] = [];
  let quote: "'" | '"' | "`" | undefined;
  let word = "";
  let commandPosition = true;
  const endWord = () => {
    if (word && commandPosition) {
      if (word in CLOSERS) open.push(CLOSERS[word]);
      else if (open.length && word === open[open.length - 1]) open.pop();
      commandPosition = LEADING.has(word);
    } else if (word) commandPosition = false;
    word = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\" && quote !== "'") i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "\\") {
      i++;
      word += "x";
      continue;
    }
    if (c === "'" || c === '"' || c === "`") {
      quote = c;
      word += "x";
      continue;
    }
    if (c === "#" && word === "") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (c === "(") {
      endWord();
      open.push(")");
      commandPosition = true;
      continue;
    }
    if (c === ")") {
      endWord();
      if (open[open.length - 1] === ")") open.pop();
      continue;
    }
    if (c === ";" || c === "&" || c === "|" || c === "\n") {
      endWord();
      commandPosition = true;
      continue;
    }
    if (/[\s<>]/.test(c)) {
      endWord();
      continue;
    }
    word += c;
  }
  endWord();
  return quote !== undefined || open.length > 0;
}

export function needsMoreInput(text: string): boolean {
  if (openHeredocs(text).length) return true;
  const code = withoutHeredocBodies(text);
  const trimmed = code.replace(/\s+$/, "");
  if (/(^|[^\\])\\$/.test(code.replace(/\n$/, ""))) return true;
  if (/(\|\||&&|\|)$/.test(trimmed)) return true;
  return hasOpenConstruct(code);
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
