/**
 * `date` prints the sandbox clock's time as GNU coreutils' date does in the C locale and UTC.
 * Expected outputs are GNU date's (coreutils 8.x) for the same instants.
 */
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../../src/runtime/clock.ts";
import { Sandbox } from "../../../src/runtime/sandbox.ts";
import { createDate } from "../../../src/runtime/shell/date/dateCommand.ts";
import { strftime } from "../../../src/runtime/shell/date/strftime.ts";
import type { CommandIO } from "../../../src/runtime/shell/command.ts";

/** 2018-06-18T13:22:58.123456Z, a Monday: the blog's day. */
const BLOG = Date.UTC(2018, 5, 18, 13, 22, 58) * 1000 + 123456;

const io: CommandIO = {
  stdin: "", cwd: "/", env: new Map(),
  readFile: async (p) => {
    if (p === "dates.txt") return "2018-01-01\nnot a date\n@0\n";
    throw new Error("ENOENT");
  },
  writeFile: async () => {},
};

async function date(...args: string[]) {
  return createDate(new VirtualClock(BLOG))(args, io);
}

describe("date", () => {
  it("prints GNU's default format, and the fixed formats of -R, -I and --rfc-3339", async () => {
    expect((await date()).stdout).toBe("Mon Jun 18 13:22:58 UTC 2018\n");
    expect((await date("-u")).stdout).toBe("Mon Jun 18 13:22:58 UTC 2018\n");
    expect((await date("-R")).stdout).toBe("Mon, 18 Jun 2018 13:22:58 +0000\n");
    expect((await date("-I")).stdout).toBe("2018-06-18\n");
    expect((await date("-Ihours")).stdout).toBe("2018-06-18T13+00:00\n");
    expect((await date("-Iminutes")).stdout).toBe("2018-06-18T13:22+00:00\n");
    expect((await date("--iso-8601=seconds")).stdout).toBe("2018-06-18T13:22:58+00:00\n");
    expect((await date("--iso-8601=ns")).stdout).toBe("2018-06-18T13:22:58,123456000+00:00\n");
    expect((await date("--iso=sec")).stdout).toBe("2018-06-18T13:22:58+00:00\n");
    expect((await date("--rfc-3339=seconds")).stdout).toBe("2018-06-18 13:22:58+00:00\n");
    expect((await date("--rfc-3339", "ns")).stdout).toBe("2018-06-18 13:22:58.123456000+00:00\n");
  });

  it("formats every conversion of +FORMAT as GNU date", async () => {
    const cases: [string, string][] = [
      ["%a %A %b %B %h", "Mon Monday Jun June Jun"],
      ["%c", "Mon Jun 18 13:22:58 2018"],
      ["%C %y %Y %G %g", "20 18 2018 2018 18"],
      ["%d %e %j %m %u %w", "18 18 169 06 1 1"],
      ["%D %F %x", "06/18/18 2018-06-18 06/18/18"],
      ["%H %I %k %l %M %S %p %P", "13 01 13  1 22 58 PM pm"],
      ["%r|%R|%T|%X", "01:22:58 PM|13:22|13:22:58|13:22:58"],
      ["%s.%N %3N", "1529328178.123456000 123"],
      ["%U %V %W %q", "24 25 25 2"],
      ["%z %:z %::z %:::z %Z", "+0000 +00:00 +00:00:00 +00 UTC"],
      ["%%|%n|%t|", "%|\n|\t|"],
      ["%-d %-m %_m %05d %^a %^B %#Z %10A|", "18 6  6 00018 MON JUNE utc     Monday|"],
      ["%Q %5 %", "%Q %5 %"],
    ];
    for (const [format, expected] of cases) expect(strftime(format, BLOG), format).toBe(expected);
    expect((await date("+%Y-%m-%dT%H:%M:%S")).stdout).toBe("2018-06-18T13:22:58\n");
  });

  it("pads single-digit days and hours as GNU does, and counts weeks across a year's start", () => {
    const jan1 = Date.UTC(2021, 0, 1, 5, 4, 3) * 1000; // a Friday: ISO week 53 of 2020
    expect(strftime("%a %b %e %H:%M:%S %Z %Y|%V %G %g|%U %W %j", jan1)).toBe("Fri Jan  1 05:04:03 UTC 2021|53 2020 20|00 00 001");
    const dec31 = Date.UTC(2024, 11, 31) * 1000; // a Tuesday: ISO week 1 of 2025
    expect(strftime("%V %G|%U %W %j", dec31)).toBe("01 2025|52 53 366");
  });

  it("reads the date strings of -d", async () => {
    const cases: [string, string][] = [
      ["@0", "Thu Jan  1 00:00:00 UTC 1970"],
      ["@1529328178", "Mon Jun 18 13:22:58 UTC 2018"],
      ["now", "Mon Jun 18 13:22:58 UTC 2018"],
      ["yesterday", "Sun Jun 17 13:22:58 UTC 2018"],
      ["tomorrow", "Tue Jun 19 13:22:58 UTC 2018"],
      ["2018-06-18", "Mon Jun 18 00:00:00 UTC 2018"],
      ["2018-06-18 14:00", "Mon Jun 18 14:00:00 UTC 2018"],
      ["2018-06-18T14:00:05Z", "Mon Jun 18 14:00:05 UTC 2018"],
      ["2018-06-18 14:00:05 +02:00", "Mon Jun 18 12:00:05 UTC 2018"],
      ["1 hour ago", "Mon Jun 18 12:22:58 UTC 2018"],
      ["+30 min", "Mon Jun 18 13:52:58 UTC 2018"],
      ["2 days ago", "Sat Jun 16 13:22:58 UTC 2018"],
      ["2018-01-31 1 month", "Sat Mar  3 00:00:00 UTC 2018"],
      ["next week", "Mon Jun 25 13:22:58 UTC 2018"],
      ["", "Mon Jun 18 00:00:00 UTC 2018"],
    ];
    for (const [text, expected] of cases) expect((await date("-d", text)).stdout, text).toBe(expected + "\n");
    expect((await date("--date=@86400", "+%F")).stdout).toBe("1970-01-02\n");
    expect((await date("-d@60", "+%s")).stdout).toBe("60\n");
  });

  it("answers bad input with GNU's messages and exit status 1", async () => {
    const cases: [string[], string][] = [
      [["-d", "next blue moon"], "date: invalid date 'next blue moon'\n"],
      [["-d", "2018-02-30"], "date: invalid date '2018-02-30'\n"],
      [["-x"], "date: invalid option -- 'x'\nTry 'date --help' for more information.\n"],
      [["--frobnicate"], "date: unrecognized option '--frobnicate'\nTry 'date --help' for more information.\n"],
      [["-d"], "date: option requires an argument -- 'd'\nTry 'date --help' for more information.\n"],
      [["+%s", "extra"], "date: extra operand 'extra'\nTry 'date --help' for more information.\n"],
      [["-R", "+%s"], "date: multiple output formats specified\n"],
      [["-d", "now", "0101"], "date: the argument '0101' lacks a leading '+';\nwhen using an option to specify date(s), any non-option\nargument must be a format string beginning with '+'\nTry 'date --help' for more information.\n"],
      [["tuesday"], "date: invalid date 'tuesday'\n"],
      [["--iso-8601=weeks"], "date: invalid argument 'weeks' for '--iso-8601'\nValid arguments are:\n  - 'hours'\n  - 'minutes'\n  - 'date'\n  - 'seconds'\n  - 'ns'\nTry 'date --help' for more information.\n"],
    ];
    for (const [args, stderr] of cases) {
      const r = await date(...args);
      expect(r.stderr, args.join(" ")).toBe(stderr);
      expect(r.exitCode, args.join(" ")).toBe(1);
      expect(r.stdout, args.join(" ")).toBe("");
    }
    // The lab's files have no modification times: -r says so rather than inventing one.
    expect((await date("-r", "dates.txt")).stderr).toBe("date: --reference (-r) is not available in this lab: its files keep no modification times\n");
    // Setting the clock is refused (no CAP_SYS_TIME), after printing the date it would set.
    const set = await date("-s", "2018-06-18 14:00");
    expect(set).toEqual({ stdout: "Mon Jun 18 14:00:00 UTC 2018\n", stderr: "date: cannot set date: Operation not permitted\n", exitCode: 1 });
  });

  it("reads one date per line with -f, reporting the bad ones", async () => {
    expect(await date("-f", "dates.txt", "+%F")).toEqual({
      stdout: "2018-01-01\n1970-01-01\n", stderr: "date: invalid date 'not a date'\n", exitCode: 1,
    });
    expect((await date("-f", "missing.txt")).stderr).toBe("date: missing.txt: No such file or directory\n");
  });

  it("follows the sandbox's virtual clock on the workstation and in pods, as sleep moves it", async () => {
    const sandbox = await Sandbox.create({ clock: VirtualClock.fromIso("2018-06-18T13:22:58Z"), seed: 1 });
    expect((await sandbox.run("date")).stdout).toBe("Mon Jun 18 13:22:58 UTC 2018\n");
    await sandbox.run("sleep 90");
    expect((await sandbox.run("date +%T")).stdout).toBe("13:24:28\n");
    const pod = (await sandbox.run("kubectl get pod -l app=sleep -o jsonpath={.items..metadata.name}")).stdout;
    expect((await sandbox.run(`kubectl exec -it ${pod} -c sleep -- date -u +%s`)).stdout).toBe(`${Date.UTC(2018, 5, 18, 13, 24, 28) / 1000}\n`);
  });
});
