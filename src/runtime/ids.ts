/**
 * Deterministic identifiers. Pod-name suffixes, request ids, IPs and simulated latencies all
 * draw from one seeded generator per sandbox, so the same seed replays the same names.
 */

/** Reused char-code buffers by length: ids are built once per request, without string concatenation. */
const buffers: number[][] = [];

function charCodes(length: number): number[] {
  return (buffers[length] ??= new Array<number>(length).fill(0));
}

/** mulberry32: tiny, fast, good enough for names and jitter (not for cryptography). */
export class SeededRandom {
  /**
   * The 32-bit state, held as an int32 in a typed array: a uint32 above 2^30 is no small integer
   * to V8, so as a plain field every draw read and wrote a boxed double (3-4x slower per draw; a
   * request makes ~60 draws). The arithmetic is all mod 2^32, so the bits are the same.
   */
  private readonly state = new Int32Array(1);

  constructor(seed: number) {
    this.state[0] = seed;
  }

  /** A float in [0, 1). */
  next(): number {
    return (this.nextInt32() >>> 0) / 4294967296;
  }

  /** The same draw as `next`, as the 32-bit integer it scales (`next() * 2^k` floors to `nextUint32() >>> (32 - k)`). */
  nextUint32(): number {
    return this.nextInt32() >>> 0;
  }

  /**
   * The draw's 32 bits as a signed integer (no boxed number, unlike a uint32): `x >>> (32 - k)`
   * is `Math.floor(next() * 2^k)`.
   */
  nextInt32(): number {
    const state = this.state;
    let t = (state[0] = (state[0] + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return t ^ (t >>> 14);
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A string of `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string {
    const codes = charCodes(length);
    const n = alphabet.length;
    if (n === 16) {
      // Hex: `Math.floor(next() * 16)` is exactly the draw's top four bits.
      for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(this.nextInt32() >>> 28);
    } else {
      for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(Math.floor(this.next() * n));
    }
    return String.fromCharCode.apply(null, codes);
  }

  /** The state as a uint32 (what snapshots store). */
  getState(): number {
    return this.state[0] >>> 0;
  }

  setState(state: number): void {
    this.state[0] = state;
  }
}

/** Kubernetes' `SafeEncodeString` alphabet: no vowels, no look-alike digits. */
export const KUBE_SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** The 10-character pod-template-hash of a 1.10 ReplicaSet, e.g. `6859f9d5cb`. */
export function podTemplateHash(rng: SeededRandom): string {
  return rng.chars("0123456789abcdef", 10).replace(/^0/, "6");
}

/** The 5-character random suffix of a generated pod name, e.g. `l877h`. */
export function podSuffix(rng: SeededRandom): string {
  return rng.chars(KUBE_SAFE_ALPHABET, 5);
}

/** An Envoy x-request-id, a version-4-style UUID, e.g. `ab7be694-e367-94c5-83d1-086eca996dae`. */
export function requestId(rng: SeededRandom): string {
  // The same 32 draws as `chars(HEX, 32)`, the dashes placed as they come: one string, no slices.
  const codes = charCodes(36);
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) codes[i] = DASH;
    else codes[i] = HEX_CODES[rng.nextInt32() >>> 28]; // = Math.floor(rng.next() * 16)
  }
  return String.fromCharCode.apply(null, codes);
}

const DASH = 0x2d;
const HEX_CODES = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
