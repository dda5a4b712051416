import { describe, expect, it } from "vitest";
import { ShellSession } from "../../../src/runtime/shell/session.ts";
import { ok } from "../../../src/runtime/shell/command.ts";

describe("ShellSession", () => {
  const echoArgs = async (args: string[], io: { stdin: string }) => ok(`args=${JSON.stringify(args)} stdin=${JSON.stringify(io.stdin)}\n`);

  it("keeps environment variables and the working directory between commands, like a terminal", async () => {
    const s = new ShellSession({ commands: {}, files: { "/root/samples/sleep/sleep.yaml": "x" }, cwd: "/root" });
    await s.run("export SOURCE_POD=sleep-1; cd samples");
    const r = await s.run("echo $SOURCE_POD; pwd; ls sleep");
    expect(r.stdout).toBe("sleep-1\n/root/samples\nsleep.yaml\n");
  });

  it("passes pipes, heredocs and process substitution to lab commands", async () => {
    const s = new ShellSession({ commands: { tool: echoArgs } });
    const r = await s.run("cat <<EOF | tool create -f -\nkind: Gateway\nEOF");
    expect(r.stdout).toBe('args=["create","-f","-"] stdin="kind: Gateway\\n"\n');
    const readIt = async (args: string[], io: { readFile(p: string): Promise<string> }) => ok(await io.readFile(args[0]));
    const s2 = new ShellSession({ commands: { readit: readIt } });
    expect((await s2.run("readit <(echo hello)")).stdout).toBe("hello\n");
  });

  it("reports unknown commands as bash does, with exit code 127", async () => {
    const s = new ShellSession({ commands: {} });
    const r = await s.run("kubeclt get pods");
    expect(r.stderr).toBe("bash: kubeclt: command not found\n");
    expect(r.exitCode).toBe(127);
  });

  it("snapshots the reader's files, environment and directory, and restores them", async () => {
    const s = new ShellSession({ commands: {}, cwd: "/root" });
    await s.run("mkdir -p /root/work && cd /root/work && echo 'a: 1' > m.yaml && export X=7");
    const state = await s.snapshot();
    expect(state.files["/root/work/m.yaml"]).toBe("a: 1\n");
    expect(state.cwd).toBe("/root/work");
    const restored = new ShellSession({ commands: {} }, state);
    expect((await restored.run("cat m.yaml; echo $X")).stdout).toBe("a: 1\n7\n");
  });

  it("stops a running loop when the signal aborts", async () => {
    const s = new ShellSession({ commands: {} });
    const ac = new AbortController();
    let n = 0;
    const tick = async () => {
      if (++n === 50) ac.abort();
      return ok("");
    };
    const s2 = new ShellSession({ commands: { tick } });
    const r = await s2.run("while true; do tick; done", { signal: ac.signal });
    expect(n).toBeGreaterThanOrEqual(50);
    expect(n).toBeLessThan(60);
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toBe("^C\n");
    void s;
  });
});

describe("pipes carry UTF-8 text to lab commands", () => {
  it("decodes non-ASCII stdin", async () => {
    const s = new ShellSession({ commands: { echoin: async (_a: string[], io: { stdin: string }) => ok(io.stdin) } });
    expect((await s.run("echo 'café ✓' | echoin")).stdout).toBe("café ✓\n");
  });
});

describe("$? carries over to the next command line", () => {
  it("is the previous line's exit status", async () => {
    const s = new ShellSession({ commands: {} });
    await s.run("false");
    expect((await s.run("echo $?")).stdout).toBe("1\n");
    await s.run("true");
    expect((await s.run("echo $?")).stdout).toBe("0\n");
  });
});
