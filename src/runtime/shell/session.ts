/**
 * A shell as a reader types into it: one just-bash instance whose filesystem persists, plus
 * the environment and working directory carried from one command to the next (just-bash
 * resets them per `exec`, a terminal does not).
 */
import { Bash, InMemoryFs } from "just-bash";
import type { CommandResult, LabCommand } from "./command.ts";
import { toBashCommand } from "./bashAdapter.ts";

export interface ShellSessionOptions {
  commands: Record<string, LabCommand>;
  files?: Record<string, string>;
  env?: Record<string, string>;
  cwd?: string;
  /** `sleep N` inside the shell: lets a virtual clock move instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ShellState {
  files: Record<string, string>;
  env: Record<string, string>;
  cwd: string;
}

/** Loops in a terminal run until Ctrl-C, not until a counter trips. */
const INTERACTIVE_LIMITS = {
  maxCommandCount: 1e12,
  maxLoopIterations: 1e12,
  maxWorkUnits: 1e15,
  maxExecutionTimeMs: 1e12,
};

/** Paths just-bash creates by itself; not the reader's files. */
const SYSTEM_PREFIXES = ["/bin/", "/usr/", "/dev/", "/proc/"];

export class ShellSession {
  readonly fs: InMemoryFs;
  private bash: Bash;
  private env: Record<string, string>;
  private cwd: string;
  private lastStatus = 0;

  constructor(private readonly options: ShellSessionOptions, state?: ShellState) {
    this.fs = new InMemoryFs(state?.files ?? options.files ?? {});
    this.cwd = state?.cwd ?? options.cwd ?? "/root";
    this.bash = new Bash({
      fs: this.fs,
      cwd: this.cwd,
      env: state?.env ?? options.env ?? {},
      customCommands: Object.entries(options.commands).map(([name, cmd]) => toBashCommand(name, cmd)),
      executionLimits: INTERACTIVE_LIMITS,
      sleep: options.sleep,
      // Its guard patches host globals (timers, performance) while a script runs; our own
      // commands need the clock and timers, and no guest JavaScript ever runs in this shell.
      defenseInDepth: false,
    });
    this.env = { ...this.bash.getEnv() };
    if (state?.env) this.env = { ...state.env };
  }

  /** Runs one typed command line (it may span lines: heredocs, loops). */
  async run(commandLine: string, options: { signal?: AbortSignal; stdin?: string } = {}): Promise<CommandResult> {
    let result;
    try {
      // just-bash starts each exec with `$?` = 0; an interactive bash keeps the previous
      // line's status, so a failed line is replayed as a status-only subshell first.
      const script = this.lastStatus && commandLine.trim() ? `(exit ${this.lastStatus}); ${commandLine}` : commandLine;
      result = await this.bash.exec(script, {
        env: this.env,
        replaceEnv: true,
        cwd: this.cwd,
        rawScript: true,
        signal: options.signal,
        stdin: options.stdin,
      });
    } catch (e) {
      // just-bash reports script errors as results; anything thrown is an internal fault,
      // which a reader must see as a shell error, never as a stack trace.
      const message = e instanceof Error ? e.message : String(e);
      return { stdout: "", stderr: `bash: ${message}\n`, exitCode: 1 };
    }
    if (result.env) {
      const env = { ...result.env };
      if (env.PWD) this.cwd = env.PWD;
      this.env = env;
    }
    this.lastStatus = options.signal?.aborted ? 130 : result.exitCode;
    if (options.signal?.aborted) {
      // What a terminal shows for Ctrl-C: the ^C echo, exit status 130 (128 + SIGINT).
      return { stdout: result.stdout, stderr: result.stderr.replace(/(^|\n)bash: execution aborted\n?/g, "$1") + "^C\n", exitCode: 130 };
    }
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
  }

  getEnv(): Readonly<Record<string, string>> {
    return this.env;
  }

  getCwd(): string {
    return this.cwd;
  }

  /** Every file the reader or a command wrote (not just-bash's own /bin, /dev...). */
  async snapshot(): Promise<ShellState> {
    const files: Record<string, string> = {};
    for (const path of this.fs.getAllPaths()) {
      if (SYSTEM_PREFIXES.some((p) => path.startsWith(p))) continue;
      try {
        const st = await this.fs.stat(path);
        if (st.isFile) files[path] = await this.fs.readFile(path);
      } catch {
        // A file removed while we walked: not part of the snapshot.
      }
    }
    return { files, env: { ...this.env }, cwd: this.cwd };
  }
}
