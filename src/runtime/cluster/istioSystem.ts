/**
 * The istio-system namespace of an Istio 0.8.0 install (helm chart, default values with the
 * Grafana and Prometheus add-ons enabled), release name `istio`: ServiceAccounts, ConfigMaps,
 * Services, Deployments and the two post-install Jobs. Container names, images, args, ports and
 * labels follow the rendered 0.8.0 chart; scheduling details (node affinity) are left out.
 * The controller turns the Deployments into ReplicaSets and pods; none of these pods is
 * injected (istio-system is not labelled, and most templates opt out explicitly).
 */
import type { KubeObject } from "./objects.ts";
import { MESH_CONFIG, SIDECAR_INJECTOR_CONFIG } from "./istioConfigMaps.ts";
import { PROXY_IMAGE } from "./sidecarInjector.ts";

export const ISTIO_NAMESPACE = "istio-system";
const NS = ISTIO_NAMESPACE;
const RELEASE = "istio";

const chartLabels = (app: string | undefined, chart: string, extra: Record<string, string> = {}) => ({
  ...(app ? { app } : {}),
  chart: `${chart}-0.8.0`,
  heritage: "Tiller",
  release: RELEASE,
  ...extra,
});

type Container = Record<string, unknown>;

const fieldEnv = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { apiVersion: "v1", fieldPath } } });
const POD_ENV = [fieldEnv("POD_NAME", "metadata.name"), fieldEnv("POD_NAMESPACE", "metadata.namespace"), fieldEnv("INSTANCE_IP", "status.podIP")];
const ports = (...numbers: number[]) => numbers.map((containerPort) => ({ containerPort, protocol: "TCP" }));
const certsMount = { mountPath: "/etc/certs", name: "istio-certs", readOnly: true };
const certsVolume = (secretName: string, optional = true) => ({ name: "istio-certs", secret: { defaultMode: 420, ...(optional ? { optional: true } : {}), secretName } });

/** `pilot-agent proxy router|ingress` of the gateways. */
function gatewayArgs(mode: "router" | "ingress", cluster: string): string[] {
  return [
    "proxy", mode, "-v", "2",
    "--discoveryRefreshDelay", "1s",
    "--drainDuration", "45s",
    "--parentShutdownDuration", "1m0s",
    "--connectTimeout", "10s",
    "--serviceCluster", cluster,
    "--zipkinAddress", "zipkin:9411",
    "--statsdUdpAddress", "istio-statsd-prom-bridge:9125",
    "--proxyAdminPort", "15000",
    "--controlPlaneAuthPolicy", "NONE",
    "--discoveryAddress", "istio-pilot:8080",
  ];
}

/** The istio-proxy container in front of Pilot and Mixer (templateFile per component). */
function controlPlaneProxy(cluster: string, template: string, containerPorts: number[]): Container {
  return {
    args: ["proxy", "--serviceCluster", cluster, "--templateFile", `/etc/istio/proxy/${template}`, "--controlPlaneAuthPolicy", "NONE"],
    env: POD_ENV,
    image: PROXY_IMAGE,
    imagePullPolicy: "IfNotPresent",
    name: "istio-proxy",
    ports: ports(...containerPorts),
    resources: { requests: { cpu: "100m", memory: "128Mi" } },
    volumeMounts: [certsMount],
  };
}

function mixerContainer(): Container {
  return {
    args: ["--address", "tcp://127.0.0.1:9092", "--configStoreURL=k8s://", "--configDefaultNamespace=istio-system", "--trace_zipkin_url=http://zipkin:9411/api/v1/spans"],
    image: "docker.io/istio/mixer:0.8.0",
    imagePullPolicy: "IfNotPresent",
    name: "mixer",
    ports: ports(9092, 9093, 42422),
    resources: {},
  };
}

interface WorkloadDef {
  name: string;
  labels: Record<string, string>;
  podLabels: Record<string, string>;
  containers: Container[];
  serviceAccount?: string;
  volumes?: unknown[];
  /** Most 0.8 charts opt their pods out of injection explicitly. */
  noInject?: boolean;
  annotations?: Record<string, string>;
}

