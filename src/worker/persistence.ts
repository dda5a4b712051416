/**
 * Saved sandboxes in IndexedDB, one per lesson. A record carries its own format number and the
 * runtime's snapshot version, so a state written by an older Egress Lab is recognised as such
 * instead of half-restored.
 */
import type { SandboxSnapshot } from "../runtime/sandbox.ts";
import { SAVE_FORMAT, type SavedRecord } from "./savedState.ts";

const DB_NAME = "egress-lab";
const STORE = "sandboxes";

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

let dbPromise: Promise<IDBDatabase> | undefined;

function openDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return dbPromise;
}

export async function loadSaved(lesson: string): Promise<unknown> {
  const db = await openDb();
  return request(db.transaction(STORE, "readonly").objectStore(STORE).get(lesson));
}

export async function storeSaved(lesson: string, snapshot: SandboxSnapshot, savedAt: number): Promise<void> {
  const db = await openDb();
  const record: SavedRecord = { format: SAVE_FORMAT, savedAt, sandbox: snapshot };
  await request(db.transaction(STORE, "readwrite").objectStore(STORE).put(record, lesson));
}

export async function deleteSaved(lesson: string): Promise<void> {
  const db = await openDb();
  await request(db.transaction(STORE, "readwrite").objectStore(STORE).delete(lesson));
}
