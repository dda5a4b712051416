/**
 * Lets the lesson page start its runtime worker from the first lines of <head>, before the
 * stylesheets and the page's module script (which the browser runs only after both): the worker
 * is the slowest part of the page to get ready (1 MB of runtime to compile, then the lesson's
 * sandbox), so every millisecond it starts earlier is a millisecond off "terminal ready". The
 * same script fetches the terminal's module as soon as the prose has painted, well before the
 * page script (which runs only once the whole page is parsed) asks for it.
 *
 * The files' names carry content hashes known only after the client build, so the page holds
 * placeholders that this integration replaces in the built HTML. In `astro dev` the placeholders
 * stay, the inline script does nothing, and the page script starts the worker.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { rewriteBuiltPages, siteBase } from "./builtPages.ts";

/** What the lesson page's <head> script loads early: its placeholder, and the built file's name. */
const EARLY_FILES = [
  { placeholder: "__EGRESS_LAB_RUNTIME_WORKER_URL__", file: /^runtime\.worker-[\w-]+\.js$/, what: "runtime worker" },
  { placeholder: "__EGRESS_LAB_TERMINAL_URL__", file: /^terminal\.[\w-]+\.js$/, what: "terminal module" },
];

export function earlyWorkerIntegration(): AstroIntegration {
  let base = "/";
  return {
    name: "egress-lab:early-worker",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = siteBase(config.base);
      },
      "astro:build:done": ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const built = readdirSync(join(root, "_astro"));
        const urls = EARLY_FILES.map(({ placeholder, file, what }) => {
          const found = built.filter((f) => file.test(f));
          if (found.length !== 1) throw new Error(`expected one ${what} in dist/_astro, found ${found.length}: ${found.join(", ")}`);
          return { placeholder, url: `${base}_astro/${found[0]}` };
        });
        const pages = rewriteBuiltPages(root, (html) => urls.reduce((text, { placeholder, url }) => text.replaceAll(placeholder, url), html));
        logger.info(`${urls.map((u) => u.url).join(" and ")} start early on ${pages} page(s)`);
      },
    },
  };
}
