/**
 * The attribute bag after attribute generation: generated attributes layered over the request's,
 * as Mixer's MutableBag over the request bag. Reads go to the overlay first; nothing is copied,
 * which keeps Check and Report cheap per request.
 */
import type { AttributeBag, AttributeValue } from "./types.ts";

export class LayeredBag implements ReadonlyMap<string, AttributeValue> {
  constructor(private readonly base: AttributeBag, private readonly overlay: ReadonlyMap<string, AttributeValue>) {}

  get(key: string): AttributeValue | undefined {
    const v = this.overlay.get(key);
    return v !== undefined ? v : this.base.get(key);
  }

  has(key: string): boolean {
    return this.overlay.has(key) || this.base.has(key);
  }

  /** The merged view, built only when someone enumerates the bag (explanations, not requests). */
  private merged(): Map<string, AttributeValue> {
    const m = new Map(this.base);
    for (const [k, v] of this.overlay) m.set(k, v);
    return m;
  }

  get size(): number {
    return this.merged().size;
  }

  forEach(cb: (value: AttributeValue, key: string, map: ReadonlyMap<string, AttributeValue>) => void): void {
    this.merged().forEach((v, k) => cb(v, k, this));
  }

  entries(): MapIterator<[string, AttributeValue]> {
    return this.merged().entries();
  }

  keys(): MapIterator<string> {
    return this.merged().keys();
  }

  values(): MapIterator<AttributeValue> {
    return this.merged().values();
  }

  [Symbol.iterator](): MapIterator<[string, AttributeValue]> {
    return this.merged()[Symbol.iterator]();
  }
}
