/** Go `time.ParseDuration` for the route fields that take one (`timeout: 3s`, `500ms`, `1m30s`). */
const UNIT_MICROS: Readonly<Record<string, number>> = { ns: 0.001, us: 1, "µs": 1, ms: 1000, s: 1_000_000, m: 60_000_000, h: 3_600_000_000 };

export function parseGoDurationMicros(text: unknown): number | undefined {
  if (typeof text !== "string" || !text) return undefined;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_MICROS[m[2]];
    pos = re.lastIndex;
  }
  return Math.round(total);
}
