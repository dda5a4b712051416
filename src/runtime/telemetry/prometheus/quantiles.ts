/** The quantile estimates of Prometheus 2.3 (promql/quantile.go). */

export interface Bucket {
  upperBound: number;
  count: number;
}

/**
 * histogram_quantile's estimate: the bucket holding rank q*total is found and the value
 * interpolated linearly inside it. Needs a +Inf bucket; a rank in the +Inf bucket answers the
 * highest finite bound; the lowest bucket starts at 0 unless its bound is <= 0.
 */
export function bucketQuantile(q: number, input: readonly Bucket[]): number {
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (input.length < 2) return NaN;
  const buckets = [...input].sort((a, b) => a.upperBound - b.upperBound);
  if (buckets[buckets.length - 1].upperBound !== Infinity) return NaN;
  ensureMonotonic(buckets);
  let rank = q * buckets[buckets.length - 1].count;
  // sort.Search over all but the +Inf bucket: the first bucket whose count reaches the rank.
  let b = buckets.length - 1;
  for (let i = 0; i < buckets.length - 1; i++) {
    if (buckets[i].count >= rank) {
      b = i;
      break;
    }
  }
  if (b === buckets.length - 1) return buckets[buckets.length - 2].upperBound;
  if (b === 0 && buckets[0].upperBound <= 0) return buckets[0].upperBound;
  let bucketStart = 0;
  const bucketEnd = buckets[b].upperBound;
  let count = buckets[b].count;
  if (b > 0) {
    bucketStart = buckets[b - 1].upperBound;
    count -= buckets[b - 1].count;
    rank -= buckets[b - 1].count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

/** Cumulative counts can dip when buckets are scraped at slightly different times; flatten dips. */
function ensureMonotonic(buckets: Bucket[]): void {
  let max = -Infinity;
  for (const b of buckets) {
    if (b.count > max) max = b.count;
    else if (b.count < max) b.count = max;
  }
}

/** The `quantile` aggregator and quantile_over_time: weighted average of the two nearest ranks. */
export function quantile(q: number, input: readonly number[]): number {
  if (input.length === 0) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const values = [...input].sort((a, b) => a - b);
  const n = values.length;
  const rank = q * (n - 1);
  const lowerIndex = Math.max(0, Math.floor(rank));
  const upperIndex = Math.min(n - 1, lowerIndex + 1);
  const weight = rank - Math.floor(rank);
  return values[lowerIndex] * (1 - weight) + values[upperIndex] * weight;
}