function deployment(w: WorkloadDef): KubeObject {
  return {
    apiVersion: "extensions/v1beta1",
    kind: "Deployment",
    metadata: { name: w.name, namespace: NS, labels: w.labels, ...(w.annotations ? { annotations: w.annotations } : {}) },
    spec: {
      replicas: 1,
      selector: { matchLabels: w.podLabels },
      template: {
        metadata: { labels: w.podLabels, ...(w.noInject !== false ? { annotations: { "sidecar.istio.io/inject": "false" } } : {}) },
        spec: {
          containers: w.containers,
          ...(w.serviceAccount ? { serviceAccountName: w.serviceAccount } : {}),
          ...(w.volumes ? { volumes: w.volumes } : {}),
        },
      },
    },
  };
}

interface PortDef {
  name?: string;
  port: number;
  protocol?: string;
  nodePort?: number;
  targetPort?: number;
}

function service(name: string, labels: Record<string, string>, selector: Record<string, string>, portDefs: PortDef[], extra: { type?: string; annotations?: Record<string, string> } = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: NS, labels, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: {
      ports: portDefs.map((p) => ({ ...(p.name ? { name: p.name } : {}), ...(p.nodePort ? { nodePort: p.nodePort } : {}), port: p.port, protocol: p.protocol ?? "TCP", targetPort: p.targetPort ?? p.port })),
      selector,
      type: extra.type ?? "ClusterIP",
    },
  };
}

const SERVICE_ACCOUNTS: [string, string, string][] = [
  ["istio-citadel-service-account", "security", "security"],
  ["istio-cleanup-old-ca-service-account", "security", "security"],
  ["istio-egressgateway-service-account", "egressgateway", "egressgateway"],
  ["istio-ingress-service-account", "ingress", "ingress"],
  ["istio-ingressgateway-service-account", "ingressgateway", "ingressgateway"],
  ["istio-mixer-post-install-account", "mixer", "mixer"],
  ["istio-mixer-service-account", "mixer", "mixer"],
  ["istio-pilot-service-account", "istio-pilot", "pilot"],
  ["istio-sidecar-injector-service-account", "istio-sidecar-injector", "sidecarInjectorWebhook"],
  ["prometheus", "prometheus", "prometheus"],
];

export function istioServiceAccounts(): KubeObject[] {
  return SERVICE_ACCOUNTS.map(([name, app, chart]) => ({
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name, namespace: NS, labels: chartLabels(app, chart) },
  }));
}

export function istioConfigMaps(): KubeObject[] {
  const cm = (name: string, labels: Record<string, string>, data: Record<string, string>): KubeObject => ({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, namespace: NS, labels },
    data,
  });
  return [
    cm("istio", chartLabels("istio", "istio"), { mesh: MESH_CONFIG }),
    cm("istio-sidecar-injector", chartLabels("istio", "istio", { istio: "sidecar-injector" }), { config: SIDECAR_INJECTOR_CONFIG }),
    cm("istio-statsd-prom-bridge", chartLabels("istio-statsd-prom-bridge", "mixer", { istio: "mixer" }), { "mapping.conf": "" }),
  ];
}

