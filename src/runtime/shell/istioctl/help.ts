/**
 * istioctl 0.8's command table and cobra's help/usage layout for it: `--help` output, the
 * usage block printed before argument errors, and "Did you mean this?" suggestions.
 */
import type { FlagSpec } from "./flags.ts";
import { codeUnitOrder } from "../../codeUnitOrder.ts";

export interface CommandSpec {
  name: string;
  use: string;
  short: string;
  long?: string;
  example?: string;
  flags: FlagSpec[];
  /** Listed by `istioctl --help` but not emulated by the lab. */
  notEmulated?: boolean;
}

export const GLOBAL_FLAGS: FlagSpec[] = [
  { long: "context", help: "The name of the kubeconfig context to use", type: "string" },
  { long: "istioNamespace", short: "i", help: "Istio system namespace", type: "string", defaultText: '"istio-system"' },
  { long: "kubeconfig", short: "c", help: "Kubernetes configuration file", type: "string" },
  { long: "namespace", short: "n", help: "Config namespace", type: "string" },
  { long: "platform", short: "p", help: "Istio host platform", type: "string", defaultText: '"kube"' },
];

const FILE_FLAG: FlagSpec = { long: "file", short: "f", type: "string", help: "Input file with the content of the configuration objects (if not set, command reads from the standard input)" };

export const ROOT_LONG = `
Istio configuration command line utility.

Create, list, modify, and delete configuration resources in the Istio
system.

Available routing and traffic management configuration types:

\t[virtualservice gateway destinationrule serviceentry httpapispec httpapispecbinding quotaspec quotaspecbinding servicerole servicerolebinding policy]

Legacy routing and traffic management configuration types:

\t[routerule egressrule destinationpolicy]

See https://istio.io/docs/reference/ for an overview of Istio routing.
`;

export const COMMANDS: CommandSpec[] = [
  { name: "context-create", use: "context-create --api-server http://<ip>:<port>", short: "Create a kubeconfig file suitable for use with istioctl in a non kubernetes environment", flags: [], notEmulated: true },
  { name: "create", use: "create", short: "Create policies and rules", example: "istioctl create -f example-routing.yaml", flags: [FILE_FLAG] },
  {
    name: "delete", use: "delete <type> <name> [<name2> ... <nameN>]", short: "Delete policies or rules",
    example: "# Delete a rule using the definition in example-routing.yaml.\nistioctl delete -f example-routing.yaml\n\n# Delete the virtual service bookinfo\nistioctl delete virtualservice bookinfo\n",
    flags: [FILE_FLAG],
  },
  { name: "deregister", use: "deregister <svcname> <ip>", short: "De-registers a service instance", flags: [], notEmulated: true },
  { name: "experimental", use: "experimental", short: "Experimental commands that may be modified or deprecated", flags: [], notEmulated: true },
  { name: "gen-deploy", use: "gen-deploy", short: "Generates the configuration for Istio's control plane.", flags: [], notEmulated: true },
  {
    name: "get", use: "get <type> [<name>]", short: "Retrieve policies and rules",
    example: "# List all virtual services\nistioctl get virtualservices\n\n# List all destination rules\nistioctl get destinationrules\n\n# Get a specific virtual service named bookinfo\nistioctl get virtualservice bookinfo\n",
    flags: [
      { long: "all-namespaces", bool: true, help: "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace." },
      { long: "output", short: "o", type: "string", defaultText: '"short"', help: "Output format. One of:yaml|short" },
    ],
  },
  {
    name: "kube-inject", use: "kube-inject", short: "Inject Envoy sidecar into Kubernetes pod resources",
    long: "\n\nkube-inject manually injects envoy sidecar into kubernetes\nworkloads. Unsupported resources are left unmodified so it is safe to\nrun kube-inject over a single file that contains multiple Service,\nConfigMap, Deployment, etc. definitions for a complex application. Its\nbest to do this when the resource is initially created.\n",
    example: "\n# Update resources on the fly before applying.\nkubectl apply -f <(istioctl kube-inject -f <resource.yaml>)\n\n# Create a persistent version of the deployment with Envoy sidecar\n# injected.\nistioctl kube-inject -f deployment.yaml -o deployment-injected.yaml\n\n# Update an existing deployment.\nkubectl get deployment -o yaml | istioctl kube-inject -f - | kubectl apply -f -\n",
    flags: [
      { long: "filename", short: "f", type: "string", help: "Input Kubernetes resource filename" },
      { long: "injectConfigFile", type: "string", help: "injection configuration filename. Cannot be used with --injectConfigMapName" },
      { long: "injectConfigMapName", type: "string", defaultText: '"istio-sidecar-injector"', help: "ConfigMap name for Istio sidecar injection, key should be \"config\"." },
      { long: "meshConfigFile", type: "string", help: "mesh configuration filename. Takes precedence over --meshConfigMapName if set" },
      { long: "meshConfigMapName", type: "string", defaultText: '"istio"', help: "ConfigMap name for Istio mesh configuration, key should be \"mesh\"" },
      { long: "output", short: "o", type: "string", help: "Modified output Kubernetes resource filename" },
    ],
  },
  { name: "proxy-config", use: "proxy-config <endpoint> [<pod_name>]", short: "Retrieves proxy configuration for the specified pod [kube only]", flags: [], notEmulated: true },
  { name: "register", use: "register <svcname> <ip> [name1:]port1 [name2:]port2 ...", short: "Registers a service instance (e.g. VM) joining the mesh", flags: [], notEmulated: true },
  { name: "replace", use: "replace", short: "Replace existing policies and rules", example: "istioctl replace -f example-routing.yaml", flags: [FILE_FLAG] },
  { name: "version", use: "version", short: "Prints out build version information", flags: [{ long: "short", short: "s", bool: true, help: "Displays a short form of the version information" }] },
];

