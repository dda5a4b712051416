/**
 * Container logs, kept like a kubelet keeps them: the newest lines survive, older ones roll
 * off once a container's log passes its cap, so an endless curl loop cannot grow memory.
 */

/**
 * Lines formatted only when someone reads them, kept meanwhile as a row of a column table.
 * Busy components (Mixer's stdio adapter, Envoy's access log) write one or more lines per
 * request, yet only the last few thousand per container are ever retained or read: formatting
 * at write time is mostly wasted, and one object per retained line is what made the garbage
 * collector the pipeline's biggest cost. A table keeps numbers in typed arrays and strings
 * (mostly shared between requests) in plain arrays, so a retained line costs no object at all.
 *
 * A `RowKind` describes one kind of line (Envoy's access log; one stdio instance's JSON lines);
 * each log ring creates its own table of that kind, with one row per ring slot.
 */
export interface RowKind<E> {
  createTable(capacity: number): RowTable<E>;
  /** The line of an entry, for sinks and listeners that need the text now. */
  format(entry: E): string;
}

export abstract class RowTable<E> {
  /** Keeps what `render` needs of the entry (it must not read the entry later). */
  abstract store(row: number, entry: E): void;
  abstract render(row: number): string;
}

/** Where a component writes its log lines (Mixer's stdout, the gateway's access log...). */
export interface LogSink {
  write(line: string): void;
  /**
   * Writes a line kept as a table row until read (sinks without it get the formatted text).
   * Reads `entry` only during the call: writers may fill the same entry object again for the next line.
   */
  writeRow?<E>(kind: RowKind<E>, entry: E): void;
}

/** Writes a row line to any sink: as a row when the sink keeps rows, formatted otherwise. */
export function writeRow<E>(sink: LogSink, kind: RowKind<E>, entry: E): void {
  if (sink.writeRow) sink.writeRow(kind, entry);
  else sink.write(kind.format(entry));
}

/** Tables a ring keeps at most; one no line refers to any more is dropped first (config changes make new kinds). */
const MAX_TABLES = 16;

/** How many kinds' tables a ring finds without its Map. */
const RECENT_KINDS = 4;

/** A fixed-capacity ring of lines. */
export class LogRing implements LogSink {
  /** Formatted lines, or the table holding the slot's row until first read (then replaced by its text). */
  private readonly lines: (string | RowTable<unknown>)[];
  private start = 0;
  private count = 0;
  /** Lines ever written, including those that rolled off: lets followers resume where they were. */
  private total = 0;
  private readonly tables = new Map<RowKind<unknown>, RowTable<unknown>>();
  /**
   * The tables of the last few kinds used, checked before the Map: one ring takes a few kinds in
   * turn (Mixer's log takes each stdio instance's rows, request after request).
   */
  private readonly recentKinds: RowKind<unknown>[] = [];
  private readonly recentTables: RowTable<unknown>[] = [];

  constructor(readonly capacity: number) {
    this.lines = new Array(capacity).fill("");
  }

  write(line: string): void {
    this.lines[this.nextSlot()] = line;
  }

  writeRow<E>(kind: RowKind<E>, entry: E): void {
    const table = this.tableOf(kind);
    const slot = this.nextSlot();
    table.store(slot, entry);
    this.lines[slot] = table as RowTable<unknown>;
  }

  private nextSlot(): number {
    const idx = (this.start + this.count) % this.capacity;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
    this.total++;
    return idx;
  }

  private tableOf<E>(kind: RowKind<E>): RowTable<E> {
    const kinds = this.recentKinds;
    for (let i = 0; i < kinds.length; i++) if (kinds[i] === kind) return this.recentTables[i] as RowTable<E>;
    let table = this.tables.get(kind as RowKind<unknown>) as RowTable<E> | undefined;
    if (!table) {
      if (this.tables.size >= MAX_TABLES) this.dropUnusedTables();
      table = kind.createTable(this.capacity);
      this.tables.set(kind as RowKind<unknown>, table as RowTable<unknown>);
    }
    if (kinds.length === RECENT_KINDS) {
      kinds.pop();
      this.recentTables.pop();
    }
    kinds.unshift(kind as RowKind<unknown>);
    this.recentTables.unshift(table as RowTable<unknown>);
    return table;
  }

