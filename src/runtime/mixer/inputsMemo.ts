/**
 * Results of Mixer's work reused for requests that present the same inputs. Under a given
 * routing table, a Check (and attribute generation, the first step of every call) is a function
 * of the attributes it can read and of the pods kubernetesenv looks up, as long as every adapter
 * it calls answers from the instance alone (`Handler.pure`). Requests repeat those inputs
 * endlessly (the same pod calling the same few paths), so the results for the last few distinct
 * inputs are kept, per table, and dropped when the pods change.
 *
 * Callers keep only silent results: work that logged (a failed match, an instance that could
 * not be built) is done again every time, so its log lines repeat as Mixer's do.
 */
import { attributeSlot, readAttribute } from "./attributeSlots.ts";
import type { PodDirectory } from "./adapters/podDirectory.ts";
import type { Dispatch, RouteRule } from "./routingTable.ts";
import type { AttributeBag, AttributeValue } from "./types.ts";

/** Distinct inputs kept: enough for a loop over a handful of URLs from a few pods. */
const ENTRIES = 8;

interface Entry<T> {
  readonly values: readonly (AttributeValue | undefined)[];
  readonly result: T;
}

export class InputsMemo<T> {
  private readonly slots: number[];
  private entries: Entry<T>[] = [];
  private podGeneration: number;

  constructor(private readonly names: readonly string[], private readonly pods: PodDirectory) {
    this.slots = names.map(attributeSlot);
    this.podGeneration = pods.generation;
  }

  /** The result kept for the inputs `bag` has, if any. */
  lookup(bag: AttributeBag): T | undefined {
    if (this.podGeneration !== this.pods.generation) {
      this.entries = [];
      this.podGeneration = this.pods.generation;
      return undefined;
    }
    const entries = this.entries;
    if (entries.length === 0) return undefined;
    // The inputs are read once, then compared with each entry's.
    const { slots, names } = this;
    const current = this.current;
    for (let i = 0; i < slots.length; i++) current[i] = readAttribute(bag, slots[i], names[i]);
    outer: for (let e = 0; e < entries.length; e++) {
      const values = entries[e].values;
      for (let i = 0; i < slots.length; i++) if (values[i] !== current[i]) continue outer;
      return entries[e].result;
    }
    return undefined;
  }

  /** The inputs of the lookup in progress (reused: lookups never nest). */
  private readonly current: (AttributeValue | undefined)[] = [];

  /** Keeps `result` for `bag`'s inputs (the newest first; the oldest beyond `ENTRIES` is dropped). */
  store(bag: AttributeBag, result: T): void {
    const values = this.slots.map((slot, i) => readAttribute(bag, slot, this.names[i]));
    this.entries.unshift({ values, result });
    if (this.entries.length > ENTRIES) this.entries.pop();
  }
}

/**
 * The attributes work over `rules` can read: their matches, the inputs of their `varieties`
 * instances, and `alwaysRead`. Undefined when some of that work cannot be reused (an impure
 * handler, an instance whose inputs are unknown).
 */
export function inputsOf(rules: readonly RouteRule[], varieties: readonly ("check" | "attributeGenerator")[], alwaysRead: readonly string[]): string[] | undefined {
  const names = new Set(alwaysRead);
  for (const rule of rules) {
    if (rule.match) for (const a of rule.match.attributes) names.add(a);
    for (const variety of varieties) {
      for (const d of rule.byVariety[variety] as readonly Dispatch[]) {
        if (!d.handler.pure || !d.instance.attributes) return undefined;
        for (const a of d.instance.attributes) names.add(a);
      }
    }
  }
  return [...names];
}
