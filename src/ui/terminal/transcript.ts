/**
 * What the terminal showed, kept as lines so a reload can write it back (xterm has no state we
 * can save). Only committed text is recorded: prompts with the command as entered, and output.
 */
export class Transcript {
  private lines: string[];
  private partial = "";

  constructor(saved: readonly string[] = [], private readonly cap = 1000) {
    this.lines = saved.slice(-cap);
  }

  /** Appends terminal text (with `\n` line ends, ANSI colours kept). */
  append(text: string): void {
    const parts = (this.partial + text).split("\n");
    this.partial = parts.pop() ?? "";
    if (parts.length) {
      this.lines.push(...parts);
      if (this.lines.length > this.cap) this.lines.splice(0, this.lines.length - this.cap);
    }
  }

  clear(): void {
    this.lines = [];
    this.partial = "";
  }

  /** Complete lines plus the unfinished one, for saving. */
  save(): string[] {
    return this.partial ? [...this.lines, this.partial] : [...this.lines];
  }
}
