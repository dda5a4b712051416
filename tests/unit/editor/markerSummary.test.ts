import { describe, expect, it } from "vitest";
import { markerSummary } from "../../../src/ui/editor/markerSummary.ts";

describe("markerSummary", () => {
  it("says there are no problems", () => {
    expect(markerSummary([])).toBe("No problems");
  });
  it("counts and lists problems by line", () => {
    expect(markerSummary([
      { severity: 4, message: "Property prot is not allowed.", line: 7 },
      { severity: 8, message: "Implicit keys need\n to be on a single line", line: 3 },
    ])).toBe("2 problems: line 3 Implicit keys need to be on a single line; line 7 Property prot is not allowed.");
    expect(markerSummary([{ severity: 4, message: "Property prot is not allowed.", line: 7 }]))
      .toBe("1 problem: line 7 Property prot is not allowed.");
  });
  it("lists three and counts the rest", () => {
    const many = [1, 2, 3, 4, 5].map((line) => ({ severity: 4, message: "m", line }));
    expect(markerSummary(many)).toBe("5 problems: line 1 m; line 2 m; line 3 m; and 2 more");
  });
});
