// The static site around the runtime. See ../shared/reference/stack-notes.md for the why of
// each Vite setting below (numbers refer to its pitfalls).
import { defineConfig } from "astro/config";
import { fileURLToPath } from "node:url";
// The editor pane's needs (Monaco path alias, prettier stub, lazy vendor CSS: pitfalls 2, 5, 11).
import { editorViteConfig } from "./src/ui/editor/vite/index.ts";
// The lesson page starts its runtime worker from <head> (the built worker URL is filled in after the build).
import { earlyWorkerIntegration } from "./scripts/earlyWorkerIntegration.ts";
// Pages preload their scripts' static imports (Astro emits no modulepreload links).
import { modulePreloadIntegration } from "./scripts/modulePreloadIntegration.ts";
// The runtime worker loads just-bash's commands lazily (its Node build, with stand-ins for Node built-ins).
import { justBashLazyCommands } from "./src/worker/vite/justBashLazyCommands.ts";
// ...and compiles one copy of re2js, not two (just-bash bundles its own).
import { sharedRe2js } from "./src/worker/vite/sharedRe2js.ts";

const editor = editorViteConfig();
// Pitfall 4: just-bash imports gzip helpers the lab never uses (the worker's build maps them in
// justBashLazyCommands; this alias covers the dev server's pre-bundled copy).
const zlibShim = fileURLToPath(new URL("./src/worker/zlib-shim.ts", import.meta.url));

export default defineConfig({
  output: "static",
  trailingSlash: "ignore",
  build: { format: "directory" },
  devToolbar: { enabled: false },
  integrations: [earlyWorkerIntegration(), modulePreloadIntegration()],
  vite: {
    plugins: editor.plugins,
    resolve: {
      alias: [
        { find: /^node:zlib$/, replacement: zlibShim },
        ...editor.resolve.alias,
      ],
    },
    worker: { ...editor.worker, plugins: () => [justBashLazyCommands(), sharedRe2js()] },
    build: { chunkSizeWarningLimit: 5000 },
    // Every bundle is pure ASCII (non-ASCII characters become escapes). One "…" in a bundle
    // makes Chromium decode the whole script into a two-byte string and V8 scan it as one,
    // which cost the 1.4 MB runtime worker ~100 ms of its start.
    esbuild: { charset: "ascii" },
    // Pitfall 7: pre-bundle the heavy dependencies so the first dev visit does not reload.
    optimizeDeps: {
      include: ["just-bash", "@xterm/xterm", "@xterm/addon-fit", "@xterm/addon-web-links", ...editor.optimizeDeps.include],
    },
  },
});
