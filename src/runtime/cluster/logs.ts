/**
 * Container logs, kept like a kubelet keeps them: the newest lines survive, older ones roll
 * off once a container's log passes its cap, so an endless curl loop cannot grow memory.
 */

/** Where a component writes its log lines (Mixer's stdout, the gateway's access log...). */
export interface LogSink {
  write(line: string): void;
}

/** A fixed-capacity ring of lines. */
export class LogRing implements LogSink {
  private readonly lines: string[];
  private start = 0;
  private count = 0;
  /** Lines ever written, including those that rolled off: lets followers resume where they were. */
  private total = 0;

  constructor(readonly capacity: number) {
    this.lines = new Array(capacity);
  }

  write(line: string): void {
    const idx = (this.start + this.count) % this.capacity;
    this.lines[idx] = line;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
    this.total++;
  }

  /** All retained lines, oldest first. */
  read(): string[] {
    const out = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.lines[(this.start + i) % this.capacity];
    return out;
  }

  /** Lines written after the `sequence`-th line ever written (for live log streaming). */
  readSince(sequence: number): { lines: string[]; next: number } {
    const firstRetained = this.total - this.count;
    const from = Math.max(sequence, firstRetained);
    const out: string[] = [];
    for (let s = from; s < this.total; s++) out.push(this.lines[(this.start + (s - firstRetained)) % this.capacity]);
    return { lines: out, next: this.total };
  }

  get written(): number {
    return this.total;
  }

  clear(): void {
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
    return {
      write: (line: string) => {
        ring.write(line);
        if (this.listeners.size) for (const l of this.listeners) l(namespace, pod, container, line);
      },
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
