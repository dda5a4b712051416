/**
 * The `kubectl` command of the lab (kubectl 1.10 behaviour and output): `createKubectl(deps)`
 * returns a LabCommand. This file only routes a verb to its implementation with the verb's
 * flags; everything a user can get wrong ends as kubectl's message, never a JS exception.
 */
import type { CommandIO, CommandResult, LabCommand } from "../command.ts";
import { createNamespace, runMutation } from "./apply.ts";
import { finish, type VerbContext } from "./context.ts";
import { runDelete } from "./delete.ts";
import type { KubectlDeps } from "./deps.ts";
import { runDescribe } from "./describe.ts";
import { KubectlError, toKubectlError } from "./errors.ts";
import { runExec } from "./exec.ts";
import { parseFlags } from "./flags.ts";
import { FlagError, type FlagSpec } from "../pflag.ts";
import { runGet } from "./get.ts";
import { ROOT_HELP, USAGE, verbHelp } from "./help.ts";
import { runLabel } from "./label.ts";
import { runLogs } from "./logs.ts";
import { runPortForward } from "./port-forward.ts";
import { runVersion } from "./version.ts";

export type { KubectlDeps } from "./deps.ts";

const f = (name: string, type: FlagSpec["type"], short?: string, defaultTrue?: boolean): FlagSpec => ({ name, type, short, defaultTrue });
const FILENAME = f("filename", "strings", "f");
const RECURSIVE = f("recursive", "bool", "R");
const SELECTOR = f("selector", "string", "l");
const OUTPUT = f("output", "string", "o");
const VALIDATE = f("validate", "bool", undefined, true);

const VERB_FLAGS: Record<string, FlagSpec[]> = {
  get: [
    OUTPUT, SELECTOR, FILENAME, RECURSIVE, f("all-namespaces", "bool"), f("show-labels", "bool"), f("show-kind", "bool"),
    f("no-headers", "bool"), f("watch", "bool", "w"), f("watch-only", "bool"), f("show-all", "bool", "a"),
    f("label-columns", "strings", "L"), f("template", "string"), f("allow-missing-template-keys", "bool", undefined, true),
    f("ignore-not-found", "bool"), f("sort-by", "string"), f("export", "bool"), f("include-uninitialized", "bool"),
    f("raw", "string"), f("chunk-size", "int"), f("server-print", "bool"),
  ],
  describe: [SELECTOR, FILENAME, RECURSIVE, f("all-namespaces", "bool"), f("show-events", "bool", undefined, true), f("include-uninitialized", "bool")],
  create: [FILENAME, RECURSIVE, OUTPUT, VALIDATE, SELECTOR, f("dry-run", "bool"), f("save-config", "bool"), f("edit", "bool"), f("record", "bool"), f("raw", "string"), f("windows-line-endings", "bool"), f("generator", "string")],
  apply: [FILENAME, RECURSIVE, OUTPUT, VALIDATE, SELECTOR, f("dry-run", "bool"), f("overwrite", "bool", undefined, true), f("prune", "bool"), f("all", "bool"), f("cascade", "bool", undefined, true), f("force", "bool"), f("grace-period", "int"), f("record", "bool"), f("timeout", "string"), f("openapi-patch", "bool", undefined, true), f("prune-whitelist", "strings")],
  replace: [FILENAME, RECURSIVE, OUTPUT, VALIDATE, f("force", "bool"), f("cascade", "bool", undefined, true), f("grace-period", "int"), f("timeout", "string"), f("save-config", "bool"), f("record", "bool")],
  delete: [FILENAME, RECURSIVE, SELECTOR, OUTPUT, f("all", "bool"), f("all-namespaces", "bool"), f("cascade", "bool", undefined, true), f("grace-period", "int"), f("now", "bool"), f("force", "bool"), f("ignore-not-found", "bool"), f("include-uninitialized", "bool"), f("timeout", "string")],
  label: [FILENAME, RECURSIVE, SELECTOR, OUTPUT, f("overwrite", "bool"), f("all", "bool"), f("resource-version", "string"), f("list", "bool"), f("local", "bool"), f("dry-run", "bool"), f("record", "bool")],
  logs: [f("container", "string", "c"), f("follow", "bool", "f"), f("tail", "int"), f("previous", "bool", "p"), f("timestamps", "bool"), f("since", "string"), f("since-time", "string"), f("limit-bytes", "int"), SELECTOR, f("interactive", "bool"), f("pod-running-timeout", "string")],
  exec: [f("container", "string", "c"), f("stdin", "bool", "i"), f("tty", "bool", "t"), f("pod", "string", "p")],
  "port-forward": [f("pod", "string", "p"), f("pod-running-timeout", "string")],
  version: [f("short", "bool"), f("client", "bool", "c"), OUTPUT],
};
VERB_FLAGS.annotate = VERB_FLAGS.label;

