/**
 * The Mixer config a 0.8 install creates in istio-system (Helm chart mixer-0.8.0,
 * `charts/mixer/templates/config.yaml`): the attribute manifests, the default access log
 * (stdio `handler` + logentry `accesslog` + rule `stdio`), the Prometheus metrics
 * (`handler.prometheus`, four HTTP and two TCP metric instances, rules `promhttp`/`promtcp`)
 * and attribute generation (kubernetesenv `handler`, kubernetes `attributes`,
 * rules `kubeattrgenrulerule`/`tcpkubeattrgenrulerule`).
 */
import type { KubeObject } from "../cluster/objects.ts";
import { DEFAULT_CONFIG_NAMESPACE } from "./names.ts";
import { ISTIOPROXY_MANIFEST_SPEC, KUBERNETES_MANIFEST_SPEC } from "./vocabulary.ts";

const NS = DEFAULT_CONFIG_NAMESPACE;

function obj(kind: string, name: string, spec: unknown, labels?: Record<string, string>): KubeObject {
  return {
    apiVersion: "config.istio.io/v1alpha2",
    kind,
    metadata: { name, namespace: NS, ...(labels ? { labels } : {}) },
    spec: JSON.parse(JSON.stringify(spec)),
  };
}

const HTTP_DIMENSIONS = {
  source_service: 'source.service | "unknown"',
  source_version: 'source.labels["version"] | "unknown"',
  destination_service: 'destination.service | "unknown"',
  destination_version: 'destination.labels["version"] | "unknown"',
  response_code: "response.code | 200",
  connection_mtls: "connection.mtls | false",
};

const TCP_DIMENSIONS = {
  source_service: 'source.service | "unknown"',
  source_version: 'source.labels["version"] | "unknown"',
  destination_service: 'destination.service | "unknown"',
  destination_version: 'destination.labels["version"] | "unknown"',
  connection_mtls: "connection.mtls | false",
};

const HTTP_LABELS = ["source_service", "source_version", "destination_service", "destination_version", "response_code", "connection_mtls"];
const TCP_LABELS = ["source_service", "source_version", "destination_service", "destination_version", "connection_mtls"];
const SIZE_BUCKETS = { exponentialBuckets: { numFiniteBuckets: 8, scale: 1, growthFactor: 10 } };

function metric(name: string, value: string, dimensions: Record<string, string>, tcp: boolean): KubeObject {
  return obj("metric", name, { value, dimensions, monitored_resource_type: '"UNSPECIFIED"' }, tcp ? { "istio-protocol": "tcp" } : undefined);
}

