/**
 * Astro hoists CSS imported by lazily loaded client modules into <head> as render-blocking links
 * (withastro/astro#9495): Monaco's ~170 KB of CSS would block the lesson's first paint
 * (stack-notes #5). This plugin turns Monaco's CSS files into JS modules that inject a <style>
 * when their chunk runs. (xterm's 7 KB are part of the lesson page's own CSS instead: injected
 * into the long page as the terminal loaded, they cost ~30 ms of style work on the way to the
 * prompt.) The virtual id must not end in `.css`, or Vite's CSS plugin
 * claims it. Relative url()s (codicon.ttf) become `?url` asset imports so the font still ships.
 */
import { readFileSync } from "node:fs";
import type { Plugin } from "vite";

const INJECTED = /[\\/]node_modules[\\/]monaco-editor[\\/].*\.css$/;
const PREFIX = "\0egress-lab-style:";
const SUFFIX = ".style.js";
const URL_REF = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g;

export function injectLazyCss(): Plugin {
  return {
    name: "egress-lab:inject-lazy-css",
    enforce: "pre",
    apply: "build",
    async resolveId(source, importer, options) {
      if (!importer || !/\.css(\?.*)?$/.test(source) || source.includes("?")) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || !INJECTED.test(resolved.id)) return null;
      return PREFIX + resolved.id + SUFFIX;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -SUFFIX.length);
      const css = readFileSync(file, "utf8");
      const imports: string[] = [];
      const parts: string[] = [];
      let last = 0;
      for (const m of css.matchAll(URL_REF)) {
        const ref = m[2];
        if (/^(data:|https?:|#|\/)/.test(ref)) continue;
        const target = await this.resolve(ref.replace(/[?#].*$/, ""), file);
        if (!target) continue;
        const name = `__asset${imports.length}`;
        imports.push(`import ${name} from ${JSON.stringify(`${target.id}?url`)};`);
        parts.push(JSON.stringify(css.slice(last, m.index)), `"url(" + JSON.stringify(${name}) + ")"`);
        last = m.index + m[0].length;
      }
      parts.push(JSON.stringify(css.slice(last)));
      return [
        ...imports,
        `if (typeof document !== "undefined") {`,
        `  const style = document.createElement("style");`,
        `  style.dataset.source = ${JSON.stringify(file.replace(/^.*node_modules[\\/]/, ""))};`,
        `  style.textContent = ${parts.join(" + ")};`,
        `  document.head.append(style);`,
        `}`,
      ].join("\n");
    },
  };
}