function flagErrorText(verb: string | undefined, msg: string): string {
  const usage = verb && USAGE[verb] ? `\n\nUsage:\n  ${USAGE[verb]}\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n` : "\n";
  return `Error: ${msg}${usage}\n${msg}\n`;
}

/** The first argument that is not a flag (or a flag's value) is the verb. */
function findVerb(args: string[]): number {
  const valued = new Set(["-n", "--namespace", "--kubeconfig", "--context", "--cluster", "--user", "-s", "--server", "--token", "--request-timeout", "--v"]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") return -1;
    if (!a.startsWith("-") || a === "-") return i;
    if (valued.has(a)) i++;
  }
  return -1;
}

async function dispatch(verb: string, ctx: VerbContext): Promise<CommandResult> {
  switch (verb) {
    case "get": await runGet(ctx); break;
    case "describe": await runDescribe(ctx); break;
    case "apply": await runMutation(ctx, "apply"); break;
    case "replace": await runMutation(ctx, "replace"); break;
    case "create": {
      const sub = ctx.flags.positionals[0];
      if (sub === "namespace" || sub === "ns") createNamespace(ctx, ctx.flags.positionals.slice(1));
      else if (sub !== undefined) throw new KubectlError(`unknown command "${sub}" for "kubectl create"`);
      else await runMutation(ctx, "create");
      break;
    }
    case "delete": await runDelete(ctx); break;
    case "label": await runLabel(ctx, "label"); break;
    case "annotate": await runLabel(ctx, "annotate"); break;
    case "logs": runLogs(ctx); break;
    case "exec": return runExec(ctx);
    case "port-forward": runPortForward(ctx); break;
    case "version": runVersion(ctx); break;
  }
  return finish(ctx);
}

export function createKubectl(deps: KubectlDeps): LabCommand {
  return async (args: string[], io: CommandIO): Promise<CommandResult> => {
    const vi = findVerb(args);
    if (vi < 0) {
      try {
        parseFlags(args, []);
      } catch (e) {
        if (e instanceof FlagError) return { stdout: "", stderr: flagErrorText(undefined, e.message), exitCode: 1 };
        throw e;
      }
      return { stdout: ROOT_HELP, stderr: "", exitCode: 0 };
    }
    const verb = args[vi];
    const specs = VERB_FLAGS[verb];
    if (!specs) {
      return { stdout: "", stderr: `Error: unknown command "${verb}" for "kubectl"\nRun 'kubectl --help' for usage.\n`, exitCode: 1 };
    }
    let flags;
    try {
      flags = parseFlags([...args.slice(0, vi), ...args.slice(vi + 1)], specs);
    } catch (e) {
      if (e instanceof FlagError) return { stdout: "", stderr: flagErrorText(verb, e.message), exitCode: 1 };
      throw e;
    }
    if (flags.bool("help")) return { stdout: verbHelp(verb), stderr: "", exitCode: 0 };
    const nsFlag = flags.str("namespace");
    const ctx: VerbContext = {
      deps,
      io,
      flags,
      verb,
      namespace: nsFlag || deps.defaultNamespace || "default",
      namespaceExplicit: !!nsFlag,
      stdout: [],
      warnings: [],
      errors: [],
    };
    try {
      return await dispatch(verb, ctx);
    } catch (e) {
      ctx.errors.push(toKubectlError(e));
      return finish(ctx);
    }
  };
}
