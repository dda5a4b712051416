/**
 * Attribute names as small integers. CEXL compiles each attribute read to its slot number once,
 * at config time; bags that know the numbering (the gateway filter's fixed record, the layered
 * bag after attribute generation) then answer a read with array accesses instead of hashing
 * the name. Any other bag is still read by name.
 */
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

/** A bag that can be read by slot. `name` is the slot's name, for bags that fall back to names. */
export abstract class SlottedBag {
  abstract slot(slot: number, name: string): AttributeValue | undefined;
}

/** Reads an attribute by slot when the bag supports it, by name otherwise. */
export function readAttribute(bag: ReadonlyMap<string, AttributeValue>, slot: number, name: string): AttributeValue | undefined {
  return bag instanceof SlottedBag ? bag.slot(slot, name) : bag.get(name);
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
