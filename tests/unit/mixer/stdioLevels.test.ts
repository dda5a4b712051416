/**
 * A stdio handler remembers the level of the last severity it saw and the row kind of the last
 * instance config and level it logged. Whatever mix of severities, instance configs and levels a
 * handler gets, each line must carry its own instance's name, values and level (or be dropped
 * below `output_level`), exactly as looking each one up afresh would.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { VirtualClock } from "../../../src/runtime/clock.ts";
import { LogRing } from "../../../src/runtime/cluster/logs.ts";
import type { PodDirectory } from "../../../src/runtime/mixer/adapters/podDirectory.ts";
import { stdioAdapter } from "../../../src/runtime/mixer/adapters/stdio.ts";
import { MixerLog } from "../../../src/runtime/mixer/mixerLog.ts";
import type { LogEntryInstance, LogEntryVariable } from "../../../src/runtime/mixer/templates/logentry.ts";
import { MetricsRegistry } from "../../../src/runtime/telemetry/metrics.ts";

const SEVERITIES: Record<string, number> = { info: 0, warning: 1, error: 2, Default: 0 };
const LEVEL_NAMES = ["info", "warn", "error"];

/** Two instance configs: their own names and variables (configs share a variables array per config). */
const CONFIGS: { name: string; variables: LogEntryVariable[] }[] = [
  { name: "a.logentry.istio-system", variables: [{ key: "path", type: "STRING" }] },
  { name: "b.logentry.istio-system", variables: [{ key: "code", type: "INT64" }, { key: "path", type: "STRING" }] },
];

describe("stdio levels and row kinds", () => {
  it("log each instance at its own severity's level, under its own name", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("INFO", "WARNING", "ERROR"),
        fc.array(fc.record({ config: fc.integer({ min: 0, max: 1 }), severity: fc.constantFrom("info", "warning", "error", "Default", "unknown") }), { maxLength: 30 }),
        (outputLevel, reports) => {
          const ring = new LogRing(100);
          const log = new MixerLog(VirtualClock.fromIso("2018-06-18T13:22:58Z"), ring);
          const handler = stdioAdapter.build("h.stdio.istio-system", { outputAsJson: true, severity_levels: SEVERITIES, output_level: outputLevel }, {
            log, metrics: new MetricsRegistry(), pods: {} as PodDirectory,
          });
          const minLevel = ["INFO", "WARNING", "ERROR"].indexOf(outputLevel);
          const expected: { level: string; instance: string; path: string }[] = [];
          reports.forEach((r, i) => {
            const config = CONFIGS[r.config];
            const values = r.config === 0 ? [`/p${i}`] : [i, `/p${i}`];
            const entry: LogEntryInstance = {
              name: config.name, template: "logentry", severity: r.severity, timestamp: 0, variables: config.variables, values, monitoredResourceType: "",
            };
            handler.report!(entry);
            // Unknown severities log at info.
            const level = SEVERITIES[r.severity] ?? 0;
            if (level >= minLevel) expected.push({ level: LEVEL_NAMES[level], instance: config.name, path: `/p${i}` });
          });
          const lines = ring.read().map((l) => JSON.parse(l) as { level: string; instance: string; path: string });
          expect(lines.map(({ level, instance, path }) => ({ level, instance, path }))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
