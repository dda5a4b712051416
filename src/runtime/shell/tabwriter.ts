/**
 * Go's `text/tabwriter` with flags 0 (left-aligned cells, no empty-column discarding), the
 * engine behind every kubectl and istioctl table. Each caller passes the writer settings its
 * Go source uses (tabwidth is irrelevant with ' ' padding, so only minwidth and padding count).
 *
 * Semantics kept from Go: a cell is text terminated by a tab; the last cell of a line is not
 * part of any column (so lines have no trailing padding); a column block is a run of
 * consecutive lines that all have a cell in that column, and each block is as wide as its
 * widest cell plus padding (at least minwidth). Widths count runes, as Go does for UTF-8.
 */

export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

/** kubectl 1.10 tables (`printers.GetNewTabWriter(out)`: 10, 4, 3): why `READY` is followed by 5 spaces. */
export const KUBECTL_TABLE: TabwriterOptions = { minwidth: 10, padding: 3 };
/** istioctl 0.8 `get` listings (`tabwriter.NewWriter(os.Stdout, 10, 4, 3, ' ', 0)`). */
export const ISTIOCTL_TABLE: TabwriterOptions = { minwidth: 10, padding: 3 };
/** kubectl 1.10 `describe` (`tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)`). */
export const KUBECTL_DESCRIBE: TabwriterOptions = { minwidth: 0, padding: 2 };

interface Cell {
  text: string;
  width: number;
}

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A surrogate pair is one rune.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) i++;
    n++;
  }
  return n;
}

/** Formats `text` exactly as writing it to a Go tabwriter and flushing would. */
export function tabwrite(text: string, opts: TabwriterOptions = KUBECTL_TABLE): string {
  const rawLines = text.split("\n");
  const lines: Cell[][] = rawLines.map((l) => (l === "" ? [] : l.split("\t").map((t) => ({ text: t, width: runeCount(t) }))));
  // Go keeps an empty cell for a line ending in a tab: "a\t" has cells ["a", ""].
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i];
      let s = "";
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        s += c.text;
        if (j < widths.length) s += " ".repeat(Math.max(0, widths[j] - c.width));
      }
      out.push(i + 1 === lines.length ? s : s + "\n");
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= lines[cur].length - 1) continue;
      // A cell exists in this column: print the lines before the block, then size the block.
      writeLines(line0, cur);
      line0 = cur;
      let width = opts.minwidth;
      for (; cur < line1; cur++) {
        const line = lines[cur];
        if (column >= line.length - 1) break;
        const w = line[column].width + opts.padding;
        if (w > width) width = w;
      }
      widths.push(width);
      format(line0, cur);
      widths.pop();
      line0 = cur;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join("");
}
