/**
 * GNU `date +FORMAT`: the conversions of coreutils' `date` (its own strftime) in the C locale, for
 * a time in UTC (every shell of the lab runs in UTC, as a cluster's containers do). Flags `-`
 * (no padding), `_` (spaces), `0` (zeros), `^` (upper case), `#` (opposite case) and a field
 * width are honoured; an unknown conversion is printed as it was written, as GNU does.
 */

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** The parts of one instant that the conversions read. */
interface Instant {
  readonly micros: number;
  readonly date: Date;
}

/** How a conversion pads by default: numbers with zeros to a natural width, or spaces (`%e`). */
interface Value {
  readonly text: string;
  /** Numeric fields pad; text fields (names, composites) only when a width is given. */
  readonly pad: "0" | " " | "";
  readonly width: number;
}

const num = (n: number, width: number, pad: "0" | " " = "0"): Value => ({ text: String(n), pad, width });
const text = (s: string): Value => ({ text: s, pad: "", width: 0 });

function dayOfYear(d: Date): number {
  return Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000);
}

/** ISO 8601 week-numbering year and week (weeks start on Monday; week 1 holds the year's first Thursday). */
function isoWeek(d: Date): { year: number; week: number } {
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const weekday = (d.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(day + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((day + (3 - weekday) * 86_400_000 - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return { year, week };
}

/** Seconds and nanoseconds since the epoch, exactly (micros can exceed 2^53 / 1000 safely as a number). */
function epochParts(micros: number): { seconds: number; nanos: number } {
  const seconds = Math.floor(micros / 1_000_000);
  return { seconds, nanos: (micros - seconds * 1_000_000) * 1000 };
}

/** One conversion (`spec` is its letter, with `:`s for `%:z`), or undefined when GNU has no such conversion. */
function convert(spec: string, t: Instant, format: (f: string) => string): Value | undefined {
  const d = t.date;
  const hour = d.getUTCHours();
  switch (spec) {
    case "a": return text(DAYS[d.getUTCDay()].slice(0, 3));
    case "A": return text(DAYS[d.getUTCDay()]);
    case "b": case "h": return text(MONTHS[d.getUTCMonth()].slice(0, 3));
    case "B": return text(MONTHS[d.getUTCMonth()]);
    case "c": return text(format("%a %b %e %H:%M:%S %Y"));
    case "C": return num(Math.floor(d.getUTCFullYear() / 100), 2);
    case "d": return num(d.getUTCDate(), 2);
    case "D": case "x": return text(format("%m/%d/%y"));
    case "e": return num(d.getUTCDate(), 2, " ");
    case "F": return text(format("%Y-%m-%d"));
    case "g": return num(isoWeek(d).year % 100, 2);
    case "G": return num(isoWeek(d).year, 4);
    case "H": return num(hour, 2);
    case "I": return num(hour % 12 || 12, 2);
    case "j": return num(dayOfYear(d) + 1, 3);
    case "k": return num(hour, 2, " ");
    case "l": return num(hour % 12 || 12, 2, " ");
    case "m": return num(d.getUTCMonth() + 1, 2);
    case "M": return num(d.getUTCMinutes(), 2);
    case "n": return text("\n");
    case "N": return num(epochParts(t.micros).nanos, 9);
    case "p": return text(hour < 12 ? "AM" : "PM");
    case "P": return text(hour < 12 ? "am" : "pm");
    case "q": return num(Math.floor(d.getUTCMonth() / 3) + 1, 1);
    case "r": return text(format("%I:%M:%S %p"));
    case "R": return text(format("%H:%M"));
    case "s": return num(epochParts(t.micros).seconds, 1);
    case "S": return num(d.getUTCSeconds(), 2);
    case "t": return text("\t");
    case "T": case "X": return text(format("%H:%M:%S"));
    case "u": return num(((d.getUTCDay() + 6) % 7) + 1, 1);
    case "U": return num(Math.floor((dayOfYear(d) + 7 - d.getUTCDay()) / 7), 2);
    case "V": return num(isoWeek(d).week, 2);
    case "w": return num(d.getUTCDay(), 1);
    case "W": return num(Math.floor((dayOfYear(d) + 7 - ((d.getUTCDay() + 6) % 7)) / 7), 2);
    case "y": return num(d.getUTCFullYear() % 100, 2);
    case "Y": return num(d.getUTCFullYear(), 1);
    case "z": return text("+0000");
    case ":z": return text("+00:00");
    case "::z": return text("+00:00:00");
    case ":::z": return text("+00");
    case "Z": return text("UTC");
    case "%": return text("%");
    default: return undefined;
  }
}

/** Applies a conversion's flags and width to its value. */
function styled(v: Value, spec: string, flag: string, width: number | undefined): string {
  let s = v.text;
  if (flag === "^") s = s.toUpperCase();
  else if (flag === "#") s = spec === "Z" || spec === "p" ? s.toLowerCase() : s.toUpperCase();
  let pad: string = v.pad;
  if (flag === "-") return s;
  if (flag === "_") pad = " ";
  else if (flag === "0") pad = "0";
  // %N's width is its number of digits (truncated, not padded): `%3N` is milliseconds.
  if (spec === "N") return width !== undefined ? s.padStart(9, "0").slice(0, width) : s.padStart(9, "0");
  const target = width ?? (v.pad === "" ? 0 : v.width);
  if (s.length >= target) return s;
  const fill = pad === "" ? " " : pad;
  // Zero padding goes after a sign, as in `%_5z` / `%010s` of a negative number.
  if (fill === "0" && (s[0] === "-" || s[0] === "+")) return s[0] + s.slice(1).padStart(target - 1, "0");
  return s.padStart(target, fill);
}

/** `date +FORMAT` of the instant `micros` (µs since the epoch), in UTC. */
export function strftime(format: string, micros: number): string {
  const t: Instant = { micros, date: new Date(Math.floor(micros / 1000)) };
  const run = (f: string): string => {
    let out = "";
    for (let i = 0; i < f.length; i++) {
      const c = f[i];
      if (c !== "%") {
        out += c;
        continue;
      }
      const m = /^([-_0^#]*)(\d*)(:{0,3}[A-Za-z%]?)/.exec(f.slice(i + 1))!;
      const [all, flags, digits, spec] = m;
      const value = spec ? convert(spec, t, run) : undefined;
      if (!value) {
        // Unknown (or no) conversion: printed as written.
        out += "%" + (spec ? all : flags + digits);
        i += spec ? all.length : flags.length + digits.length;
        continue;
      }
      out += styled(value, spec.replace(/^:+/, ""), flags.slice(-1), digits ? Number(digits) : undefined);
      i += all.length;
    }
    return out;
  };
  return run(format);
}
