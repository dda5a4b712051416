/** A sandbox at the blog's starting point (egress gateway with TLS origination for edition.cnn.com) and helpers to send its requests. */
import { expect } from "vitest";
import { VirtualClock } from "../../../src/runtime/clock.ts";
import { Sandbox } from "../../../src/runtime/sandbox.ts";
import type { MeshGraph, MeshGraphEdge } from "../../../src/runtime/telemetry/meshGraph/types.ts";
import { EGRESS_GATEWAY, SE_VS_DR } from "../../support/blogManifests.ts";

export const SLEEP = "workload:default/sleep";
export const GATEWAY = "gateway:istio-system/istio-egressgateway";
export const CNN = "host:edition.cnn.com";

export async function blogStart(): Promise<Sandbox> {
  const sandbox = await Sandbox.create({ clock: VirtualClock.fromIso("2018-06-18T13:22:58Z"), seed: 1 });
  await apply(sandbox, "create", EGRESS_GATEWAY);
  await apply(sandbox, "create", SE_VS_DR);
  return sandbox;
}

export async function apply(sandbox: Sandbox, verb: "create" | "replace", yaml: string): Promise<void> {
  const result = await sandbox.run(`cat <<EOF | istioctl ${verb} -f -\n${yaml}EOF`);
  expect(result.exitCode, result.stderr).toBe(0);
}

/** Runs `command` in the sleep pod of `namespace` (container `sleep` unless told) and returns its stdout. */
export async function inSleep(sandbox: Sandbox, command: string, namespace = "default", container = "sleep"): Promise<string> {
  const pod = `$(kubectl get pod -n ${namespace} -l app=sleep -o jsonpath={.items..metadata.name})`;
  const result = await sandbox.run(`kubectl exec -n ${namespace} ${pod} -c ${container} -- bash -c '${command}'`);
  return result.stdout;
}

/** `curl -s -o /dev/null -w "%{http_code}\n" URL`, one per URL (no -L: one request each). */
export function curls(...urls: string[]): string {
  return urls.map((u) => `curl -s -o /dev/null -w "%{http_code}\\n" ${u}`).join("; ");
}

export function edge(graph: MeshGraph, source: string, target: string, bypass = false): MeshGraphEdge {
  const found = graph.edges.find((e) => e.source === source && e.target === target && e.bypass === bypass);
  expect(found, `edge ${source} -> ${target}${bypass ? " (bypass)" : ""} in ${graph.edges.map((e) => e.id).join(", ")}`).toBeDefined();
  return found!;
}
