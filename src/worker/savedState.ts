/**
 * The record a lesson's sandbox is saved as, and the check that decides whether a stored value
 * is one this version can restore. Kept apart from the IndexedDB code so it is testable in Node.
 */
import { SNAPSHOT_VERSION, type SandboxSnapshot } from "../runtime/sandbox.ts";

export const SAVE_FORMAT = 1;

export interface SavedRecord {
  format: typeof SAVE_FORMAT;
  savedAt: number;
  sandbox: SandboxSnapshot;
}

export type Checked = { ok: true; snapshot: SandboxSnapshot } | { ok: false; reason: string };

/** Decides whether a stored value is a sandbox this version can restore (strings are parsed as JSON). */
export function checkSaved(value: unknown): Checked {
  let record = value;
  if (typeof record === "string") {
    try {
      record = JSON.parse(record);
    } catch {
      return { ok: false, reason: "it is not valid JSON" };
    }
  }
  if (!record || typeof record !== "object") return { ok: false, reason: "it is not a saved sandbox" };
  const r = record as Partial<SavedRecord>;
  if (r.format !== SAVE_FORMAT) return { ok: false, reason: "it was written by another version of Egress Lab" };
  if (!r.sandbox || typeof r.sandbox !== "object") return { ok: false, reason: "it holds no sandbox" };
  if (r.sandbox.version !== SNAPSHOT_VERSION) return { ok: false, reason: "it was written by another version of Egress Lab" };
  return { ok: true, snapshot: r.sandbox };
}