/** pflag's FlagUsages: aligned `  -f, --file string   usage (default ...)` lines. */
function flagUsages(flags: readonly FlagSpec[]): string {
  const sorted = [...flags].sort((a, b) => codeUnitOrder(a.long, b.long));
  const lefts = sorted.map((f) => `${f.short ? `  -${f.short}, --${f.long}` : `      --${f.long}`}${f.type ? ` ${f.type}` : ""}`);
  const width = Math.max(...lefts.map((l) => l.length));
  return sorted.map((f, i) => `${lefts[i].padEnd(width)}   ${f.help}${f.defaultText ? ` (default ${f.defaultText})` : ""}`).join("\n");
}

/** cobra's UsageString for a subcommand (printed on stderr before some errors). */
export function usageString(cmd: CommandSpec): string {
  const local: FlagSpec[] = [...cmd.flags, { long: "help", short: "h", bool: true, help: `help for ${cmd.name}` }];
  let s = `Usage:\n  istioctl ${cmd.use} [flags]`;
  if (cmd.example) s += `\n\nExamples:\n${cmd.example}`;
  s += `\n\nFlags:\n${flagUsages(local)}`;
  s += `\n\nGlobal Flags:\n${flagUsages(GLOBAL_FLAGS)}\n`;
  return s;
}

/** `istioctl <cmd> --help`. */
export function helpText(cmd: CommandSpec): string {
  const head = (cmd.long ?? cmd.short).replace(/\s+$/, "");
  return `${head}\n\n${usageString(cmd)}`;
}

/** `istioctl --help` (and plain `istioctl`). */
export function rootHelp(): string {
  const pad = Math.max(...COMMANDS.map((c) => c.name.length), 4);
  const cmds = [...COMMANDS, { name: "help", short: "Help about any command" } as CommandSpec].sort((a, b) => codeUnitOrder(a.name, b.name));
  return `${ROOT_LONG.replace(/\s+$/, "")}\n\nUsage:\n  istioctl [command]\n\nAvailable Commands:\n${cmds.map((c) => `  ${c.name.padEnd(pad)} ${c.short}`).join("\n")}\n\nFlags:\n${flagUsages([...GLOBAL_FLAGS, { long: "help", short: "h", bool: true, help: "help for istioctl" }])}\n\nUse "istioctl [command] --help" for more information about a command.\n`;
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) {
    d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

/** cobra's `unknown command` error with its suggestions. */
export function unknownCommand(name: string): string {
  const suggestions = COMMANDS.map((c) => c.name).filter((c) => levenshtein(name.toLowerCase(), c) <= 2 || c.startsWith(name.toLowerCase()));
  const hint = suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join("")}` : "";
  return `unknown command "${name}" for "istioctl"${hint}`;
}
