/**
 * Container logs, kept like a kubelet keeps them: the newest lines survive, older ones roll
 * off once a container's log passes its cap, so an endless curl loop cannot grow memory.
 */

/**
 * A line formatted only when someone reads it. Busy components (Mixer's stdio adapter, Envoy's
 * access log) write one or more lines per request, yet only the last few thousand per container
 * are ever retained, so formatting at write time is mostly wasted. `render` must return the same
 * text whenever it is called: everything it reads is captured, immutable, at write time.
 */
export interface DeferredLine {
  render(): string;
}

/** Where a component writes its log lines (Mixer's stdout, the gateway's access log...). */
export interface LogSink {
  write(line: string): void;
  /** Writes a line that is formatted on read (sinks without it get the rendered text). */
  writeDeferred?(line: DeferredLine): void;
}

/** Writes a deferred line to any sink: deferred when the sink supports it, rendered otherwise. */
export function writeDeferred(sink: LogSink, line: DeferredLine): void {
  if (sink.writeDeferred) sink.writeDeferred(line);
  else sink.write(line.render());
}

/** A fixed-capacity ring of lines. */
export class LogRing implements LogSink {
  /** Formatted lines, or deferred ones until first read (then replaced by their text). */
  private readonly lines: (string | DeferredLine)[];
  private start = 0;
  private count = 0;
  /** Lines ever written, including those that rolled off: lets followers resume where they were. */
  private total = 0;

  constructor(readonly capacity: number) {
    this.lines = new Array(capacity);
  }

  write(line: string | DeferredLine): void {
    const idx = (this.start + this.count) % this.capacity;
    this.lines[idx] = line;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
    this.total++;
  }

  writeDeferred(line: DeferredLine): void {
    this.write(line);
  }

  /** The text at a slot, formatting (once) a deferred line. */
  private textAt(idx: number): string {
    const l = this.lines[idx];
    if (typeof l === "string") return l;
    const text = l.render();
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
      writeDeferred: (line: DeferredLine) => (this.listeners.size ? write(line.render()) : ring.write(line)),
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
