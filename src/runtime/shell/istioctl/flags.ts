/**
 * istioctl 0.8's flags: what each command accepts, with the help text cobra prints for it,
 * parsed by the shared pflag parser (the verb may sit anywhere among the flags).
 */
import { parsePflags, type FlagSpec as PflagSpec } from "../pflag.ts";

export { FlagError } from "../pflag.ts";

export interface FlagSpec {
  long: string;
  short?: string;
  /** Boolean flags take no value. */
  bool?: boolean;
  help: string;
  /** Default shown in help, e.g. `"short"`. */
  defaultText?: string;
  /** Value type shown in help (`string`, `int`...). */
  type?: string;
}

export interface ParsedArgs {
  positional: string[];
  /** Flag values by long name; booleans as `"true"` / `"false"`. */
  values: Map<string, string>;
  help: boolean;
}

/** cobra adds `-h, --help` to every command. */
const HELP: PflagSpec = { name: "help", short: "h", type: "bool" };

/** Parses `args` against the flags of the chosen command (global + command flags). */
export function parseFlags(args: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const pflags: PflagSpec[] = specs.map((s) => ({ name: s.long, short: s.short, type: s.bool ? "bool" : "string" }));
  const parsed = parsePflags(args, [...pflags, HELP]);
  const values = new Map<string, string>();
  for (const [name, v] of parsed.values) if (name !== "help") values.set(name, String(v));
  return { positional: parsed.positionals, values, help: parsed.bool("help") };
}
