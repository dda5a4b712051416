import { describe, expect, it } from "vitest";
import { staticImportClosure, staticImports, withModulePreloads } from "../../../scripts/modulePreloadIntegration.ts";

const files: Record<string, string> = {
  "/_astro/page.js": 'import{c as N}from"./progress.js";import{c as x,o as W}from"./theme.js";import"./gone.js";const t=()=>import("./terminal.js");',
  "/_astro/progress.js": 'import"./shared.js";export const c=1;',
  "/_astro/theme.js": 'import{s}from"./shared.js";export const c=2,o=3;',
  "/_astro/shared.js": "export const s=0;",
  "/_astro/base.js": "console.log(1);",
};
const read = (path: string) => files[path];

describe("modulepreload links for the pages' scripts", () => {
  it("reads a built chunk's static imports, not its dynamic ones", () => {
    expect(staticImports(files["/_astro/page.js"])).toEqual(["./progress.js", "./theme.js", "./gone.js"]);
    expect(staticImports('import * as m from "../a.js";\nimport "./b.js"')).toEqual(["../a.js", "./b.js"]);
    expect(staticImports('const s="import x from \\"./no.js\\""')).toEqual([]);
  });

  it("follows static imports through every level, once each, to files that exist", () => {
    expect(staticImportClosure("/_astro/page.js", read)).toEqual(["/_astro/progress.js", "/_astro/shared.js", "/_astro/theme.js"]);
  });

  it("adds the links to <head> once, and leaves pages without module scripts alone", () => {
    const page = '<html><head><title>x</title></head><body><main></main><script type="module" src="/_astro/page.js"></script><script type="module" src="/_astro/base.js"></script></body></html>';
    const out = withModulePreloads(page, read);
    expect(out).toBe(page.replace("</head>", '<link rel="modulepreload" href="/_astro/progress.js"><link rel="modulepreload" href="/_astro/shared.js"><link rel="modulepreload" href="/_astro/theme.js"></head>'));
    expect(withModulePreloads(out, read)).toBe(out);
    const plain = "<html><head></head><body><p>about</p></body></html>";
    expect(withModulePreloads(plain, read)).toBe(plain);
  });
});
