/**
 * `istioctl`, as Istio 0.8.0 ships it, over the lab's emulated cluster.
 * Verbs: create, replace, delete, get, kube-inject, version (others are listed in help but
 * not emulated). Errors follow cobra: `Error: <message>` on stderr, exit status 255.
 */
import type { LabCommand } from "../command.ts";
import { FlagError, parseFlags, type FlagSpec } from "./flags.ts";
import { COMMANDS, GLOBAL_FLAGS, helpText, rootHelp, unknownCommand, usageString, type CommandSpec } from "./help.ts";
import { IstioctlError, RunContext, type IstioctlDeps } from "./context.ts";
import { createOrReplace, deleteConfigs } from "./configCommands.ts";
import { getConfigs } from "./getCommand.ts";

export type { IstioctlDeps } from "./context.ts";

/** istioctl 0.8.0's build info (`version.Info.LongForm()`); host and Go version as the release was built. */
export const ISTIOCTL_VERSION = {
  version: "0.8.0",
  gitRevision: "6f9f420f0c7119ff4fa6a1966a6f6d89b1b4db84",
  user: "root",
  host: "lab",
  hub: "docker.io/istio",
  golangVersion: "go1.10.1",
  buildStatus: "Clean",
};

function versionText(short: boolean): string {
  const v = ISTIOCTL_VERSION;
  if (short) return `${v.user}@${v.host}-${v.hub}-${v.version}-${v.gitRevision}-${v.buildStatus}\n`;
  // LongForm ends with a newline and is printed with Println: a blank line follows.
  return `Version: ${v.version}\nGitRevision: ${v.gitRevision}\nUser: ${v.user}@${v.host}\nHub: ${v.hub}\nGolangVersion: ${v.golangVersion}\nBuildStatus: ${v.buildStatus}\n\n`;
}

/** The first argument that is not a flag (or a global flag's value) names the command. */
function findVerb(args: readonly string[]): { verb?: string; rest: string[] } {
  const valued = new Set(GLOBAL_FLAGS.filter((f) => !f.bool).flatMap((f) => [`--${f.long}`, ...(f.short ? [`-${f.short}`] : [])]));
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") break;
    if (a.startsWith("-")) {
      if (valued.has(a)) i++;
      continue;
    }
    return { verb: a, rest: [...args.slice(0, i), ...args.slice(i + 1)] };
  }
  return { rest: [...args] };
}

async function run(cmd: CommandSpec, ctx: RunContext, positional: string[], flags: Map<string, string>): Promise<void> {
  const usage = usageString(cmd);
  switch (cmd.name) {
    case "create":
    case "replace":
      return createOrReplace(ctx, cmd.name, flags.get("file") ?? "", positional, usage);
    case "delete":
      return deleteConfigs(ctx, flags.get("file") ?? "", positional, usage);
    case "get":
      return getConfigs(ctx, positional, flags.get("output") ?? "short", flags.get("all-namespaces") === "true", usage);
    case "version":
      ctx.stdout(versionText(flags.get("short") === "true"));
      return;
    case "kube-inject": {
      const text = await ctx.readInput(flags.get("filename") ?? "");
      let injected: string;
      try {
        injected = ctx.deps.kubeInject(text);
      } catch (e) {
        throw new IstioctlError(String((e as Error)?.message ?? e));
      }
      const out = flags.get("output") ?? "";
      if (out) await ctx.io.writeFile(out, injected);
      else ctx.stdout(injected);
      return;
    }
    default:
      throw new IstioctlError(`"istioctl ${cmd.name}" is not emulated in this lab`);
  }
}

export function createIstioctl(deps: IstioctlDeps): LabCommand {
  return async (args, io) => {
    const { verb, rest } = findVerb(args);
    const cmd = verb === undefined ? undefined : COMMANDS.find((c) => c.name === verb);
    // cobra finds the command before it parses flags.
    if (verb !== undefined && verb !== "help" && !cmd) {
      return { stdout: "", stderr: `Error: ${unknownCommand(verb)}\nRun 'istioctl --help' for usage.\n`, exitCode: 255 };
    }
    const specs: FlagSpec[] = [...GLOBAL_FLAGS, ...(cmd?.flags ?? [])];
    let parsed;
    try {
      parsed = parseFlags(rest, specs);
    } catch (e) {
      if (e instanceof FlagError) return new RunContext(deps, io, "").result(new IstioctlError(e.message));
      throw e;
    }
    const ctx = new RunContext(deps, io, parsed.values.get("namespace") ?? "");
    if (verb === "help") {
      const target = COMMANDS.find((c) => c.name === parsed.positional[0]);
      ctx.stdout(target ? helpText(target) : rootHelp());
      return ctx.result();
    }
    if (!cmd || parsed.help) {
      ctx.stdout(cmd ? helpText(cmd) : rootHelp());
      return ctx.result();
    }
    try {
      await run(cmd, ctx, parsed.positional, parsed.values);
      return ctx.result();
    } catch (e) {
      // Nothing a user types may surface as a JS exception: report it the way cobra would.
      return ctx.result(e instanceof IstioctlError ? e : new IstioctlError(String((e as Error)?.message ?? e)));
    }
  };
}
