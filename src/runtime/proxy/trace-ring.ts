/**
 * The last N request traces, for the UI's "why did this request get that status" panel and for
 * tests. Bounded, so an endless curl loop cannot grow memory.
 */
import type { RequestTrace } from "./trace.ts";

export type TraceListener = (trace: RequestTrace) => void;

export class TraceRing {
  private readonly items: (RequestTrace | undefined)[];
  private next = 0;
  private count = 0;
  private readonly listeners = new Set<TraceListener>();

  constructor(readonly capacity = 200) {
    this.items = new Array(capacity);
  }

  push(trace: RequestTrace): void {
    this.items[this.next] = trace;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
    if (this.listeners.size) for (const l of this.listeners) l(trace);
  }

  /** Retained traces, oldest first. */
  list(): RequestTrace[] {
    const out: RequestTrace[] = [];
    const start = (this.next - this.count + this.capacity) % this.capacity;
    for (let i = 0; i < this.count; i++) out.push(this.items[(start + i) % this.capacity]!);
    return out;
  }

  latest(): RequestTrace | undefined {
    return this.count ? this.items[(this.next - 1 + this.capacity) % this.capacity] : undefined;
  }

  subscribe(listener: TraceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.items.fill(undefined);
    this.next = 0;
    this.count = 0;
  }
}
