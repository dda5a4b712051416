/**
 * Deterministic stand-in HTML for news pages: plausible markup of an exact byte size, so
 * `curl -o page.html` and `wc -c` agree with Content-Length and with Mixer's response.size.
 * ASCII only, so characters and bytes coincide.
 */

const WORDS = [
  "senate", "vote", "budget", "court", "ruling", "election", "summit", "policy", "report", "analysis",
  "league", "final", "coach", "season", "record", "transfer", "match", "medal", "injury", "score",
  "study", "doctors", "vaccine", "diet", "sleep", "heart", "brain", "research", "patients", "health",
  "world", "market", "climate", "storm", "city", "leaders", "talks", "plan", "new", "week",
];

export interface PageSpec {
  /** Exact size of the generated document in bytes. */
  size: number;
  /** Title text, e.g. `Politics - CNN`. */
  title: string;
  /** Section slug used in the article links, e.g. `politics`. */
  section: string;
  /** Seed so two different pages never look alike and the same page is always identical. */
  seed: number;
}

/** A tiny LCG: the page text must not consume the sandbox's SeededRandom (it is built lazily). */
function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

export function generatePage(spec: PageSpec): string {
  const head =
    `<!DOCTYPE html><html class="no-js"><head><meta content="text/html; charset=utf-8" http-equiv="Content-Type">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1,shrink-to-fit=no"><title>${spec.title}</title>` +
    `<link rel="canonical" href="https://edition.cnn.com/${spec.section}"></head><body class="pg-${spec.section}"><div class="pg-wrapper">`;
  const tail = `</div></body></html>\n`;
  const budget = spec.size - head.length - tail.length;
  if (budget < 0) return (head + tail).slice(0, Math.max(0, spec.size));
  const rand = lcg(spec.seed);
  const parts: string[] = [head];
  let used = 0;
  for (let n = 1; ; n++) {
    const words: string[] = [];
    const count = 4 + (rand() % 6);
    for (let i = 0; i < count; i++) words.push(WORDS[rand() % WORDS.length]);
    const headline = words.join(" ");
    const slug = words.join("-");
    const article =
      `<article class="cd cd--card cd--article"><div class="cd__content"><h3 class="cd__headline">` +
      `<a href="/2018/06/${10 + (n % 18)}/${spec.section}/${slug}/index.html">` +
      `<span class="cd__headline-text">${headline[0].toUpperCase()}${headline.slice(1)}</span></a></h3></div></article>\n`;
    if (used + article.length > budget) break;
    parts.push(article);
    used += article.length;
  }
  // Pad the remainder with an HTML comment (or spaces when there is no room for one).
  const rest = budget - used;
  if (rest >= 7) parts.push(`<!--${" ".repeat(rest - 7)}-->`);
  else parts.push(" ".repeat(rest));
  parts.push(tail);
  return parts.join("");
}

/** A stable 32-bit seed from a string (FNV-1a). */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
