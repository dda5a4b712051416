/**
 * Turns the `yaml` package's syntax errors into the text go-yaml v2 (the parser behind
 * kubectl 1.10 and istioctl 0.8, via ghodss/yaml) prints for the same mistake.
 *
 * go-yaml has two kinds of errors with different line arithmetic, and users meet both:
 * - scanner errors report the 1-based line of the scanner's position
 *   (`mapping values are not allowed in this context`, `found character that cannot start
 *   any token`, `could not find expected ':'`, `found unexpected end of stream`);
 * - parser errors report the token's 0-based line, i.e. one line *above* the offending token
 *   (`did not find expected key`, `did not find expected '-' indicator`), and no line at all
 *   when that is line 0.
 * The `yaml` package classifies mistakes differently, so each of its codes is mapped to the
 * go-yaml error the same input produces (derived from libyaml's scanner/parser logic).
 */
import type { YAMLError } from "yaml";

export interface GoYamlError {
  /** `yaml: line 3: mapping values are not allowed in this context` */
  message: string;
  /** The 1-based line (within the document chunk) of the offending token, for UIs. */
  humanLine: number;
}

/** Precomputed line starts of a text, so offset -> line is a binary search. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** 1-based line of an offset (an offset at the very end counts as the line after a final newline). */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** Offset of the first character of a 1-based line. */
  startOf(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }

  lineText(line: number): string {
    const start = this.starts[line - 1] ?? this.text.length;
    const end = this.starts[line] !== undefined ? this.starts[line] - 1 : this.text.length;
    return this.text.slice(start, end);
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

const scanner = (reason: string, line: number): GoYamlError => ({ message: `yaml: line ${line}: ${reason}`, humanLine: line });
const parser = (reason: string, tokenLine: number): GoYamlError => ({
  message: tokenLine - 1 > 0 ? `yaml: line ${tokenLine - 1}: ${reason}` : `yaml: ${reason}`,
  humanLine: tokenLine,
});

function indentOf(line: string): number {
  const m = /^ */.exec(line);
  return m ? m[0].length : 0;
}

function isContent(line: string): boolean {
  const t = line.trim();
  return t !== "" && !t.startsWith("#");
}

/** The first mapping-value indicator (`:` followed by a space, a line break or the end) at or after `from`. */
function colonAfter(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === ":" && (i + 1 >= text.length || text[i + 1] === " " || text[i + 1] === "\n" || text[i + 1] === "\r")) return i;
  }
  return -1;
}

/** Whether the block collection that owns line `line` is a sequence (its entries start with `- `). */
function ownerIsSequence(lines: LineIndex, line: number): boolean {
  const indent = indentOf(lines.lineText(line));
  for (let l = line - 1; l >= 1; l--) {
    const t = lines.lineText(l);
    if (!isContent(t)) continue;
    const i = indentOf(t);
    if (i < indent) return false;
    if (i === indent) return /^-( |$)/.test(t.slice(i));
  }
  return false;
}

/** Maps the first error of one document chunk to go-yaml's wording. */
export function toGoYamlError(errors: readonly YAMLError[], lines: LineIndex): GoYamlError {
  const text = lines.text;
  const first = errors[0];
  const pos = first.pos[0];
  const line = lines.lineOf(pos);
  const eofLine = lines.lineOf(text.length);
  const msg = first.message;

  switch (first.code) {
    case "TAB_AS_INDENT":
    case "BAD_SCALAR_START":
      return scanner("found character that cannot start any token", line);
    case "BAD_ALIAS":
      return scanner("did not find expected alphabetic or numeric character", line);
    case "BAD_DQ_ESCAPE":
      return scanner("found unknown escape character", line);
    case "MISSING_CHAR":
      if (/quote/.test(msg)) return scanner("found unexpected end of stream", eofLine);
      if (/followed by map values/.test(msg)) {
        // A bare word where a key was required: go-yaml notices when it reaches the next token.
        let next = line + 1;
        while (next <= lines.lineCount && !isContent(lines.lineText(next))) next++;
        return scanner("could not find expected ':'", Math.min(next, eofLine));
      }
      break;
    case "BAD_INDENT":
      if (/Flow sequence/.test(msg)) return parser("did not find expected ',' or ']'", eofLine);
      if (/Flow map/.test(msg)) return parser("did not find expected ',' or '}'", eofLine);
      return parser(ownerIsSequence(lines, line) ? "did not find expected '-' indicator" : "did not find expected key", line);
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY": {
      if (/block sequence/i.test(msg)) return parser("did not find expected key", line);
      const colon = colonAfter(text, pos);
      if (colon < 0) break;
      const colonLine = lines.lineOf(colon);
      // A value continued onto a deeper-indented line re-enables keys in libyaml, so the ':'
      // becomes a misplaced mapping start (a parser error) instead of a scanner error.
      return colonLine > line ? parser("did not find expected key", colonLine) : scanner("mapping values are not allowed in this context", colonLine);
    }
    case "UNEXPECTED_TOKEN":
      if (/Block scalar header/.test(msg)) return scanner("did not find expected comment or line break", line);
    {
      // Junk where the next entry should start: the owner decides which entry marker was expected.
      const atEntryStart = pos === lines.startOf(line) + indentOf(lines.lineText(line));
      return parser(atEntryStart && ownerIsSequence(lines, line) ? "did not find expected '-' indicator" : "did not find expected key", line);
    }
  }
  return parser("did not find expected key", line);
}
