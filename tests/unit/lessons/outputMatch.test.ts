import { describe, expect, it } from "vitest";
import { matchOutput } from "../../../src/runtime/lessons/outputMatch.ts";

const m = (actual: string, match: "exact" | "contains" | "elided" | "like", text: string) => matchOutput(actual, { match, text });

describe("matchOutput modes", () => {
  it("exact compares every line literally (CRLF as LF, final newline ignored)", () => {
    expect(m("HTTP/1.1 200 OK\r\nserver: envoy\r\n", "exact", "HTTP/1.1 200 OK\nserver: envoy").ok).toBe(true);
    expect(m("revision 1234", "exact", "revision {{n}}").ok).toBe(false);
    expect(m("a\nb", "exact", "a").ok).toBe(false);
  });
  it("contains finds the lines as a block anywhere in the output", () => {
    expect(m("x\n200\n404\ny", "contains", "200\n404").ok).toBe(true);
    expect(m("x\n200\ny\n404", "contains", "200\n404").ok).toBe(false);
  });
  it("elided: `...` lines stand for any lines, `...` inside a line for any text", () => {
    expect(m("Created config gateway/default/gw at revision 1234", "elided", "Created config gateway/default/gw at revision ...").ok).toBe(true);
    expect(m("HTTP/1.1 200 OK\ndate: x\ncontent-length: 150448\nserver: envoy", "elided", "HTTP/1.1 200 OK\n...\ncontent-length: 150448\n...").ok).toBe(true);
    expect(m("content-length: 150449", "elided", "content-length: 150448").ok).toBe(false);
  });
  it("like tolerates pod-name suffixes, sizes, revisions, ages and times", () => {
    const expected = "sleep-7969c8fd6c-pf9w4   2/2   Running   0   5m\ncontent-length: 150448\nrevision 1000123\n2018-06-18T13:22:58.317448Z";
    const actual = "sleep-86cf99dfd6-5qkwh   2/2   Running   0   12s\ncontent-length: 87\nrevision 1000004\n2018-06-19T09:01:02.000001Z";
    expect(m(actual, "like", expected).ok).toBe(true);
    expect(m("sleep-86cf99dfd6-5qkwh   1/2   Running", "like", "sleep-7969c8fd6c-pf9w4   2/2   Pending").ok).toBe(false);
    expect(m("HTTP/1.1 404 Not Found", "like", "HTTP/1.1 200 OK").ok).toBe(false);
  });
  it("names the first expected line it could not match", () => {
    const r = m("200\n404\n200", "exact", "200\n200\n200");
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/^expected line 2 "200" not found at actual line 2/);
    expect(m("a\nb", "contains", "c").message).toMatch(/^expected line 1 "c"/);
  });
  it("treats regex characters in expected text literally", () => {
    expect(m("a.b", "elided", "a*b").ok).toBe(false);
    expect(m("[x] (y)", "like", "[x] (y)").ok).toBe(true);
  });
});
