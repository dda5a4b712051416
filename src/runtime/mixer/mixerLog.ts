/**
 * Mixer's own log lines, as Istio's `pkg/log` (zap console encoder) writes them on the mixer
 * container's stdout: `2018-06-18T13:22:58.317448Z\twarn\t<message>`. Adapter output (stdio)
 * goes to the same sink, which is what `kubectl logs ... mixer` shows.
 */
import { formatMicrosIso, type Clock } from "../clock.ts";
import { writeRow, type LogSink, type RowKind } from "../cluster/logs.ts";

export type ZapLevel = "debug" | "info" | "warn" | "error";

export class MixerLog {
  /** Lines and rows written so far: tells a caller whether a call logged anything. */
  written = 0;

  constructor(private readonly clock: Clock, readonly sink: LogSink) {}

  log(level: ZapLevel, message: string): void {
    this.written++;
    const prefix = `${formatMicrosIso(this.clock.nowMicros())}\t${level}\t`;
    // zap writes a message with newlines verbatim; a log reader sees several lines.
    const lines = message.split("\n");
    this.sink.write(prefix + lines[0]);
    for (let i = 1; i < lines.length; i++) this.sink.write(lines[i]);
  }

  info(message: string): void {
    this.log("info", message);
  }

  warn(message: string): void {
    this.log("warn", message);
  }

  error(message: string): void {
    this.log("error", message);
  }

  /** Raw adapter output (stdio lines already formatted). */
  write(line: string): void {
    this.written++;
    this.sink.write(line);
  }

  /** Raw adapter output formatted when read (stdio's per-request lines). */
  writeRow<E>(kind: RowKind<E>, entry: E): void {
    this.written++;
    writeRow(this.sink, kind, entry);
  }
}
