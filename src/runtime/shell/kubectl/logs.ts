/**
 * `kubectl logs (POD | TYPE/NAME) [CONTAINER]` (1.10): the container's log as written, `-c`,
 * `--tail`, and the API server's errors for a missing, ambiguous or unstarted container.
 * `-f` prints what is there and returns: the lab's terminal streams live logs elsewhere.
 */
import { usageError, type VerbContext } from "./context.ts";
import { KubectlError } from "./errors.ts";
import { containersOf, resolvePod } from "./pod-target.ts";

export function runLogs(ctx: VerbContext): void {
  const args = ctx.flags.positionals;
  if (args.length === 0 || args.length > 2) {
    throw new KubectlError(usageError(ctx, "expected 'logs (POD | TYPE/NAME) [CONTAINER_NAME]'.\nPOD or TYPE/NAME is a required argument for the logs command"));
  }
  let container = ctx.flags.str("container");
  if (args.length === 2) {
    if (container) throw new KubectlError(usageError(ctx, "only one of -c or an inline [CONTAINER] arg is allowed"));
    container = args[1];
  }
  const pod = resolvePod(ctx, args[0]);
  const name = pod.metadata.name;
  const { containers, initContainers } = containersOf(pod);
  if (!container) {
    if (containers.length !== 1) {
      const init = initContainers.length ? ` or one of the init containers: [${initContainers.join(" ")}]` : "";
      throw new KubectlError(`a container name must be specified for pod ${name}, choose one of: [${containers.join(" ")}]${init}`, "BadRequest");
    }
    container = containers[0];
  }
  if (!containers.includes(container) && !initContainers.includes(container)) {
    throw new KubectlError(`container ${container} is not valid for pod ${name}`, "BadRequest");
  }
  const statuses: any[] = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const waiting = statuses.find((s) => s?.name === container)?.state?.waiting;
  if (waiting?.reason) {
    throw new KubectlError(`container "${container}" in pod "${name}" is waiting to start: ${waiting.reason}`, "BadRequest");
  }
  if (ctx.flags.bool("previous")) {
    throw new KubectlError(`previous terminated container "${container}" in pod "${name}" not found`, "BadRequest");
  }
  let lines = ctx.deps.logs.read(pod.metadata.namespace ?? ctx.namespace, name, container);
  const tail = ctx.flags.int("tail");
  if (tail !== undefined && tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
  if (lines.length) ctx.stdout.push(lines.join("\n") + "\n");
}
