/**
 * Stand-in for packages just-bash loads only for features the lab leaves out (zstd and xz
 * archives): importing it fails, which just-bash reports like a missing tool.
 */
if (typeof globalThis === "object") throw new Error("this compression format is not available in the browser lab");

export default undefined;
