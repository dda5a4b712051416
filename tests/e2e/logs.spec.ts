/** The Logs panel streams Mixer's log as requests happen. */
import { expect, openLesson, runButtons, runSetupSteps, expectTerminal, test } from "./support/lab.ts";

test("the Logs panel shows the new Mixer line after a request", async ({ page }) => {
  await openLesson(page);
  await runSetupSteps(page);
  await page.getByRole("tab", { name: "Logs" }).click();
  await page.getByRole("combobox", { name: "Stream" }).selectOption({ label: "Mixer (istio-telemetry)" });
  const lines = page.getByRole("list", { name: "Log lines" }).getByRole("listitem");
  const politics = lines.filter({ hasText: '"url":"/politics"' });
  await expect(politics).toHaveCount(0);

  await page.getByRole("tab", { name: "Terminal" }).click();
  await runButtons(page).nth(3).click();
  await expectTerminal(page, /^HTTP\/1\.1 200 OK$/m);

  await page.getByRole("tab", { name: "Logs" }).click();
  await expect(politics).toHaveCount(1);
  await expect(politics).toBeVisible();
  await expect(politics).toContainText('"instance":"accesslog.logentry.istio-system"');
  await expect(politics).toContainText('"responseCode":200');
  // The filter box narrows the list to matching lines.
  await page.getByRole("searchbox", { name: "Filter" }).fill("no-such-text");
  await expect(politics).toBeHidden();
});
