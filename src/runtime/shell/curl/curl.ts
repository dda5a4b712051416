/**
 * `curl` (7.35.0, the tutum/curl image of Istio's sleep sample) as a lab command: parses the
 * command line, runs each URL over the lab transport and writes what curl would write to
 * stdout, stderr and files, with curl's exit codes.
 */
import type { Clock } from "../../clock.ts";
import type { RequestSource, Transport } from "../../proxy/http.ts";
import type { CommandIO, CommandResult, LabCommand } from "../command.ts";
import { parseCurlArgs, type CurlOptions, type DataPart, type UrlJob } from "./options.ts";
import { HELP_TEXT, MANUAL_MISSING, TRY_HELP, VERSION_TEXT } from "./texts.ts";
import { CurlSession, performTransfer } from "./transfer.ts";
import { curlEscape } from "./url.ts";
import { renderWriteOut } from "./writeout.ts";

export interface CurlDeps {
  transport: Transport;
  source: RequestSource;
  clock: Clock;
  /**
   * The IPv4 address a host resolves to from this source (for -v and %{remote_ip}); the lab's
   * DNS knows it. Without it, curl shows IP literals as typed and a stable made-up address.
   */
  resolve?: (host: string) => string | undefined;
  /** The source's own address (%{local_ip}), e.g. the pod IP. */
  localIp?: string;
}

/** Deterministic stand-in address (10.x.y.z) for a name the lab's DNS was not asked about. */
function fallbackIp(host: string): string {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return host;
  if (host.toLowerCase() === "localhost") return "127.0.0.1";
  let h = 2166136261;
  for (let i = 0; i < host.length; i++) h = Math.imul(h ^ host.charCodeAt(i), 16777619) >>> 0;
  return `10.${(h >>> 16) & 255}.${(h >>> 8) & 255}.${(h & 254) + 1}`;
}

interface DataResolution {
  data?: string;
  warnings: string[];
}

/** Reads `@file` / `@-` the way -d (strip CR/LF), --data-binary (as is) and --data-urlencode do. */
async function readDataSource(name: string, io: CommandIO): Promise<string | undefined> {
  if (name === "-") return io.stdin;
  try {
    return await io.readFile(name);
  } catch {
    return undefined;
  }
}

async function resolveData(parts: readonly DataPart[], io: CommandIO): Promise<DataResolution> {
  const warnings: string[] = [];
  if (parts.length === 0) return { warnings };
  const pieces: string[] = [];
  const unreadable = (file: string): string => {
    warnings.push(`Warning: Couldn't read data from file "${file}", this makes an empty POST.`);
    return "";
  };
  for (const part of parts) {
    const v = part.value;
    if (part.kind === "urlencode") {
      // [name]=content, [name]@file, or plain content: only the content part is encoded.
      let sep = v.indexOf("=");
      if (sep < 0) sep = v.indexOf("@");
      const name = sep > 0 ? v.slice(0, sep) : "";
      const isFile = sep >= 0 && v[sep] === "@";
      const rest = sep >= 0 ? v.slice(sep + 1) : v;
      const content = isFile ? (await readDataSource(rest, io)) ?? unreadable(rest) : rest;
      pieces.push(name ? `${name}=${curlEscape(content)}` : curlEscape(content));
    } else if (v.startsWith("@")) {
      const file = v.slice(1);
      const content = (await readDataSource(file, io)) ?? unreadable(file);
      pieces.push(part.kind === "ascii" ? content.replace(/[\r\n]/g, "") : content);
    } else {
      pieces.push(v);
    }
  }
  return { data: pieces.join("&"), warnings };
}

/** get_url_file_name: whatever follows the last `/` after `://`, query included. */
function remoteFileName(url: string): string {
  const schemeEnd = url.indexOf("://");
  const rest = schemeEnd >= 0 ? url.slice(schemeEnd + 3) : url;
  const slash = rest.lastIndexOf("/");
  return slash >= 0 ? rest.slice(slash + 1) : "";
}

