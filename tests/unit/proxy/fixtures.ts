/**
 * A small cluster for data-plane tests, built with the ObjectStore directly: the sleep sample
 * (injected), the 0.8 egress gateway in istio-system, and the blog's prerequisite config
 * (reference §1.3: Gateway, ServiceEntry, VirtualService, DestinationRule in `default`).
 */
import { VirtualClock } from "../../../src/runtime/clock.ts";
import { ClusterLogs } from "../../../src/runtime/cluster/logs.ts";
import type { KubeObject } from "../../../src/runtime/cluster/objects.ts";
import { ObjectStore } from "../../../src/runtime/cluster/store.ts";
import { findKind, type KindInfo } from "../../../src/runtime/config/kinds.ts";
import { SeededRandom } from "../../../src/runtime/ids.ts";
import { Internet } from "../../../src/runtime/internet/internet.ts";
import type { AttributeBag, CheckResult, MixerClient, ReportResult } from "../../../src/runtime/mixer/types.ts";
import { DataPlane } from "../../../src/runtime/proxy/data-plane.ts";
import type { HttpRequest, RequestSource } from "../../../src/runtime/proxy/http.ts";

export const SLEEP_POD = "sleep-6859f9d5cb-l877h";
export const SLEEP_IP = "172.30.146.87";
export const GATEWAY_POD = "istio-egressgateway-58d5d9c54d-xq8c2";
export const GATEWAY_IP = "172.30.146.100";
export const BARE_POD = "bare-5f7d8c9b6d-q2w4e";
export const BARE_IP = "172.30.146.91";

export function kind(name: string): KindInfo {
  const k = findKind(name);
  if (!k) throw new Error(`no kind ${name}`);
  return k;
}

/** A Mixer stand-in: allows everything unless a path is listed, records every bag. */
export class FakeMixer implements MixerClient {
  checks: AttributeBag[] = [];
  reports: AttributeBag[] = [];
  whitelist?: string[];
  /** Benchmarks turn recording off so that retained bags do not measure the GC. */
  record = true;

  check(attributes: AttributeBag): CheckResult {
    if (this.record) this.checks.push(attributes);
    const path = attributes.get("request.path") as string;
    if (this.whitelist && !this.whitelist.includes(path)) {
      const handler = "path-checker.listchecker.istio-system";
      return {
        code: "NOT_FOUND",
        message: `NOT_FOUND:${handler}:${path} is not whitelisted`,
        httpStatus: 404,
        rules: [{
          rule: "handle-cnn-access.rule.istio-system", match: "", matched: true, inputs: {},
          actions: [{ handler, instance: "request-path.listentry.istio-system", code: "NOT_FOUND", message: `${path} is not whitelisted`, detail: "" }],
        }],
      };
    }
    return { code: "OK", message: "", httpStatus: 200, rules: [] };
  }

  report(attributes: AttributeBag): ReportResult {
    if (this.record) this.reports.push(attributes);
    return { rules: [] };
  }
}

function pod(name: string, namespace: string, labels: Record<string, string>, containers: string[], ip: string): KubeObject {
  return {
    apiVersion: "v1", kind: "Pod",
    metadata: { name, namespace, labels },
    spec: { containers: containers.map((c) => ({ name: c, image: c })) },
    status: { phase: "Running", podIP: ip },
  };
}

function service(name: string, namespace: string, selector: Record<string, string>, ip: string, ports: { name: string; port: number; targetPort?: number }[]): KubeObject {
  return {
    apiVersion: "v1", kind: "Service",
    metadata: { name, namespace, labels: selector },
    spec: { clusterIP: ip, selector, ports: ports.map((p) => ({ ...p, protocol: "TCP", targetPort: p.targetPort ?? p.port })) },
  };
}

export const GATEWAY_SECTION_B: KubeObject = {
  apiVersion: "networking.istio.io/v1alpha3", kind: "Gateway",
  metadata: { name: "istio-egressgateway", namespace: "default" },
  spec: { selector: { istio: "egressgateway" }, servers: [{ port: { number: 443, name: "http-port-for-tls-origination", protocol: "HTTP" }, hosts: ["edition.cnn.com"] }] },
};

export const SERVICE_ENTRY_SECTION_B: KubeObject = {
  apiVersion: "networking.istio.io/v1alpha3", kind: "ServiceEntry",
  metadata: { name: "cnn", namespace: "default" },
  spec: {
    hosts: ["edition.cnn.com"],
    ports: [{ number: 80, name: "http-port", protocol: "HTTP" }, { number: 443, name: "http-port-for-tls-origination", protocol: "HTTP" }],
    resolution: "DNS",
  },
};

export function virtualServiceSectionB(gatewayMatch: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "networking.istio.io/v1alpha3", kind: "VirtualService",
    metadata: { name: "direct-through-egress-gateway", namespace: "default" },
    spec: {
      hosts: ["edition.cnn.com"],
      gateways: ["istio-egressgateway", "mesh"],
      http: [
        {
          match: [{ gateways: ["mesh"], port: 80 }],
          route: [{ destination: { host: "istio-egressgateway.istio-system.svc.cluster.local", port: { number: 443 } }, weight: 100 }],
        },
        {
          match: [{ gateways: ["istio-egressgateway"], port: 443, ...gatewayMatch }],
          route: [{ destination: { host: "edition.cnn.com", port: { number: 443 } }, weight: 100 }],
        },
      ],
    },
  };
}

