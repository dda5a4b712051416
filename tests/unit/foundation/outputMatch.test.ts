import { describe, expect, it } from "vitest";
import { matchTranscript } from "../../support/outputMatch.ts";

describe("matchTranscript", () => {
  it("matches literal lines, numbers, times, wildcards and elided runs", () => {
    const actual = 'Created config gateway/default/gw at revision 1234\nHTTP/1.1 200 OK\ndate: x\ncontent-length: 5\n\n{"time":"2018-06-18T13:22:58.317448Z"}';
    const expected = 'Created config gateway/default/gw at revision {{n}}\nHTTP/1.1 200 OK\n...\ncontent-length: {{n}}\n\n{"time":"{{time}}"}';
    expect(matchTranscript(actual, expected)).toEqual({ ok: true, message: "" });
  });
  it("fails on a changed line and says where", () => {
    const r = matchTranscript("404\n200\n200", "200\n200\n200");
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/expected line 1 "200"/);
  });
  it("does not let ... swallow a missing final line", () => {
    expect(matchTranscript("a\nb", "a\n...\nc").ok).toBe(false);
  });
});
