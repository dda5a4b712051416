/**
 * The whole blog, every command in order, through `egress-lab run`: what it prints must be
 * what the blog shows (status-code triples, Mixer log lines, istioctl/kubectl messages).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runScript } from "../../src/cli/runScript.ts";
import { matchTranscript } from "../support/outputMatch.ts";

const here = new URL(".", import.meta.url);
const script = readFileSync(new URL("blog-flow.sh", here), "utf8");
const expected = readFileSync(new URL("blog-flow.expected", here), "utf8");

async function runBlog(): Promise<{ transcript: string; stdout: string; exit: number }> {
  let transcript = "";
  let stdout = "";
  const exit = await runScript(
    script,
    { command: "run", clock: "2018-06-18T13:22:58Z", seed: 1, explain: false, help: false, version: false },
    { stdout: (s) => ((transcript += s), (stdout += s)), stderr: (s) => (transcript += s) },
  );
  return { transcript, stdout, exit };
}

describe("the blog, end to end", () => {
  it("prints what the blog shows, phase by phase", async () => {
    const { transcript, exit } = await runBlog();
    const result = matchTranscript(transcript, expected);
    expect(result.message).toBe("");
    expect(exit).toBe(0);
  });

  it("logs nothing from the politics namespace after the exemption", async () => {
    const { stdout } = await runBlog();
    const fullLog = stdout.split("\n").filter((l) => l.startsWith('{"level"'));
    const politics = fullLog.filter((l) => l.includes('"sourceNamespace":"politics"'));
    // Four lines from the test before the exemption (in the tail -4), and the same four
    // again in the blog's full `grep egress-access | grep cnn` listing; none added after it.
    expect(politics).toHaveLength(8);
  });

  it("is deterministic for a given clock and seed", async () => {
    const a = await runBlog();
    const b = await runBlog();
    expect(a.transcript).toBe(b.transcript);
  });
});
