/**
 * Deterministic identifiers. Pod-name suffixes, request ids, IPs and simulated latencies all
 * draw from one seeded generator per sandbox, so the same seed replays the same names.
 */

/** mulberry32: tiny, fast, good enough for names and jitter (not for cryptography). */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  getState(): number {
    return this.state;
  }

  setState(state: number): void {
    this.state = state >>> 0;
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
  const hex = rng.chars("0123456789abcdef", 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
