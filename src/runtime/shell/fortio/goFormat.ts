/**
 * The few Go formatting verbs fortio's output uses (`%g`, `%.Ng`, `%.Nf`, `%v` of a
 * time.Duration), reproduced exactly: fortio's report is read by people who know its shape, and
 * `0.0019456428` must not come out as `0.00194564280` or `1.9456428e-3`.
 */

interface Digits {
  /** Significant digits, no leading or trailing zeros ("" for zero). */
  digits: string;
  /** Position of the decimal point relative to the digits (Go's `decimal.dp`). */
  dp: number;
}

/** Decimal digits of |x|: the shortest round-trip form, or rounded to `precision` significant digits. */
function decimalDigits(x: number, precision?: number): Digits {
  if (x === 0) return { digits: "", dp: 0 };
  const exp = precision === undefined ? Math.abs(x).toExponential() : Math.abs(x).toExponential(Math.min(100, Math.max(0, precision - 1)));
  const [mantissa, e] = exp.split("e");
  const digits = mantissa.replace(".", "").replace(/0+$/, "");
  return { digits, dp: Number(e) + 1 };
}

function fixedFrom(d: Digits, decimals: number): string {
  const { digits, dp } = d;
  let intPart: string;
  let frac: string;
  if (dp <= 0) {
    intPart = "0";
    frac = "0".repeat(-dp) + digits;
  } else if (dp >= digits.length) {
    intPart = (digits || "0") + "0".repeat(digits ? dp - digits.length : 0);
    frac = "";
  } else {
    intPart = digits.slice(0, dp);
    frac = digits.slice(dp);
  }
  frac = frac.padEnd(decimals, "0").slice(0, decimals);
  return decimals > 0 ? `${intPart}.${frac}` : intPart;
}

function exponentFrom(d: Digits, decimals: number): string {
  const first = d.digits[0] ?? "0";
  const rest = d.digits.slice(1).padEnd(decimals, "0").slice(0, decimals);
  const e = d.digits ? d.dp - 1 : 0;
  const sign = e < 0 ? "-" : "+";
  const abs = String(Math.abs(e)).padStart(2, "0");
  return `${first}${decimals > 0 ? "." + rest : ""}e${sign}${abs}`;
}

/** Go's `%g` (precision omitted: shortest) and `%.Ng`. */
export function goG(x: number, precision?: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "+Inf" : "-Inf";
  const neg = x < 0 || Object.is(x, -0);
  const shortest = precision === undefined;
  const prec = shortest ? 0 : Math.max(precision, 1);
  const d = decimalDigits(x, shortest ? undefined : prec);
  const nd = d.digits.length;
  // strconv.formatDigits, case 'g'.
  let eprec = shortest ? 6 : prec;
  if (!shortest && eprec > nd && nd >= d.dp) eprec = nd;
  const exp = d.dp - 1;
  let out: string;
  if (nd > 0 && (exp < -4 || exp >= eprec)) {
    let p = shortest ? nd : prec;
    if (p > nd) p = nd;
    out = exponentFrom(d, p - 1);
  } else {
    let p = shortest ? nd : prec;
    if (shortest || p > d.dp) p = nd;
    out = fixedFrom(d, Math.max(p - d.dp, 0));
  }
  return neg && x !== 0 ? "-" + out : out;
}

/** Go's `%.Nf`. */
export function goF(x: number, decimals: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "+Inf" : "-Inf";
  return x.toFixed(decimals);
}

/** Go's time.Duration.String() for a duration in microseconds (the runtime's unit). */
export function goDuration(micros: number): string {
  const neg = micros < 0;
  const ns = BigInt(Math.round(Math.abs(micros) * 1000));
  let out: string;
  if (ns === 0n) return "0s";
  if (ns < 1_000_000_000n) {
    const [unit, scale] = ns < 1000n ? ["ns", 1n] : ns < 1_000_000n ? ["µs", 1000n] : ["ms", 1_000_000n];
    out = fraction(ns, scale) + unit;
  } else {
    let secs = ns / 1_000_000_000n;
    const s = fraction(ns % 1_000_000_000n + (secs % 60n) * 1_000_000_000n, 1_000_000_000n);
    secs /= 60n;
    out = s + "s";
    if (secs > 0n) {
      out = `${secs % 60n}m` + out;
      const hours = secs / 60n;
      if (hours > 0n) out = `${hours}h` + out;
    }
  }
  return neg ? "-" + out : out;
}

/** `value/scale` with the fraction's trailing zeros (and a bare point) dropped, as fmtFrac does. */
function fraction(value: bigint, scale: bigint): string {
  const whole = value / scale;
  const rest = value % scale;
  if (rest === 0n) return String(whole);
  const width = String(scale).length - 1;
  return `${whole}.${String(rest).padStart(width, "0").replace(/0+$/, "")}`;
}
