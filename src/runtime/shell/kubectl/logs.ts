/**
 * `kubectl logs (POD | TYPE/NAME) [CONTAINER]` and `kubectl logs -l SELECTOR` (1.10): the
 * container's log as written, `-c`, `--tail`, and the API server's errors for a missing,
 * ambiguous or unstarted container. With a selector, each matching pod's log in turn (its last
 * 10 lines unless `--tail` says otherwise), stopping at the first pod that fails, as kubectl's
 * RunLogs does. `-f` prints what is there and returns: the lab's terminal streams live logs
 * elsewhere.
 */
import type { KubeObject } from "../../cluster/objects.ts";
import { findKind } from "../../config/kinds.ts";
import { usageError, type VerbContext } from "./context.ts";
import { KubectlError } from "./errors.ts";
import { selectorOf } from "./get.ts";
import { containersOf, resolvePod } from "./pod-target.ts";

const POD = findKind("pod")!;

const USAGE = "expected 'logs (POD | TYPE/NAME) [CONTAINER_NAME]'.\nPOD or TYPE/NAME is a required argument for the logs command";

/** kubectl's default `--tail` when a selector picks the pods. */
const SELECTOR_TAIL = 10;

export function runLogs(ctx: VerbContext): void {
  const args = ctx.flags.positionals;
  const selector = selectorOf(ctx);
  if ((args.length === 0 && !selector) || args.length > 2) throw new KubectlError(usageError(ctx, USAGE));
  if (args.length === 1 && selector) throw new KubectlError(usageError(ctx, "only a selector (-l) or a POD name is allowed"));
  let container = ctx.flags.str("container");
  if (args.length === 2) {
    if (container) throw new KubectlError(usageError(ctx, "only one of -c or an inline [CONTAINER] arg is allowed"));
    container = args[1];
  }
  let tail = ctx.flags.int("tail");
  if (!selector) {
    printLog(ctx, resolvePod(ctx, args[0]), container, tail);
    return;
  }
  if (ctx.flags.bool("follow")) throw new KubectlError(usageError(ctx, "only one of follow (-f) or selector (-l) is allowed"));
  if (args.length > 0) throw new KubectlError("name cannot be provided when a selector is specified");
  if (tail === undefined || tail === -1) tail = SELECTOR_TAIL;
  for (const pod of ctx.deps.store.list(POD, ctx.namespace, selector)) printLog(ctx, pod, container, tail);
}

/** One pod's container log (the only container when `container` is not given), or the API server's error. */
function printLog(ctx: VerbContext, pod: KubeObject, container: string | undefined, tail: number | undefined): void {
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
  if (tail !== undefined && tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
  if (lines.length) ctx.stdout.push(lines.join("\n") + "\n");
}
