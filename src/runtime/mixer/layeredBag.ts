/**
 * The attribute bag after attribute generation: generated attributes layered over the request's,
 * as Mixer's MutableBag over the request bag. Reads go to the overlay first; nothing is copied,
 * which keeps Check and Report cheap per request.
 */
import { bySlot, entryOf, readAttribute, readMapEntry, SlottedBag, type MapEntry } from "./attributeSlots.ts";
import type { AttributeBag, AttributeValue } from "./types.ts";

/** Overlays by slot; generated overlays are shared per pod, so this is built once per pod. */
const overlaySlots = new WeakMap<ReadonlyMap<string, AttributeValue>, (AttributeValue | undefined)[]>();

export class LayeredBag extends SlottedBag implements ReadonlyMap<string, AttributeValue> {
  private overlayBySlot: (AttributeValue | undefined)[] | undefined;

  constructor(private readonly base: AttributeBag, private readonly overlay: ReadonlyMap<string, AttributeValue>) {
    super();
  }

  slot(slot: number, name: string): AttributeValue | undefined {
    const v = this.overlaySlot(slot, name);
    return v !== undefined ? v : readAttribute(this.base, slot, name);
  }

  override slotEntry(slot: number, name: string, key: string): MapEntry {
    const v = this.overlaySlot(slot, name);
    return v !== undefined ? entryOf(v, key) : readMapEntry(this.base, slot, name, key);
  }

  private overlaySlot(slot: number, name: string): AttributeValue | undefined {
    let layout = this.overlayBySlot;
    if (layout === undefined) {
      layout = overlaySlots.get(this.overlay);
      if (layout === undefined) overlaySlots.set(this.overlay, (layout = bySlot(this.overlay)));
      this.overlayBySlot = layout;
    }
    // Slots assigned after the layout was built are past its end: not in the overlay.
    return slot < layout.length ? layout[slot] : this.overlay.get(name);
  }

  get(key: string): AttributeValue | undefined {
    const v = this.overlay.get(key);
    return v !== undefined ? v : this.base.get(key);
  }

  has(key: string): boolean {
    return this.overlay.has(key) || this.base.has(key);
  }

  /** The merged view, built only when someone enumerates the bag (explanations, not requests). */
  protected enumerated(): Map<string, AttributeValue> {
    const m = new Map(this.base);
    for (const [k, v] of this.overlay) m.set(k, v);
    return m;
  }






}
