/**
 * Time sources for the runtime. Everything that stamps a log line, a request or an object
 * reads one of these, never `Date.now()` directly, so tests and replays are deterministic.
 *
 * Time is kept in integer microseconds since the Unix epoch: Mixer's stdio adapter prints six
 * fractional digits, and 2^53 µs still reaches the year 2255, so a JS number holds it exactly.
 */
export interface Clock {
  /** Current time in microseconds since the epoch. */
  nowMicros(): number;
  /**
   * Let simulated time pass (a request's duration, `sleep`). A virtual clock moves forward;
   * the wall clock ignores it because real time passes by itself.
   */
  advance(micros: number): void;
  /** True when time only moves by `advance` (tests, `--clock ISO`). */
  readonly virtual: boolean;
}

export class VirtualClock implements Clock {
  readonly virtual = true;
  private micros: number;

  constructor(startMicros: number) {
    this.micros = Math.trunc(startMicros);
  }

  static fromIso(iso: string): VirtualClock {
    const micros = parseIsoMicros(iso);
    if (micros === undefined) throw new Error(`invalid time "${iso}": expected an ISO 8601 time such as 2018-06-18T13:22:58Z`);
    return new VirtualClock(micros);
  }

  nowMicros(): number {
    return this.micros;
  }

  advance(micros: number): void {
    if (micros > 0) this.micros += Math.trunc(micros);
  }
}

/** Real time, with microseconds from the monotonic high-resolution timer where there is one. */
export class WallClock implements Clock {
  readonly virtual = false;
  private readonly originMicros: number;
  private readonly originPerf: number;
  private last = 0;

  constructor() {
    const perf = (globalThis as { performance?: { now(): number } }).performance;
    this.originPerf = perf ? perf.now() : 0;
    this.originMicros = Date.now() * 1000;
  }

  nowMicros(): number {
    const perf = (globalThis as { performance?: { now(): number } }).performance;
    const t = perf ? this.originMicros + Math.trunc((perf.now() - this.originPerf) * 1000) : Date.now() * 1000;
    // Never go backwards, never repeat: two requests in the same microsecond still get ordered stamps.
    this.last = t > this.last ? t : this.last + 1;
    return this.last;
  }

  advance(_micros: number): void {}
}

/** Parses an ISO 8601 UTC time (fractional seconds optional, up to microseconds) into µs. */
export function parseIsoMicros(iso: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(iso.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = "", zone] = m;
  let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  if (Number.isNaN(ms)) return undefined;
  if (zone !== "Z") {
    const sign = zone[0] === "+" ? 1 : -1;
    ms -= sign * (+zone.slice(1, 3) * 60 + +zone.slice(4, 6)) * 60_000;
  }
  const micros = +(frac + "000000").slice(0, 6);
  return ms * 1000 + micros;
}

/** `YYYY-MM-DDTHH:MM:SS.ffffffZ`: the 27-character form of Mixer's stdio adapter (zap). */
export function formatMicrosIso(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const base = new Date(ms).toISOString().slice(0, 19);
  const frac = String(((micros % 1_000_000) + 1_000_000) % 1_000_000).padStart(6, "0");
  return `${base}.${frac}Z`;
}

/** `YYYY-MM-DDTHH:MM:SS.mmmZ`: Envoy's access-log %START_TIME%. */
export function formatMillisIso(micros: number): string {
  return new Date(Math.floor(micros / 1000)).toISOString();
}
