/**
 * The site works offline: no request leaves its origin. Every test checks this (the `foreign`
 * fixture in support/lab.ts); this one visits everything that loads lazily (Monaco and its
 * workers, the Logs panel, the other pages) so nothing escapes the check.
 */
import { expect, openLesson, test } from "./support/lab.ts";

test("the pages make no request to another origin, editor and logs included", async ({ page, foreign }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByRole("link", { name: /About/ }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await openLesson(page);
  await page.getByRole("tab", { name: "Editor" }).click();
  await page.getByRole("button", { name: "Open in editor: egress-gateway.yaml" }).click();
  await expect(page.getByRole("status").filter({ hasText: "egress-gateway.yaml: No problems" })).toBeVisible();
  await page.getByRole("tab", { name: "Logs" }).click();
  await expect(page.getByRole("list", { name: "Log lines" })).toBeAttached();
  await page.waitForLoadState("networkidle");
  expect(foreign).toEqual([]);
});
