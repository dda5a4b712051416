/**
 * The runtime worker bundles just-bash's Node build instead of its browser build. Both hold the
 * same interpreter, but the browser build inlines every command (1.2 MB the worker must download
 * and compile before the first prompt), while the Node build loads each command from a chunk of
 * its own on first use: the worker starts with ~0.6 MB less code. The Node build imports a few
 * Node built-ins for features the lab never uses (./nodeBuiltins.ts stands in for them). This is
 * the same build the CLI and the tests run.
 */
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

const NODE_BUILD = fileURLToPath(new URL("../../../node_modules/just-bash/dist/bundle/index.js", import.meta.url));
const BUILTINS = fileURLToPath(new URL("./nodeBuiltins.ts", import.meta.url));
const ZLIB = fileURLToPath(new URL("../zlib-shim.ts", import.meta.url));
const MISSING = fileURLToPath(new URL("./missingOptional.ts", import.meta.url));
/** Optional packages of just-bash (zstd, xz) that are not installed: loaded only through a dynamic import. */
const LEFT_OUT = new Set(["@mongodb-js/zstd", "node-liblzma"]);

export function justBashLazyCommands(): Plugin {
  return {
    name: "egress-lab:just-bash-lazy-commands",
    enforce: "pre",
    resolveId(id) {
      if (id === "just-bash") return NODE_BUILD;
      if (id === "node:zlib") return ZLIB;
      if (id.startsWith("node:")) return BUILTINS;
      if (LEFT_OUT.has(id)) return MISSING;
      return undefined;
    },
  };
}
