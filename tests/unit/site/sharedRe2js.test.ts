import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAst } from "rollup/parseAst";
import { RE2JS } from "re2js";
import { findBundledCopy } from "../../../src/worker/vite/sharedRe2js.ts";

const parse = (code: string) => parseAst(code) as unknown as { type: string; [key: string]: unknown };

describe("the worker build's shared re2js", () => {
  it("finds just-bash's copy of re2js and the name of its RE2JS class", () => {
    const copy = findBundledCopy(parse);
    if (typeof copy === "string") throw new Error(copy);
    expect(copy.path).toMatch(/just-bash\/dist\/bundle\/chunks\/chunk-\w+\.js$/);
    expect(copy.binding).toMatch(/^[\w$]+$/);
  });

  it("exports a RE2JS from that copy that behaves as the package's", async () => {
    const copy = findBundledCopy(parse);
    if (typeof copy === "string") throw new Error(copy);
    const { readFileSync } = await import("node:fs");
    const chunksUrl = pathToFileURL(copy.path.slice(0, copy.path.lastIndexOf("/") + 1)).href;
    // What the plugin's transform makes of the chunk, with its sibling chunks imported from node_modules.
    const code = `${readFileSync(copy.path, "utf8").replaceAll('from"./', `from"${chunksUrl}`)}\nexport { ${copy.binding} as RE2JS };\n`;
    // Inside the project: Vitest loads modules from its root only.
    const cache = join(process.cwd(), "node_modules", ".cache");
    mkdirSync(cache, { recursive: true });
    const file = join(mkdtempSync(join(cache, "shared-re2js-")), "chunk.mjs");
    writeFileSync(file, code);
    const shared = (await import(pathToFileURL(file).href)) as { RE2JS: typeof RE2JS };
    rmSync(dirname(file), { recursive: true });

    for (const [pattern, input] of [["^/(politics|sport)$", "/sport"], ["edition\\.cnn\\.com", "https://edition.cnn.com/x"], ["a{2,}b", "ab"]] as const) {
      expect(shared.RE2JS.compile(pattern).matcher(input).find()).toBe(RE2JS.compile(pattern).matcher(input).find());
      expect(shared.RE2JS.compile(pattern).matches(input)).toBe(RE2JS.compile(pattern).matches(input));
    }
    expect(shared.RE2JS.translateRegExp("(?<name>x)")).toBe(RE2JS.translateRegExp("(?<name>x)"));
    expect(() => shared.RE2JS.compile("(")).toThrow(/missing closing \)/);
  });

  it("keeps both copies when just-bash bundles another release of re2js", () => {
    const dir = mkdtempSync(join(tmpdir(), "shared-re2js-")) + "/";
    writeFileSync(join(dir, "chunk-OLD.js"), "var g=class i{static CASE_INSENSITIVE=1};\n/*! re2js/build/index.esm.js:\n * @version v0.0.1\n */\n");
    expect(findBundledCopy(parse, dir)).toMatch(/just-bash bundles re2js 0\.0\.1, the runtime uses \d+\.\d+\.\d+/);
  });

  it("keeps both copies when no chunk holds re2js", () => {
    const dir = mkdtempSync(join(tmpdir(), "shared-re2js-")) + "/";
    writeFileSync(join(dir, "chunk-A.js"), "export const a = 1;\n");
    expect(findBundledCopy(parse, dir)).toBe("no chunk of just-bash holds re2js");
  });
});
