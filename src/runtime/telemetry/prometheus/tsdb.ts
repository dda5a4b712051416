/**
 * The emulated Prometheus' storage: one series per label set, points in time order, bounded
 * by a retention window (the deployment's `--storage.tsdb.retention=6h`). Points older than the
 * window are dropped as new ones arrive, so memory stays bounded however long a session runs.
 *
 * Staleness (Prometheus 2.x): when a series disappears from a scrape, or the scrape fails, a
 * stale marker is appended; an instant selector that lands on it returns nothing, and range
 * selectors skip it.
 */
import { compareLabels, labelsKey, type Labels } from "./labels.ts";
import type { LabelMatcher } from "./matchers.ts";

export class Series {
  /** Millisecond timestamps, ascending; `head` is the first live index. */
  readonly t: number[] = [];
  readonly v: number[] = [];
  head = 0;
  /** Timestamps of stale markers (rare: only when a series disappears). */
  stale: Set<number> | undefined;

  constructor(readonly labels: Labels, readonly key: string) {}

  get length(): number {
    return this.t.length - this.head;
  }

  get lastTime(): number | undefined {
    return this.t.length > this.head ? this.t[this.t.length - 1] : undefined;
  }

  isStale(t: number): boolean {
    return this.stale !== undefined && this.stale.has(t);
  }

  /** Index of the last point with time <= t, or head-1 when there is none. */
  indexAtOrBefore(t: number): number {
    let lo = this.head;
    let hi = this.t.length - 1;
    let found = this.head - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.t[mid] <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  append(t: number, v: number, stale = false): void {
    const last = this.lastTime;
    if (last !== undefined && t <= last) return; // out of order: Prometheus rejects it too
    this.t.push(t);
    this.v.push(v);
    if (stale) (this.stale ??= new Set()).add(t);
  }

  /** Drops points before `minT`; compacts the arrays once the dead prefix is large. */
  trim(minT: number): void {
    while (this.head < this.t.length && this.t[this.head] < minT) {
      this.stale?.delete(this.t[this.head]);
      this.head++;
    }
    if (this.head > 256 && this.head * 2 > this.t.length) {
      this.t.splice(0, this.head);
      this.v.splice(0, this.head);
      this.head = 0;
    }
  }
}

export class Tsdb {
  private readonly byKey = new Map<string, Series>();
  private sortedCache: Series[] | undefined;

  /** Appends a sample; `labels` must be sorted (see sortedLabels). Returns the series. */
  append(labels: Labels, t: number, v: number): Series {
    const key = labelsKey(labels);
    let s = this.byKey.get(key);
    if (!s) {
      s = new Series(labels, key);
      this.byKey.set(key, s);
      this.sortedCache = undefined;
    }
    s.append(t, v);
    return s;
  }

  markStale(series: Series, t: number): void {
    series.append(t, NaN, true);
  }

  trim(minT: number): void {
    for (const [key, s] of this.byKey) {
      s.trim(minT);
      if (s.length === 0) {
        this.byKey.delete(key);
        this.sortedCache = undefined;
      }
    }
  }

  /** Every series, sorted by label set (the order Prometheus' storage returns). */
  all(): Series[] {
    return (this.sortedCache ??= [...this.byKey.values()].sort((a, b) => compareLabels(a.labels, b.labels)));
  }

  select(matchers: readonly LabelMatcher[]): Series[] {
    return this.all().filter((s) => matchers.every((m) => m.matches(s.labels[m.name] ?? "")));
  }

  /** Whether the series has a (non-stale) point within [mint, maxt]. */
  static hasPointIn(s: Series, mint: number, maxt: number): boolean {
    for (let i = s.indexAtOrBefore(maxt); i >= s.head && s.t[i] >= mint; i--) if (!s.isStale(s.t[i])) return true;
    return false;
  }
}
