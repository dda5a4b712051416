/**
 * A metric finds the series of a label set through a short list of recently used series before
 * its trie (see Metric.series): label sets that differ only in their last value, more label sets
 * than that list holds, and a restored state must all still land on the right series.
 */
import { describe, expect, it } from "vitest";
import { MetricsRegistry } from "../../../src/runtime/telemetry/metrics.ts";

function counter(registry: MetricsRegistry) {
  return registry.register({ name: "istio_request_count", help: "count", type: "counter", labelNames: ["source", "response_code"] });
}

function values(registry: MetricsRegistry): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of registry.samples()) out[`${s.labels.source}/${s.labels.response_code}`] = s.value;
  return out;
}

describe("Metric series lookup", () => {
  it("keeps label sets apart, however many alternate", () => {
    const registry = new MetricsRegistry();
    const m = counter(registry);
    const codes = ["200", "404", "503", "301", "302", "500"];
    for (let round = 0; round < 3; round++) for (const code of codes) m.inc(["sleep", code], code === "200" ? 2 : 1);
    m.inc(["sleep", String(200)]); // an equal value built at run time, not the same string object
    m.inc(["other", "200"]);
    expect(values(registry)).toEqual({
      "other/200": 1, "sleep/200": 7, "sleep/301": 3, "sleep/302": 3, "sleep/404": 3, "sleep/500": 3, "sleep/503": 3,
    });
    expect(m.size).toBe(7);
  });

  it("forgets recently used series when a state is imported", () => {
    const registry = new MetricsRegistry();
    const m = counter(registry);
    m.inc(["sleep", "200"], 5);
    m.importState([{ labelValues: ["sleep", "404"], value: 2 }]);
    m.inc(["sleep", "200"]);
    expect(values(registry)).toEqual({ "sleep/200": 1, "sleep/404": 2 });
  });
});
