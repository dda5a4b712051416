/**
 * Stand-in for `node:zlib` in the browser (stack-notes pitfall 4): just-bash imports gzip
 * helpers for `gzip`/`tar -z`, which no lesson uses. They fail like a
 * missing tool would, instead of breaking the whole build.
 */
function unavailable(): never {
  throw new Error("gzip is not available in the browser lab");
}

export const gunzipSync = unavailable;
export const gzipSync = unavailable;
export const constants: Record<string, number> = {};
export default { gunzipSync, gzipSync, constants };
