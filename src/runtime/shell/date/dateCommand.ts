/**
 * `date` (GNU coreutils) on the sandbox's clock: under `--clock ISO` it shows the virtual time,
 * which only `sleep` and simulated requests move, so a replayed script prints the same dates.
 * (just-bash's own `date` reads the host's clock.) Every shell of the lab runs in UTC.
 */
import type { Clock } from "../../clock.ts";
import { fail, ok, type CommandResult, type LabCommand } from "../command.ts";
import { parseDateString } from "./dateString.ts";
import { strftime } from "./strftime.ts";

const TRY = "Try 'date --help' for more information.";

const DEFAULT_FORMAT = "%a %b %e %H:%M:%S %Z %Y";
const RFC_EMAIL = "%a, %d %b %Y %H:%M:%S %z";
/** In GNU's order (its error message lists them so): hours and minutes first, as --rfc-3339 has neither. */
const ISO_8601: Record<string, string> = {
  hours: "%Y-%m-%dT%H%:z",
  minutes: "%Y-%m-%dT%H:%M%:z",
  date: "%Y-%m-%d",
  seconds: "%Y-%m-%dT%H:%M:%S%:z",
  ns: "%Y-%m-%dT%H:%M:%S,%N%:z",
};
const RFC_3339: Record<string, string> = { date: "%Y-%m-%d", seconds: "%Y-%m-%d %H:%M:%S%:z", ns: "%Y-%m-%d %H:%M:%S.%N%:z" };

const HELP = `Usage: date [OPTION]... [+FORMAT]
  or:  date [-u|--utc|--universal] [MMDDhhmm[[CC]YY][.ss]]
Display the current time in the given FORMAT, or set the system date.

  -d, --date=STRING          display time described by STRING, not 'now'
  -f, --file=DATEFILE        like --date; once for each line of DATEFILE
  -I[FMT], --iso-8601[=FMT]  output date/time in ISO 8601 format.
                               FMT='date' for date only (the default),
                               'hours', 'minutes', 'seconds', or 'ns'
  -R, --rfc-email            output date and time in RFC 5322 format.
      --rfc-3339=FMT         output date/time in RFC 3339 format.
                               FMT='date', 'seconds', or 'ns'
  -s, --set=STRING           set time described by STRING
  -u, --utc, --universal     print or set Coordinated Universal Time (UTC)
      --help     display this help and exit
`;

/** An option's argument among GNU's choices (`--iso-8601=sec` is `seconds`): the full name, or an error. */
function choice(arg: string, choices: Record<string, string>, option: string): string | CommandResult {
  const names = Object.keys(choices);
  const matches = names.filter((n) => n.startsWith(arg));
  const exact = names.find((n) => n === arg);
  if (exact || (arg !== "" && matches.length === 1)) return choices[exact ?? matches[0]];
  const kind = matches.length > 1 ? "ambiguous" : "invalid";
  return fail(`date: ${kind} argument '${arg}' for '${option}'\nValid arguments are:\n${names.map((n) => `  - '${n}'`).join("\n")}\n${TRY}`);
}

interface Parsed {
  dates: string[];
  dateFile?: string;
  set?: string;
  formats: string[];
  operands: string[];
}

