/**
 * The `Date` header (RFC 7231 IMF-fixdate), stamped by origins and by Envoy's local replies
 * from the injected clock, so replays print the same headers. Cached per second: every request
 * needs one or two, and formatting a Date is one of the costlier steps of the pipeline.
 */
let cachedSecond = Number.NaN;
let cachedText = "";

export function httpDate(micros: number): string {
  const second = Math.floor(micros / 1_000_000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedText = new Date(second * 1000).toUTCString();
  }
  return cachedText;
}
