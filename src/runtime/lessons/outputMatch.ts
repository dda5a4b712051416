/**
 * istio.io-style output matching, used by the lesson tests, the site's expected-output checks
 * and the blog transcript test. Four modes (see MatchMode):
 *   exact     every line literally
 *   contains  the expected lines appear consecutively somewhere in the output
 *   elided    `...` alone on a line = any number of lines (matched lazily); `...` inside a line =
 *             any text; placeholders {{n}} (a whole number), {{time}} (a zap timestamp,
 *             2018-06-18T13:22:58.317448Z) and {{*}} (anything within the line)
 *   like      elided, and every number, pod-name suffix (`sleep-7969c8fd6c-xxxxx`) and kubectl
 *             age (`5m`) in the expected text stands for any other: sizes, revisions and times
 *             of a real cluster differ from the lab's
 * Line ends are compared as a terminal shows them: CRLF counts as LF. On a mismatch the message
 * names the first expected line that could not be matched and shows the actual lines around it.
 */
import type { ExpectedOutput, MatchMode } from "./types.ts";

export interface MatchResult {
  ok: boolean;
  /** Empty when ok; otherwise the first expected line that could not be matched, and the actual lines around it. */
  message: string;
}

const ESCAPE = /[.*+?^${}()|[\]\\]/g;
const escape = (s: string) => s.replace(ESCAPE, "\\$&");

// Placeholders every non-exact mode understands; `like` adds the tolerant tokens after them.
const ELIDED_TOKENS = String.raw`\{\{n\}\}|\{\{time\}\}|\{\{\*\}\}|\.\.\.`;
const LIKE_TOKENS = String.raw`-[a-z0-9]{5,10}-[a-z0-9]{5}(?![a-z0-9])|\b\d+[smhd]\b|\d+(?:\.\d+)?`;
const ELIDED_SPLIT = new RegExp(`(${ELIDED_TOKENS})`);
const LIKE_SPLIT = new RegExp(`(${ELIDED_TOKENS}|${LIKE_TOKENS})`);

function tokenRegex(token: string): string | undefined {
  if (token === "{{n}}") return "\\d+";
  if (token === "{{time}}") return "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z";
  if (token === "{{*}}" || token === "...") return ".*?";
  return undefined;
}

function likeTokenRegex(token: string): string | undefined {
  if (/^-[a-z0-9]{5,10}-[a-z0-9]{5}$/.test(token)) return "-[a-z0-9]{1,10}-[a-z0-9]{5}";
  if (/^\d+[smhd]$/.test(token)) return "\\d+[smhd]";
  if (/^\d+(?:\.\d+)?$/.test(token)) return "\\d+(?:\\.\\d+)?";
  return undefined;
}

/** Compiles one expected line (authors' text, compiled once per match call, never per request). */
function lineMatcher(expected: string, mode: MatchMode): (actual: string) => boolean {
  if (mode === "exact") return (actual) => actual === expected;
  const split = mode === "like" ? LIKE_SPLIT : ELIDED_SPLIT;
  const body = expected
    .split(split)
    .map((part, i) => (i % 2 === 0 ? escape(part) : tokenRegex(part) ?? likeTokenRegex(part) ?? escape(part)))
    .join("");
  const re = new RegExp(`^${body}$`);
  return (actual) => re.test(actual);
}

const lines = (text: string) => text.replace(/\r\n/g, "\n").replace(/\n$/, "").split("\n");

/** Compares output with an expected block in the given mode. */
export function matchOutput(actualText: string, expected: ExpectedOutput): MatchResult {
  const actual = lines(actualText);
  let wanted = lines(expected.text);
  let mode = expected.match;
  if (mode === "contains") {
    wanted = ["...", ...wanted, "..."];
    mode = "elided";
  }
  const matchers = wanted.map((l) => (l === "..." && mode !== "exact" ? undefined : lineMatcher(l, mode)));
  let furthest = { e: 0, a: 0 };
  const failed = new Set<number>();
  const width = actual.length + 1;
  // Backtracking over `...` lines, memoised on (expected line, actual line): linear in their product.
  const go = (e: number, a: number): boolean => {
    const key = e * width + a;
    if (failed.has(key)) return false;
    if (e > furthest.e || (e === furthest.e && a > furthest.a)) furthest = { e, a };
    let ok: boolean;
    if (e === wanted.length) ok = a === actual.length;
    else if (matchers[e] === undefined) {
      ok = false;
      for (let skip = a; skip <= actual.length && !ok; skip++) ok = go(e + 1, skip);
    } else ok = a < actual.length && matchers[e]!(actual[a]) && go(e + 1, a + 1);
    if (!ok) failed.add(key);
    return ok;
  };
  if (go(0, 0)) return { ok: true, message: "" };
  const { e, a } = furthest;
  const from = Math.max(0, a - 3);
  const context = actual.slice(from, a + 4).map((l, i) => `${from + i + 1}: ${l}`);
  // For `contains`, line numbers refer to the author's text, not the padded one.
  const shown = expected.match === "contains" ? Math.max(0, Math.min(e - 1, wanted.length - 3)) : e;
  return {
    ok: false,
    message:
      `expected line ${shown + 1} ${JSON.stringify(wanted[e] ?? "<end of output>")} not found at actual line ${a + 1}\n` +
      `actual around it:\n${context.join("\n")}`,
  };
}

/** The transcript form used by the blog test: `elided` matching. */
export function matchTranscript(actualText: string, expectedText: string): MatchResult {
  return matchOutput(actualText, { match: "elided", text: expectedText });
}
