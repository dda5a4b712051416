/** Prometheus durations (`5m`, `1h`): common/model.ParseDuration as Prometheus 2.3 vendored it. */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

/** Milliseconds, or the Go error text. */
export function parseModelDuration(s: string): number | { error: string } {
  const m = /^([0-9]+)(y|w|d|h|m|s|ms)$/.exec(s);
  if (!m) return { error: `not a valid duration string: "${s}"` };
  return Number(m[1]) * UNIT_MS[m[2]];
}
