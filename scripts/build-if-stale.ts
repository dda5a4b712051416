/**
 * Builds the static site (`astro build`) unless dist/ is newer than every input. The browser
 * tests and `npm run bench:web` must run against the built site, and a build takes about a
 * minute on a 2-core machine, so it is skipped when nothing changed since the last one.
 * Usage: `tsx scripts/build-if-stale.ts` (exits non-zero when the build fails).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Everything the built site is made from. */
const INPUTS = ["src", "lessons", "public", "astro.config.mjs", "package-lock.json", "tsconfig.json"];
/** Written by every build (Astro empties dist/ first). */
const OUTPUT = join(ROOT, "dist", "index.html");

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function siteIsStale(): boolean {
  if (!existsSync(OUTPUT)) return true;
  const built = statSync(OUTPUT).mtimeMs;
  return INPUTS.some((input) => newestMtime(join(ROOT, input)) > built);
}

/** Builds when stale; returns false when the build failed. */
export function buildIfStale(log: (line: string) => void = (l) => process.stderr.write(l + "\n")): boolean {
  if (!siteIsStale()) {
    log("site: dist/ is up to date, not rebuilding");
    return true;
  }
  log("site: building (astro build)...");
  const result = spawnSync("npx", ["astro", "build"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" },
  });
  return result.status === 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exit(buildIfStale() ? 0 : 1);
}
