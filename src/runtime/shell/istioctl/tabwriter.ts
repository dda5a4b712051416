/**
 * Go's text/tabwriter as istioctl 0.8 configures it (minwidth 10, padding 3, spaces): cells
 * ending in a tab are padded so columns line up across consecutive lines; a line without
 * tabs ends the block of aligned lines.
 */
export function tabwrite(text: string, minWidth = 10, padding = 3): string {
  const lines = text.split("\n");
  const out: string[] = [];
  let block: string[][] = [];
  const flush = () => {
    const widths: number[] = [];
    for (const cells of block) {
      cells.slice(0, -1).forEach((c, j) => { widths[j] = Math.max(widths[j] ?? 0, c.length + padding, minWidth); });
    }
    for (const cells of block) out.push(cells.map((c, j) => (j < cells.length - 1 ? c.padEnd(widths[j]) : c)).join(""));
    block = [];
  };
  for (const line of lines) {
    const cells = line.split("\t");
    if (cells.length === 1) { flush(); out.push(line); }
    else block.push(cells);
  }
  flush();
  return out.join("\n");
}
