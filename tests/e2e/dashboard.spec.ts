/**
 * The Dashboard tab after the blog's requests: lesson 7 starts with the blog's egress gateway
 * routing and the listchecker in place, so from sleep.default /politics gets 404 and /sport and
 * /health 200. Prometheus scrapes every 5 s of the runtime's clock (wall time in the browser)
 * and the panel's irate needs two scrapes, so the test waits on the legend, never on a sleep.
 */
import { expect, expectTerminal, test, typeCommand, waitForTerminal } from "./support/lab.ts";
import { BLOG_REQUESTS, DASHBOARD_LESSON, SOURCE_POD } from "./support/blogRequests.ts";

const PANEL = "Requests by Source, Version, and Response Code";

test("the blog's requests show up as sleep.default's 404 and 200 series in the gateway's row", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(DASHBOARD_LESSON);
  await waitForTerminal(page);
  await typeCommand(page, SOURCE_POD);
  await typeCommand(page, BLOG_REQUESTS);
  await expectTerminal(page, /^404\n200\n200$/m);

  await page.getByRole("tab", { name: "Dashboard" }).click();
  const dashboard = page.getByRole("tabpanel", { name: "Dashboard" });
  await expect(dashboard.getByRole("heading", { name: "Istio Dashboard" })).toBeVisible();
  // The HTTP Services section repeats its row for the one destination Mixer reports: the gateway.
  await expect(dashboard.getByText("istio-egressgateway.istio-system.svc.cluster.local", { exact: true })).toBeVisible();
  const panel = dashboard.getByRole("region", { name: PANEL }).first();
  // Two scrapes 5 s apart, then the next 5 s refresh: well under 30 s.
  await expect(panel.getByText("sleep.default-unknown -> unknown : 404", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByText("sleep.default-unknown -> unknown : 200", { exact: true })).toBeVisible({ timeout: 30_000 });
});
