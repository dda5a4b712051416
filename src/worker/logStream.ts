/**
 * Streams the two logs the Logs panel shows (Mixer's telemetry log and the egress gateway's
 * access log) out of a sandbox, batched so a tight curl loop costs one message per interval.
 */
import type { Sandbox } from "../runtime/sandbox.ts";
import type { LogLine, LogSource } from "./protocol.ts";

/** Which container logs feed which stream. */
export function logSourceOf(namespace: string, pod: string, container: string): LogSource | undefined {
  if (namespace !== "istio-system") return undefined;
  if (container === "mixer" && pod.startsWith("istio-telemetry-")) return "mixer";
  if (container === "egressgateway" && pod.startsWith("istio-egressgateway-")) return "egressgateway";
  return undefined;
}

/** The newest `limit` lines of each stream, oldest first, from the sandbox's retained logs. */
export function logBacklog(sandbox: Sandbox, limit: number): LogLine[] {
  const out: LogLine[] = [];
  for (const [key, lines] of Object.entries(sandbox.logs.snapshot())) {
    const [namespace, pod, container] = key.split("/");
    const source = logSourceOf(namespace, pod, container);
    if (!source) continue;
    for (const text of lines.slice(-limit)) out.push({ source, container: key, text });
  }
  return out;
}

export class LogStream {
  private buffer: LogLine[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly emit: (lines: LogLine[]) => void, private readonly intervalMs = 100, private readonly maxBuffered = 2000) {}

  attach(sandbox: Sandbox): void {
    this.detach();
    this.unsubscribe = sandbox.logs.subscribe((namespace, pod, container, text) => {
      const source = logSourceOf(namespace, pod, container);
      if (!source) return;
      this.buffer.push({ source, container: `${namespace}/${pod}/${container}`, text });
      // The panel keeps only the newest lines; so does the buffer between flushes.
      if (this.buffer.length > this.maxBuffered) this.buffer.splice(0, this.buffer.length - this.maxBuffered);
      this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
    });
  }

  detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.buffer = [];
  }

  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.buffer.length) return;
    const lines = this.buffer;
    this.buffer = [];
    this.emit(lines);
  }
}
