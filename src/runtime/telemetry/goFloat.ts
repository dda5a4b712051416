/**
 * Go's `strconv.FormatFloat(v, 'g', -1, 64)`: how the Prometheus client (client_golang) writes
 * sample values and bucket bounds in the text exposition format, e.g. `3`, `0.005`, `1e+06`.
 * JavaScript's shortest round-trip digits are the same as Go's; only the layout differs.
 */
export function formatGoFloat(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  if (v === 0) return Object.is(v, -0) ? "-0" : "0";
  // toExponential() without an argument gives the shortest round-trip digits: "1.234567e+6".
  const [mantissa, expPart] = v.toExponential().split("e");
  const exp = Number(expPart);
  // Go's shortest %g uses the exponent form when exp < -4 || exp >= 6 (eprec is fixed at 6).
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? "-" : "+";
    const abs = Math.abs(exp);
    return `${mantissa}e${sign}${abs < 10 ? "0" + abs : abs}`;
  }
  return String(v);
}
