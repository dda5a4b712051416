/**
 * Command-line parsing the way cobra/pflag do it for istioctl 0.8: the verb may sit anywhere
 * among the flags, `--flag=value`, `--flag value`, `-f value`, `-fvalue`, and pflag's wording
 * for mistakes (`unknown flag: --foo`, `flag needs an argument: 'f' in -f`).
 */

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
  values: Map<string, string>;
  help: boolean;
}

export class FlagError extends Error {}

/** Parses `args` against the flags of the chosen command (global + command flags). */
export function parseFlags(args: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const positional: string[] = [];
  const values = new Map<string, string>();
  let help = false;
  const byLong = new Map(specs.map((s) => [s.long, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") { positional.push(...args.slice(i + 1)); break; }
    if (a === "-h" || a === "--help") { help = true; continue; }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const spec = byLong.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (spec.bool) { values.set(spec.long, eq < 0 ? "true" : a.slice(eq + 1)); continue; }
      if (eq >= 0) { values.set(spec.long, a.slice(eq + 1)); continue; }
      if (i + 1 >= args.length) throw new FlagError(`flag needs an argument: --${name}`);
      values.set(spec.long, args[++i]);
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      const c = a[1];
      const spec = byShort.get(c);
      if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
      if (spec.bool) { values.set(spec.long, "true"); continue; }
      let rest = a.slice(2);
      if (rest.startsWith("=")) rest = rest.slice(1);
      if (rest !== "") { values.set(spec.long, rest); continue; }
      if (i + 1 >= args.length) throw new FlagError(`flag needs an argument: '${c}' in ${a}`);
      values.set(spec.long, args[++i]);
      continue;
    }
    positional.push(a);
  }
  return { positional, values, help };
}
