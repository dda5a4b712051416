/**
 * The dashboard's panel definitions (reference §6.2): Grafana's variable substitution and
 * legend formatting.
 */
import { describe, expect, it } from "vitest";
import {
  ALL_VARIABLES,
  HTTP_SERVICE_PANELS,
  SINGLESTATS,
  formatLegend,
  regexVariableValue,
  substituteVariables,
} from "../../../src/runtime/telemetry/grafana/istioDashboard.ts";
import { parsePromQL } from "../../../src/runtime/telemetry/prometheus/index.ts";

describe("template variables", () => {
  it("replaces known variables, longest name first, and keeps label_replace's $1", () => {
    const expr = 'label_replace(sum(x{source_service=~"$source",source_version=~"$source_version",destination_service=~"$http_destination"}), "a", "$1", "a", "(.*)")';
    expect(substituteVariables(expr, { ...ALL_VARIABLES, http_destination: "d" })).toBe(
      'label_replace(sum(x{source_service=~".*",source_version=~".*",destination_service=~"d"}), "a", "$1", "a", "(.*)")',
    );
  });

  it("accepts Grafana's [[name]] form too", () => {
    expect(substituteVariables('x{a=~"[[source]]"}', ALL_VARIABLES)).toBe('x{a=~".*"}');
  });

  it("escapes a repeated row's value for the regex matcher, as PromQL source", () => {
    expect(regexVariableValue("istio-egressgateway.istio-system.svc.cluster.local")).toBe(
      "istio-egressgateway\\\\.istio-system\\\\.svc\\\\.cluster\\\\.local",
    );
  });

  it("every panel query parses once substituted", () => {
    const vars = { ...ALL_VARIABLES, http_destination: regexVariableValue("istio-egressgateway.istio-system.svc.cluster.local") };
    for (const p of HTTP_SERVICE_PANELS) for (const t of p.targets) expect(() => parsePromQL(substituteVariables(t.expr, vars))).not.toThrow();
    for (const s of SINGLESTATS) expect(() => parsePromQL(s.target.expr)).not.toThrow();
  });
});

describe("legend formats", () => {
  const requestsBySource = HTTP_SERVICE_PANELS.find((p) => p.title === "Requests by Source, Version, and Response Code")!;

  it("writes the Requests by Source panel's legend as Grafana does", () => {
    const labels = { source_service: "sleep.default", source_version: "unknown", destination_version: "unknown", response_code: "404" };
    expect(formatLegend(requestsBySource.targets[0].legendFormat, labels)).toBe("sleep.default-unknown -> unknown : 404");
  });

  it("prints the label's name when the series lacks it (Grafana 5)", () => {
    expect(formatLegend("{{ destination_service }}", {})).toBe("destination_service");
  });

  it("names a series by its labels without a legend format", () => {
    expect(formatLegend("", { __name__: "up", job: "istio-mesh" })).toBe('up{job="istio-mesh"}');
  });

  it("suffixes the quantile panels' legends", () => {
    const time = HTTP_SERVICE_PANELS.find((p) => p.title === "Response Time by Source and Version")!;
    const labels = { source_service: "sleep.politics", source_version: "unknown", destination_version: "unknown" };
    expect(time.targets.map((t) => formatLegend(t.legendFormat, labels))).toEqual([
      "sleep.politics-unknown -> unknown (p50)",
      "sleep.politics-unknown -> unknown (p90)",
      "sleep.politics-unknown -> unknown (p95)",
      "sleep.politics-unknown -> unknown (p99)",
    ]);
  });
});
