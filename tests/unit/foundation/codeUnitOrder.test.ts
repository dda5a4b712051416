import { expect, it } from "vitest";
import { codeUnitOrder } from "../../../src/runtime/codeUnitOrder.ts";

it("orders names as Go's string comparison does (the API server's and cobra's order), not as localeCompare", () => {
  const names = ["istiocitadel", "istio-citadel", "Grafana", "grafana", "istio-pilot", "istio-1"];
  expect([...names].sort(codeUnitOrder)).toEqual(["Grafana", "grafana", "istio-1", "istio-citadel", "istio-pilot", "istiocitadel"]);
  expect([...names].sort((a, b) => a.localeCompare(b))).not.toEqual([...names].sort(codeUnitOrder));
  expect(codeUnitOrder("a", "a")).toBe(0);
});
