/**
 * The Requests tab lists the blog's requests and explains the politics 404: lesson 7's setup
 * has the listchecker whitelist (/health, /sport), so the explanation names the Mixer adapter
 * that denied the request, and shows the rule that called it.
 */
import { expect, expectTerminal, test, typeCommand, waitForTerminal } from "./support/lab.ts";
import { BLOG_REQUESTS, DASHBOARD_LESSON, SOURCE_POD } from "./support/blogRequests.ts";

test("the politics request is listed with 404 and explained by the listchecker", async ({ page }) => {
  await page.goto(DASHBOARD_LESSON);
  await waitForTerminal(page);
  await typeCommand(page, SOURCE_POD);
  await typeCommand(page, BLOG_REQUESTS);
  await expectTerminal(page, /^404\n200\n200$/m);

  await page.getByRole("tab", { name: "Requests" }).click();
  const panel = page.getByRole("tabpanel", { name: "Requests" });
  const list = panel.getByRole("table", { name: "Requests your commands caused, newest first" });
  const politics = list
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: "http://edition.cnn.com/politics", exact: true }) })
    .filter({ has: page.getByRole("cell", { name: "404", exact: true }) });
  await expect(politics.first()).toBeVisible();
  const sport = list.getByRole("row").filter({ has: page.getByRole("cell", { name: "http://edition.cnn.com/sport", exact: true }) });
  await expect(sport.first()).toContainText("200");

  await politics.first().click();
  const why = panel.getByRole("paragraph").filter({ hasText: /^Why: / });
  await expect(why).toHaveText("Why: denied by Mixer: path-checker.listchecker.istio-system: /politics is not whitelisted");
  // The Check's rule that called the listchecker, and the adapter's verdict.
  await expect(panel.getByRole("heading", { name: /^Mixer Check \(istio-policy\): / })).toContainText("NOT_FOUND");
  await expect(panel.getByRole("listitem").filter({ hasText: /^NOT_FOUND path-checker\.listchecker/ }).first()).toBeVisible();
});