export const DESTINATION_RULE_SECTION_B: KubeObject = {
  apiVersion: "networking.istio.io/v1alpha3", kind: "DestinationRule",
  metadata: { name: "originate-tls-for-edition-cnn-com", namespace: "default" },
  spec: {
    host: "edition.cnn.com",
    trafficPolicy: { loadBalancer: { simple: "ROUND_ROBIN" }, portLevelSettings: [{ port: { number: 443 }, tls: { mode: "SIMPLE" } }] },
  },
};

export interface Lab {
  clock: VirtualClock;
  rng: SeededRandom;
  store: ObjectStore;
  logs: ClusterLogs;
  mixer: FakeMixer;
  internet: Internet;
  plane: DataPlane;
  apply(obj: KubeObject): void;
  remove(kindName: string, namespace: string, name: string): void;
  curl(url: string, from?: RequestSource, extra?: Partial<HttpRequest>, timeoutMicros?: number): ReturnType<DataPlane["send"]>;
  gatewayLog(): string[];
  sidecarLog(): string[];
}

/** The cluster of the blog's "Before you begin": sleep injected, egress gateway, §1.3 config (unless `bare`). */
export function makeLab(options: { withBlogConfig?: boolean } = {}): Lab {
  const clock = VirtualClock.fromIso("2018-06-18T13:22:58.317448Z");
  const rng = new SeededRandom(42);
  const store = new ObjectStore(clock, rng);
  const logs = new ClusterLogs();
  const mixer = new FakeMixer();
  const internet = new Internet();
  for (const [ns, labels] of [["default", {}], ["istio-system", { name: "istio-system" }], ["kube-system", { name: "kube-system" }]] as const) {
    store.create(kind("Namespace"), { apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { ...labels } } });
  }
  store.create(kind("Pod"), pod(SLEEP_POD, "default", { app: "sleep", "pod-template-hash": "2415958176" }, ["sleep", "istio-proxy"], SLEEP_IP));
  store.create(kind("Pod"), pod(GATEWAY_POD, "istio-system", { istio: "egressgateway" }, ["egressgateway"], GATEWAY_IP));
  store.create(kind("Pod"), pod(BARE_POD, "default", { app: "bare" }, ["bare"], BARE_IP));
  store.create(kind("Service"), service("sleep", "default", { app: "sleep" }, "10.0.0.20", [{ name: "http", port: 80 }]));
  store.create(kind("Service"), service("istio-egressgateway", "istio-system", { istio: "egressgateway" }, "10.0.0.55", [{ name: "http", port: 80 }, { name: "https", port: 443 }]));
  const plane = new DataPlane({ store, internet, mixer, clock, rng, logs });
  const apply = (obj: KubeObject): void => {
    const info = kind(obj.kind);
    if (store.get(info, obj.metadata.namespace, obj.metadata.name)) store.update(info, obj);
    else store.create(info, obj);
  };
  if (options.withBlogConfig !== false) {
    for (const o of [GATEWAY_SECTION_B, SERVICE_ENTRY_SECTION_B, virtualServiceSectionB(), DESTINATION_RULE_SECTION_B]) apply(o);
  }
  return {
    clock, rng, store, logs, mixer, internet, plane, apply,
    remove: (kindName, namespace, name) => void store.delete(kind(kindName), namespace, name),
    curl: (url, from = { kind: "pod", namespace: "default", pod: SLEEP_POD, container: "sleep" }, extra = {}, timeoutMicros) => {
      const u = new URL(url);
      const scheme = u.protocol === "https:" ? "https" : "http";
      const port = u.port ? Number(u.port) : scheme === "https" ? 443 : 80;
      const request: HttpRequest = {
        method: "GET", scheme, host: u.hostname, port, path: u.pathname + u.search,
        headers: [{ name: "Host", value: u.port ? `${u.hostname}:${u.port}` : u.hostname }, { name: "User-Agent", value: "curl/7.35.0" }, { name: "Accept", value: "*/*" }],
        body: "",
        ...extra,
      };
      const exchange = plane.send(from, request, timeoutMicros === undefined ? {} : { timeoutMicros });
      clock.advance(exchange.durationMicros);
      return exchange;
    },
    gatewayLog: () => logs.read("istio-system", GATEWAY_POD, "egressgateway"),
    sidecarLog: () => logs.read("default", SLEEP_POD, "istio-proxy"),
  };
}

export const BARE: RequestSource = { kind: "pod", namespace: "default", pod: BARE_POD, container: "bare" };
export const WORKSTATION: RequestSource = { kind: "workstation" };

export function header(exchange: ReturnType<DataPlane["send"]>, name: string): string | undefined {
  if (!exchange.ok) return undefined;
  return exchange.response.headers.find((h) => h.name === name)?.value;
}
