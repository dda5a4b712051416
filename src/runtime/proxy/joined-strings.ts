/**
 * Strings built from two parts, made once per pair: requests name the same few pods and
 * endpoints over and over. A string made once is cheaper to keep (access logs, traces) and to
 * look up (its hash is computed once) than one concatenated per request, which a Map must
 * flatten and hash again on every lookup.
 */

/** Pairs kept per first part, and first parts kept: bounded, since parts can come from user input. */
const LIMIT = 1024;

export class JoinedStrings<K> {
  private readonly byFirst = new Map<string, Map<K, string>>();

  constructor(private readonly join: (first: string, second: K) => string) {}

  get(first: string, second: K): string {
    let bySecond = this.byFirst.get(first);
    if (bySecond === undefined) {
      if (this.byFirst.size >= LIMIT) this.byFirst.clear();
      this.byFirst.set(first, (bySecond = new Map()));
    }
    let text = bySecond.get(second);
    if (text === undefined) {
      if (bySecond.size >= LIMIT) bySecond.clear();
      bySecond.set(second, (text = this.join(first, second)));
    }
    return text;
  }
}
