/**
 * Counters in fixed time buckets of the runtime clock, kept in a ring: memory is bounded (an
 * hour of 5 s buckets), recording is O(1) (an index computation and an increment), and a
 * window sum visits only the window's buckets. Each bucket holds `columns` counters.
 */

/** 5 s, like Prometheus' scrape interval: fine enough for a "last minute" rate. */
export const BUCKET_MICROS = 5_000_000;
/** One hour of buckets; older ones are overwritten. */
export const BUCKETS = 720;

export class BucketRing {
  /** The bucket number each slot currently holds (-1: never used). */
  private readonly ids = new Float64Array(BUCKETS).fill(-1);
  private readonly counts: Uint32Array;

  constructor(readonly columns: number) {
    this.counts = new Uint32Array(BUCKETS * columns);
  }

  /** Adds one to `column` of the bucket holding `micros`; false when that bucket is older than the ring keeps. */
  add(bucket: number, column: number): boolean {
    const slot = bucket % BUCKETS;
    const held = this.ids[slot];
    if (held !== bucket) {
      if (held > bucket) return false;
      this.ids[slot] = bucket;
      this.counts.fill(0, slot * this.columns, (slot + 1) * this.columns);
    }
    this.counts[slot * this.columns + column]++;
    return true;
  }

  /** Sums each column over buckets `(last - count, last]` into `into` (added to what it holds). */
  sum(last: number, count: number, into: number[]): void {
    const n = Math.min(count, BUCKETS);
    for (let b = last - n + 1; b <= last; b++) {
      if (b < 0) continue;
      const slot = b % BUCKETS;
      if (this.ids[slot] !== b) continue;
      const base = slot * this.columns;
      for (let c = 0; c < this.columns; c++) into[c] += this.counts[base + c];
    }
  }
}

export function bucketOf(micros: number): number {
  return Math.floor(micros / BUCKET_MICROS);
}
