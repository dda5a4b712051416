/**
 * AGE columns: kubectl 1.10's `translateTimestamp` -> `duration.ShortHumanDuration`, computed
 * from the injected clock so tests and replays print the same ages.
 */

/** `ShortHumanDuration`: `18s`, `5m`, `3h`, `2d`, `1y` (whole units, truncated). */
export function shortHumanDuration(micros: number): string {
  const seconds = Math.trunc(micros / 1_000_000);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(seconds / 3600);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** Microseconds since the epoch of an RFC 3339 timestamp, or undefined when absent/invalid. */
export function timestampMicros(ts: string | undefined): number | undefined {
  if (!ts) return undefined;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? undefined : ms * 1000;
}

/** The AGE cell of an object created at `ts` (`<unknown>` without a timestamp, as kubectl). */
export function age(ts: string | undefined, nowMicros: number): string {
  const t = timestampMicros(ts);
  return t === undefined ? "<unknown>" : shortHumanDuration(nowMicros - t);
}
