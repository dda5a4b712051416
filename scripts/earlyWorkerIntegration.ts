/**
 * Lets the lesson page start its runtime worker from the first lines of <head>, before the
 * stylesheets and the page's module script (which the browser runs only after both): the worker
 * is the slowest part of the page to get ready (2 MB of runtime to compile, then the cluster
 * install), so every millisecond it starts earlier is a millisecond off "terminal ready".
 *
 * The worker's file name carries a content hash known only after the client build, so the page
 * holds a placeholder that this integration replaces in the built HTML. In `astro dev` the
 * placeholder stays, the inline script does nothing, and the page script starts the worker.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";

export const RUNTIME_WORKER_URL_PLACEHOLDER = "__EGRESS_LAB_RUNTIME_WORKER_URL__";

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith(".html") ? [join(dir, e.name)] : []);
}

export function earlyWorkerIntegration(): AstroIntegration {
  let base = "/";
  return {
    name: "egress-lab:early-worker",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = config.base.endsWith("/") ? config.base : `${config.base}/`;
      },
      "astro:build:done": ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const workers = readdirSync(join(root, "_astro")).filter((f) => /^runtime\.worker-[\w-]+\.js$/.test(f));
        if (workers.length !== 1) throw new Error(`expected one runtime worker in dist/_astro, found ${workers.length}: ${workers.join(", ")}`);
        const url = `${base}_astro/${workers[0]}`;
        let pages = 0;
        for (const file of htmlFiles(root)) {
          const html = readFileSync(file, "utf8");
          if (!html.includes(RUNTIME_WORKER_URL_PLACEHOLDER)) continue;
          writeFileSync(file, html.replaceAll(RUNTIME_WORKER_URL_PLACEHOLDER, url));
          pages++;
        }
        logger.info(`runtime worker ${url} starts early on ${pages} page(s)`);
      },
    },
  };
}