export function defaultMixerConfig(): KubeObject[] {
  return [
    obj("attributemanifest", "istioproxy", ISTIOPROXY_MANIFEST_SPEC),
    obj("attributemanifest", "kubernetes", KUBERNETES_MANIFEST_SPEC),
    obj("stdio", "handler", { outputAsJson: true }),
    obj("logentry", "accesslog", {
      severity: '"Info"',
      timestamp: "request.time",
      variables: {
        originIp: 'origin.ip | ip("0.0.0.0")',
        sourceIp: 'source.ip | ip("0.0.0.0")',
        sourceService: 'source.service | ""',
        sourceUser: 'source.user | source.uid | ""',
        sourceNamespace: 'source.namespace | ""',
        destinationIp: 'destination.ip | ip("0.0.0.0")',
        destinationService: 'destination.service | ""',
        destinationNamespace: 'destination.namespace | ""',
        apiName: 'api.service | ""',
        apiVersion: 'api.version | ""',
        apiClaims: 'request.headers["sec-istio-auth-userinfo"]| ""',
        apiKey: 'request.api_key | request.headers["x-api-key"] | ""',
        requestOperation: 'api.operation | ""',
        protocol: 'request.scheme | "http"',
        method: 'request.method | ""',
        url: 'request.path | ""',
        responseCode: "response.code | 0",
        responseSize: "response.size | 0",
        requestSize: "request.size | 0",
        latency: 'response.duration | "0ms"',
        connectionMtls: "connection.mtls | false",
        userAgent: 'request.useragent | ""',
        responseTimestamp: "response.time",
        receivedBytes: "request.total_size | connection.received.bytes | 0",
        sentBytes: "response.total_size | connection.sent.bytes | 0",
        referer: 'request.referer | ""',
      },
      monitored_resource_type: '"UNSPECIFIED"',
    }),
    obj("rule", "stdio", { match: "true", actions: [{ handler: "handler.stdio", instances: ["accesslog.logentry"] }] }),
    metric("requestcount", "1", HTTP_DIMENSIONS, false),
    metric("requestduration", 'response.duration | "0ms"', HTTP_DIMENSIONS, false),
    metric("requestsize", "request.size | 0", HTTP_DIMENSIONS, false),
    metric("responsesize", "response.size | 0", HTTP_DIMENSIONS, false),
    metric("tcpbytesent", "connection.sent.bytes | 0", TCP_DIMENSIONS, true),
    metric("tcpbytereceived", "connection.received.bytes | 0", TCP_DIMENSIONS, true),
    obj("prometheus", "handler", {
      metrics: [
        { name: "request_count", instance_name: `requestcount.metric.${NS}`, kind: "COUNTER", label_names: HTTP_LABELS },
        {
          name: "request_duration", instance_name: `requestduration.metric.${NS}`, kind: "DISTRIBUTION", label_names: HTTP_LABELS,
          buckets: { explicit_buckets: { bounds: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] } },
        },
        { name: "request_size", instance_name: `requestsize.metric.${NS}`, kind: "DISTRIBUTION", label_names: HTTP_LABELS, buckets: SIZE_BUCKETS },
        { name: "response_size", instance_name: `responsesize.metric.${NS}`, kind: "DISTRIBUTION", label_names: HTTP_LABELS, buckets: SIZE_BUCKETS },
        { name: "tcp_bytes_sent", instance_name: `tcpbytesent.metric.${NS}`, kind: "COUNTER", label_names: TCP_LABELS },
        { name: "tcp_bytes_received", instance_name: `tcpbytereceived.metric.${NS}`, kind: "COUNTER", label_names: TCP_LABELS },
      ],
    }),
    obj("rule", "promhttp", {
      actions: [{ handler: "handler.prometheus", instances: ["requestcount.metric", "requestduration.metric", "requestsize.metric", "responsesize.metric"] }],
    }, { "istio-protocol": "http" }),
    obj("rule", "promtcp", {
      actions: [{ handler: "handler.prometheus", instances: ["tcpbytesent.metric", "tcpbytereceived.metric"] }],
    }, { "istio-protocol": "tcp" }),
    obj("kubernetesenv", "handler", {}),
    obj("rule", "kubeattrgenrulerule", { actions: [{ handler: "handler.kubernetesenv", instances: ["attributes.kubernetes"] }] }),
    obj("rule", "tcpkubeattrgenrulerule", {
      match: 'context.protocol == "tcp"',
      actions: [{ handler: "handler.kubernetesenv", instances: ["attributes.kubernetes"] }],
    }),
    obj("kubernetes", "attributes", {
      source_uid: 'source.uid | ""',
      source_ip: 'source.ip | ip("0.0.0.0")',
      destination_uid: 'destination.uid | ""',
      origin_uid: '""',
      origin_ip: 'ip("0.0.0.0")',
      attribute_bindings: {
        "source.ip": '$out.source_pod_ip | ip("0.0.0.0")',
        "source.labels": "$out.source_labels | emptyStringMap()",
        "source.namespace": '$out.source_namespace | "default"',
        "source.service": '$out.source_service | "unknown"',
        "source.serviceAccount": '$out.source_service_account_name | "unknown"',
        "destination.ip": '$out.destination_pod_ip | ip("0.0.0.0")',
        "destination.labels": "$out.destination_labels | emptyStringMap()",
        "destination.namespace": '$out.destination_namespace | "default"',
        "destination.service": '$out.destination_service | "unknown"',
        "destination.serviceAccount": '$out.destination_service_account_name | "unknown"',
      },
    }),
  ];
}
