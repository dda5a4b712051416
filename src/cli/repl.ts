/**
 * The interactive sandbox in the user's own terminal: a `$ ` prompt, `> ` for continuation
 * lines (heredocs, open quotes), history across sessions, Ctrl-C to stop a running command.
 */
import { createInterface } from "node:readline";
import { appendFileSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { needsMoreInput } from "../runtime/shell/continuation.ts";
import type { CliOptions } from "./args.ts";
import { sandboxFromOptions } from "./sandboxFromOptions.ts";

const HISTORY_FILE = join(homedir(), ".egress_lab_history");

function loadHistory(): string[] {
  try {
    return readFileSync(HISTORY_FILE, "utf8").split("\n").filter(Boolean).reverse().slice(0, 1000);
  } catch {
    return [];
  }
}

export async function startRepl(options: CliOptions): Promise<number> {
  const sandbox = await sandboxFromOptions(options);
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: process.stdin.isTTY,
    history: loadHistory(),
    historySize: 1000,
  });
  process.stdout.write(
    "Egress Lab: an emulated Istio 0.8 mesh. Try `kubectl get pods -n istio-system`; `exit` or Ctrl-D leaves.\n",
  );
  let buffer: string[] = [];
  let running: AbortController | undefined;
  let lastExit = 0;
  const prompt = () => {
    rl.setPrompt(buffer.length ? "> " : "$ ");
    rl.prompt();
  };
  rl.on("SIGINT", () => {
    if (running) running.abort();
    else {
      buffer = [];
      process.stdout.write("^C\n");
      prompt();
    }
  });
  prompt();
  for await (const line of rl) {
    buffer.push(line);
    const text = buffer.join("\n");
    if (needsMoreInput(text)) {
      prompt();
      continue;
    }
    buffer = [];
    const trimmed = text.trim();
    if (trimmed === "exit" || trimmed === "logout") break;
    if (trimmed) {
      try {
        appendFileSync(HISTORY_FILE, text.replace(/\n/g, " ") + "\n");
      } catch {
        // History is a convenience; a read-only home must not stop the lab.
      }
      running = new AbortController();
      // readline stays live while a command runs, so Ctrl-C reaches the SIGINT handler;
      // lines typed meanwhile wait in the async iterator, as type-ahead does in a terminal.
      const result = await sandbox.run(text, { signal: running.signal });
      running = undefined;
      process.stdout.write(result.stdout);
      process.stderr.write(result.stderr);
      lastExit = result.exitCode;
    }
    prompt();
  }
  rl.close();
  return lastExit;
}
