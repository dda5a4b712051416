/**
 * The Istio 0.8 Grafana "Istio Dashboard" (addons/grafana/dashboards/istio-dashboard.json @0.8.0,
 * reference §6.2) as data: every panel's title, PromQL targets with their Grafana template
 * variables, legend formats and unit. Kept free of the DOM: the worker evaluates these queries
 * against the emulated Prometheus, the page only draws what comes back.
 */

/** Grafana unit ids the panels use (y axis / singlestat `format`). */
export type PanelUnit = "ops" | "percentunit" | "s" | "decbytes";

export interface PanelTarget {
  refId: string;
  /** PromQL with Grafana template variables (`$http_destination`...). */
  expr: string;
  /** Grafana legend format: `{{ label }}` placeholders; empty means the series' label set. */
  legendFormat: string;
}

export interface GraphPanel {
  id: number;
  title: string;
  unit: PanelUnit;
  targets: PanelTarget[];
  /** Grafana's nullPointMode "null as zero" (the request-rate panels) vs "null" (gaps). */
  nullAsZero: boolean;
  /** Fixed y-axis maximum (the success-rate panels use 1.01). */
  yMax?: number;
}

export interface SinglestatPanel {
  id: number;
  title: string;
  unit: PanelUnit;
  target: PanelTarget;
}

/** Template variables: Grafana's "All" becomes `.*` (the dashboard's allValue is unset, we use the regex that matches everything). */
export type TemplateVariables = Readonly<Record<string, string>>;

export const ALL = ".*";

/** The dashboard's variables with "All" selected everywhere (its state when first opened). */
export const ALL_VARIABLES: TemplateVariables = {
  source: ALL,
  source_version: ALL,
  destination: ALL,
  http_destination: ALL,
  tcp_destination: ALL,
  destination_version: ALL,
};

/** The query behind the repeated `$http_destination` row. */
export const HTTP_DESTINATIONS = { metric: "istio_request_count", label: "destination_service" } as const;

const STRIP_SVC = (label: string, inner: string) => `label_replace(${inner}, "${label}", "$1", "${label}", "(.*).svc.cluster.local")`;

const MESH_FILTER = 'source_service=~"$source",source_version=~"$source_version",destination_service=~"$http_destination",destination_version=~"$destination_version"';
const meshVolume = (extra: string) => `round(sum(irate(istio_request_count{${MESH_FILTER}${extra}}[1m])), 0.001)`;

export const SINGLESTATS: readonly SinglestatPanel[] = [
  { id: 20, title: "Global Request Volume", unit: "ops", target: { refId: "A", expr: "round(sum(irate(istio_request_count[1m])), 0.001)", legendFormat: "" } },
  {
    id: 21,
    title: "Global Success Rate (non-5xx responses)",
    unit: "percentunit",
    target: { refId: "A", expr: 'sum(rate(istio_request_count{response_code!~"5.*"}[1m])) / sum(rate(istio_request_count[1m]))', legendFormat: "" },
  },
  { id: 22, title: "4xxs", unit: "ops", target: { refId: "A", expr: 'sum(irate(istio_request_count{response_code=~"4.*"}[1m])) ', legendFormat: "" } },
  { id: 23, title: "5xxs", unit: "ops", target: { refId: "A", expr: 'sum(irate(istio_request_count{response_code=~"5.*"}[1m])) ', legendFormat: "" } },
];

const byServiceCode = (codeMatcher: string) =>
  STRIP_SVC("destination_service", `sum(irate(istio_request_count{${MESH_FILTER},response_code=~"${codeMatcher}"}[1m])) by (destination_service)`);

/** The "Service Mesh" row. */
export const MESH_PANELS: readonly GraphPanel[] = [
  {
    id: 1,
    title: "Request Volume",
    unit: "ops",
    nullAsZero: true,
    targets: [
      { refId: "B", expr: meshVolume(""), legendFormat: "All" },
      { refId: "A", expr: meshVolume(',response_code="200"'), legendFormat: "200s" },
      { refId: "C", expr: meshVolume(',response_code=~"4.*"'), legendFormat: "400s" },
      { refId: "D", expr: meshVolume(',connection_mtls="true"'), legendFormat: "All Secured Requests" },
      { refId: "E", expr: meshVolume(',connection_mtls="false"'), legendFormat: "All Unsecured Requests" },
    ],
  },
  {
    id: 7,
    title: "Success Rate by Service (non-5xx responses)",
    unit: "percentunit",
    nullAsZero: false,
    yMax: 1.01,
    targets: [
      {
        refId: "A",
        expr: STRIP_SVC(
          "destination_service",
          'sum(irate(istio_request_count{destination_service=~"$http_destination",source_service=~"$source",response_code!~"5.*",destination_version=~"$destination_version"}[1m])) by (destination_service) / sum(irate(istio_request_count{destination_service=~"$http_destination",source_service=~"$source",destination_version=~"$destination_version"}[1m])) by (destination_service)',
        ),
        legendFormat: "{{ destination_service }}",
      },
    ],
  },
  { id: 8, title: "4xxs by Service", unit: "ops", nullAsZero: false, targets: [{ refId: "A", expr: byServiceCode("4.*"), legendFormat: "{{ destination_service }}" }] },
  { id: 25, title: "5xxs by Service", unit: "ops", nullAsZero: false, targets: [{ refId: "A", expr: byServiceCode("5.*"), legendFormat: "{{ destination_service }}" }] },
];

