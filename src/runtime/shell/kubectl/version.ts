/** `kubectl version` as a 1.10.0 client talking to a 1.10.0 API server. */
import type { VerbContext } from "./context.ts";
import { KubectlError } from "./errors.ts";

const GIT_VERSION = "v1.10.0";
const COMMIT = "fc32d2f3698e36b93322a3465f63a14e9f0eaead";

function info(buildDate: string): Record<string, string> {
  return {
    Major: "1", Minor: "10", GitVersion: GIT_VERSION, GitCommit: COMMIT, GitTreeState: "clean",
    BuildDate: buildDate, GoVersion: "go1.9.3", Compiler: "gc", Platform: "linux/amd64",
  };
}

const CLIENT = info("2018-03-26T16:55:54Z");
const SERVER = info("2018-03-26T16:44:10Z");

const goStruct = (o: Record<string, string>) => `version.Info{${Object.entries(o).map(([k, v]) => `${k}:${JSON.stringify(v)}`).join(", ")}}`;

export function runVersion(ctx: VerbContext): void {
  const clientOnly = ctx.flags.bool("client");
  const output = ctx.flags.str("output");
  if (ctx.flags.bool("short")) {
    ctx.stdout.push(`Client Version: ${GIT_VERSION}\n` + (clientOnly ? "" : `Server Version: ${GIT_VERSION}\n`));
    return;
  }
  const lower = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k[0].toLowerCase() + k.slice(1), v]));
  if (output === "json") {
    const body: Record<string, unknown> = { clientVersion: lower(CLIENT) };
    if (!clientOnly) body.serverVersion = lower(SERVER);
    ctx.stdout.push(JSON.stringify(body, null, 2) + "\n");
    return;
  }
  if (output === "yaml") {
    const block = (title: string, o: Record<string, string>) => `${title}:\n` + Object.entries(lower(o)).map(([k, v]) => `  ${k}: ${v}`).join("\n") + "\n";
    ctx.stdout.push(block("clientVersion", CLIENT) + (clientOnly ? "" : block("serverVersion", SERVER)));
    return;
  }
  if (output !== undefined && output !== "") throw new KubectlError("--output must be 'yaml' or 'json'");
  ctx.stdout.push(`Client Version: ${goStruct(CLIENT)}\n` + (clientOnly ? "" : `Server Version: ${goStruct(SERVER)}\n`));
}
