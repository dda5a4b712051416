/**
 * `POD`, `pod/NAME`, `svc/NAME` or `deployment/NAME` as logs, exec and port-forward accept
 * them: a controller or Service resolves to the first of its pods, as kubectl's
 * AttachablePodForObject does.
 */
import type { KubeObject } from "../../cluster/objects.ts";
import { podContainers, podsOf } from "../../cluster/queries.ts";
import { findKind } from "../../config/kinds.ts";
import type { VerbContext } from "./context.ts";
import { notFound } from "./delete.ts";
import { KubectlError } from "./errors.ts";
import { resolveKind } from "./resources.ts";

const POD = findKind("pod")!;

export function resolvePod(ctx: VerbContext, arg: string): KubeObject {
  const slash = arg.indexOf("/");
  const store = ctx.deps.store;
  if (slash < 0) {
    const pod = store.get(POD, ctx.namespace, arg);
    if (!pod) throw notFound(POD, arg);
    return pod;
  }
  const info = resolveKind(arg.slice(0, slash));
  const name = arg.slice(slash + 1);
  const obj = store.get(info, info.namespaced ? ctx.namespace : undefined, name);
  if (!obj) throw notFound(info, name);
  if (info === POD) return obj;
  const selector: Record<string, string> | undefined =
    info.kind === "Service" ? obj.spec?.selector : obj.spec?.selector?.matchLabels ?? obj.spec?.template?.metadata?.labels;
  if (!selector || Object.keys(selector).length === 0) throw new KubectlError(`cannot attach to ${info.kind.toLowerCase()}: selector is empty`);
  const pods = podsOf(store, ctx.namespace, selector).filter((p) => !p.metadata.deletionTimestamp);
  const running = pods.find((p) => p.status?.phase === "Running") ?? pods[0];
  if (!running) throw new KubectlError(`timed out waiting for the condition`);
  return running;
}

/** Container names, for `-c` defaulting and "choose one of" messages. */
export function containersOf(pod: KubeObject): { containers: string[]; initContainers: string[] } {
  return podContainers(pod);
}
