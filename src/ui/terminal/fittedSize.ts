/**
 * The terminal's size before xterm exists, computed the way FitAddon computes it once xterm has
 * measured its font (xterm 6: the font's "W" measured on a canvas; the DOM renderer's cell is that
 * width, and the height rounded up to device pixels times the line height, rounded down). Created
 * at that size, xterm draws its rows once; created at 80x24, FitAddon's resize drew them again,
 * a fifth of mounting the terminal on the way to the first prompt. A wrong guess costs only that
 * second drawing: the caller still fits the terminal.
 */
export interface TerminalFont {
  family: string;
  size: number;
  lineHeight: number;
}

/** FitAddon's smallest size, and the scrollbar it leaves room for when there is scrollback. */
const MIN_COLS = 2;
const MIN_ROWS = 1;
const SCROLLBAR_WIDTH = 14;

export function fittedSize(host: HTMLElement, font: TerminalFont): { cols: number; rows: number } | undefined {
  if (typeof OffscreenCanvas === "undefined") return undefined;
  const context = new OffscreenCanvas(100, 100).getContext("2d");
  if (!context) return undefined;
  context.font = `${font.size}px ${font.family}`;
  const w = context.measureText("W");
  const charHeight = w.fontBoundingBoxAscent + w.fontBoundingBoxDescent;
  if (!(w.width > 0 && charHeight > 0)) return undefined;
  const dpr = window.devicePixelRatio;
  const cellWidth = (w.width * dpr) / dpr;
  const cellHeight = Math.floor(Math.ceil(charHeight * dpr) * font.lineHeight) / dpr;
  const style = getComputedStyle(host);
  const height = parseInt(style.getPropertyValue("height"), 10);
  const width = parseInt(style.getPropertyValue("width"), 10);
  if (!(height > 0 && width > 0)) return undefined;
  return {
    cols: Math.max(MIN_COLS, Math.floor((width - SCROLLBAR_WIDTH) / cellWidth)),
    rows: Math.max(MIN_ROWS, Math.floor(height / cellHeight)),
  };
}
