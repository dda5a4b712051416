/**
 * config.istio.io/v1alpha2 specs as Mixer 0.8 reads them: the rule, the templates the blog uses
 * (logentry, listentry, metric...) and the adapters' params (stdio, listchecker, denier,
 * prometheus). istioctl sends these unvalidated; the schemas serve the editor and Mixer.
 * Expression fields are CEXL strings such as `request.path | "unknown"`.
 */
import { any, bool, duration, enumOf, int32, listOf, looseObject, mapOf, message, str, type Schema } from "./dsl.ts";

const expr = (d: string) => str(`${d} (a Mixer expression, e.g. \`request.host\`).`);

const level = enumOf("adapter.stdio.config.Params_Level", ["INFO", "WARNING", "ERROR"], "Log level: INFO (0), WARNING (1), ERROR (2).");

const rule = message("istio.policy.v1beta1.Rule", {
  match: str("When the rule applies: a boolean expression such as `request.host.endsWith(\".cnn.com\")`. Empty means always."),
  actions: listOf(message("istio.policy.v1beta1.Action", {
    handler: str("The handler, `<name>.<kind>[.<namespace>]`, e.g. `egress-access-logger.stdio`."),
    instances: listOf(str(), "Instances sent to the handler, e.g. `egress-access.logentry`."),
    name: str("Optional action name."),
  }), "Handlers to call with instances when the rule matches."),
}, "Sends instances to handlers when `match` is true.");

const logentry = message("logentry.Template", {
  severity: expr("Severity, looked up in the handler's severity_levels; `'\"info\"'` gives the string info"),
  timestamp: expr("Time of the entry"),
  variables: mapOf(expr("Variable"), "Fields of the log entry; the stdio adapter prints them sorted by name."),
  monitoredResourceType: expr("Monitored resource type"),
  monitoredResourceDimensions: mapOf(expr("Dimension"), "Monitored resource dimensions."),
}, "A log entry instance.");

const listentry = message("listentry.Template", { value: expr("The value checked against the list, e.g. `request.path`") }, "A value for list checks.");

const metric = message("metric.Template", {
  value: expr("The metric value, e.g. `1`"),
  dimensions: mapOf(expr("Dimension"), "Metric labels."),
  monitoredResourceType: expr("Monitored resource type"),
  monitoredResourceDimensions: mapOf(expr("Dimension"), "Monitored resource dimensions."),
}, "A metric instance.");

const quota = message("quota.Template", { dimensions: mapOf(expr("Dimension"), "Quota dimensions.") }, "A quota instance.");

const stdio = message("adapter.stdio.config.Params", {
  logStream: enumOf("adapter.stdio.config.Params_Stream", ["STDOUT", "STDERR", "FILE", "ROTATED_FILE"], "Where entries go (default STDOUT)."),
  severityLevels: mapOf(level, "Maps severity strings to levels. Given, it replaces the default map (info/warning/error...)."),
  metricLevel: level,
  outputAsJson: bool("JSON output (default true)."),
  outputLevel: level,
  outputPath: str("File for FILE/ROTATED_FILE."),
  maxMegabytesBeforeRotation: int32("Rotation size."),
  maxDaysBeforeRotation: int32("Rotation age."),
  maxRotatedFiles: int32("Rotated files kept."),
}, "Writes log entries and metrics to Mixer's own log (`kubectl logs ... mixer`).");

const listchecker = message("adapter.list.config.Params", {
  providerUrl: str("URL of the list (newline-separated)."),
  refreshInterval: duration("How often the list is fetched (default 60s)."),
  ttl: duration("How long a fetched list stays valid (default 300s)."),
  cachingInterval: duration("How long proxies may cache a verdict (default 300s)."),
  cachingUseCount: int32("How many uses a cached verdict allows (default 10000)."),
  overrides: listOf(str(), "Static entries always in the list, e.g. `[\"/health\", \"/sport\"]`."),
  entryType: enumOf("adapter.list.config.Params_ListEntryType", ["STRINGS", "CASE_INSENSITIVE_STRINGS", "IP_ADDRESSES", "REGEX"], "How entries match (default STRINGS: exact)."),
  blacklist: bool("false (default): whitelist, misses are denied with NOT_FOUND; true: blacklist, hits are denied with PERMISSION_DENIED."),
}, "Checks a value against a white or black list.");

const denier = message("adapter.denier.config.Params", {
  status: message("google.rpc.Status", { code: int32("google.rpc code (default 9, FAILED_PRECONDITION)."), message: str("Message."), details: listOf(any(), "Details.") }, "The status every check returns."),
  validDuration: duration("How long the verdict is valid (default 5s)."),
  validUseCount: int32("How many uses the verdict is valid for (default 1000)."),
}, "Always denies with the configured status.");

const prometheus = looseObject("adapter.prometheus.config.Params", {
  metrics: listOf(looseObject("adapter.prometheus.config.Params_MetricInfo", {
    name: str("Prometheus metric name."), instanceName: str("Metric instance, e.g. `requestcount.metric.istio-system`."),
    description: str("Help text."), kind: enumOf("adapter.prometheus.config.Params_MetricInfo_Kind", ["UNSPECIFIED", "GAUGE", "COUNTER", "DISTRIBUTION"], "Metric kind."),
    labelNames: listOf(str(), "Label names (the instance's dimensions)."), buckets: any("Histogram buckets."),
  }), "Metrics exported to Prometheus."),
}, "Exposes metrics for Prometheus to scrape.");

const attributemanifest = looseObject("istio.policy.v1beta1.AttributeManifest", {
  revision: str("Revision."), name: str("Name of the producing component."),
  attributes: mapOf(looseObject("istio.policy.v1beta1.AttributeManifest_AttributeInfo", {
    description: str("Description."),
    valueType: enumOf("istio.policy.v1beta1.ValueType", ["VALUE_TYPE_UNSPECIFIED", "STRING", "INT64", "DOUBLE", "BOOL", "TIMESTAMP", "IP_ADDRESS", "EMAIL_ADDRESS", "URI", "DNS_NAME", "DURATION", "STRING_MAP"], "Attribute type."),
  }), "Attributes and their types."),
}, "Declares attributes and their types.");

/** Spec schema per Mixer kind (the `kind` value, lower case as Istio 0.8 spells it). */
export const MIXER_SPECS: Readonly<Record<string, Schema>> = {
  rule, logentry, listentry, metric, quota, stdio, listchecker, denier, prometheus, attributemanifest,
  checknothing: looseObject("checknothing.Template", {}, "A check instance with no data."),
  reportnothing: looseObject("reportnothing.Template", {}, "A report instance with no data."),
  kubernetes: looseObject("adapter.template.kubernetes.Template", {}, "The attribute-producing template of kubernetesenv."),
  kubernetesenv: looseObject("adapter.kubernetesenv.config.Params", {}, "Produces source/destination attributes from Kubernetes."),
  memquota: looseObject("adapter.memquota.config.Params", {}, "In-memory quotas."),
};
