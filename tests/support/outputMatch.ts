/**
 * istio.io-style output matching for transcripts: the expected text is literal except for
 *   {{n}}     a whole number (revisions, durations)
 *   {{time}}  a Mixer/zap timestamp, 2018-06-18T13:22:58.317448Z
 *   {{*}}     anything within one line
 *   ...       (a line of its own) any number of lines, matched lazily
 * Line ends are compared as a terminal shows them: CRLF counts as LF.
 * On a mismatch it reports the first expected line that could not be matched and the actual
 * lines around it, which is what an author needs to fix a lesson or the runtime.
 */

function lineRegex(expected: string): RegExp {
  const parts = expected.split(/(\{\{n\}\}|\{\{time\}\}|\{\{\*\}\})/);
  const body = parts
    .map((p) => {
      if (p === "{{n}}") return "\\d+";
      if (p === "{{time}}") return "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z";
      if (p === "{{*}}") return ".*?";
      return p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  return new RegExp(`^${body}$`);
}

export interface MatchResult {
  ok: boolean;
  message: string;
}

export function matchTranscript(actualText: string, expectedText: string): MatchResult {
  // A terminal shows CRLF (curl -D -) as a plain line break.
  const actual = actualText.replace(/\r\n/g, "\n").replace(/\n$/, "").split("\n");
  const expected = expectedText.replace(/\n$/, "").split("\n");
  let furthest = { e: 0, a: 0 };
  const memo = new Set<string>();
  const go = (e: number, a: number): boolean => {
    const key = `${e},${a}`;
    if (memo.has(key)) return false;
    memo.add(key);
    if (e > furthest.e || (e === furthest.e && a > furthest.a)) furthest = { e, a };
    if (e === expected.length) return a === actual.length;
    if (expected[e] === "...") {
      for (let skip = a; skip <= actual.length; skip++) if (go(e + 1, skip)) return true;
      return false;
    }
    if (a < actual.length && lineRegex(expected[e]).test(actual[a])) return go(e + 1, a + 1);
    return false;
  };
  if (go(0, 0)) return { ok: true, message: "" };
  const { e, a } = furthest;
  const context = actual.slice(Math.max(0, a - 3), a + 4).map((l, i) => `${Math.max(0, a - 3) + i + 1}: ${l}`);
  return {
    ok: false,
    message:
      `expected line ${e + 1} ${JSON.stringify(expected[e] ?? "<end>")} not found at actual line ${a + 1}\n` +
      `actual around it:\n${context.join("\n")}`,
  };
}
