/**
 * What the site's Vite config (astro.config.mjs `vite:`) needs for the manifest editor.
 * Merge it in: `vite: editorViteConfig()` (or merge its fields with the site's own).
 */
import { fileURLToPath } from "node:url";
import type { Alias, Plugin } from "vite";
import { injectLazyCss } from "./injectLazyCss.ts";

const prettierStub = fileURLToPath(new URL("./prettierStub.ts", import.meta.url));

export interface EditorViteConfig {
  resolve: { alias: Alias[] };
  optimizeDeps: { include: string[] };
  worker: { format: "es" };
  plugins: Plugin[];
}

export function editorViteConfig(): EditorViteConfig {
  return {
    resolve: {
      alias: [
        // stack-notes #2: monaco-worker-manager imports `monaco-editor/esm/vs/...`, which
        // monaco-editor >= 0.56's exports map no longer allows.
        { find: /^monaco-editor\/esm\/vs\/(.*?)(\.js)?$/, replacement: "monaco-editor/$1" },
        // stack-notes #11: no formatting offered, so no prettier in the yaml worker.
        { find: /^prettier\/(standalone|plugins\/yaml|plugins\/estree)$/, replacement: prettierStub },
      ],
    },
    // stack-notes #7: pre-bundle for the dev server, or the first visit forces a full reload.
    optimizeDeps: { include: ["monaco-yaml", "monaco-yaml/yaml.worker.js"] },
    // The yaml worker is ES modules throughout; module workers keep it one file per worker.
    worker: { format: "es" },
    plugins: [injectLazyCss()],
  };
}
