/** curl 7.35's command-line parsing. */
import { describe, expect, it } from "vitest";
import { parseCurlArgs } from "../../../src/runtime/shell/curl/options.ts";

function run(args: string[]) {
  const r = parseCurlArgs(args);
  if (r.kind !== "run") throw new Error(`expected run, got ${JSON.stringify(r)}`);
  return r.options;
}

describe("parseCurlArgs", () => {
  it("combines boolean short options: -sSL", () => {
    const o = run(["-sSL", "http://x/"]);
    expect([o.silent, o.showError, o.follow]).toEqual([true, true, true]);
  });

  it("takes an option's argument from the rest of the word or the next word", () => {
    expect(run(["-o/dev/null", "http://x/"]).jobs).toEqual([{ url: "http://x/", output: "/dev/null" }]);
    expect(run(["-so", "/dev/null", "http://x/"]).jobs).toEqual([{ url: "http://x/", output: "/dev/null" }]);
    expect(run(["-w%{http_code}", "http://x/"]).writeOut).toBe("%{http_code}");
  });

  it("accepts unambiguous prefixes of long options and --no- toggles", () => {
    const o = run(["--sil", "--incl", "--no-silent", "http://x/"]);
    expect([o.silent, o.include]).toEqual([false, true]);
    // --loc could be --location or --location-trusted.
    expect(parseCurlArgs(["--loc", "http://x/"])).toMatchObject({ kind: "error", message: "option --loc: is ambiguous" });
  });

  it("pairs -o options with URLs in order", () => {
    expect(run(["-o", "a", "-o", "b", "http://x/1", "http://x/2"]).jobs).toEqual([
      { url: "http://x/1", output: "a" },
      { url: "http://x/2", output: "b" },
    ]);
  });

  it("`--` ends the options", () => {
    expect(run(["--", "-weird-url"]).jobs).toEqual([{ url: "-weird-url" }]);
  });

  it("--help, --version and -M stop the parse", () => {
    expect(parseCurlArgs(["--help", "--bogus"]).kind).toBe("help");
    expect(parseCurlArgs(["-V"]).kind).toBe("version");
  });

  it("--data-raw is not a 7.35 option (it came in 7.43)", () => {
    expect(parseCurlArgs(["--data-raw", "x", "http://x/"])).toMatchObject({ kind: "error", message: "option --data-raw: is unknown" });
  });
});
