/**
 * The prometheus handler remembers the series of the last few label sets it reported, by the
 * instance's dimension values (see `seriesOf` in adapters/prometheus.ts). Whatever sequence of
 * values, instance configs and restores comes in, the metrics must hold exactly what recording
 * every report through its label texts would give.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { VirtualClock } from "../../../src/runtime/clock.ts";
import { prometheusAdapter } from "../../../src/runtime/mixer/adapters/prometheus.ts";
import type { PodDirectory } from "../../../src/runtime/mixer/adapters/podDirectory.ts";
import type { ValueType } from "../../../src/runtime/mixer/cexl/types.ts";
import { MixerLog } from "../../../src/runtime/mixer/mixerLog.ts";
import type { MetricInstance } from "../../../src/runtime/mixer/templates/metric.ts";
import type { AttributeValue } from "../../../src/runtime/mixer/types.ts";
import { plainValue } from "../../../src/runtime/mixer/zapEncoding.ts";
import { MetricsRegistry } from "../../../src/runtime/telemetry/metrics.ts";

const INSTANCE = "requestcount.metric.istio-system";
const LABELS = ["source_service", "response_code", "connection_mtls"];
const SPEC = { metrics: [{ name: "request_count", instance_name: INSTANCE, kind: "COUNTER", label_names: LABELS }] };

/**
 * Two instance configs of the same metric: the same dimensions in different orders, one extra,
 * and one typed differently (equal values, different label texts: 200 and 200ns).
 */
const CONFIGS: { names: string[]; types: ValueType[] }[] = [
  { names: ["source_service", "response_code", "connection_mtls"], types: ["STRING", "INT64", "BOOL"] },
  { names: ["connection_mtls", "extra", "response_code", "source_service"], types: ["BOOL", "STRING", "DURATION", "STRING"] },
];

function handlerWith(metrics: MetricsRegistry) {
  const log = new MixerLog(VirtualClock.fromIso("2018-06-18T13:22:58Z"), { write: () => {} });
  return prometheusAdapter.build("handler.prometheus.istio-system", SPEC, { log, metrics, pods: {} as PodDirectory });
}

interface Report {
  config: number;
  service: string;
  code: number;
  mtls: boolean;
  value: number;
}

/** Service names, one of them built at run time (equal to another, as requests bring them). */
const SERVICES = ["sleep.default.svc.cluster.local", ["sleep", "default.svc.cluster.local"].join("."), "unknown", "a"];

const report = fc.record({
  config: fc.integer({ min: 0, max: 1 }),
  service: fc.constantFrom(...SERVICES),
  code: fc.constantFrom(200, 404, 503, 301),
  mtls: fc.boolean(),
  value: fc.integer({ min: -2, max: 3 }),
});

function instanceOf(r: Report, shared: { names: string[]; types: ValueType[]; values: AttributeValue[] }[]): MetricInstance {
  const config = shared[r.config];
  const byName: Record<string, AttributeValue> = { source_service: r.service, response_code: r.code, connection_mtls: r.mtls, extra: "x" };
  // Refilled in place, as the metric template refills one instance per config.
  config.names.forEach((n, i) => (config.values[i] = byName[n]));
  return { name: INSTANCE, template: "metric", value: r.value, valueType: "INT64", dimensionNames: config.names, dimensionTypes: config.types, dimensionValues: config.values };
}

describe("prometheus handler series", () => {
  it("record each report into the series of its label texts", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(report, fc.constant("restore" as const)), { maxLength: 40 }), (steps) => {
        const metrics = new MetricsRegistry();
        const handler = handlerWith(metrics);
        const expected = new MetricsRegistry();
        const plain = expected.register({ name: "istio_request_count", help: "request_count", type: "counter", labelNames: LABELS });
        const shared = CONFIGS.map((c) => ({ ...c, values: new Array<AttributeValue>(c.names.length) }));
        for (const step of steps) {
          if (step === "restore") {
            // A restore replaces the metric's series with its snapshot's (the handler keeps its metric).
            const metric = metrics.get("istio_request_count")!;
            metric.importState(metric.exportState());
            continue;
          }
          const instance = instanceOf(step, shared);
          handler.report!(instance);
          const labels = LABELS.map((l) => {
            const d = instance.dimensionNames.indexOf(l);
            return plainValue(instance.dimensionValues[d], instance.dimensionTypes[d]);
          });
          plain.inc(labels, step.value);
        }
        expect(metrics.render()).toBe(expected.render());
      }),
      { numRuns: 400 },
    );
  });
});
