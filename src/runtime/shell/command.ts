/**
 * The contract of the lab's own commands (kubectl, istioctl, curl...). They are plain async
 * functions over a small IO object, so they are testable without a shell; `bashAdapter`
 * registers them with just-bash.
 */

export interface CommandIO {
  /** Standard input, fully read (pipes and heredocs arrive here). */
  stdin: string;
  cwd: string;
  env: ReadonlyMap<string, string>;
  /** Reads a file of the shell's filesystem; relative paths are resolved against `cwd`. Throws ENOENT-like errors. */
  readFile(path: string): Promise<string>;
  writeFile(path: string, content: string): Promise<void>;
  /** Cooperative cancellation (Ctrl-C). */
  signal?: AbortSignal;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export type LabCommand = (args: string[], io: CommandIO) => Promise<CommandResult>;

export function ok(stdout = ""): CommandResult {
  return { stdout, stderr: "", exitCode: 0 };
}

export function fail(stderr: string, exitCode = 1, stdout = ""): CommandResult {
  return { stdout, stderr: stderr.endsWith("\n") || stderr === "" ? stderr : stderr + "\n", exitCode };
}