function outputTarget(job: UrlJob): { kind: "stdout" } | { kind: "file"; path: string } | { kind: "noname" } {
  if (job.remoteName && job.output === undefined) {
    const name = remoteFileName(job.url);
    return name ? { kind: "file", path: name } : { kind: "noname" };
  }
  if (job.output === undefined || job.output === "-") return { kind: "stdout" };
  return { kind: "file", path: job.output };
}

const usage = (message: string, prefix = ""): CommandResult => ({
  stdout: "",
  stderr: `${prefix}curl: ${message}\n${TRY_HELP}`,
  exitCode: 2,
});

async function run(deps: CurlDeps, o: CurlOptions, io: CommandIO, earlyWarnings: string[]): Promise<CommandResult> {
  let stdout = "";
  let stderr = "";
  const warn = (lines: readonly string[]): void => {
    if (!o.silent) for (const line of lines) stderr += line + "\n";
  };
  warn(earlyWarnings);
  if (o.jobs.length === 0) return usage("no URL specified!", stderr);

  const data = await resolveData(o.data, io);
  warn(data.warnings);

  const resolveIp = (host: string): string => deps.resolve?.(host) ?? fallbackIp(host);
  const transferDeps = { transport: deps.transport, source: deps.source, clock: deps.clock, resolveIp, localIp: deps.localIp ?? "" };
  const session = new CurlSession();
  let headerFile = "";
  let exitCode = 0;

  for (const job of o.jobs) {
    if (io.signal?.aborted) return { stdout, stderr, exitCode: 130 };
    const target = outputTarget(job);
    if (target.kind === "noname") {
      return { stdout, stderr: stderr + `curl: Remote file name has no length!\n${TRY_HELP}`, exitCode: 23 };
    }
    const toFile = target.kind === "file";
    const devNull = toFile && target.path === "/dev/null";
    const result = performTransfer(transferDeps, session, {
      url: job.url,
      options: o,
      postData: data.data,
      wantBody: !devNull,
      bodyToTerminal: !toFile,
      showMeter: toFile && !o.silent,
    });
    stderr += result.stderr;
    if (toFile) result.info.filenameEffective = target.path;

    if (o.dumpHeader === "-") stdout += result.headerDump;
    else if (o.dumpHeader !== undefined) headerFile += result.headerDump;

    let code = result.exitCode;
    let message = result.errorMessage;
    if (!toFile) stdout += result.output;
    else if (!devNull && result.outputBytes > 0) {
      try {
        await io.writeFile(target.path, result.output);
      } catch {
        // tool_write_cb opens the file on the first write; failing that aborts the transfer.
        warn([`Warning: Failed to create the file ${target.path}: No such file or directory`]);
        code = 23;
        message = `Failed writing body (0 != ${Math.min(result.outputBytes, 16384)})`;
      }
    }
    if (code !== 0 && (!o.silent || o.showError)) stderr += `curl: (${code}) ${message}\n`;
    if (o.writeOut !== undefined) {
      const format = o.writeOut.startsWith("@") ? (await readDataSource(o.writeOut.slice(1), io)) ?? "" : o.writeOut;
      const w = renderWriteOut(format, result.info);
      stdout += w.stdout;
      stderr += w.stderr;
    }
    exitCode = code;
  }

  if (o.dumpHeader !== undefined && o.dumpHeader !== "-") {
    try {
      await io.writeFile(o.dumpHeader, headerFile);
    } catch {
      warn([`Warning: Failed to open ${o.dumpHeader}`]);
    }
  }
  return { stdout, stderr, exitCode };
}

export function createCurl(deps: CurlDeps): LabCommand {
  return async (args, io) => {
    const parsed = parseCurlArgs(args);
    switch (parsed.kind) {
      case "help":
        return { stdout: HELP_TEXT, stderr: "", exitCode: 0 };
      case "version":
        return { stdout: VERSION_TEXT, stderr: "", exitCode: 0 };
      case "manual":
        return { stdout: "", stderr: MANUAL_MISSING, exitCode: 2 };
      case "error":
        return usage(parsed.message, parsed.warnings.map((w) => w + "\n").join(""));
      case "run":
        return run(deps, parsed.options, io, parsed.warnings);
    }
  };
}