  private dropUnusedTables(): void {
    const used = new Set<RowTable<unknown>>();
    for (const l of this.lines) if (typeof l !== "string") used.add(l);
    for (const [kind, table] of this.tables) if (!used.has(table)) this.tables.delete(kind);
    // Every table still has lines: render the oldest table's lines, so it can go.
    if (this.tables.size >= MAX_TABLES) {
      const [kind, table] = this.tables.entries().next().value!;
      for (let i = 0; i < this.capacity; i++) if (this.lines[i] === table) this.textAt(i);
      this.tables.delete(kind);
    }
    this.recentKinds.length = 0;
    this.recentTables.length = 0;
  }

  /** The text at a slot, formatting (once) a row line. */
  private textAt(idx: number): string {
    const l = this.lines[idx];
    if (typeof l === "string") return l;
    const text = l.render(idx);
    this.lines[idx] = text;
    return text;
  }

  /** All retained lines, oldest first. */
  read(): string[] {
    const out = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.textAt((this.start + i) % this.capacity);
    return out;
  }

  /** Lines written after the `sequence`-th line ever written (for live log streaming). */
  readSince(sequence: number): { lines: string[]; next: number } {
    const firstRetained = this.total - this.count;
    const from = Math.max(sequence, firstRetained);
    const out: string[] = [];
    for (let s = from; s < this.total; s++) out.push(this.textAt((this.start + (s - firstRetained)) % this.capacity));
    return { lines: out, next: this.total };
  }

  get written(): number {
    return this.total;
  }

  clear(): void {
    this.lines.fill("");
    this.start = 0;
    this.count = 0;
  }
}

export type LogListener = (namespace: string, pod: string, container: string, line: string) => void;

/** Every container's log in the cluster, by namespace/pod/container. */
export class ClusterLogs {
  private readonly rings = new Map<string, LogRing>();
  private readonly listeners = new Set<LogListener>();

  constructor(private readonly linesPerContainer = 5000) {}

  private key(namespace: string, pod: string, container: string): string {
    return `${namespace}/${pod}/${container}`;
  }

  /** The ring of one container, created on first use. */
  ring(namespace: string, pod: string, container: string): LogRing {
    const k = this.key(namespace, pod, container);
    let r = this.rings.get(k);
    if (!r) {
      r = new LogRing(this.linesPerContainer);
      this.rings.set(k, r);
    }
    return r;
  }

  /** A sink that writes into one container's log and notifies live listeners. */
  sink(namespace: string, pod: string, container: string): LogSink {
    const ring = this.ring(namespace, pod, container);
    const write = (line: string) => {
      ring.write(line);
      if (this.listeners.size) for (const l of this.listeners) l(namespace, pod, container, line);
    };
    return {
      write,
      // Live listeners need the text now; otherwise it waits in the ring until read.
      writeRow: <E>(kind: RowKind<E>, entry: E) => (this.listeners.size ? write(kind.format(entry)) : ring.writeRow(kind, entry)),
    };
  }

  read(namespace: string, pod: string, container: string): string[] {
    return this.rings.get(this.key(namespace, pod, container))?.read() ?? [];
  }

  /** Forgets the logs of a deleted pod. */
  dropPod(namespace: string, pod: string): void {
    const prefix = `${namespace}/${pod}/`;
    for (const k of [...this.rings.keys()]) if (k.startsWith(prefix)) this.rings.delete(k);
  }

  subscribe(listener: LogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [k, r] of this.rings) out[k] = r.read();
    return out;
  }

  restore(state: Record<string, string[]>): void {
    this.rings.clear();
    for (const [k, lines] of Object.entries(state)) {
      const r = new LogRing(this.linesPerContainer);
      for (const l of lines) r.write(l);
      this.rings.set(k, r);
    }
  }
}
