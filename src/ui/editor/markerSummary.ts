/**
 * The one-line problem summary under the editor, for screen-reader users (and a quick glance):
 * "2 problems: line 7 Property prot is not allowed.; line 9 ...". Squiggles alone are invisible
 * to assistive technology.
 */
import type { EditorMarker } from "./types.ts";

/** How many problems the line spells out; the count covers all of them. */
const LISTED = 3;

export function markerSummary(markers: readonly EditorMarker[]): string {
  if (markers.length === 0) return "No problems";
  const sorted = [...markers].sort((a, b) => a.line - b.line);
  const listed = sorted.slice(0, LISTED).map((m) => `line ${m.line} ${oneLine(m.message)}`);
  const more = markers.length > LISTED ? `; and ${markers.length - LISTED} more` : "";
  return `${markers.length} problem${markers.length === 1 ? "" : "s"}: ${listed.join("; ")}${more}`;
}

function oneLine(message: string): string {
  return message.replace(/\s+/g, " ").trim();
}
