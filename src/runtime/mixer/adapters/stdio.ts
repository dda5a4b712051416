/**
 * stdio: writes logentry instances to Mixer's stdout with zap, one line per instance.
 * JSON mode: `{"level":..,"time":..,"instance":..,<variables sorted>}`; console mode:
 * `<time>\t<level>\t<instance>\t{"k": v, "k2": v2}`. `severity_levels` given in config replaces
 * the default map; unknown severities log at info.
 */
import { decodeMessage, type MessageSpec } from "../handlerParams.ts";
import type { LogEntryInstance, LogEntryVariable } from "../templates/logentry.ts";
import type { BuiltInstance } from "../templates/template.ts";
import { zapQuote, zapTime, zapValue } from "../zapEncoding.ts";
import { AdapterConfigError, type AdapterInfo, type Handler } from "./adapter.ts";
import { LogEntryRowKinds } from "./stdioRows.ts";

/** `,"key":` prefixes per logentry config (the variables array is shared by its instances). */
const keyPrefixes = new WeakMap<readonly LogEntryVariable[], string[]>();

function prefixesOf(vars: readonly LogEntryVariable[]): string[] {
  let p = keyPrefixes.get(vars);
  if (!p) keyPrefixes.set(vars, (p = vars.map((v) => `,${zapQuote(v.key)}:`)));
  return p;
}

const DROPPED = ["info", "warn", "error"].map((l) => `dropped: level ${l} is below output_level`);

const LEVELS = ["INFO", "WARNING", "ERROR"] as const;
const STREAMS = ["STDOUT", "STDERR", "FILE", "ROTATED_FILE"] as const;
/** zap's LowercaseLevelEncoder names of Level 0/1/2. */
const ZAP_LEVEL = ["info", "warn", "error"];

const PARAMS: MessageSpec = {
  typeName: "config.Params",
  fields: [
    { name: "log_stream", kind: "enum", values: STREAMS },
    { name: "severity_levels", kind: "map" },
    { name: "metric_level", kind: "enum", values: LEVELS },
    { name: "output_as_json", kind: "bool" },
    { name: "output_level", kind: "enum", values: LEVELS },
    { name: "output_path", kind: "string" },
    { name: "max_megabytes_before_rotation", kind: "int" },
    { name: "max_days_before_rotation", kind: "int" },
    { name: "max_rotated_files", kind: "int" },
  ],
};


const DEFAULT_SEVERITIES: Record<string, string> = {
  INFORMATIONAL: "INFO", informational: "INFO", INFO: "INFO", info: "INFO",
  WARNING: "WARNING", warning: "WARNING", WARN: "WARNING", warn: "WARNING",
  ERROR: "ERROR", error: "ERROR", ERR: "ERROR", err: "ERROR", FATAL: "ERROR", fatal: "ERROR",
};

const DEFAULTS: Record<string, unknown> = {
  log_stream: "STDOUT",
  severity_levels: DEFAULT_SEVERITIES,
  metric_level: "INFO",
  output_as_json: true,
  output_level: "INFO",
  output_path: "",
  max_megabytes_before_rotation: 100 * 1024 * 1024,
  max_days_before_rotation: 30,
  max_rotated_files: 1000,
};

function levelIndex(v: unknown): number {
  if (typeof v === "number") return v >= 0 && v <= 2 ? v : 0;
  const i = LEVELS.indexOf(v as (typeof LEVELS)[number]);
  return i < 0 ? 0 : i;
}

export const stdioAdapter: AdapterInfo = {
  name: "stdio",
  templates: ["logentry", "metric"],
  build(fullName, spec, ctx): Handler {
    const p = decodeMessage(PARAMS, spec, DEFAULTS);
    const stream = p.log_stream as string;
    const path = p.output_path as string;
    if ((stream === "FILE" || stream === "ROTATED_FILE") && path === "") {
      throw new AdapterConfigError("outputPath: Must specify an output path when using FILE or ROTATED_FILE");
    }
    if ((stream === "STDOUT" || stream === "STDERR") && path !== "") {
      throw new AdapterConfigError("outputPath: Must not specify an output path when using STDOUT or STDERR");
    }
    const severities = new Map<string, number>();
    for (const [k, v] of Object.entries(p.severity_levels as Record<string, unknown>)) {
      if (typeof v === "number" ? !(v >= 0 && v <= 2) : !LEVELS.includes(v as (typeof LEVELS)[number])) {
        throw new AdapterConfigError(`unknown value ${JSON.stringify(v)} for enum config.Params_Level`);
      }
      severities.set(k, levelIndex(v));
    }
    const json = p.output_as_json as boolean;
    const minLevel = levelIndex(p.output_level);
    // FILE and ROTATED_FILE write inside the container, not to its stdout: nothing reaches the log.
    const toStdout = stream === "STDOUT" || stream === "STDERR";

    const format = (e: LogEntryInstance, level: number): string => {
      const time = e.timestamp === undefined ? "0001-01-01T00:00:00.000000Z" : zapTime(e.timestamp);
      const vars = e.variables;
      if (json) {
        // Joined from parts, not concatenated: a flat string is far cheaper to keep in the log ring.
        const keys = prefixesOf(vars);
        const parts = new Array<string>(vars.length * 2 + 2);
        parts[0] = `{"level":"${ZAP_LEVEL[level]}","time":"${time}","instance":${zapQuote(e.name)}`;
        for (let i = 0; i < vars.length; i++) {
          parts[2 * i + 1] = keys[i];
          parts[2 * i + 2] = zapValue(e.values[i], vars[i].type);
        }
        parts[parts.length - 1] = "}";
        return parts.join("");
      }
      const fields = vars.map((v, i) => `${zapQuote(v.key)}: ${zapValue(e.values[i], v.type)}`).join(", ");
      return `${time}\t${ZAP_LEVEL[level]}\t${e.name}\t{${fields}}`;
    };

    const rowKinds = new LogEntryRowKinds(format);
    let lastSeverity: string | undefined;
    let lastLevel = 0;

    // Per-level explanations, built once (they are shared by every request's trace).
    const logged = ZAP_LEVEL.map((l) => `logged at level ${l}${toStdout ? "" : ` to ${path}`}`);

    return {
      name: fullName,
      adapter: "stdio",
      report(instance: BuiltInstance): string {
        if (instance.template !== "logentry") return "metric instances are not logged by this lab's stdio";
        const entry = instance as LogEntryInstance;
        // One instance config mostly logs one severity: its level is looked up once.
        if (entry.severity !== lastSeverity) {
          lastSeverity = entry.severity;
          lastLevel = severities.get(entry.severity) ?? 0;
        }
        const level = lastLevel;
        if (level < minLevel) return DROPPED[level];
        // The log keeps the instance's values, and formats the line when it is read.
        if (toStdout) ctx.log.writeRow(rowKinds.of(entry, level), entry);
        return logged[level];
      },
    };
  },
};