/** GNU getopt_long over date's options (operands may come between options). */
function parseArgs(args: string[]): Parsed | CommandResult {
  const p: Parsed = { dates: [], formats: [], operands: [] };
  const longs: Record<string, "arg" | "optional" | "none"> = {
    date: "arg", file: "arg", "iso-8601": "optional", "rfc-email": "none", "rfc-2822": "none", "rfc-822": "none",
    "rfc-3339": "arg", set: "arg", utc: "none", universal: "none", help: "none", debug: "none", reference: "arg",
  };
  const apply = (name: string, value: string | undefined): CommandResult | undefined => {
    switch (name) {
      case "date": p.dates.push(value!); return;
      case "file": p.dateFile = value; return;
      case "set": p.set = value; return;
      case "iso-8601": {
        const f = value === undefined ? ISO_8601.date : choice(value, ISO_8601, "--iso-8601");
        if (typeof f !== "string") return f;
        p.formats.push(f);
        return;
      }
      case "rfc-3339": {
        const f = choice(value!, RFC_3339, "--rfc-3339");
        if (typeof f !== "string") return f;
        p.formats.push(f);
        return;
      }
      case "rfc-email": case "rfc-2822": case "rfc-822": p.formats.push(RFC_EMAIL); return;
      case "help": return ok(HELP);
      // The lab's files keep no modification times, so there is nothing true to print.
      case "reference": return fail("date: --reference (-r) is not available in this lab: its files keep no modification times");
      default: return; // utc, universal, debug: the lab is always in UTC
    }
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      p.operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const given = a.slice(2, eq < 0 ? undefined : eq);
      const candidates = Object.keys(longs).filter((n) => n.startsWith(given));
      const name = candidates.includes(given) ? given : candidates.length === 1 ? candidates[0] : undefined;
      if (!name) {
        return fail(candidates.length > 1 ? `date: option '${a}' is ambiguous\n${TRY}` : `date: unrecognized option '${a}'\n${TRY}`);
      }
      let value = eq < 0 ? undefined : a.slice(eq + 1);
      if (longs[name] === "none" && value !== undefined) return fail(`date: option '--${name}' doesn't allow an argument\n${TRY}`);
      if (longs[name] === "arg" && value === undefined) {
        if (i + 1 >= args.length) return fail(`date: option '--${name}' requires an argument\n${TRY}`);
        value = args[++i];
      }
      const done = apply(name, value);
      if (done) return done;
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const rest = a.slice(j + 1);
        if (c === "u" || c === "R") {
          const done = apply(c === "u" ? "utc" : "rfc-email", undefined);
          if (done) return done;
          continue;
        }
        if (c === "I") {
          const done = apply("iso-8601", rest === "" ? undefined : rest);
          if (done) return done;
          break;
        }
        if (c === "d" || c === "f" || c === "s" || c === "r") {
          let value = rest;
          if (value === "") {
            if (i + 1 >= args.length) return fail(`date: option requires an argument -- '${c}'\n${TRY}`);
            value = args[++i];
          }
          const done = apply(c === "d" ? "date" : c === "f" ? "file" : c === "s" ? "set" : "reference", value);
          if (done) return done;
          break;
        }
        return fail(`date: invalid option -- '${c}'\n${TRY}`);
      }
      continue;
    }
    p.operands.push(a);
  }
  return p;
}

/** `MMDDhhmm[[CC]YY][.ss]`: the operand that sets the clock. */
const SET_OPERAND = /^\d{8}(\d{2}|\d{4})?(\.\d{2})?$/;

export function createDate(clock: Clock): LabCommand {
  return async (args, io) => {
    const parsed = parseArgs(args);
    if (!("operands" in parsed)) return parsed;
    const operands = [...parsed.operands];
    if (operands.length > 1) return fail(`date: extra operand '${operands[1]}'\n${TRY}`);
    const formats = [...parsed.formats];
    if (operands.length > 0 && operands[0].startsWith("+")) formats.push(operands.shift()!.slice(1));
    if (formats.length > 1) return fail("date: multiple output formats specified");
    const format = formats[0] ?? DEFAULT_FORMAT;
    const now = clock.nowMicros();
    const sources = parsed.dates.length + (parsed.dateFile !== undefined ? 1 : 0) + (parsed.set !== undefined ? 1 : 0);
    if (operands.length > 0) {
      const first = operands[0];
      if (sources > 0) {
        return fail(`date: the argument '${first}' lacks a leading '+';\nwhen using an option to specify date(s), any non-option\nargument must be a format string beginning with '+'\n${TRY}`);
      }
      // Setting the clock needs CAP_SYS_TIME, which neither the workstation's shell nor a pod has.
      if (!SET_OPERAND.test(first)) return fail(`date: invalid date '${first}'`);
      return fail("date: cannot set date: Operation not permitted", 1, strftime(format, now) + "\n");
    }
    if (sources > 1) return fail(`date: the options to specify dates for printing are mutually exclusive\n${TRY}`);
    if (parsed.set !== undefined) {
      const when = parseDateString(parsed.set, now);
      if (when === undefined) return fail(`date: invalid date '${parsed.set}'`);
      return fail("date: cannot set date: Operation not permitted", 1, strftime(format, when) + "\n");
    }
    if (parsed.dateFile !== undefined) return datesOfFile(parsed.dateFile, format, now, io);
    const text = parsed.dates.length > 0 ? parsed.dates[parsed.dates.length - 1] : undefined;
    const when = text === undefined ? now : parseDateString(text, now);
    if (when === undefined) return fail(`date: invalid date '${text}'`);
    return ok(strftime(format, when) + "\n");
  };
}

/** `date -f FILE`: one output line per line of the file (`-`: standard input); bad lines are reported and skipped. */
async function datesOfFile(path: string, format: string, now: number, io: Parameters<LabCommand>[1]): Promise<CommandResult> {
  let content: string;
  try {
    content = path === "-" ? io.stdin : await io.readFile(path);
  } catch {
    return fail(`date: ${path}: No such file or directory`);
  }
  let stdout = "";
  let stderr = "";
  const lines = content.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  for (const line of lines) {
    const when = parseDateString(line, now);
    if (when === undefined) stderr += `date: invalid date '${line}'\n`;
    else stdout += strftime(format, when) + "\n";
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}
