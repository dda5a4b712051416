/**
 * A small cluster for Mixer tests: namespaces, a sleep pod per namespace, the egress gateway pod,
 * the default 0.8 Mixer config, and helpers that build the attribute bags the egress gateway
 * sends (Check before routing, Report after the response).
 */
import { parseAllDocuments } from "yaml";
import { parseIsoMicros, VirtualClock } from "../../../src/runtime/clock.ts";
import { LogRing } from "../../../src/runtime/cluster/logs.ts";
import type { KubeObject } from "../../../src/runtime/cluster/objects.ts";
import { ObjectStore } from "../../../src/runtime/cluster/store.ts";
import { findKind, kindOfManifest } from "../../../src/runtime/config/kinds.ts";
import { SeededRandom } from "../../../src/runtime/ids.ts";
import { defaultMixerConfig } from "../../../src/runtime/mixer/defaultConfig.ts";
import { Mixer } from "../../../src/runtime/mixer/mixer.ts";
import type { AttributeValue } from "../../../src/runtime/mixer/types.ts";
import { MetricsRegistry } from "../../../src/runtime/telemetry/metrics.ts";

export const GATEWAY_SERVICE = "istio-egressgateway.istio-system.svc.cluster.local";
export const GATEWAY_POD = "istio-egressgateway-56f6d5bd8-4bvlp";

export interface Harness {
  clock: VirtualClock;
  store: ObjectStore;
  log: LogRing;
  metrics: MetricsRegistry;
  mixer: Mixer;
  /** Applies YAML documents as `istioctl create` (or replace, when the object exists) would store them. */
  apply(yamlText: string): void;
  /** Deletes a config object. */
  remove(kind: string, namespace: string, name: string): void;
  /** Lines of the mixer log written since the last call. */
  newLines(): string[];
}

function store(s: ObjectStore, o: KubeObject): void {
  const info = kindOfManifest(o.kind, o.apiVersion) ?? findKind(o.kind)!;
  if (s.get(info, o.metadata.namespace, o.metadata.name)) s.update(info, o);
  else s.create(info, o);
}

export function pod(name: string, namespace: string, labels: Record<string, string>, ip: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, labels },
    spec: { serviceAccountName: "default", containers: [{ name: "sleep", image: "tutum/curl" }] },
    status: { phase: "Running", podIP: ip, hostIP: "10.128.0.4" },
  };
}

export function makeHarness(withDefaults = true): Harness {
  const clock = VirtualClock.fromIso("2018-06-18T13:22:00Z");
  const s = new ObjectStore(clock, new SeededRandom(7));
  for (const ns of ["default", "istio-system", "politics"]) store(s, { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
  store(s, pod("sleep-6859f9d5cb-l877h", "default", { app: "sleep", "pod-template-hash": "2415958176" }, "172.30.146.87"));
  store(s, pod("sleep-6859f9d5cb-qz7mk", "politics", { app: "sleep", "pod-template-hash": "2415958176" }, "172.30.146.90"));
  store(s, pod(GATEWAY_POD, "istio-system", { istio: "egressgateway" }, "172.30.146.70"));
  if (withDefaults) for (const o of defaultMixerConfig()) store(s, o);
  const log = new LogRing(10_000);
  const metrics = new MetricsRegistry();
  const mixer = new Mixer(s, clock, log, metrics);
  let seen = 0;
  return {
    clock,
    store: s,
    log,
    metrics,
    mixer,
    apply(yamlText: string) {
      for (const doc of parseAllDocuments(yamlText)) {
        const o = doc.toJSON() as KubeObject | null;
        if (o) store(s, o);
      }
    },
    remove(kind, namespace, name) {
      s.delete(findKind(kind)!, namespace, name);
    },
    newLines() {
      const { lines, next } = log.readSince(seen);
      seen = next;
      return lines;
    },
  };
}

export interface RequestSpec {
  path: string;
  /** ISO time of request.time. */
  time: string;
  sourcePod?: string;
  sourceNamespace?: string;
  host?: string;
}

/** The attributes the egress gateway sends with Check. */
export function checkBag(r: RequestSpec): Map<string, AttributeValue> {
  const podName = r.sourcePod ?? "sleep-6859f9d5cb-l877h";
  const ns = r.sourceNamespace ?? "default";
  return new Map<string, AttributeValue>([
    ["request.host", r.host ?? "edition.cnn.com"],
    ["request.path", r.path],
    ["request.method", "GET"],
    ["request.scheme", "http"],
    ["request.useragent", "curl/7.35.0"],
    ["request.time", parseIsoMicros(r.time)!],
    ["source.uid", `kubernetes://${podName}.${ns}`],
    ["source.ip", ns === "default" ? "172.30.146.87" : "172.30.146.90"],
    ["source.labels", { app: "sleep", "pod-template-hash": "2415958176" }],
    ["destination.service", GATEWAY_SERVICE],
    ["destination.uid", `kubernetes://${GATEWAY_POD}.istio-system`],
    ["context.protocol", "http"],
    ["connection.mtls", false],
  ]);
}

/** The attributes the egress gateway sends with Report, after the response. */
export function reportBag(r: RequestSpec, code: number, size: number, durationNanos = 3_000_000, extra: [string, AttributeValue][] = []): Map<string, AttributeValue> {
  const bag = checkBag(r);
  bag.set("response.code", code);
  bag.set("response.size", size);
  bag.set("request.size", 0);
  bag.set("response.duration", durationNanos);
  bag.set("response.time", parseIsoMicros(r.time)! + durationNanos / 1000);
  for (const [k, v] of extra) bag.set(k, v);
  return bag;
}

/** Lines of the blog's `grep egress-access | grep cnn`. */
export function egressLines(lines: string[]): string[] {
  return lines.filter((l) => l.includes("egress-access") && l.includes("cnn"));
}
