/**
 * Istio 0.8.0's sidecar injection: what `istioctl kube-inject` and the istio-sidecar-injector
 * webhook add to a pod template. The values are those of the 0.8.0 helm chart's
 * `istio-sidecar-injector` ConfigMap rendered with the default mesh config (see
 * `istioConfigMaps.ts` for the template text itself):
 *   - init container `istio-init` (proxy_init) running istio-iptables.sh with
 *     `-p 15001 -u 1337 -m REDIRECT -i * -x "" -b <app ports> -d ""`,
 *   - container `istio-proxy` (proxyv2) running `pilot-agent proxy sidecar ...`,
 *   - volumes `istio-envoy` (memory emptyDir) and `istio-certs` (secret istio.<serviceaccount>),
 *   - annotation `sidecar.istio.io/status` naming what was added.
 * The result is the JSON shape the Go structs marshal to, so it prints like kube-inject.
 */
import { deepClone } from "./objects.ts";

export const SIDECAR_STATUS_ANNOTATION = "sidecar.istio.io/status";
export const INJECT_ANNOTATION = "sidecar.istio.io/inject";
export const PROXY_CONTAINER = "istio-proxy";
export const INIT_CONTAINER = "istio-init";

export const PROXY_IMAGE = "docker.io/istio/proxyv2:0.8.0";
export const PROXY_INIT_IMAGE = "docker.io/istio/proxy_init:0.8.0";

/**
 * The `version` of the status annotation: in Istio it is the sha256 of the injection template.
 * We cannot hash the exact 0.8.0 template bytes here, so this is a fixed stand-in of the same form.
 */
export const SIDECAR_TEMPLATE_VERSION = "54a55690f796d4c9b233b36279cfe8847bf55ecf9ac2eb329a542855011b5811";

/** The defaultConfig of the 0.8.0 mesh config (ConfigMap `istio`), as the template reads it. */
export interface ProxyConfig {
  proxyListenPort: number;
  configPath: string;
  binaryPath: string;
  drainDuration: string;
  parentShutdownDuration: string;
  discoveryAddress: string;
  discoveryRefreshDelay: string;
  zipkinAddress: string;
  connectTimeout: string;
  statsdUdpAddress: string;
  proxyAdminPort: number;
  controlPlaneAuthPolicy: string;
  interceptionMode: "REDIRECT" | "TPROXY";
}

export const DEFAULT_PROXY_CONFIG: Readonly<ProxyConfig> = {
  proxyListenPort: 15001,
  configPath: "/etc/istio/proxy",
  binaryPath: "/usr/local/bin/envoy",
  drainDuration: "45s",
  parentShutdownDuration: "1m0s",
  discoveryAddress: "istio-pilot.istio-system:15007",
  discoveryRefreshDelay: "1s",
  zipkinAddress: "zipkin.istio-system:9411",
  connectTimeout: "10s",
  statsdUdpAddress: "istio-statsd-prom-bridge.istio-system:9125",
  proxyAdminPort: 15000,
  controlPlaneAuthPolicy: "NONE",
  interceptionMode: "REDIRECT",
};

export interface InjectOptions {
  proxyConfig?: Partial<ProxyConfig>;
}

/** A pod template (`spec.template` of a Deployment) or a Pod: metadata plus a PodSpec. */
export interface PodTemplateLike {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  [k: string]: unknown;
}

/** True when the template already carries an Istio sidecar (its status annotation or container). */
export function isInjected(template: PodTemplateLike): boolean {
  if (isRecord(template.metadata?.annotations) && template.metadata.annotations[SIDECAR_STATUS_ANNOTATION]) return true;
  const containers: any[] = Array.isArray(template.spec?.containers) ? template.spec.containers : [];
  return containers.some((c) => c?.name === PROXY_CONTAINER);
}

/**
 * The webhook's decision for one pod (policy `enabled`, as the 0.8.0 chart sets it): inject
 * unless the pod opts out with `sidecar.istio.io/inject: "false"`, uses the host network, or
 * already has a sidecar. Namespace selection (`istio-injection=enabled`) is the caller's.
 */
export function injectionRequested(template: PodTemplateLike): boolean {
  if (template.spec?.hostNetwork === true) return false;
  if (isInjected(template)) return false;
  const annotations = template.metadata?.annotations;
  const v = isRecord(annotations) ? annotations[INJECT_ANNOTATION] : undefined;
  if (v === undefined) return true;
  // Go's strconv.ParseBool: anything it cannot parse counts as "not false".
  return !["0", "f", "F", "false", "FALSE", "False"].includes(String(v));
}

