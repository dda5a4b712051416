/**
 * What the API server's defaulting, the scheduler and the kubelet add to a pod, compressed into
 * one step: the emulated pod is bound to the node and Running (or, for a Job's pod, Completed)
 * the moment it is created. The fields are those `kubectl get pod -o yaml` shows on 1.10, so
 * `kubectl get pods`, `-o wide`, `-o jsonpath` and `describe` have something real to read.
 */
import type { SeededRandom } from "../ids.ts";
import type { KubeObject } from "./objects.ts";
import { NODE_IP, NODE_NAME } from "./ipam.ts";

export function rfc3339(micros: number): string {
  return new Date(Math.floor(micros / 1_000_000) * 1000).toISOString().replace(".000Z", "Z");
}

/** API-server defaults of a PodSpec and its containers (mutates and returns `pod`). */
export function applyPodDefaults(pod: KubeObject): KubeObject {
  const spec = (pod.spec ??= {});
  spec.containers = Array.isArray(spec.containers) ? spec.containers : [];
  spec.dnsPolicy ??= "ClusterFirst";
  spec.restartPolicy ??= "Always";
  spec.schedulerName ??= "default-scheduler";
  spec.securityContext ??= {};
  spec.serviceAccountName ??= spec.serviceAccount ?? "default";
  spec.serviceAccount ??= spec.serviceAccountName;
  spec.terminationGracePeriodSeconds ??= 30;
  for (const c of [...spec.containers, ...(Array.isArray(spec.initContainers) ? spec.initContainers : [])]) {
    if (typeof c !== "object" || c === null) continue;
    c.imagePullPolicy ??= /:[^/]+$/.test(String(c.image ?? "")) && !String(c.image).endsWith(":latest") ? "IfNotPresent" : "Always";
    c.resources ??= {};
    c.terminationMessagePath ??= "/dev/termination-log";
    c.terminationMessagePolicy ??= "File";
  }
  return pod;
}

export interface StartInfo {
  startMicros: number;
  podIP: string;
  rng: SeededRandom;
}

/** Binds the pod to the node and gives it a Running status with every container ready. */
export function markRunning(pod: KubeObject, info: StartInfo): KubeObject {
  pod.spec.nodeName = NODE_NAME;
  const t = rfc3339(info.startMicros);
  const inits: any[] = Array.isArray(pod.spec.initContainers) ? pod.spec.initContainers : [];
  const status: any = {
    conditions: [
      { lastProbeTime: null, lastTransitionTime: t, status: "True", type: "Initialized" },
      { lastProbeTime: null, lastTransitionTime: t, status: "True", type: "Ready" },
      { lastProbeTime: null, lastTransitionTime: t, status: "True", type: "PodScheduled" },
    ],
    containerStatuses: pod.spec.containers.map((c: any) => ({
      ...containerIdentity(c, info.rng),
      lastState: {},
      name: c.name,
      ready: true,
      restartCount: 0,
      state: { running: { startedAt: t } },
    })),
    hostIP: NODE_IP,
    phase: "Running",
    podIP: info.podIP,
    qosClass: qosClass(pod),
    startTime: t,
  };
  if (inits.length) {
    status.initContainerStatuses = inits.map((c: any) => ({
      ...containerIdentity(c, info.rng),
      lastState: {},
      name: c.name,
      ready: true,
      restartCount: 0,
      state: { terminated: { containerID: "", exitCode: 0, finishedAt: t, reason: "Completed", startedAt: t } },
    }));
    for (const s of status.initContainerStatuses) s.state.terminated.containerID = s.containerID;
  }
  sortContainerStatuses(status.containerStatuses);
  pod.status = status;
  return pod;
}

/** A finished Job pod: phase Succeeded, containers terminated with reason Completed (`0/1 Completed`). */
export function markCompleted(pod: KubeObject, info: StartInfo & { finishMicros: number }): KubeObject {
  markRunning(pod, info);
  const started = rfc3339(info.startMicros);
  const finished = rfc3339(info.finishMicros);
  pod.status.phase = "Succeeded";
  pod.status.conditions = [
    { lastProbeTime: null, lastTransitionTime: started, reason: "PodCompleted", status: "True", type: "Initialized" },
    { lastProbeTime: null, lastTransitionTime: finished, reason: "PodCompleted", status: "False", type: "Ready" },
    { lastProbeTime: null, lastTransitionTime: started, status: "True", type: "PodScheduled" },
  ];
  for (const s of pod.status.containerStatuses) {
    s.ready = false;
    s.state = { terminated: { containerID: s.containerID, exitCode: 0, finishedAt: finished, reason: "Completed", startedAt: started } };
  }
  return pod;
}

function containerIdentity(c: any, rng: SeededRandom): { containerID: string; image: string; imageID: string } {
  const image = String(c.image ?? "");
  const repo = image.replace(/:[^/:]+$/, "");
  return {
    containerID: `docker://${rng.chars("0123456789abcdef", 64)}`,
    image: image.includes(":") && !image.endsWith(":") ? image : `${image}:latest`,
    imageID: `docker-pullable://${repo}@sha256:${rng.chars("0123456789abcdef", 64)}`,
  };
}

/** The kubelet lists container statuses by name. */
function sortContainerStatuses(list: { name: string }[]): void {
  list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function qosClass(pod: KubeObject): "BestEffort" | "Burstable" | "Guaranteed" {
  const all: any[] = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])];
  const hasAny = all.some((c) => Object.keys(c?.resources?.requests ?? {}).length || Object.keys(c?.resources?.limits ?? {}).length);
  return hasAny ? "Burstable" : "BestEffort";
}