const HTTP_FILTER = 'source_service=~"$source",destination_service=~"$http_destination",destination_version=~"$destination_version",source_version=~"$source_version"';
const QUANTILES = [
  ["D", "0.50", "p50"],
  ["A", "0.90", "p90"],
  ["B", "0.95", "p95"],
  ["C", "0.99", "p99"],
] as const;

const quantileTargets = (bucket: string): PanelTarget[] =>
  QUANTILES.map(([refId, q, suffix]) => ({
    refId,
    expr: STRIP_SVC(
      "source_service",
      `histogram_quantile(${q}, sum(irate(${bucket}{${HTTP_FILTER}}[1m])) by (source_service, source_version, destination_version, le))`,
    ),
    legendFormat: `{{ source_service }}-{{ source_version }} -> {{ destination_version }} (${suffix})`,
  }));

/** The row repeated for each `$http_destination` (its panels see that one destination). */
export const HTTP_SERVICE_PANELS: readonly GraphPanel[] = [
  {
    id: 27,
    title: "Requests by Source, Version, and Response Code",
    unit: "ops",
    nullAsZero: true,
    targets: [
      {
        refId: "B",
        expr: STRIP_SVC(
          "source_service",
          'round(sum(irate(istio_request_count{destination_service=~"$http_destination",destination_version=~"$destination_version"}[1m])) by (source_service, source_version, destination_version, response_code), 0.001)',
        ),
        legendFormat: "{{ source_service }}-{{ source_version}} -> {{destination_version}} : {{ response_code }}",
      },
    ],
  },
  {
    id: 30,
    title: "Success Rate by Source and Version (non-5xx responses)",
    unit: "percentunit",
    nullAsZero: false,
    yMax: 1.01,
    targets: [
      {
        refId: "A",
        expr: STRIP_SVC(
          "source_service",
          'sum(irate(istio_request_count{source_version=~"$source_version",destination_service=~"$http_destination",source_service=~"$source",destination_version=~"$destination_version",response_code!~"5.*"}[1m])) by (source_service, source_version, destination_version) / sum(irate(istio_request_count{source_version=~"$source_version",destination_service=~"$http_destination",source_service=~"$source",destination_version=~"$destination_version"}[1m])) by (source_service, source_version, destination_version)',
        ),
        legendFormat: "{{source_service}}-{{source_version}} -> {{destination_version}}",
      },
    ],
  },
  { id: 28, title: "Response Time by Source and Version", unit: "s", nullAsZero: false, targets: quantileTargets("istio_request_duration_bucket") },
  { id: 29, title: "Response Size by Source and Version", unit: "decbytes", nullAsZero: false, targets: quantileTargets("istio_response_size_bucket") },
];

const VARIABLE = /\$(\w+)|\[\[(\w+)\]\]/g;

/**
 * Grafana's variable interpolation: `$name` and `[[name]]` of known variables are replaced;
 * anything else (label_replace's `$1`) is left as written.
 */
export function substituteVariables(expr: string, vars: TemplateVariables): string {
  return expr.replace(VARIABLE, (whole, a: string | undefined, b: string | undefined) => {
    const name = a ?? b ?? "";
    return Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : whole;
  });
}

/**
 * One value of a multi-value variable inside a regex matcher, as Grafana 5's Prometheus data
 * source writes it: regex metacharacters escaped, with the backslash doubled for the PromQL
 * string literal (`istio-egressgateway\\.istio-system...`).
 */
export function regexVariableValue(value: string): string {
  return value.replace(/[\\^$*+?.()|[\]{}]/g, "\\\\$&");
}

const PLACEHOLDER = /\{\{\s*(.+?)\s*\}\}/g;

/** Grafana's legend format: `{{ label }}` replaced by the series' value; a missing or empty label prints its name, as Grafana 5 does. */
export function formatLegend(format: string, labels: Readonly<Record<string, string>>): string {
  if (!format) return seriesName(labels);
  return format.replace(PLACEHOLDER, (_m, name: string) => labels[name] || name);
}

/** Grafana's name for a series without a legend format: `metric{a="1", b="2"}` or `{}`. */
export function seriesName(labels: Readonly<Record<string, string>>): string {
  const name = labels.__name__ ?? "";
  const rest = Object.keys(labels)
    .filter((k) => k !== "__name__")
    .sort()
    .map((k) => `${k}="${labels[k]}"`);
  return `${name}{${rest.join(", ")}}`;
}