export function istioServices(): KubeObject[] {
  const mixerPorts: PortDef[] = [{ name: "grpc-mixer", port: 9091 }, { name: "grpc-mixer-mtls", port: 15004 }, { name: "http-monitoring", port: 9093 }];
  return [
    service("istio-citadel", { app: "istio-citadel" }, { istio: "citadel" }, [{ name: "grpc-citadel", port: 8060 }, { name: "http-monitoring", port: 9093 }]),
    service("istio-egressgateway", chartLabels(undefined, "egressgateway", { istio: "egressgateway" }), { istio: "egressgateway" }, [{ name: "http", port: 80 }, { name: "https", port: 443 }]),
    service("istio-ingress", chartLabels(undefined, "ingress", { istio: "ingress" }), { istio: "ingress" }, [{ name: "http", port: 80, nodePort: 32000 }, { name: "https", port: 443, nodePort: 31722 }], { type: "LoadBalancer" }),
    service("istio-ingressgateway", chartLabels(undefined, "ingressgateway", { istio: "ingressgateway" }), { istio: "ingressgateway" },
      [{ name: "http", port: 80, nodePort: 31380 }, { name: "https", port: 443, nodePort: 31390 }, { name: "tcp", port: 31400, nodePort: 31400 }], { type: "LoadBalancer" }),
    service("istio-pilot", chartLabels("istio-pilot", "pilot"), { istio: "pilot" }, [
      { name: "http-old-discovery", port: 15003 }, { name: "https-discovery", port: 15005 }, { name: "http-discovery", port: 15007 },
      { name: "grpc-xds", port: 15010 }, { name: "https-xds", port: 15011 }, { name: "http-legacy-discovery", port: 8080 }, { name: "http-monitoring", port: 9093 },
    ]),
    service("istio-policy", chartLabels(undefined, "mixer", { istio: "mixer" }), { istio: "mixer", "istio-mixer-type": "policy" }, mixerPorts),
    service("istio-sidecar-injector", { istio: "sidecar-injector" }, { istio: "sidecar-injector" }, [{ port: 443 }]),
    service("istio-statsd-prom-bridge", chartLabels(undefined, "mixer", { istio: "statsd-prom-bridge" }), { istio: "statsd-prom-bridge" },
      [{ name: "statsd-prom", port: 9102 }, { name: "statsd-udp", port: 9125, protocol: "UDP" }]),
    service("istio-telemetry", chartLabels(undefined, "mixer", { istio: "mixer" }), { istio: "mixer", "istio-mixer-type": "telemetry" },
      [...mixerPorts, { name: "prometheus", port: 42422 }]),
    service("grafana", chartLabels("grafana", "grafana"), { app: "grafana" }, [{ name: "http", port: 3000 }]),
    service("prometheus", { name: "prometheus" }, { app: "prometheus" }, [{ name: "http-prometheus", port: 9090 }], { annotations: { "prometheus.io/scrape": "true" } }),
  ];
}

