/**
 * The attribute bag the egress gateway's Mixer filter sends, as a fixed record: one slot per
 * attribute the filter can set, in the order it sets them. A Map built per request grows (and
 * rehashes) several times for ~25 attributes; this is one small array. It reads and iterates
 * exactly like the Map it replaces (absent attributes are not in it; iteration follows the
 * filter's order).
 */
import { attributeSlot, DEFERRED, entryOf, NO_MAP, SlottedBag, type CopiedSlot, type MapEntry } from "../mixer/attributeSlots.ts";
import type { AttributeValue } from "../mixer/types.ts";
import { isLowerCaseName } from "./header-names.ts";

const NAMES = [
  "request.host", "request.path", "request.method", "request.headers", "request.scheme", "request.useragent",
  "request.referer", "request.time", "request.size", "request.total_size", "source.ip", "source.uid", "source.labels",
  "destination.service", "destination.labels", "destination.uid", "connection.mtls", "context.protocol",
  "response.code", "response.size", "response.duration", "response.time", "response.headers", "response.total_size",
  "check.error_code", "check.error_message",
] as const;

export type FilterAttribute = (typeof NAMES)[number];

const SLOTS = new Map<string, number>(NAMES.map((n, i) => [n, i]));

/**
 * The same positions as properties, for `set`: `bag.set(POSITION["request.host"], value)`. The
 * filter sets ~20 attributes per request; each call site reading its own constant key is a
 * cheap property read, where one lookup inside `set` shared by every name was a generic (hashed)
 * one. Made by `fromEntries`: frozen after adding its properties one by one, the object turned
 * into a hash table.
 */
export const POSITION: Readonly<Record<FilterAttribute, number>> = Object.freeze(
  Object.fromEntries(NAMES.map((n, i) => [n, i])) as Record<FilterAttribute, number>,
);

/** Index here -> Mixer's attribute slot (for `copySlots`). */
const GLOBAL: readonly number[] = NAMES.map((n) => attributeSlot(n));

/** Mixer's attribute slot -> index here (-1: not a filter attribute); filled on first read of each. */
const LOCAL: number[] = [];

function localIndex(slot: number, name: string): number {
  const i = SLOTS.get(name) ?? -1;
  while (LOCAL.length <= slot) LOCAL.push(-2);
  LOCAL[slot] = i;
  return i;
}

/**
 * A value computed on first read, from inputs that never change afterwards (e.g. the response
 * headers as a map: built only if some expression, or an explanation, reads them).
 */
export abstract class LazyAttribute {
  abstract materialize(): AttributeValue;

  /**
   * Present on a STRING_MAP value that can answer for one key without being built (see
   * LazyStringMap). Looked up instead of `instanceof LazyStringMap`: under tsx (esbuild's
   * keepNames renames every class) V8 answers `instanceof` for a derived class by its slow
   * generic path, and this is asked twice per request.
   */
  entry?(key: string): string | undefined;
}

/**
 * A lazily built STRING_MAP that can also answer for one key without being built (the access
 * log reads two request headers of the map per request, nothing else does).
 */
export abstract class LazyStringMap extends LazyAttribute {
  abstract override materialize(): Record<string, string>;

  /**
   * `materialize()[key]` (own keys only) for a lower-case `key` that is no Object.prototype
   * member (the map is a plain object: writes to such keys behave differently).
   */
  abstract override entry(key: string): string | undefined;
}

/** Keys `LazyStringMap.entry` answers for; other reads build the map. */
function answersWithoutMap(key: string): boolean {
  // Keys come from config (`request.headers["x-api-key"]`) and are asked about on every request.
  let answer = answeredKeys.get(key);
  if (answer === undefined) {
    answer = isLowerCaseName(key) && !(key in Object.prototype);
    if (answeredKeys.size >= 1024) answeredKeys.clear();
    answeredKeys.set(key, answer);
  }
  return answer;
}

const answeredKeys = new Map<string, boolean>();

/** Every slot empty: copied per bag (a copy of a packed array beats allocating and filling one). */
const NO_SLOTS: readonly (AttributeValue | LazyAttribute | undefined)[] = new Array(NAMES.length).fill(undefined);

export class RequestAttributes extends SlottedBag implements ReadonlyMap<string, AttributeValue> {
  private readonly slots: (AttributeValue | LazyAttribute | undefined)[] = NO_SLOTS.slice();
  /** Bit i set: `slots[i]` is a LazyAttribute not computed yet (NAMES has fewer than 32 entries). */
  private lazy = 0;

  slot(slot: number, name: string): AttributeValue | undefined {
    const i = this.localOf(slot, name);
    return i < 0 ? undefined : this.at(i);
  }

  override slotEntry(slot: number, name: string, key: string): MapEntry {
    const i = this.localOf(slot, name);
    if (i < 0) return NO_MAP;
    if ((this.lazy & (1 << i)) !== 0) {
      const lazy = this.slots[i] as LazyAttribute;
      if (lazy.entry !== undefined && answersWithoutMap(key)) return lazy.entry(key);
    }
    return entryOf(this.at(i), key);
  }

  private localOf(slot: number, name: string): number {
    const i = slot < LOCAL.length ? LOCAL[slot] : -2;
    return i === -2 ? localIndex(slot, name) : i;
  }

  override get copiedSlots(): readonly number[] {
    return GLOBAL;
  }

  override copySlots(into: CopiedSlot[]): void {
    const slots = this.slots;
    const lazy = this.lazy;
    for (let i = 0; i < slots.length; i++) into[GLOBAL[i]] = (lazy & (1 << i)) === 0 ? (slots[i] as AttributeValue | undefined) : DEFERRED;
  }

  /** Sets the attribute at `position` (`POSITION[name]`). */
  set(position: number, value: AttributeValue | LazyAttribute): this {
    this.slots[position] = value;
    // Most values are strings and numbers: no prototype walk for them.
    if (typeof value === "object" && value instanceof LazyAttribute) this.lazy |= 1 << position;
    else this.lazy &= ~(1 << position);
    return this;
  }

  get(name: string): AttributeValue | undefined {
    const i = SLOTS.get(name);
    return i === undefined ? undefined : this.at(i);
  }

  private at(i: number): AttributeValue | undefined {
    const v = this.slots[i];
    if ((this.lazy & (1 << i)) === 0) return v as AttributeValue | undefined;
    const value = (v as LazyAttribute).materialize();
    this.slots[i] = value;
    this.lazy &= ~(1 << i);
    return value;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  override get size(): number {
    let n = 0;
    for (const v of this.slots) if (v !== undefined) n++;
    return n;
  }

  /** Present attributes in the filter's order (the enumeration SlottedBag gives). */
  protected enumerated(): Map<string, AttributeValue> {
    const m = new Map<string, AttributeValue>();
    for (let i = 0; i < NAMES.length; i++) {
      const v = this.at(i);
      if (v !== undefined) m.set(NAMES[i], v);
    }
    return m;
  }





}
