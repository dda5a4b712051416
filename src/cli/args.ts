/** Command-line arguments of `egress-lab`. */
import { parseIsoMicros } from "../runtime/clock.ts";

export interface CliOptions {
  command: "repl" | "run";
  file?: string;
  clock?: string;
  seed?: number;
  explain: boolean;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage:
  egress-lab                  open an interactive sandbox (an emulated Istio 0.8 mesh)
  egress-lab run FILE         run a bash script in a fresh sandbox, as if typed into the lab's terminal
  egress-lab run -            read the script from standard input

Options:
  --clock ISO    start a virtual clock at ISO (e.g. 2018-06-18T13:22:58Z); it moves only by
                 simulated durations and sleep, so outputs are reproducible
  --seed N       seed for pod names and request ids (default 1)
  --explain      after each command, one line per request it caused: source, URL, status and
                 why (which route, which Mixer rule or adapter decided it)
  -h, --help     show this help
  --version      show the version
`;

export function parseCliArgs(argv: string[]): CliOptions {
  const o: CliOptions = { command: "repl", explain: false, help: false, version: false };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string): string => {
      const eq = a.indexOf("=");
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`option ${name} needs a value`);
      return v;
    };
    if (a === "-h" || a === "--help") o.help = true;
    else if (a === "--version") o.version = true;
    else if (a === "--explain") o.explain = true;
    else if (a === "--clock" || a.startsWith("--clock=")) {
      o.clock = value("--clock");
      if (parseIsoMicros(o.clock) === undefined) throw new Error(`invalid --clock "${o.clock}": expected an ISO 8601 time such as 2018-06-18T13:22:58Z`);
    } else if (a === "--seed" || a.startsWith("--seed=")) {
      const v = value("--seed");
      if (!/^\d+$/.test(v)) throw new Error(`invalid --seed "${v}": expected a whole number`);
      o.seed = Number(v);
    } else if (a.startsWith("-") && a !== "-") throw new Error(`unknown option ${a}`);
    else positional.push(a);
  }
  if (positional[0] === "run") {
    o.command = "run";
    if (positional.length !== 2) throw new Error("run takes one FILE (or - for standard input)");
    o.file = positional[1];
  } else if (positional.length) {
    throw new Error(`unknown command "${positional[0]}"`);
  }
  return o;
}
