import { describe, expect, it } from "vitest";
import { tabwrite, KUBECTL_DESCRIBE } from "../../../src/runtime/shell/tabwriter.ts";
import { shortHumanDuration } from "../../../src/runtime/shell/kubectl/duration.ts";

describe("tabwriter (kubectl 1.10: minwidth 10, padding 3)", () => {
  it("lays out the pods table of reference §7.2", () => {
    const out = tabwrite("NAME\tREADY\tSTATUS\tRESTARTS\tAGE\nsleep-6859f9d5cb-l877h\t2/2\tRunning\t0\t18s\n");
    expect(out).toBe(
      "NAME                     READY     STATUS    RESTARTS   AGE\n" +
        "sleep-6859f9d5cb-l877h   2/2       Running   0          18s\n",
    );
    // READY followed by 5 spaces, 2/2 by 7: every column is at least 10 wide including padding.
    expect(out).toContain("READY     STATUS");
    expect(out).toContain("2/2       Running");
  });

  it("never pads the last cell of a line", () => {
    expect(tabwrite("a\tb\nccc\td\n")).toBe("a         b\nccc       d\n");
  });

  it("aligns blocks separated by a one-cell line independently", () => {
    const out = tabwrite("A\tB\nxxxxxxxxxxxxxxxxxx\ty\n\nC\tD\nz\tw\n");
    expect(out).toBe("A                    B\nxxxxxxxxxxxxxxxxxx   y\n\nC         D\nz         w\n");
  });

  it("describe's writer has no minimum width and padding 2", () => {
    expect(tabwrite("Name:\tx\nNamespace:\tdefault\n", KUBECTL_DESCRIBE)).toBe("Name:       x\nNamespace:  default\n");
  });
});

describe("AGE (duration.ShortHumanDuration)", () => {
  const s = 1_000_000;
  it.each([
    [18 * s, "18s"],
    [59 * s, "59s"],
    [5 * 60 * s + 30 * s, "5m"],
    [3 * 3600 * s + 59 * 60 * s, "3h"],
    [2 * 86400 * s + 5 * 3600 * s, "2d"],
    [400 * 86400 * s, "1y"],
    [-0.5 * s, "0s"],
    [-5 * s, "<invalid>"],
  ])("%d µs -> %s", (micros, text) => {
    expect(shortHumanDuration(micros)).toBe(text);
  });
});
