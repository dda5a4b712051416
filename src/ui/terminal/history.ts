/**
 * Command history as bash keeps it: newest last, no immediate duplicates, capped; Up/Down walk
 * it while the line being typed is kept as a draft. Persisted by the caller (localStorage).
 */
export class History {
  private entries: string[];
  /** Index into entries while browsing; entries.length means "the draft". */
  private index: number;
  private draft = "";

  constructor(entries: readonly string[] = [], private readonly cap = 500) {
    this.entries = entries.slice(-cap);
    this.index = this.entries.length;
  }

  list(): readonly string[] {
    return this.entries;
  }

  push(line: string): void {
    this.index = this.entries.length;
    if (!line.trim() || this.entries[this.entries.length - 1] === line) {
      this.index = this.entries.length;
      return;
    }
    this.entries.push(line);
    if (this.entries.length > this.cap) this.entries.splice(0, this.entries.length - this.cap);
    this.index = this.entries.length;
  }

  /** The previous entry, or undefined at the oldest; `current` is kept as the draft. */
  up(current: string): string | undefined {
    if (this.index === 0) return undefined;
    if (this.index === this.entries.length) this.draft = current;
    this.index--;
    return this.entries[this.index];
  }

  down(): string | undefined {
    if (this.index >= this.entries.length) return undefined;
    this.index++;
    return this.index === this.entries.length ? this.draft : this.entries[this.index];
  }

  /** Leaves browsing mode (after Enter or Ctrl-C). */
  rewind(): void {
    this.index = this.entries.length;
    this.draft = "";
  }
}
