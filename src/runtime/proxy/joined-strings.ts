/**
 * Strings built from two parts, made once per pair: requests name the same few pods and
 * endpoints over and over. A string made once is cheaper to keep (access logs, traces) and to
 * look up (its hash is computed once) than one concatenated per request, which a Map must
 * flatten and hash again on every lookup.
 */

/** Strings kept in all: bounded, since parts can come from user input (all are dropped at the bound). */
const LIMIT = 4096;

export class JoinedStrings<K> {
  private readonly byFirst = new Map<string, Map<K, string>>();
  private count = 0;

  constructor(private readonly join: (first: string, second: K) => string) {}

  get(first: string, second: K): string {
    let bySecond = this.byFirst.get(first);
    if (bySecond === undefined) this.byFirst.set(first, (bySecond = new Map()));
    let text = bySecond.get(second);
    if (text === undefined) {
      text = this.join(first, second);
      if (++this.count > LIMIT) {
        this.byFirst.clear();
        this.count = 1;
        this.byFirst.set(first, (bySecond = new Map()));
      }
      bySecond.set(second, text);
    }
    return text;
  }
}
