/**
 * `egress-lab run`: a script run as if typed into the lab's terminal, one command at a time
 * (heredocs and loops stay whole), each command's output printed as the terminal shows it,
 * later commands still run after a failing one.
 */
import { splitTypedCommands } from "../runtime/shell/continuation.ts";
import type { CliOptions } from "./args.ts";
import { sandboxFromOptions } from "./sandboxFromOptions.ts";

export interface ScriptOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Returns the exit code of the last command, as bash does at the end of a script. */
export async function runScript(script: string, options: CliOptions, out: ScriptOutput): Promise<number> {
  const sandbox = await sandboxFromOptions(options);
  let last = 0;
  for (const command of splitTypedCommands(script)) {
    const result = await sandbox.run(command);
    if (result.stdout) out.stdout(result.stdout);
    if (result.stderr) out.stderr(result.stderr);
    if (options.explain) for (const line of sandbox.explainRecent()) out.stdout(line + "\n");
    last = result.exitCode;
  }
  return last;
}
