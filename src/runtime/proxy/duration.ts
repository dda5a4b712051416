/** Go `time.ParseDuration` for the route fields that take one (`timeout: 3s`, `500ms`, `1m30s`), in µs. */
import { parseGoDuration } from "../config/validation/goDuration.ts";

export function parseGoDurationMicros(text: unknown): number | undefined {
  if (typeof text !== "string" || !text) return undefined;
  const parsed = parseGoDuration(text);
  return "nanos" in parsed ? Math.round(parsed.nanos / 1000) : undefined;
}
