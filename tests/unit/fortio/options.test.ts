/**
 * fortio 1.3.1's command line: Go flag package errors (exact first line, default usage, exit 2),
 * fortio's own usage errors (exit 1) and the values the load loop receives.
 */
import { describe, expect, it } from "vitest";
import { parseFortioArgs, type FortioOptions } from "../../../src/runtime/shell/fortio/options.ts";

function run(args: string[]): FortioOptions {
  const p = parseFortioArgs(args);
  if (p.kind !== "run") throw new Error(`expected options, got exit ${p.exitCode}: ${p.stderr.split("\n")[0]}`);
  return p.options;
}

function failure(args: string[]): { first: string; stderr: string; exitCode: number } {
  const p = parseFortioArgs(args);
  if (p.kind !== "exit") throw new Error("expected an error");
  return { first: p.stderr.split("\n")[0], stderr: p.stderr, exitCode: p.exitCode };
}

describe("fortio flags", () => {
  it("names the flags that parse but have no effect in the lab (-json, -a, server flags), and only those", () => {
    expect(run(["load", "-qps", "5", "-c", "2", "-H", "X-A: b", "-httpbufferkb", "512", "u"]).ignoredFlags).toEqual([]);
    expect(run(["load", "-json", "out.json", "-a", "-qps", "5", "-http-port", "9090", "u"]).ignoredFlags).toEqual(["-json", "-a", "-http-port"]);
  });

  it("takes the samples' load command: -qps 200 -t 30s URL", () => {
    const o = run(["load", "-qps", "200", "-t", "30s", "http://edition.cnn.com/politics"]);
    expect(o.qps).toBe(200);
    expect(o.durationMicros).toBe(30_000_000);
    expect(o.connections).toBe(4);
    expect(o.url).toBe("http://edition.cnn.com/politics");
    expect(o.justCurl).toBe(false);
  });

  it("has fortio's defaults: 8 qps, 4 connections, 5s, p50..p99.9, 128 KB buffer", () => {
    const o = run(["load", "http://x/"]);
    expect([o.qps, o.connections, o.durationMicros, o.exactly, o.bufferKb]).toEqual([8, 4, 5_000_000, 0, 128]);
    expect(o.percentiles).toEqual([50, 75, 90, 99, 99.9]);
    expect(o.logLevel).toBe(2);
  });

  it("accepts Go's flag forms: -name=value, --name value, bools alone or =false", () => {
    const o = run(["load", "--c=2", "-n", "40", "-keepalive=false", "-allow-initial-errors", "-quiet", "-H", "X-A: b", "-H", "Host: h.example", "u"]);
    expect(o.connections).toBe(2);
    expect(o.exactly).toBe(40);
    expect(o.keepAlive).toBe(false);
    expect(o.allowInitialErrors).toBe(true);
    expect(o.logLevel).toBe(4);
    expect(o.headers).toEqual([{ name: "X-A", value: "b" }]);
    expect(o.hostOverride).toBe("h.example");
  });

  it("-curl and the curl command fetch once", () => {
    expect(run(["load", "-curl", "u"]).justCurl).toBe(true);
    expect(run(["curl", "u"]).justCurl).toBe(true);
  });

  it("an unknown flag: Go's message, the default usage, exit 2", () => {
    const e = failure(["load", "-qsp", "200", "u"]);
    expect(e.first).toBe("flag provided but not defined: -qsp");
    expect(e.stderr.split("\n")[1]).toBe("Usage of fortio:");
    expect(e.stderr).toContain("  -qps float\n    \tQueries Per Seconds or 0 for no wait/max qps (default 8)\n");
    expect(e.stderr).toContain("  -t duration\n    \tHow long to run the test or 0 to run until ^C (default 5s)\n");
    expect(e.stderr).toContain('  -p string\n    \tList of pXX to calculate (default "50,75,90,99,99.9")\n');
    expect(e.stderr).toContain("  -k\tDo not verify certs in https connections\n");
    expect(e.exitCode).toBe(2);
  });

  it("bad values: strconv and time errors as Go words them", () => {
    expect(failure(["load", "-qps", "fast", "u"]).first).toBe('invalid value "fast" for flag -qps: strconv.ParseFloat: parsing "fast": invalid syntax');
    expect(failure(["load", "-t", "30", "u"]).first).toBe('invalid value "30" for flag -t: time: missing unit in duration 30');
    expect(failure(["load", "-t", "30x", "u"]).first).toBe('invalid value "30x" for flag -t: time: unknown unit x in duration 30x');
    expect(failure(["load", "-c", "four", "u"]).first).toBe('invalid value "four" for flag -c: strconv.ParseInt: parsing "four": invalid syntax');
    expect(failure(["load", "-keepalive=maybe", "u"]).first).toBe('invalid boolean value "maybe" for -keepalive: strconv.ParseBool: parsing "maybe": invalid syntax');
    expect(failure(["load", "-qps"]).first).toBe("flag needs an argument: -qps");
    expect(failure(["load", "-H", "nocolon", "u"]).first).toBe(`invalid value "nocolon" for flag -H: invalid extra header 'nocolon', expecting Key: Value`);
    expect(failure(["load", "-=x", "u"]).first).toBe("bad flag syntax: -=x");
  });

  it("no URL, or two: fortio's usage then its error, exit 1", () => {
    const e = failure(["load", "-qps", "10"]);
    expect(e.first).toBe("Φορτίο 1.3.1 usage:");
    expect(e.stderr.endsWith("Error: fortio load/curl needs a url or destination\n")).toBe(true);
    expect(e.exitCode).toBe(1);
    expect(failure(["load", "a", "b"]).stderr.endsWith("Error: fortio load/curl needs a url or destination\n")).toBe(true);
  });

  it("no command or an unknown one", () => {
    expect(failure([]).stderr.endsWith("Error: need at least 1 command parameter\n")).toBe(true);
    expect(failure(["lode", "u"]).stderr.endsWith("Error: unknown command  lode\n")).toBe(true);
  });

  it("bad percentiles", () => {
    expect(failure(["load", "-p", "50,x", "u"]).stderr.endsWith('Unable to extract percentiles from -p:  strconv.ParseFloat: parsing "x": invalid syntax\n')).toBe(true);
  });

  it("version and help", () => {
    expect(parseFortioArgs(["version"])).toEqual({ kind: "exit", stdout: "1.3.1\n", stderr: "", exitCode: 0 });
    const help = parseFortioArgs(["help"]);
    expect(help.kind === "exit" && help.stdout.startsWith("Φορτίο 1.3.1 usage:\n\tfortio command [flags] target\n")).toBe(true);
  });
});
