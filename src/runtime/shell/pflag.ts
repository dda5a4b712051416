/**
 * Command-line flags the way spf13/pflag (under cobra) parses them for kubectl 1.10 and
 * istioctl 0.8: flags may come anywhere among the arguments, `--` ends them, `-n X`, `-nX`,
 * `-n=X`, `--namespace X`, `--namespace=X`, grouped booleans `-it`, and pflag's exact error
 * messages. Each tool passes the flags its command accepts.
 */

export type FlagType = "bool" | "string" | "strings" | "int";

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  /** Default for bools that are true unless turned off (`--validate`, `--allow-missing-template-keys`). */
  defaultTrue?: boolean;
}

export interface ParsedFlags {
  values: Map<string, string | string[] | boolean | number>;
  positionals: string[];
  /** Index in `positionals` where `--` appeared, or -1 (cobra's ArgsLenAtDash). */
  argsLenAtDash: number;
  has(name: string): boolean;
  str(name: string): string | undefined;
  strs(name: string): string[];
  bool(name: string): boolean;
  int(name: string): number | undefined;
}

export class FlagError extends Error {}

function flagDisplay(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

function goQuoteSimple(s: string): string {
  return JSON.stringify(s);
}

function convert(spec: FlagSpec, raw: string): string | boolean | number {
  if (spec.type === "bool") {
    const t = ["1", "t", "T", "TRUE", "true", "True"];
    const f = ["0", "f", "F", "FALSE", "false", "False"];
    if (t.includes(raw)) return true;
    if (f.includes(raw)) return false;
    throw new FlagError(`invalid argument ${goQuoteSimple(raw)} for ${goQuoteSimple(flagDisplay(spec))} flag: strconv.ParseBool: parsing ${goQuoteSimple(raw)}: invalid syntax`);
  }
  if (spec.type === "int") {
    if (!/^[+-]?\d+$/.test(raw)) {
      throw new FlagError(`invalid argument ${goQuoteSimple(raw)} for ${goQuoteSimple(flagDisplay(spec))} flag: strconv.ParseInt: parsing ${goQuoteSimple(raw)}: invalid syntax`);
    }
    return parseInt(raw, 10);
  }
  return raw;
}

/** Parses `args` against `all` (every flag the command accepts); throws FlagError with pflag's text. */
export function parsePflags(args: readonly string[], all: readonly FlagSpec[]): ParsedFlags {
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short!, s]));
  const values = new Map<string, string | string[] | boolean | number>();
  const positionals: string[] = [];
  let argsLenAtDash = -1;

  const set = (spec: FlagSpec, raw: string) => {
    if (spec.type === "strings") {
      const prev = (values.get(spec.name) as string[] | undefined) ?? [];
      values.set(spec.name, [...prev, raw]);
    } else {
      values.set(spec.name, convert(spec, raw));
    }
  };

  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      argsLenAtDash = positionals.length;
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, a.slice(eq + 1));
      else if (spec.type === "bool") set(spec, "true");
      else if (i + 1 < args.length) set(spec, args[++i]);
      else throw new FlagError(`flag needs an argument: --${name}`);
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      const shorthands = a.slice(1);
      for (let j = 0; j < shorthands.length; j++) {
        const c = shorthands[j];
        const spec = byShort.get(c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in -${shorthands}`);
        if (shorthands[j + 1] === "=") {
          set(spec, shorthands.slice(j + 2));
          break;
        }
        if (spec.type === "bool") {
          set(spec, "true");
          continue;
        }
        if (j + 1 < shorthands.length) {
          set(spec, shorthands.slice(j + 1));
        } else if (i + 1 < args.length) {
          set(spec, args[++i]);
        } else {
          throw new FlagError(`flag needs an argument: '${c}' in -${shorthands}`);
        }
        break;
      }
      continue;
    }
    positionals.push(a);
  }

  for (const s of all) if (s.defaultTrue && !values.has(s.name)) values.set(s.name, true);

  return {
    values,
    positionals,
    argsLenAtDash,
    has: (n) => values.has(n),
    str: (n) => {
      const v = values.get(n);
      return typeof v === "string" ? v : undefined;
    },
    strs: (n) => {
      const v = values.get(n);
      return Array.isArray(v) ? v : [];
    },
    bool: (n) => values.get(n) === true,
    int: (n) => {
      const v = values.get(n);
      return typeof v === "number" ? v : undefined;
    },
  };
}
