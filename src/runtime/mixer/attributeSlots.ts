/**
 * Attribute names as small integers. CEXL compiles each attribute read to its slot number once,
 * at config time; bags that know the numbering (the gateway filter's fixed record, the layered
 * bag after attribute generation) then answer a read with array accesses instead of hashing
 * the name. Any other bag is still read by name.
 */
import type { AttributeLookup } from "./cexl/types.ts";
import type { AttributeValue } from "./types.ts";

const slots = new Map<string, number>();

/** The slot of an attribute name (assigned on first use; names come from config, so few). */
export function attributeSlot(name: string): number {
  let slot = slots.get(name);
  if (slot === undefined) {
    slot = slots.size;
    slots.set(name, slot);
  }
  return slot;
}

/** `readMapEntry`'s answer when the map attribute itself is absent (a key that is absent reads as undefined). */
export const NO_MAP: unique symbol = Symbol("no map");

export type MapEntry = string | undefined | typeof NO_MAP;

const hasOwn = Object.prototype.hasOwnProperty;

/** `map[key]` of a STRING_MAP value, as CEXL indexes it: own keys only. */
export function entryOf(map: AttributeValue | undefined, key: string): MapEntry {
  if (map === undefined) return NO_MAP;
  return hasOwn.call(map, key) ? (map as Readonly<Record<string, string>>)[key] : undefined;
}

/** How many slots are assigned so far. */
export function slotCount(): number {
  return slots.size;
}

/** In a flat copy of a bag (`SlottedBag.copySlots`): a value the bag computes on first read, so the copy asks the bag. */
export const DEFERRED: unique symbol = Symbol("deferred");

export type CopiedSlot = AttributeValue | typeof DEFERRED | undefined;

/** A bag that can be read by slot. `name` is the slot's name, for bags that fall back to names. */
export abstract class SlottedBag {
  abstract slot(slot: number, name: string): AttributeValue | undefined;

  /**
   * The bag as a Map of its present attributes, in its own order: only for enumeration
   * (explanations, tests), never on a request's path. The Map methods below enumerate it.
   */
  protected abstract enumerated(): ReadonlyMap<string, AttributeValue>;

  get size(): number {
    return this.enumerated().size;
  }

  forEach(cb: (value: AttributeValue, key: string, map: ReadonlyMap<string, AttributeValue>) => void): void {
    this.enumerated().forEach((v, k) => cb(v, k, this as unknown as ReadonlyMap<string, AttributeValue>));
  }

  entries(): MapIterator<[string, AttributeValue]> {
    return this.enumerated().entries();
  }

  keys(): MapIterator<string> {
    return this.enumerated().keys();
  }

  values(): MapIterator<AttributeValue> {
    return this.enumerated().values();
  }

  [Symbol.iterator](): MapIterator<[string, AttributeValue]> {
    return this.enumerated()[Symbol.iterator]();
  }

  /**
   * The slots `copySlots` writes, the same on every call; undefined for a bag that cannot be
   * copied by slot.
   */
  get copiedSlots(): readonly number[] | undefined {
    return undefined;
  }

  /**
   * Writes the bag's value of each of `copiedSlots` into `into` at that slot: undefined for an
   * absent attribute, DEFERRED for a value computed on first read (ask the bag for it).
   */
  copySlots(_into: CopiedSlot[]): void {}

  /**
   * One key of a map attribute (`request.headers["x-api-key"]`). Bags whose maps are built on
   * first read override this to answer without building the whole map.
   */
  slotEntry(slot: number, name: string, key: string): MapEntry {
    return entryOf(this.slot(slot, name), key);
  }

  /** The first of `lookup`'s reads that is present, or undefined (see AttributeLookup). */
  firstPresent(lookup: AttributeLookup): AttributeValue | undefined {
    const { slots, names, keys } = lookup;
    for (let i = 0; i < slots.length; i++) {
      const key = keys[i];
      if (key === undefined) {
        const v = this.slot(slots[i], names[i]);
        if (v !== undefined) return v;
      } else {
        const v = this.slotEntry(slots[i], names[i], key);
        if (v !== undefined && v !== NO_MAP) return v;
      }
    }
    return undefined;
  }
}

/** Reads an attribute by slot when the bag supports it, by name otherwise. */
export function readAttribute(bag: ReadonlyMap<string, AttributeValue>, slot: number, name: string): AttributeValue | undefined {
  return bag instanceof SlottedBag ? bag.slot(slot, name) : bag.get(name);
}

/** Reads `key` of map attribute `name` (see `SlottedBag.slotEntry`). */
export function readMapEntry(bag: ReadonlyMap<string, AttributeValue>, slot: number, name: string, key: string): MapEntry {
  return bag instanceof SlottedBag ? bag.slotEntry(slot, name, key) : entryOf(bag.get(name), key);
}

/** A map's values laid out by slot (`undefined` where the map has no entry). */
export function bySlot(map: ReadonlyMap<string, AttributeValue>): (AttributeValue | undefined)[] {
  const out: (AttributeValue | undefined)[] = [];
  for (const [name, value] of map) {
    const slot = attributeSlot(name);
    while (out.length <= slot) out.push(undefined);
    out[slot] = value;
  }
  while (out.length < slots.size) out.push(undefined);
  return out;
}