/** Returns a copy of `template` with the 0.8.0 sidecar added (no-op checks are the caller's). */
export function injectPodSpec<T extends PodTemplateLike>(template: T, options: InjectOptions = {}): T {
  const cfg: ProxyConfig = { ...DEFAULT_PROXY_CONFIG, ...options.proxyConfig };
  const out = deepClone(template);
  const metadata = (out.metadata = isRecord(out.metadata) ? out.metadata : {});
  // Whatever a user typed: only maps count as labels and annotations.
  const annotations: Record<string, string> = isRecord(metadata.annotations) ? metadata.annotations : {};
  const labels: Record<string, string> = isRecord(metadata.labels) ? metadata.labels : {};
  const spec = (out.spec = isRecord(out.spec) ? out.spec : {});
  const mode = annotations["sidecar.istio.io/interceptionMode"] || cfg.interceptionMode;

  spec.initContainers = [...(Array.isArray(spec.initContainers) ? spec.initContainers : []), initContainer(spec, annotations, cfg, mode)];
  spec.containers = [...(Array.isArray(spec.containers) ? spec.containers : []), proxyContainer(labels, annotations, cfg, mode)];
  spec.volumes = [...(Array.isArray(spec.volumes) ? spec.volumes : []), ...sidecarVolumes(spec)];

  metadata.annotations = {
    ...annotations,
    [SIDECAR_STATUS_ANNOTATION]: JSON.stringify({
      version: SIDECAR_TEMPLATE_VERSION,
      initContainers: [INIT_CONTAINER],
      containers: [PROXY_CONTAINER],
      volumes: ["istio-envoy", "istio-certs"],
    }),
  };
  return out;
}

function isRecord(v: unknown): v is Record<string, any> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function initContainer(spec: any, annotations: Record<string, string>, cfg: ProxyConfig, mode: string): object {
  const ann = (k: string, fallback: string) => (k in annotations ? String(annotations[k]) : fallback);
  return {
    name: INIT_CONTAINER,
    image: PROXY_INIT_IMAGE,
    args: [
      "-p", String(cfg.proxyListenPort),
      "-u", "1337",
      "-m", mode,
      "-i", ann("traffic.sidecar.istio.io/includeOutboundIPRanges", "*"),
      "-x", ann("traffic.sidecar.istio.io/excludeOutboundIPRanges", ""),
      "-b", ann("traffic.sidecar.istio.io/includeInboundPorts", inboundPorts(spec)),
      "-d", ann("traffic.sidecar.istio.io/excludeInboundPorts", ""),
    ],
    imagePullPolicy: "IfNotPresent",
    resources: {},
    securityContext: { capabilities: { add: ["NET_ADMIN"] }, privileged: true },
  };
}

/**
 * The template writes `<port>, ` for every declared container port and YAML trims the last
 * blank, so one port gives `80,` and none gives an empty string: 0.8's output, quirks included.
 */
function inboundPorts(spec: any): string {
  let s = "";
  for (const c of Array.isArray(spec.containers) ? spec.containers : []) {
    for (const p of Array.isArray(c?.ports) ? c.ports : []) s += `${p?.containerPort ?? 0}, `;
  }
  return s.trim();
}

function proxyContainer(labels: Record<string, string>, annotations: Record<string, string>, cfg: ProxyConfig, mode: string): object {
  const fieldEnv = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { fieldPath } } });
  return {
    name: PROXY_CONTAINER,
    image: annotations["sidecar.istio.io/proxyImage"] || PROXY_IMAGE,
    args: [
      "proxy", "sidecar",
      "--configPath", cfg.configPath,
      "--binaryPath", cfg.binaryPath,
      "--serviceCluster", labels.app ? String(labels.app) : "istio-proxy",
      "--drainDuration", cfg.drainDuration,
      "--parentShutdownDuration", cfg.parentShutdownDuration,
      "--discoveryAddress", cfg.discoveryAddress,
      "--discoveryRefreshDelay", cfg.discoveryRefreshDelay,
      "--zipkinAddress", cfg.zipkinAddress,
      "--connectTimeout", cfg.connectTimeout,
      "--statsdUdpAddress", cfg.statsdUdpAddress,
      "--proxyAdminPort", String(cfg.proxyAdminPort),
      "--controlPlaneAuthPolicy", cfg.controlPlaneAuthPolicy,
    ],
    env: [
      fieldEnv("POD_NAME", "metadata.name"),
      fieldEnv("POD_NAMESPACE", "metadata.namespace"),
      fieldEnv("INSTANCE_IP", "status.podIP"),
      fieldEnv("ISTIO_META_POD_NAME", "metadata.name"),
      { name: "ISTIO_META_INTERCEPTION_MODE", value: mode },
    ],
    imagePullPolicy: "IfNotPresent",
    resources: { requests: { cpu: "100m", memory: "128Mi" } },
    securityContext:
      mode === "TPROXY"
        ? { capabilities: { add: ["NET_ADMIN"] }, privileged: false, readOnlyRootFilesystem: true }
        : { privileged: false, readOnlyRootFilesystem: true, runAsUser: 1337 },
    volumeMounts: [
      { mountPath: "/etc/istio/proxy", name: "istio-envoy" },
      { mountPath: "/etc/certs/", name: "istio-certs", readOnly: true },
    ],
  };
}

function sidecarVolumes(spec: any): object[] {
  const sa = typeof spec.serviceAccountName === "string" && spec.serviceAccountName ? spec.serviceAccountName : "default";
  return [
    { emptyDir: { medium: "Memory" }, name: "istio-envoy" },
    { name: "istio-certs", secret: { optional: true, secretName: `istio.${sa}` } },
  ];
}
