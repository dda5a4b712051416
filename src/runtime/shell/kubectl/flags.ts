/**
 * kubectl 1.10's flags: its global options plus the verb's own, parsed by pflag.
 */
import { parsePflags, type FlagSpec, type ParsedFlags } from "../pflag.ts";

/** Flags every kubectl command accepts (kubectl's global options). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: "namespace", short: "n", type: "string" },
  { name: "help", short: "h", type: "bool" },
  { name: "kubeconfig", type: "string" },
  { name: "context", type: "string" },
  { name: "cluster", type: "string" },
  { name: "user", type: "string" },
  { name: "server", short: "s", type: "string" },
  { name: "token", type: "string" },
  { name: "request-timeout", type: "string" },
  { name: "insecure-skip-tls-verify", type: "bool" },
  { name: "match-server-version", type: "bool" },
  { name: "v", type: "int" },
  { name: "alsologtostderr", type: "bool" },
  { name: "logtostderr", type: "bool" },
];

/** Parses `args` against `specs` plus the global flags; throws FlagError with pflag's text. */
export function parseFlags(args: string[], specs: FlagSpec[]): ParsedFlags {
  return parsePflags(args, [...GLOBAL_FLAGS, ...specs]);
}
