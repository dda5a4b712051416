/**
 * A minimal Chrome DevTools Protocol client over `--remote-debugging-pipe` (JSON messages ended
 * by NUL on file descriptors 3 and 4), for measurements Playwright would distort: Playwright
 * attaches to every worker with the debugger paused at start and its Runtime and Network domains
 * on, which made the runtime worker's start ~0.4 s slower than a reader's browser.
 */
import { spawn, type ChildProcess } from "node:child_process";
import type { Readable, Writable } from "node:stream";

interface Pending {
  resolve(result: Record<string, unknown>): void;
  reject(error: Error): void;
}

export class CdpPipe {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private buffer = "";

  private constructor(private readonly child: ChildProcess, private readonly out: Writable, input: Readable) {
    input.setEncoding("utf8");
    input.on("data", (chunk: string) => this.receive(chunk));
  }

  static launch(executable: string, args: readonly string[]): CdpPipe {
    const child = spawn(executable, ["--remote-debugging-pipe", ...args, "about:blank"], { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] });
    return new CdpPipe(child, child.stdio[3] as Writable, child.stdio[4] as Readable);
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.out.write(JSON.stringify({ id, method, params, sessionId }) + "\0");
    });
  }

  /** Ends the browser (as a user closing it, so its helper processes end too) and waits for it to exit. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5000);
    this.send("Browser.close").catch(() => undefined);
    await exited;
    clearTimeout(timer);
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf("\0")) >= 0) {
      const message = JSON.parse(this.buffer.slice(0, end)) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
      this.buffer = this.buffer.slice(end + 1);
      const p = message.id !== undefined ? this.pending.get(message.id) : undefined;
      if (!p) continue; // an event: not needed here
      this.pending.delete(message.id!);
      if (message.error) p.reject(new Error(message.error.message));
      else p.resolve(message.result ?? {});
    }
  }
}

/**
 * Navigates a fresh browser context (empty cache and storage) to `url`, waits for the page's
 * `marks[0]` mark and returns every one of `marks`' start times (ms since navigation; NaN for
 * a mark the page did not set), polling the page only, never its workers.
 */
export async function coldMarks(cdp: CdpPipe, url: string, marks: readonly string[], timeoutMs = 30_000): Promise<number[]> {
  const { browserContextId } = await cdp.send("Target.createBrowserContext");
  try {
    const { targetId } = await cdp.send("Target.createTarget", { url: "about:blank", browserContextId });
    const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: true });
    const session = sessionId as string;
    // As Playwright's newPage: the tab's renderer is up (about:blank answered) before navigating.
    await cdp.send("Runtime.evaluate", { expression: "1" }, session);
    await cdp.send("Page.navigate", { url }, session);
    const deadline = Date.now() + timeoutMs;
    const read = `(() => { const at = (n) => performance.getEntriesByName(n, "mark")[0]?.startTime ?? null;
      return at(${JSON.stringify(marks[0])}) === null ? null : ${JSON.stringify(marks)}.map((n) => at(n) ?? -1); })()`;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      const { result } = await cdp.send("Runtime.evaluate", { expression: read, returnByValue: true }, session);
      const value = (result as { value: number[] | null }).value;
      if (value) return value.map((v) => (v < 0 ? Number.NaN : v));
    }
    throw new Error(`no "${marks[0]}" mark on ${url} within ${timeoutMs} ms`);
  } finally {
    await cdp.send("Target.disposeBrowserContext", { browserContextId });
  }
}
