/**
 * The bag a Check or Report evaluates its rules against, as one array by slot: the request's
 * attributes copied from the proxy's bag, the generated ones written over them. It reads like
 * `LayeredBag` (generated attributes win), but a read is one array access instead of a walk
 * down two bags: a Report reads ~60 attributes (the default access log alone has 26
 * variables), most of them absent from both layers. One FlatBag per Mixer is refilled by
 * every call (calls never nest, and nothing uses the bag after its call: instances copy their
 * values out, and the field memos that hold it are only read within the call).
 */
import { attributeSlot, DEFERRED, entryOf, slotCount, SlottedBag, type CopiedSlot, type MapEntry } from "./attributeSlots.ts";
import { LayeredBag } from "./layeredBag.ts";
import type { AttributeBag, AttributeValue } from "./types.ts";

/** An overlay's attributes as (slot, value) pairs, made once per overlay (generated overlays are shared per pod). */
interface OverlayEntries {
  readonly slots: readonly number[];
  readonly values: readonly AttributeValue[];
}

const overlayEntries = new WeakMap<ReadonlyMap<string, AttributeValue>, OverlayEntries>();

function entriesOf(overlay: ReadonlyMap<string, AttributeValue>): OverlayEntries {
  let entries = overlayEntries.get(overlay);
  if (entries === undefined) {
    const slots: number[] = [];
    const values: AttributeValue[] = [];
    for (const [name, value] of overlay) {
      if (value === undefined) continue;
      slots.push(attributeSlot(name));
      values.push(value);
    }
    overlayEntries.set(overlay, (entries = { slots, values }));
  }
  return entries;
}

export class FlatBag extends SlottedBag implements ReadonlyMap<string, AttributeValue> {
  private readonly bySlot: CopiedSlot[] = [];
  private base: (SlottedBag & AttributeBag) | undefined;
  private overlay: ReadonlyMap<string, AttributeValue> = new Map();

  /** What the last fill wrote: the base's slots and the overlay's, which the next fill must overwrite or clear. */
  private baseSlots: readonly number[] | undefined;
  private overlaySlots: readonly number[] | undefined;
  private overlayEntries: OverlayEntries | undefined;

  /**
   * Refills the bag with `base` under `overlay`. Returns false, leaving the bag unusable, when
   * `base` cannot be copied by slot (the caller then layers the two instead).
   *
   * Only the slots the last fill wrote are cleared, not the whole array (~90 slots, most never
   * written): a base writes all its slots on every copy, so only the last overlay's, or a
   * different base's, can hold anything stale.
   */
  fill(base: AttributeBag, overlay: ReadonlyMap<string, AttributeValue>): boolean {
    const own = base instanceof SlottedBag ? base.copiedSlots : undefined;
    if (own === undefined) {
      this.base = undefined;
      return false;
    }
    const values = this.bySlot;
    for (let n = slotCount(); values.length < n; ) values.push(undefined);
    const entries = overlay === this.overlay && this.overlayEntries !== undefined ? this.overlayEntries : entriesOf(overlay);
    const lastOverlay = this.overlaySlots;
    if (lastOverlay !== undefined && lastOverlay !== entries.slots) for (let i = 0; i < lastOverlay.length; i++) values[lastOverlay[i]] = undefined;
    const lastBase = this.baseSlots;
    if (lastBase !== undefined && lastBase !== own) for (let i = 0; i < lastBase.length; i++) values[lastBase[i]] = undefined;
    (base as SlottedBag & AttributeBag).copySlots(values);
    for (let i = 0; i < entries.slots.length; i++) values[entries.slots[i]] = entries.values[i];
    this.base = base as SlottedBag & AttributeBag;
    this.overlay = overlay;
    this.baseSlots = own;
    this.overlaySlots = entries.slots;
    this.overlayEntries = entries;
    return true;
  }

  slot(slot: number, name: string): AttributeValue | undefined {
    // A slot assigned after the fill is no filter attribute and was in no overlay then: ask by name.
    if (slot >= this.bySlot.length) return this.get(name);
    const v = this.bySlot[slot];
    if (v !== DEFERRED) return v;
    // Computed on first read, by the base (which keeps it for later readers, such as explanations).
    const value = this.base!.slot(slot, name);
    this.bySlot[slot] = value;
    return value;
  }

  override slotEntry(slot: number, name: string, key: string): MapEntry {
    if (slot >= this.bySlot.length) return entryOf(this.get(name), key);
    const v = this.bySlot[slot];
    // A map not built yet may answer for one key without being built.
    return v === DEFERRED ? this.base!.slotEntry(slot, name, key) : entryOf(v, key);
  }

  /**
   * The same reads by name, and enumeration, as the layered view: made per call, since only
   * explanations and tests read the bag this way (and reads of slots numbered after the fill).
   */
  protected enumerated(): LayeredBag {
    return new LayeredBag(this.base!, this.overlay);
  }

  get(key: string): AttributeValue | undefined {
    return this.enumerated().get(key);
  }

  has(key: string): boolean {
    return this.enumerated().has(key);
  }






}
