/**
 * What the build integrations share: the site's base path and a pass over every built page.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Astro's `base` with exactly one trailing slash ("/" or "/lab/"). */
export function siteBase(base: string): string {
  return base.endsWith("/") ? base : `${base}/`;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith(".html") ? [join(dir, e.name)] : []);
}

/** Rewrites every built page under `root` with `rewrite`; returns how many pages changed. */
export function rewriteBuiltPages(root: string, rewrite: (html: string) => string): number {
  let changed = 0;
  for (const file of htmlFiles(root)) {
    const html = readFileSync(file, "utf8");
    const next = rewrite(html);
    if (next === html) continue;
    writeFileSync(file, next);
    changed++;
  }
  return changed;
}
