/**
 * The state of one kubectl invocation: its dependencies, parsed flags, effective namespace,
 * and what it has printed so far. Verbs append to `stdout`, `warnings` (stderr lines printed
 * as they happen) and `errors` (formatted by cmdutil's rules when the command ends).
 */
import type { CommandIO, CommandResult } from "../command.ts";
import type { KubectlDeps } from "./deps.ts";
import { formatErrors, type KubectlError } from "./errors.ts";
import type { ParsedFlags } from "../pflag.ts";

export interface VerbContext {
  deps: KubectlDeps;
  io: CommandIO;
  flags: ParsedFlags;
  /** `kubectl <verb>`: for hints such as "See 'kubectl get -h' for help and examples." */
  verb: string;
  namespace: string;
  /** True when -n/--namespace was given (kubectl then refuses objects of another namespace). */
  namespaceExplicit: boolean;
  stdout: string[];
  warnings: string[];
  errors: KubectlError[];
}

export function nowMicros(ctx: VerbContext): number {
  return ctx.deps.clock.nowMicros();
}

/** The command's result: errors printed last, exit 1 when there were any. */
export function finish(ctx: VerbContext, exitCode?: number): CommandResult {
  const stderr = ctx.warnings.join("") + formatErrors(ctx.errors);
  return { stdout: ctx.stdout.join(""), stderr, exitCode: exitCode ?? (ctx.errors.length ? 1 : 0) };
}

/** kubectl's usage-error hint (cmdutil.UsageErrorf). */
export function usageError(ctx: VerbContext, msg: string): string {
  return `${msg}\nSee 'kubectl ${ctx.verb} -h' for help and examples.`;
}
