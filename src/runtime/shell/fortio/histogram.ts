/**
 * fortio's stats package: a counter (count, avg, stddev, min, max, sum) and a histogram over
 * fixed bucket boundaries scaled by an offset and a divider, with the percentile estimate
 * (linear inside the bucket) and the exact text `Print` writes. Values are in seconds, or bytes
 * for the size histograms, like fortio's.
 */
import { goF, goG } from "./goFormat.ts";

/** Upper bounds of the buckets (scaled units); ]previous, bound]. One more bucket takes what is above the last. */
const BOUNDS = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 90, 100,
  120, 140, 160, 180, 200, 250, 300, 350, 400, 450, 500, 600, 700, 800, 900, 1000,
  2000, 3000, 4000, 5000, 7500, 10000, 20000, 30000, 40000, 50000, 75000, 100000,
];
const BUCKETS = BOUNDS.length + 1;

export class Counter {
  count = 0;
  min = 0;
  max = 0;
  sum = 0;
  private sumOfSquares = 0;

  record(v: number): void {
    if (this.count === 0) {
      this.min = v;
      this.max = v;
    } else if (v < this.min) this.min = v;
    else if (v > this.max) this.max = v;
    this.count++;
    this.sum += v;
    this.sumOfSquares += v * v;
  }

  avg(): number {
    return this.sum / this.count;
  }

  stdDev(): number {
    const n = this.count;
    const sigma = (this.sumOfSquares - (this.sum * this.sum) / n) / n;
    // Rounding can make it slightly negative for constant data; fortio reports 0 then.
    return sigma < 0 ? 0 : Math.sqrt(sigma);
  }

  /** `msg : count N avg A +/- S min m max M sum s`, Counter.Print's line. */
  line(msg: string): string {
    return `${msg} : count ${this.count} avg ${goG(this.avg(), 8)} +/- ${goG(this.stdDev(), 4)} min ${goG(this.min)} max ${goG(this.max)} sum ${goG(this.sum, 9)}\n`;
  }
}

export interface Bucket {
  start: number;
  end: number;
  /** Cumulative percentage up to and including this bucket. */
  percent: number;
  count: number;
}

export class Histogram extends Counter {
  readonly data = new Array<number>(BUCKETS).fill(0);

  constructor(readonly offset: number, readonly divider: number) {
    super();
  }

  override record(v: number): void {
    super.record(v);
    // Intervals are open on the left: a value exactly on a bound belongs to the bucket below.
    const scaled = (v - this.offset) / this.divider - 0.0001;
    let idx: number;
    if (scaled <= BOUNDS[0]) idx = 0;
    else if (scaled > BOUNDS[BOUNDS.length - 1]) idx = BUCKETS - 1;
    else {
      const n = Math.trunc(scaled);
      idx = 1;
      while (BOUNDS[idx] <= n) idx++;
    }
    this.data[idx]++;
  }

  /** The non-empty buckets, from min to max (Histogram.Export). */
  buckets(): Bucket[] {
    const out: Bucket[] = [];
    let last = -1;
    for (let i = BUCKETS - 1; i >= 0; i--) if (this.data[i] > 0) { last = i; break; }
    if (last < 0) return out;
    let prev = BOUNDS[0];
    let total = 0;
    for (let i = 0; i <= last; i++) {
      if (this.data[i] === 0) {
        if (i < BOUNDS.length) prev = BOUNDS[i];
        continue;
      }
      total += this.data[i];
      const b: Bucket = { start: out.length === 0 ? this.min : this.divider * prev + this.offset, end: 0, percent: (100 * total) / this.count, count: this.data[i] };
      if (i < BOUNDS.length) {
        b.end = this.divider * BOUNDS[i] + this.offset;
        prev = BOUNDS[i];
      } else {
        b.start = this.divider * prev + this.offset;
        b.end = this.max;
      }
      out.push(b);
    }
    out[out.length - 1].end = this.max;
    return out;
  }

  /** HistogramData.CalcPercentile: linear interpolation inside the bucket holding the percentile. */
  percentile(p: number, buckets: Bucket[] = this.buckets()): number {
    if (buckets.length === 0) return 0;
    if (p >= 100) return this.max;
    let pp = 100 / this.count;
    if (p <= pp) return this.min;
    for (const b of buckets) {
      if (p <= b.percent) return b.start + ((p - pp) / (b.percent - pp)) * (b.end - b.start);
      pp = b.percent;
    }
    return this.max;
  }

  /** HistogramData.Print: the counter line, the buckets and `# target` lines. */
  print(msg: string, percentiles: readonly number[]): string {
    const buckets = this.buckets();
    if (buckets.length === 0) return `${msg} : no data\n`;
    let out = this.line(msg) + "# range, mid point, percentile, count\n";
    buckets.forEach((b, i) => {
      out += `${i === 0 ? ">=" : ">"} ${goG(b.start, 6)} <= ${goG(b.end, 6)} , ${goG((b.start + b.end) / 2, 6)} , ${goF(b.percent, 2)}, ${b.count}\n`;
    });
    return out + this.targets(percentiles, buckets);
  }

  /** The `# target P% V` lines alone (what -quiet prints after the counter line). */
  targets(percentiles: readonly number[], buckets: Bucket[] = this.buckets()): string {
    if (this.count === 0) return "";
    return percentiles.map((p) => `# target ${goG(p)}% ${goG(this.percentile(p, buckets), 6)}\n`).join("");
  }

  /** The fraction of values in the first bucket (at or below the offset): fortio's "sleep falling behind". */
  firstBucketShare(): number {
    return this.count === 0 ? 0 : this.data[0] / this.count;
  }
}
