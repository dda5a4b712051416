/** A scripted Transport for curl tests: answers each request from a list, records what it got. */
import { VirtualClock } from "../../../src/runtime/clock.ts";
import type { CommandIO } from "../../../src/runtime/shell/command.ts";
import type { Exchange, Header, HttpRequest, RequestSource, SendOptions, Transport } from "../../../src/runtime/proxy/http.ts";
import { createCurl } from "../../../src/runtime/shell/curl/curl.ts";
import type { RequestTrace } from "../../../src/runtime/proxy/trace.ts";

export interface Reply {
  status?: number;
  statusText?: string;
  headers?: [string, string][];
  body?: string;
  durationMicros?: number;
  error?: { curlCode: number; message: string };
}

export interface Sent {
  source: RequestSource;
  request: HttpRequest;
  options?: SendOptions;
}

const trace = (request: HttpRequest): RequestTrace => ({
  id: "t", startMicros: 0, durationMicros: 0, source: "test", method: request.method, url: request.path, hops: [], why: "",
});

export class ScriptedTransport implements Transport {
  readonly sent: Sent[] = [];
  /** How many times a response body's text was built (it must stay 0 for -o /dev/null). */
  textReads = 0;
  constructor(private readonly replies: Reply[]) {}

  send(source: RequestSource, request: HttpRequest, options?: SendOptions): Exchange {
    this.sent.push({ source, request, options });
    const reply = this.replies[Math.min(this.sent.length - 1, this.replies.length - 1)];
    const durationMicros = reply.durationMicros ?? 100_000;
    if (reply.error) return { ok: false, error: reply.error, durationMicros, trace: trace(request) };
    const body = reply.body ?? "";
    const headers: Header[] = (reply.headers ?? []).map(([name, value]) => ({ name, value }));
    return {
      ok: true,
      durationMicros,
      trace: trace(request),
      response: {
        status: reply.status ?? 200,
        statusText: reply.statusText ?? "OK",
        headers,
        body: { size: new TextEncoder().encode(body).length, text: () => (this.textReads++, body) },
      },
    };
  }
}

export const CNN_IP = "151.101.1.67";

export interface Harness {
  transport: ScriptedTransport;
  clock: VirtualClock;
  files: Map<string, string>;
  run(args: string[], stdin?: string): Promise<{ stdout: string; stderr: string; exitCode: number }>;
}

export function harness(replies: Reply[]): Harness {
  const transport = new ScriptedTransport(replies);
  const clock = VirtualClock.fromIso("2018-06-18T13:22:58Z");
  const files = new Map<string, string>();
  const curl = createCurl({
    transport,
    clock,
    source: { kind: "pod", namespace: "default", pod: "sleep-6859f9d5cb-l877h", container: "sleep" },
    resolve: (host) => (host.endsWith("cnn.com") ? CNN_IP : undefined),
    localIp: "172.30.146.87",
  });
  return {
    transport,
    clock,
    files,
    run: (args, stdin = "") => {
      const io: CommandIO = {
        stdin,
        cwd: "/root",
        env: new Map(),
        readFile: async (path) => {
          const content = files.get(path);
          if (content === undefined) throw new Error(`${path}: No such file or directory`);
          return content;
        },
        writeFile: async (path, content) => {
          if (path.startsWith("/nonexistent/")) throw new Error("ENOENT");
          files.set(path, content);
        },
      };
      return curl(args, io);
    },
  };
}

/** CNN's answer through Envoy on port 80 (lower-case header names). */
export const CNN_301: Reply = {
  status: 301,
  statusText: "Moved Permanently",
  headers: [
    ["server", "envoy"],
    ["retry-after", "0"],
    ["content-length", "0"],
    ["location", "https://edition.cnn.com/politics"],
    ["date", "Thu, 14 Jun 2018 11:46:23 GMT"],
  ],
  durationMicros: 3_000,
};

/** CNN's page fetched directly over HTTPS (origin capitalisation). */
export const CNN_200: Reply = {
  status: 200,
  statusText: "OK",
  headers: [
    ["Content-Type", "text/html; charset=utf-8"],
    ["Content-Length", "27"],
  ],
  body: "<html>politics page</html>\n",
  durationMicros: 250_000,
};
