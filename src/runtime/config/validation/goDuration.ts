/**
 * Go's time.ParseDuration (Go 1.10 wording) and protobuf JSON's Duration format, because
 * jsonpb decodes `timeout: 5s` with the former and prints durations with the latter.
 */

const UNITS: Record<string, number> = { ns: 1, us: 1e3, "µs": 1e3, "μs": 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Nanoseconds of a Go duration string, or Go's error text. */
export function parseGoDuration(orig: string): { nanos: number } | { error: string } {
  let s = orig;
  let sign = 1;
  if (s[0] === "-" || s[0] === "+") {
    if (s[0] === "-") sign = -1;
    s = s.slice(1);
  }
  if (s === "0") return { nanos: 0 };
  if (s === "") return { error: `time: invalid duration ${orig}` };
  let total = 0;
  while (s !== "") {
    const num = /^(\d*)(\.\d*)?/.exec(s)!;
    if (num[0] === "" || num[0] === ".") return { error: `time: invalid duration ${orig}` };
    s = s.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(s)![0];
    if (unit === "") return { error: `time: missing unit in duration ${orig}` };
    const scale = UNITS[unit];
    if (scale === undefined) return { error: `time: unknown unit ${unit} in duration ${orig}` };
    s = s.slice(unit.length);
    total += parseFloat(num[0].startsWith(".") ? `0${num[0]}` : num[0]) * scale;
  }
  return { nanos: Math.round(sign * total) };
}

/** jsonpb's Duration output: seconds with 0, 3, 6 or 9 fractional digits, e.g. `5s`, `0.100s`. */
export function formatProtoDuration(nanos: number): string {
  const neg = nanos < 0;
  const abs = Math.abs(nanos);
  const secs = Math.trunc(abs / 1e9);
  let text = `${secs}.${String(abs % 1e9).padStart(9, "0")}`;
  for (let i = 0; i < 2 && text.endsWith("000"); i++) text = text.slice(0, -3);
  if (text.endsWith(".000")) text = text.slice(0, -4);
  return `${neg ? "-" : ""}${text}s`;
}
