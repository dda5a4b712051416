/**
 * The text fortio 1.3.1 prints: its log lines (`15:04:05 I file.go:N> message`, Go's log with
 * Ltime, fortio's level letter and caller), the banner, and the report after a run. fortio
 * writes all of it to stderr (fortio_main.go sets `out := os.Stderr`; the logger writes there
 * too); only `fortio curl` puts the fetched bytes on stdout.
 */
import { FORTIO_VERSION, LOG_LEVELS } from "./flags.ts";
import { goDuration, goF, goG } from "./goFormat.ts";
import { GOMAXPROCS, type RunLine, type RunResult } from "./loop.ts";
import type { FortioOptions } from "./options.ts";

const LEVEL_OF: Record<NonNullable<RunLine["level"]>, number> = { I: 2, W: 3, E: 4 };

/** `HH:MM:SS` in UTC (containers run on UTC). */
function clockTime(micros: number): string {
  return new Date(Math.floor(micros / 1000)).toISOString().slice(11, 19);
}

/** One output line as fortio writes it, or "" when the log level hides it. */
export function formatLine(line: RunLine, o: FortioOptions): string {
  if (!line.level) return line.text;
  if (o.logLevel > LEVEL_OF[line.level]) return "";
  const caller = o.logCaller && line.where ? ` ${line.where}` : " ";
  return `${clockTime(line.atMicros)} ${line.level}${caller}> ${line.text}\n`;
}

/** The lines of a run in time order (threads finish out of order; the log shows them as they happen). */
export function formatLines(lines: readonly RunLine[], o: FortioOptions): string {
  return lines
    .map((l, i) => ({ l, i }))
    .sort((a, b) => a.l.atMicros - b.l.atMicros || a.i - b.i)
    .map(({ l }) => formatLine(l, o))
    .join("");
}

/** `-loglevel X` is logged by the logger itself, whatever the new level. */
export function logLevelLine(o: FortioOptions, atMicros: number): string {
  if (!o.logLevelChanged) return "";
  return `${clockTime(atMicros)} I logger.go:97> Log level is now ${o.logLevel} ${LOG_LEVELS[o.logLevel]} (was 2 Info)\n`;
}

/** The banner fortioLoad prints first. */
export function bannerLine(o: FortioOptions): string {
  let text = `Fortio ${FORTIO_VERSION} running at ${goG(o.qps)} queries per second, ${GOMAXPROCS}->${GOMAXPROCS} procs`;
  if (o.exactly > 0) text += `, for ${o.exactly} calls: ${o.url}`;
  else if (o.durationMicros <= 0) text += `, until interrupted: ${o.url}`;
  else text += `, for ${goDuration(o.durationMicros)}: ${o.url}`;
  return text + "\n";
}

/** Everything printed after the threads end: periodic.Run's summary, then RunHTTPTest's, then main's. */
export function reportText(r: RunResult, o: FortioOptions): string {
  const warning = o.logLevel <= 3;
  const verbose = o.logLevel <= 1;
  const count = r.durations.count;
  const seconds = r.elapsedMicros / 1e6;
  const actualQPS = count / seconds;
  let out = "";
  if (warning) out += `Ended after ${goDuration(r.elapsedMicros)} : ${count} calls. qps=${goG(actualQPS, 5)}\n`;
  if (r.useQPS) {
    const behind = 100 * r.sleeps.firstBucketShare();
    if (behind > 5) {
      out += r.sleeps.print("Aggregated Sleep Time", [50]);
      out += `WARNING ${goF(behind, 2)}% of sleep were falling behind\n`;
    } else if (verbose) out += r.sleeps.print("Aggregated Sleep Time", [50]);
    else if (warning) out += r.sleeps.line("Sleep times");
  }
  if (warning) out += r.durations.print("Aggregated Function Time", o.percentiles);
  else out += r.durations.line("Aggregated Function Time") + r.durations.targets(o.percentiles);
  out += `Sockets used: ${r.sockets} (for perfect keepalive, would be ${r.threads})\n`;
  for (const code of [...r.codes.keys()].sort((a, b) => a - b)) {
    const n = r.codes.get(code)!;
    out += `Code ${String(code).padStart(3)} : ${n} (${goF((100 * n) / count, 1)} %)\n`;
  }
  if (verbose) {
    out += r.headerSizes.print("Response Header Sizes Histogram", []);
    out += r.sizes.print("Response Body/Total Sizes Histogram", []);
  } else if (warning) {
    out += r.headerSizes.line("Response Header Sizes");
    out += r.sizes.line("Response Body/Total Sizes");
  }
  const warmup = o.exactly > 0 ? 0 : o.connections;
  out += `All done ${count} calls (plus ${warmup} warmup) ${goF(1000 * r.durations.avg(), 3)} ms avg, ${goF(actualQPS, 1)} qps\n`;
  return out;
}
