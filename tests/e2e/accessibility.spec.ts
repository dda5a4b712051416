/** axe-core finds no serious or critical violation: home, lesson (every workspace view), both themes. */
import type { Page } from "@playwright/test";
import { fileURLToPath } from "node:url";
import { expect, openLesson, test } from "./support/lab.ts";

const AXE = fileURLToPath(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url));

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical violations on the page as it is now, one readable line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

for (const theme of ["light", "dark"] as const) {
  test(`axe: no serious or critical violation, ${theme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await seriousViolations(page), "home page").toEqual([]);

    await openLesson(page);
    expect(await seriousViolations(page), "lesson, terminal").toEqual([]);

    await page.getByRole("button", { name: "Open in editor: egress-gateway.yaml" }).click();
    await expect(page.getByRole("status").filter({ hasText: "egress-gateway.yaml: No problems" })).toBeVisible();
    expect(await seriousViolations(page), "lesson, editor").toEqual([]);

    await page.getByRole("tab", { name: "Logs" }).click();
    await expect(page.getByRole("list", { name: "Log lines" }).getByRole("listitem").first()).toBeVisible();
    expect(await seriousViolations(page), "lesson, logs").toEqual([]);
  });
}
