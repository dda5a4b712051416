/**
 * `kubectl port-forward (POD | TYPE/NAME) [LOCAL:]REMOTE...` (1.10). Real kubectl prints the
 * two "Forwarding from" lines per port and then blocks; the lab registers the forward with the
 * sandbox and returns at once (the blog runs it with `&` anyway).
 */
import { usageError, type VerbContext } from "./context.ts";
import { KubectlError } from "./errors.ts";
import { resolvePod } from "./pod-target.ts";

function parsePort(s: string, what: string): number {
  if (!/^\d+$/.test(s) || +s > 65535) throw new KubectlError(`Error parsing ${what} port '${s}': strconv.ParseUint: parsing "${s}": ${/^\d+$/.test(s) ? "value out of range" : "invalid syntax"}`);
  return +s;
}

export function runPortForward(ctx: VerbContext): void {
  const args = ctx.flags.positionals;
  const podArg = ctx.flags.str("pod") ?? args[0];
  const portArgs = ctx.flags.str("pod") ? args : args.slice(1);
  if (!podArg || portArgs.length === 0) {
    throw new KubectlError(usageError(ctx, "TYPE/NAME and list of ports are required for port-forward"));
  }
  const ports = portArgs.map((p) => {
    const parts = p.split(":");
    if (parts.length > 2) throw new KubectlError(`Invalid port format '${p}'`);
    const remote = parsePort(parts[parts.length - 1], "remote");
    // `:REMOTE` asks for any free local port; the lab picks the remote one, deterministically.
    const local = parts.length === 2 && parts[0] !== "" ? parsePort(parts[0], "local") : remote;
    return { local, remote };
  });
  const pod = resolvePod(ctx, podArg);
  const phase = pod.status?.phase;
  if (phase !== "Running") throw new KubectlError(`unable to forward port because pod is not running. Current status=${phase ?? "Pending"}`);
  for (const { local, remote } of ports) {
    const problem = ctx.deps.portForward(pod.metadata.namespace ?? ctx.namespace, pod.metadata.name, local, remote);
    if (problem) throw new KubectlError(problem);
    ctx.stdout.push(`Forwarding from 127.0.0.1:${local} -> ${remote}\nForwarding from [::1]:${local} -> ${remote}\n`);
  }
}
