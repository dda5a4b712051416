/**
 * The date strings of `date -d STRING` that scripts and tutorials use, read as GNU date reads
 * them in UTC: `now`, `today`, `yesterday`, `tomorrow`, `@SECONDS[.FRACTION]`, ISO 8601 dates
 * and times (`2018-06-18`, `2018-06-18 13:22:58`, `2018-06-18T13:22:58.5Z`, with a `UTC` or
 * numeric zone), each optionally followed by relative items (`+1 hour`, `2 days ago`, `-30 min`, `1 month ago`),
 * or relative items alone (counted from now). Anything else is GNU's `invalid date`.
 */

const UNIT_MICROS: Record<string, number> = {
  sec: 1_000_000, second: 1_000_000,
  min: 60_000_000, minute: 60_000_000,
  hour: 3_600_000_000,
  day: 86_400_000_000,
  week: 604_800_000_000,
  fortnight: 1_209_600_000_000,
};

/** µs since the epoch for `text` relative to `nowMicros`, or undefined when GNU date would reject it. */
export function parseDateString(text: string, nowMicros: number): number | undefined {
  let rest = text.trim().toLowerCase();
  // An empty string is the start of today.
  if (rest === "") return Math.floor(nowMicros / UNIT_MICROS.day) * UNIT_MICROS.day;
  let base = nowMicros;
  const anchor = /^(now|today|yesterday|tomorrow)\b/.exec(rest);
  const epoch = /^@(-?\d+)(?:\.(\d+))?(?=\s|$)/.exec(rest);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(z|utc|gmt|[+-]\d{2}:?\d{2})?(?=\s|$)/.exec(rest);
  if (anchor) {
    base = nowMicros + (anchor[1] === "yesterday" ? -1 : anchor[1] === "tomorrow" ? 1 : 0) * UNIT_MICROS.day;
    rest = rest.slice(anchor[0].length);
  } else if (epoch) {
    const sign = epoch[1].startsWith("-") ? -1 : 1;
    base = Number(epoch[1]) * 1_000_000 + sign * Number(((epoch[2] ?? "") + "000000").slice(0, 6));
    rest = rest.slice(epoch[0].length);
  } else if (iso) {
    const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", zone] = iso;
    const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
    const valid = +mo >= 1 && +mo <= 12 && +d >= 1 && new Date(ms).getUTCDate() === +d && +h < 24 && +s < 60;
    if (!valid) return undefined;
    base = ms * 1000 + Number((frac + "000000").slice(0, 6)) - zoneOffsetMicros(zone);
    rest = rest.slice(iso[0].length);
  }
  return applyRelative(base, rest);
}

function zoneOffsetMicros(zone: string | undefined): number {
  if (!zone || zone === "z" || zone === "utc" || zone === "gmt") return 0;
  const digits = zone.replace(":", "");
  const sign = digits[0] === "-" ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000_000;
}

/** Adds relative items (`+1 hour`, `2 days ago`, `next week`...) to `base`; undefined for anything unreadable. */
function applyRelative(base: number, text: string): number | undefined {
  let micros = base;
  let rest = text.trim();
  while (rest) {
    const m = /^([+-]?\s*\d+|next|last)?\s*(sec|second|min|minute|hour|day|week|fortnight|month|year)s?\b(\s+ago\b)?/.exec(rest);
    if (!m) return undefined;
    const count = (m[1] === undefined || m[1] === "next" ? 1 : m[1] === "last" ? -1 : Number(m[1].replace(/\s+/g, ""))) * (m[3] ? -1 : 1);
    if (m[2] === "month" || m[2] === "year") {
      // Calendar arithmetic, as GNU: the same day and time N months on (Jan 31 + 1 month rolls into March).
      const d = new Date(Math.floor(micros / 1000));
      const ms = Date.UTC(d.getUTCFullYear() + (m[2] === "year" ? count : 0), d.getUTCMonth() + (m[2] === "month" ? count : 0), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
      micros = ms * 1000 + (micros - Math.floor(micros / 1000) * 1000);
    } else {
      micros += count * UNIT_MICROS[m[2]];
    }
    rest = rest.slice(m[0].length).trim();
  }
  return micros;
}
