/**
 * Renders the short Markdown of lesson steps at build time with Astro's own Markdown pipeline,
 * so step text and lesson bodies look the same.
 */
import { createMarkdownProcessor, type MarkdownProcessor } from "@astrojs/markdown-remark";

let processor: Promise<MarkdownProcessor> | undefined;

export async function renderMarkdown(text: string): Promise<string> {
  processor ??= createMarkdownProcessor({ syntaxHighlight: false });
  return (await (await processor).render(text)).code;
}