export function istioDeployments(): KubeObject[] {
  const gateway = (name: string, container: string, app: string, mode: "router" | "ingress", image: string, containerPorts: number[], extraMount?: [string, string]) =>
    deployment({
      name,
      labels: chartLabels(app, app, { istio: app }),
      podLabels: { istio: app },
      serviceAccount: `${name}-service-account`,
      containers: [{
        args: gatewayArgs(mode, name),
        env: mode === "router" ? [...POD_ENV, fieldEnv("ISTIO_META_POD_NAME", "metadata.name")] : POD_ENV,
        image,
        imagePullPolicy: "IfNotPresent",
        name: container,
        ports: ports(...containerPorts),
        resources: {},
        volumeMounts: [certsMount, ...(extraMount ? [{ mountPath: extraMount[1], name: extraMount[0], readOnly: true }] : [])],
      }],
      volumes: [certsVolume("istio.default"), ...(extraMount ? [{ name: extraMount[0], secret: { defaultMode: 420, optional: true, secretName: `istio-${extraMount[0]}` } }] : [])],
    });
  const mixer = (type: "policy" | "telemetry") =>
    deployment({
      name: `istio-${type}`,
      labels: chartLabels(undefined, "mixer", { istio: "mixer" }),
      podLabels: { istio: "mixer", "istio-mixer-type": type },
      serviceAccount: "istio-mixer-service-account",
      containers: [mixerContainer(), controlPlaneProxy(`istio-${type}`, `envoy_${type}.yaml.tmpl`, [9091, 15004])],
      volumes: [certsVolume("istio.istio-mixer-service-account")],
    });
  return [
    deployment({
      name: "istio-citadel",
      labels: chartLabels("security", "security", { istio: "citadel" }),
      podLabels: { istio: "citadel" },
      serviceAccount: "istio-citadel-service-account",
      containers: [{
        args: ["--append-dns-names=true", "--grpc-port=8060", "--grpc-hostname=citadel", "--self-signed-ca=true", "--citadel-storage-namespace=istio-system"],
        image: "docker.io/istio/citadel:0.8.0",
        imagePullPolicy: "IfNotPresent",
        name: "citadel",
        resources: {},
      }],
    }),
    gateway("istio-egressgateway", "egressgateway", "egressgateway", "router", PROXY_IMAGE, [80, 443]),
    gateway("istio-ingress", "ingress", "ingress", "ingress", "docker.io/istio/proxy:0.8.0", [80, 443], ["ingress-certs", "/etc/istio/ingress-certs"]),
    gateway("istio-ingressgateway", "ingressgateway", "ingressgateway", "router", PROXY_IMAGE, [80, 443, 31400], ["ingressgateway-certs", "/etc/istio/ingressgateway-certs"]),
    deployment({
      name: "istio-pilot",
      labels: chartLabels("istio-pilot", "pilot", { istio: "pilot" }),
      podLabels: { istio: "pilot" },
      serviceAccount: "istio-pilot-service-account",
      containers: [
        {
          args: ["discovery"],
          env: [...POD_ENV.slice(0, 2), { name: "PILOT_THROTTLE", value: "500" }, { name: "PILOT_CACHE_SQUASH", value: "5" }],
          image: "docker.io/istio/pilot:0.8.0",
          imagePullPolicy: "IfNotPresent",
          name: "discovery",
          ports: ports(8080, 15010),
          readinessProbe: { failureThreshold: 3, httpGet: { path: "/v1/registration", port: 8080, scheme: "HTTP" }, initialDelaySeconds: 30, periodSeconds: 30, successThreshold: 1, timeoutSeconds: 5 },
          resources: {},
          volumeMounts: [{ mountPath: "/etc/istio/config", name: "config-volume" }, certsMount],
        },
        controlPlaneProxy("istio-pilot", "envoy_pilot.yaml.tmpl", [15003, 15005, 15007, 15011]),
      ],
      volumes: [{ configMap: { defaultMode: 420, name: "istio" }, name: "config-volume" }, certsVolume("istio.istio-pilot-service-account", false)],
    }),
    mixer("policy"),
    deployment({
      name: "istio-sidecar-injector",
      labels: chartLabels("sidecarInjectorWebhook", "sidecarInjectorWebhook", { istio: "sidecar-injector" }),
      podLabels: { istio: "sidecar-injector" },
      serviceAccount: "istio-sidecar-injector-service-account",
      noInject: false,
      containers: [{
        args: ["--caCertFile=/etc/istio/certs/root-cert.pem", "--tlsCertFile=/etc/istio/certs/cert-chain.pem", "--tlsKeyFile=/etc/istio/certs/key.pem",
          "--injectConfig=/etc/istio/inject/config", "--meshConfig=/etc/istio/config/mesh", "--healthCheckInterval=2s", "--healthCheckFile=/health"],
        image: "docker.io/istio/sidecar_injector:0.8.0",
        imagePullPolicy: "IfNotPresent",
        name: "sidecar-injector-webhook",
        resources: {},
        volumeMounts: [
          { mountPath: "/etc/istio/config", name: "config-volume", readOnly: true },
          { mountPath: "/etc/istio/certs", name: "certs", readOnly: true },
          { mountPath: "/etc/istio/inject", name: "inject-config", readOnly: true },
        ],
      }],
      volumes: [
        { configMap: { defaultMode: 420, name: "istio" }, name: "config-volume" },
        { name: "certs", secret: { defaultMode: 420, secretName: "istio.istio-sidecar-injector-service-account" } },
        { configMap: { defaultMode: 420, items: [{ key: "config", path: "config" }], name: "istio-sidecar-injector" }, name: "inject-config" },
      ],
    }),
    deployment({
      name: "istio-statsd-prom-bridge",
      labels: chartLabels(undefined, "mixer", { istio: "mixer" }),
      podLabels: { istio: "statsd-prom-bridge" },
      serviceAccount: "istio-mixer-service-account",
      containers: [{
        args: ["-statsd.mapping-config=/etc/statsd/mapping.conf"],
        image: "prom/statsd-exporter:latest",
        imagePullPolicy: "IfNotPresent",
        name: "statsd-prom-bridge",
        ports: [{ containerPort: 9102, protocol: "TCP" }, { containerPort: 9125, protocol: "UDP" }],
        resources: {},
        volumeMounts: [{ mountPath: "/etc/statsd", name: "config-volume" }],
      }],
      volumes: [{ configMap: { defaultMode: 420, name: "istio-statsd-prom-bridge" }, name: "config-volume" }],
    }),
    mixer("telemetry"),
    deployment({
      name: "grafana",
      labels: chartLabels("grafana", "grafana"),
      podLabels: { app: "grafana" },
      containers: [{
        env: [{ name: "GRAFANA_PORT", value: "3000" }, { name: "GF_AUTH_BASIC_ENABLED", value: "false" }, { name: "GF_AUTH_ANONYMOUS_ENABLED", value: "true" },
          { name: "GF_AUTH_ANONYMOUS_ORG_ROLE", value: "Admin" }, { name: "GF_PATHS_DATA", value: "/data/grafana" }],
        image: "docker.io/istio/grafana:0.8.0",
        imagePullPolicy: "IfNotPresent",
        name: "grafana",
        ports: ports(3000),
        readinessProbe: { failureThreshold: 3, httpGet: { path: "/login", port: 3000, scheme: "HTTP" }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
        resources: {},
        volumeMounts: [{ mountPath: "/data/grafana", name: "data" }],
      }],
      volumes: [{ emptyDir: {}, name: "data" }],
    }),
    deployment({
      name: "prometheus",
      labels: chartLabels("prometheus", "prometheus"),
      podLabels: { app: "prometheus" },
      serviceAccount: "prometheus",
      containers: [{
        args: ["--storage.tsdb.retention=6h", "--config.file=/etc/prometheus/prometheus.yml"],
        image: "docker.io/prom/prometheus:v2.3.1",
        imagePullPolicy: "IfNotPresent",
        livenessProbe: { failureThreshold: 3, httpGet: { path: "/-/healthy", port: 9090, scheme: "HTTP" }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
        name: "prometheus",
        ports: [{ containerPort: 9090, name: "http", protocol: "TCP" }],
        readinessProbe: { failureThreshold: 3, httpGet: { path: "/-/ready", port: 9090, scheme: "HTTP" }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
        resources: { requests: { cpu: "10m" } },
        volumeMounts: [{ mountPath: "/etc/prometheus", name: "config-volume" }],
      }],
      volumes: [{ configMap: { defaultMode: 420, name: "prometheus" }, name: "config-volume" }],
    }),
  ];
}

/** The helm post-install hooks whose pods stay behind as `Completed` (READY 0/1). */
export function istioJobs(): KubeObject[] {
  const hyperkube = (name: string, command: string[]): Container => ({
    command,
    image: "quay.io/coreos/hyperkube:v1.7.6_coreos.0",
    imagePullPolicy: "IfNotPresent",
    name,
    resources: {},
  });
  const job = (name: string, app: string, chart: string, hookDelete: string, container: Container, serviceAccount: string): KubeObject => ({
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name,
      namespace: NS,
      labels: chartLabels(app, chart),
      annotations: { "helm.sh/hook": "post-install", "helm.sh/hook-delete-policy": hookDelete },
    },
    spec: {
      backoffLimit: 6,
      completions: 1,
      parallelism: 1,
      template: { metadata: { labels: { app, release: RELEASE } }, spec: { containers: [container], restartPolicy: "OnFailure", serviceAccountName: serviceAccount } },
    },
  });
  const cleanup = hyperkube("hyperkube", ["/bin/bash", "-c", "NS=\"-n istio-system\"; ./kubectl get deploy istio-ca $NS; if [[ $? = 0 ]]; then ./kubectl delete deploy istio-ca $NS; fi; ./kubectl get serviceaccount istio-ca-service-account $NS; if [[ $? = 0 ]]; then ./kubectl delete serviceaccount istio-ca-service-account $NS; fi; ./kubectl get service istio-ca-ilb $NS; if [[ $? = 0 ]]; then ./kubectl delete service istio-ca-ilb $NS; fi"]);
  const postInstall = hyperkube("hyperkube", ["./kubectl", "apply", "-f", "/tmp/mixer/custom-resources.yaml"]);
  return [
    job("istio-cleanup-old-ca", "security", "security", "hook-succeeded", cleanup, "istio-cleanup-old-ca-service-account"),
    job("istio-mixer-post-install", "mixer", "mixer", "before-hook-creation", postInstall, "istio-mixer-post-install-account"),
  ];
}
