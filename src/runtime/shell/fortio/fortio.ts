/**
 * `fortio` (1.3.1, the load tool of Istio's samples) as a lab command inside pod containers:
 * `fortio load [-qps N] [-t D] [-c N] [-n N] [-H h] URL` drives steady traffic through the same
 * transport as curl (sidecar, egress gateway, Mixer), and `fortio curl URL` / `load -curl` makes
 * one request. Output is fortio's: logs and the report on stderr, fetched bytes on stdout.
 */
import type { CommandResult, LabCommand } from "../command.ts";
import { buildRequest, FortioClient, parseTarget } from "./client.ts";
import { LoadRun, debugSummary, type LoadDeps } from "./loop.ts";
import { parseFortioArgs, type FortioOptions } from "./options.ts";
import { bannerLine, formatLine, formatLines, logLevelLine, reportText } from "./report.ts";

export interface FortioDeps extends Omit<LoadDeps, "signal"> {
  /**
   * Takes the output of a run Ctrl-C stopped: fortio prints its report on SIGINT, but the shell
   * drops a command's output once it is interrupted, so the sandbox shows it after the `^C`.
   */
  interrupted?: (text: string) => void;
}

async function load(deps: FortioDeps, o: FortioOptions, signal: AbortSignal | undefined): Promise<CommandResult> {
  const started = deps.clock.nowMicros();
  let stderr = logLevelLine(o, started);
  // Not fortio's words: a reader must not wait for a JSON file or a server the lab never makes.
  if (o.ignoredFlags.length) stderr += `Egress Lab: fortio flags accepted but without effect in this lab: ${o.ignoredFlags.join(" ")}\n`;
  const parsed = parseTarget(o.url);
  const note = (level: "I" | "W" | "E", where: string, text: string): string => formatLine({ atMicros: deps.clock.nowMicros(), level, where, text }, o);

  if (o.justCurl) {
    if ("error" in parsed) return { stdout: "", stderr: stderr + note("E", "http_client.go:343", `Unable to parse url ${o.url} : ${parsed.error}`), exitCode: 1 };
    if (parsed.assumedHttp) stderr += note("I", "http_client.go:102", `Assuming http:// on missing scheme for '${o.url}'`);
    const client = new FortioClient(deps.transport, deps.source, buildRequest(parsed.target, o), o);
    const at = deps.clock.nowMicros();
    const fetched = client.fetch();
    stderr += formatLines(fetched.logs.map((l) => ({ atMicros: at, level: l.level, where: l.where, text: l.message })), o);
    deps.clock.advance(fetched.durationMicros);
    const data = fetched.data();
    if (fetched.code !== 200) {
      stderr += note("E", "commonflags.go:112", `Error status ${fetched.code} : ${debugSummary(data, 512)}`);
      return { stdout: data, stderr, exitCode: 1 };
    }
    return { stdout: data, stderr, exitCode: 0 };
  }

  stderr += bannerLine(o);
  if ("error" in parsed) {
    stderr += note("E", "http_client.go:343", `Unable to parse url ${o.url} : ${parsed.error}`);
    return { stdout: "", stderr: stderr + `Aborting because unable to create client 0 for ${o.url}\n`, exitCode: 1 };
  }
  const run = new LoadRun({ ...deps, signal }, o, buildRequest(parsed.target, o));
  if (parsed.assumedHttp) run.initLogs.push({ atMicros: started, level: "I", where: "http_client.go:102", text: `Assuming http:// on missing scheme for '${o.url}'` });
  if (parsed.target.scheme === "https" && !o.stdClient) {
    run.initLogs.push({ atMicros: started, level: "W", where: "http_client.go:108", text: "https requested, switching to standard go client" });
  }
  const result = await run.run();
  stderr += formatLines(result.lines, o);
  if (result.abortError !== undefined) return { stdout: "", stderr: stderr + `Aborting because ${result.abortError}\n`, exitCode: 1 };
  stderr += reportText(result, o);
  if (result.interrupted) deps.interrupted?.(stderr);
  return { stdout: "", stderr, exitCode: 0 };
}

export function createFortio(deps: FortioDeps): LabCommand {
  return async (args, io) => {
    const parsed = parseFortioArgs(args);
    if (parsed.kind === "exit") return { stdout: parsed.stdout, stderr: parsed.stderr, exitCode: parsed.exitCode };
    return load(deps, parsed.options, io.signal);
  };
}
