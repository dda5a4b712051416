/**
 * Adds `<link rel="modulepreload">` for the modules a page's module scripts import statically
 * (the small chunks Vite shares between pages, such as the theme and progress helpers). Astro
 * emits none, so the browser found them only once it had parsed the page script, and on a lesson
 * page that waits behind the first layout of the long prose: the page script ran ~50 ms later
 * than it could, and with it everything it starts (the terminal, the worker's init).
 */
import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { rewriteBuiltPages, siteBase } from "./builtPages.ts";

/** Relative specifiers of a built chunk's static imports (`import{a}from"./x.js"`, `import"./y.js"`), not `import("...")`. */
export function staticImports(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/(?:^|[;}\n])\s*import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) found.push(m[1]);
  return found;
}

/** Every built module `entry` (a site path such as /_astro/page.js) imports statically, directly or not. */
export function staticImportClosure(entry: string, read: (sitePath: string) => string | undefined): string[] {
  const seen = new Set<string>();
  const visit = (sitePath: string) => {
    const code = read(sitePath);
    if (code === undefined) return;
    for (const spec of staticImports(code)) {
      const target = posix.join(posix.dirname(sitePath), spec);
      if (seen.has(target) || read(target) === undefined) continue;
      seen.add(target);
      visit(target);
    }
  };
  visit(entry);
  return [...seen];
}

/**
 * The page with a modulepreload link in its <head> for each static import of its module scripts.
 * In <head>: Chromium holds back body resources found while the head loads, and links placed
 * beside the scripts at the end of the body made it hold the scripts back too.
 */
export function withModulePreloads(html: string, read: (sitePath: string) => string | undefined): string {
  const scripts = [...html.matchAll(/<script type="module" src="([^"]+)"[^>]*><\/script>/g)];
  if (!scripts.length) return html;
  const preloads = new Set<string>();
  for (const [, src] of scripts) for (const dep of staticImportClosure(src, read)) preloads.add(dep);
  const links = [...preloads].filter((p) => !html.includes(`rel="modulepreload" href="${p}"`)).map((p) => `<link rel="modulepreload" href="${p}">`).join("");
  const at = html.indexOf("</head>");
  return links && at >= 0 ? html.slice(0, at) + links + html.slice(at) : html;
}

export function modulePreloadIntegration(): AstroIntegration {
  let base = "/";
  return {
    name: "egress-lab:module-preload",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = siteBase(config.base);
      },
      "astro:build:done": ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const read = (sitePath: string) => {
          if (!sitePath.startsWith(base)) return undefined;
          const file = join(root, sitePath.slice(base.length));
          return existsSync(file) ? readFileSync(file, "utf8") : undefined;
        };
        const pages = rewriteBuiltPages(root, (html) => withModulePreloads(html, read));
        logger.info(`modulepreload links added to ${pages} page(s)`);
      },
    },
  };
}
