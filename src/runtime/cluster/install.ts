/**
 * The cluster a reader of the blog starts from: a one-node Kubernetes 1.10 cluster, Istio 0.8.0
 * installed from the helm chart (with Grafana and Prometheus) and the sleep sample deployed in
 * `default`, which is labelled for automatic injection, so its pod runs 2/2 with a sidecar.
 *
 * Objects are back-dated (a cluster days old, Istio installed ~12 minutes ago, sleep ~5
 * minutes ago) so `kubectl get pods` shows believable ages. Mixer's default configuration is
 * not created here: the caller passes it (and anything else) in `extraObjects`.
 */
import type { Clock } from "../clock.ts";
import type { SeededRandom } from "../ids.ts";
import { findKind, kindOfManifest } from "../config/kinds.ts";
import type { ClusterLogs } from "./logs.ts";
import type { KubeObject } from "./objects.ts";
import type { ObjectStore } from "./store.ts";
import { WorkloadController, INJECTION_LABEL } from "./controllers.ts";
import { istioCrds } from "./istioCrds.ts";
import { ISTIO_NAMESPACE, istioConfigMaps, istioDeployments, istioJobs, istioServiceAccounts, istioServices } from "./istioSystem.ts";
import { clusterBaseObjects, kubeSystemObjects, namespaceObject } from "./kubeSystem.ts";
import { allocatePodIp } from "./ipam.ts";
import { generatedName } from "./names.ts";
import { applyPodDefaults, markCompleted, rfc3339 } from "./podLifecycle.ts";
import { parseManifestStream } from "../config/manifests.ts";
import { SLEEP_YAML } from "../samples/sleep.ts";

export interface InstallDeps {
  clock: Clock;
  rng: SeededRandom;
  logs: ClusterLogs;
}

export interface InstallOptions {
  /** Created right after Istio itself (e.g. Mixer's default config from mixer/defaultConfig.ts). */
  extraObjects?: KubeObject[];
  /** Deploy samples/sleep/sleep.yaml in `default` (true unless set to false). */
  sleep?: boolean;
}

/** The IP the blog's gateway log shows for the sleep pod (X-Forwarded-For 172.30.146.87). */
export const SLEEP_POD_IP = "172.30.146.87";

const MINUTE = 60_000_000;
const DAY = 24 * 60 * MINUTE;

const POD = findKind("pod")!;
const NAMESPACE = findKind("namespace")!;

/**
 * Fills an empty store with the initial cluster and returns the started WorkloadController
 * that keeps it running (the caller owns it: stop() it to detach).
 */
export function installCluster(store: ObjectStore, deps: InstallDeps, options: InstallOptions = {}): WorkloadController {
  const controller = new WorkloadController(store, deps).start();
  const now = deps.clock.nowMicros();
  const create = (o: KubeObject) => store.create(infoOf(o), o);

  store.withCreationTime(now - 3 * DAY, () => {
    for (const o of clusterBaseObjects()) create(o);
    for (const o of kubeSystemObjects()) create(o);
  });

  const istioTime = now - 12 * MINUTE;
  store.withCreationTime(istioTime, () => {
    create(namespaceObject(ISTIO_NAMESPACE));
    for (const o of [...istioCrds(), ...istioServiceAccounts(), ...istioConfigMaps(), ...istioServices(), ...istioDeployments()]) create(o);
  });
  store.withCreationTime(istioTime + 20_000_000, () => createJobPods(store, deps, istioTime + 20_000_000));
  store.withCreationTime(istioTime + 40_000_000, () => {
    for (const o of options.extraObjects ?? []) create(o);
  });

  if (options.sleep !== false) {
    store.withCreationTime(now - 5 * MINUTE - 30_000_000, () => labelForInjection(store, "default"));
    store.withCreationTime(now - 5 * MINUTE, () => {
      for (const o of manifestObjects(SLEEP_YAML)) create({ ...o, metadata: { ...o.metadata, namespace: "default" } });
      pinPodIp(store, "default", "app=sleep", SLEEP_POD_IP);
    });
  }
  return controller;
}

function infoOf(o: KubeObject) {
  const info = kindOfManifest(o.kind, o.apiVersion);
  if (!info) throw new Error(`installCluster: no kind ${o.apiVersion}/${o.kind}`);
  return info;
}

/** `kubectl label namespace default istio-injection=enabled`, as the install instructions do. */
function labelForInjection(store: ObjectStore, ns: string): void {
  const obj = store.mustGet(NAMESPACE, undefined, ns);
  store.update(NAMESPACE, { ...obj, metadata: { ...obj.metadata, labels: { ...(obj.metadata.labels ?? {}), [INJECTION_LABEL]: "enabled" } } });
}

function manifestObjects(text: string): KubeObject[] {
  return parseManifestStream(text).manifests.map((m) => m.object as unknown as KubeObject);
}

/** Gives the pods matching `selector` a chosen IP (when free), so logs match the blog's. */
function pinPodIp(store: ObjectStore, ns: string, selector: string, ip: string): void {
  if (store.list(POD).some((p) => p.status?.podIP === ip)) return;
  const [key, value] = selector.split("=");
  const pod = store.list(POD, ns).find((p) => p.metadata.labels?.[key] === value);
  if (!pod) return;
  store.update(POD, { ...pod, metadata: { ...pod.metadata, resourceVersion: undefined }, status: { ...pod.status, podIP: ip } });
}

/** The helm hooks ran once and finished: Job objects with succeeded=1 and their Completed pods. */
function createJobPods(store: ObjectStore, deps: InstallDeps, startMicros: number): void {
  const JOB = findKind("job")!;
  for (const job of istioJobs()) {
    const stored = store.create(JOB, job);
    const finish = startMicros + 6_000_000;
    const controllerUid = stored.metadata.uid ?? "";
    const labels = { "controller-uid": controllerUid, "job-name": job.metadata.name, ...(job.spec.template.metadata.labels ?? {}) };
    const name = generatedName(`${job.metadata.name}-`, deps.rng, (n) => !!store.get(POD, ISTIO_NAMESPACE, n));
    const pod: KubeObject = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name,
        generateName: `${job.metadata.name}-`,
        namespace: ISTIO_NAMESPACE,
        labels,
        ownerReferences: [{ apiVersion: "batch/v1", kind: "Job", name: job.metadata.name, uid: controllerUid, controller: true }],
      },
      spec: JSON.parse(JSON.stringify(job.spec.template.spec)),
    };
    markCompleted(applyPodDefaults(pod), { startMicros, finishMicros: finish, podIP: allocatePodIp(store, deps.rng), rng: deps.rng });
    store.create(POD, pod);
    const done = store.mustGet(JOB, ISTIO_NAMESPACE, job.metadata.name);
    const t = rfc3339(finish);
    store.update(JOB, {
      ...done,
      metadata: { ...done.metadata, resourceVersion: undefined },
      spec: { ...done.spec, selector: { matchLabels: { "controller-uid": controllerUid } }, template: { ...done.spec.template, metadata: { labels } } },
      status: { completionTime: t, conditions: [{ lastProbeTime: t, lastTransitionTime: t, status: "True", type: "Complete" }], startTime: done.metadata.creationTimestamp, succeeded: 1 },
    });
  }
}
