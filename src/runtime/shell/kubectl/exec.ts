/**
 * `kubectl exec [-it] POD [-c CONTAINER] -- COMMAND [ARGS...]` (1.10). Without `-c` the first
 * container is used (with kubectl's hint when there are several); a non-zero exit of the
 * remote command prints `command terminated with exit code N` and becomes kubectl's status.
 * With `-t` the remote stderr shares the terminal, so it arrives on stdout.
 */
import type { CommandResult } from "../command.ts";
import { finish, usageError, type VerbContext } from "./context.ts";
import { KubectlError } from "./errors.ts";
import { containersOf, resolvePod } from "./pod-target.ts";

export async function runExec(ctx: VerbContext): Promise<CommandResult> {
  const args = ctx.flags.positionals;
  const dash = ctx.flags.argsLenAtDash;
  const podArg = ctx.flags.str("pod") ?? (dash === 0 ? undefined : args[0]);
  let command: string[];
  if (dash >= 0) {
    command = args.slice(dash);
  } else {
    command = args.slice(ctx.flags.str("pod") ? 0 : 1);
    if (command.length > 0) {
      ctx.warnings.push("kubectl exec POD [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n");
    }
  }
  if (!podArg || command.length === 0) {
    throw new KubectlError(usageError(ctx, "expected 'exec POD_NAME COMMAND [ARG1] [ARG2] ... [ARGN]'.\nPOD_NAME and COMMAND are required arguments for the exec command"));
  }
  const pod = resolvePod(ctx, podArg);
  const name = pod.metadata.name;
  const namespace = pod.metadata.namespace ?? ctx.namespace;
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") {
    throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  }
  const { containers } = containersOf(pod);
  let container = ctx.flags.str("container");
  if (!container) {
    container = containers[0];
    if (containers.length > 1) {
      ctx.warnings.push(`Defaulting container name to ${container}.\nUse 'kubectl describe pod/${name} -n ${namespace}' to see all of the containers in this pod.\n`);
    }
  }
  if (!container || !containers.includes(container)) {
    throw new KubectlError(`unable to upgrade connection: container not found ("${container ?? ""}")`);
  }
  const res = await ctx.deps.execInContainer(namespace, name, container, command, ctx.io);
  const tty = ctx.flags.bool("tty");
  ctx.stdout.push(res.stdout);
  if (tty) ctx.stdout.push(res.stderr);
  else ctx.warnings.push(res.stderr);
  if (res.exitCode !== 0) {
    ctx.warnings.push(`command terminated with exit code ${res.exitCode}\n`);
    return finish(ctx, res.exitCode);
  }
  return finish(ctx);
}
