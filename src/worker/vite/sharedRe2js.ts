/**
 * just-bash bundles a copy of re2js into one of its chunks, and the runtime imports re2js as a
 * package: the worker would compile the same 170 KB regex engine twice before its first prompt.
 * In the worker's build, the runtime's `import { RE2JS } from "re2js"` is served by just-bash's
 * copy instead, which is made to export its RE2JS class.
 *
 * Only when that copy is the release the runtime was written against (the chunk's license banner
 * names it). Otherwise, or when the chunk cannot be found, the build warns and keeps both copies.
 */
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

const CHUNKS = fileURLToPath(new URL("../../../node_modules/just-bash/dist/bundle/chunks/", import.meta.url));
const RE2JS_PACKAGE = fileURLToPath(new URL("../../../node_modules/re2js/package.json", import.meta.url));
const VIRTUAL_RE2JS = "\0egress-lab:shared-re2js";

/** just-bash's copy of re2js: the chunk's path and the name its RE2JS class has in there. */
interface BundledCopy {
  path: string;
  binding: string;
}

interface EstreeNode {
  type: string;
  [key: string]: unknown;
}

export function sharedRe2js(): Plugin {
  let copy: BundledCopy | undefined;
  return {
    name: "egress-lab:shared-re2js",
    apply: "build",
    enforce: "pre",
    buildStart() {
      const found = findBundledCopy((code) => this.parse(code) as unknown as EstreeNode);
      if (typeof found === "string") this.warn(`keeping two copies of re2js in the worker: ${found}`);
      else copy = found;
    },
    resolveId(id) {
      return copy && id === "re2js" ? VIRTUAL_RE2JS : undefined;
    },
    load(id) {
      return copy && id === VIRTUAL_RE2JS ? `export { RE2JS } from ${JSON.stringify(copy.path)};\n` : undefined;
    },
    transform(code, id) {
      // Appending moves no code, so the chunk's source map stays valid (map: null).
      if (copy && id === copy.path) return { code: `${code}\nexport { ${copy.binding} as RE2JS };\n`, map: null };
      return undefined;
    },
  };
}

/** Finds just-bash's copy of re2js, or says why it cannot be shared. */
export function findBundledCopy(parse: (code: string) => EstreeNode, chunksDir = CHUNKS): BundledCopy | string {
  const wanted = (JSON.parse(readFileSync(RE2JS_PACKAGE, "utf8")) as { version: string }).version;
  for (const file of readdirSync(chunksDir)) {
    if (!file.endsWith(".js")) continue;
    const path = chunksDir + file;
    const code = readFileSync(path, "utf8");
    const banner = /re2js\/build\/index\.esm\.js:[\s\S]*?@version v(\S+)/.exec(code);
    if (!banner) continue;
    if (banner[1] !== wanted) return `just-bash bundles re2js ${banner[1]}, the runtime uses ${wanted}`;
    const binding = re2jsClassBinding(parse(code));
    return binding ? { path, binding } : `no top-level RE2JS class found in ${file}`;
  }
  return "no chunk of just-bash holds re2js";
}

/**
 * The top-level name of the RE2JS class in a minified bundle: the class with the static flag
 * CASE_INSENSITIVE and the static methods compile and translateRegExp (RE2JS's public API).
 */
function re2jsClassBinding(program: EstreeNode): string | undefined {
  const names: string[] = [];
  for (const statement of program.body as EstreeNode[]) {
    if (statement.type === "ClassDeclaration" && isRe2jsClass(statement)) names.push(identifierName(statement.id));
    if (statement.type !== "VariableDeclaration") continue;
    for (const declarator of statement.declarations as EstreeNode[]) {
      const init = declarator.init as EstreeNode | null;
      if (init?.type === "ClassExpression" && isRe2jsClass(init)) names.push(identifierName(declarator.id));
    }
  }
  return names.length === 1 && names[0] ? names[0] : undefined;
}

function isRe2jsClass(node: EstreeNode): boolean {
  const statics = new Set<string>();
  for (const member of (node.body as EstreeNode).body as EstreeNode[]) {
    if (member.static === true) statics.add(identifierName(member.key));
  }
  return statics.has("CASE_INSENSITIVE") && statics.has("compile") && statics.has("translateRegExp");
}

function identifierName(node: unknown): string {
  const n = node as EstreeNode | null;
  return n?.type === "Identifier" ? (n.name as string) : "";
}
