/**
 * Evaluation with an explanation: the value (or Mixer's error) plus the attribute values the
 * expression actually read, so the UI can show "which attribute values decided this rule".
 * This is the slow path for traces; `CompiledExpression.evaluate` stays the hot path.
 */
import type { AttributeBag, AttributeValue } from "../types.ts";
import { CexlEvalError, type CompiledExpression } from "./types.ts";

export interface ExplainedEvaluation {
  /** The result when evaluation succeeded. */
  value?: AttributeValue;
  /** Mixer's message when it failed (`lookup failed: 'request.host'`). */
  error?: string;
  /** Each attribute read, in reading order; `null` when it was absent from the bag. */
  inputs: Record<string, AttributeValue | null>;
}

/** A read-only view of a bag that notes every attribute looked up. */
class RecordingBag implements ReadonlyMap<string, AttributeValue> {
  readonly read: Record<string, AttributeValue | null> = {};
  constructor(private readonly bag: AttributeBag) {}

  get(key: string): AttributeValue | undefined {
    const v = this.bag.get(key);
    if (!(key in this.read)) this.read[key] = v === undefined ? null : v;
    return v;
  }
  has(key: string): boolean {
    this.get(key);
    return this.bag.has(key);
  }
  get size(): number {
    return this.bag.size;
  }
  forEach(cb: (value: AttributeValue, key: string, map: ReadonlyMap<string, AttributeValue>) => void): void {
    this.bag.forEach((v, k) => cb(v, k, this));
  }
  entries(): MapIterator<[string, AttributeValue]> {
    return this.bag.entries();
  }
  keys(): MapIterator<string> {
    return this.bag.keys();
  }
  values(): MapIterator<AttributeValue> {
    return this.bag.values();
  }
  [Symbol.iterator](): MapIterator<[string, AttributeValue]> {
    return this.bag[Symbol.iterator]();
  }
}

export function evaluateWithInputs(expr: CompiledExpression, bag: AttributeBag): ExplainedEvaluation {
  const recording = new RecordingBag(bag);
  try {
    return { value: expr.evaluate(recording), inputs: recording.read };
  } catch (e) {
    if (e instanceof CexlEvalError) return { error: e.message, inputs: recording.read };
    throw e;
  }
}
