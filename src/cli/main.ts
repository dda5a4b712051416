/**
 * `egress-lab`: the emulated mesh in the reader's own terminal.
 *   egress-lab                       interactive sandbox (prompt, history, Ctrl-C)
 *   egress-lab run FILE|-            run a script as if typed into the lab's terminal
 * Options: --clock ISO (virtual clock starting then), --seed N (pod names, ids).
 */
import { readFileSync } from "node:fs";
import { parseCliArgs, USAGE, type CliOptions } from "./args.ts";
import { runScript } from "./runScript.ts";
import { startRepl } from "./repl.ts";

async function main(argv: string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (e) {
    process.stderr.write(`egress-lab: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (options.version) {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    process.stdout.write(`egress-lab ${pkg.version} (emulating Istio 0.8.0, kubectl 1.10)\n`);
    return 0;
  }
  if (options.command === "run") {
    let script: string;
    try {
      script = options.file === "-" ? readFileSync(0, "utf8") : readFileSync(options.file!, "utf8");
    } catch {
      process.stderr.write(`egress-lab: cannot read ${options.file}\n`);
      return 2;
    }
    return runScript(script, options, {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
    });
  }
  return startRepl(options);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`egress-lab: internal error: ${(e as Error).message}\n`);
    process.exitCode = 70;
  },
);
