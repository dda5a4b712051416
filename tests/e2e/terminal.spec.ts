/** The lesson page and its terminal: loading, typed commands, Run buttons, Ctrl-C. */
import { expect, expectTerminal, markCount, openLesson, runButtons, runSetupSteps, terminalText, test, typeCommand } from "./support/lab.ts";

test("a lesson page loads with its prose, its steps and a ready terminal", async ({ page }) => {
  await openLesson(page);
  await expect(page).toHaveTitle("Before you begin: Egress Lab");
  await expect(page.getByRole("heading", { level: 1, name: "Before you begin" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /Declare the egress gateway's server/ })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Terminal" })).toHaveAttribute("aria-selected", "true");
  await expect(runButtons(page)).toHaveCount(5);
  await expectTerminal(page, /^\$ /m);
  // The worker was started from <head> with the built worker's URL (scripts/earlyWorkerIntegration.ts)
  // and adopted by the page: one runtime worker, no placeholder left in the page.
  expect(await page.content()).not.toContain("__EGRESS_LAB_RUNTIME_WORKER_URL__");
  expect(await page.content()).not.toContain("__EGRESS_LAB_TERMINAL_URL__");
  expect(page.workers().filter((w) => /runtime\.worker-[\w-]+\.js$/.test(w.url()))).toHaveLength(1);
});

test("typing `kubectl get pods -n istio-system` prints Istio's pods", async ({ page }) => {
  // The lesson's start state comes from the build (made on the blog's day) and is moved to now.
  const startState = page.waitForResponse((r) => r.url().endsWith("/start-states/before-you-begin.json"));
  await openLesson(page);
  expect((await startState).status()).toBe(200);
  await typeCommand(page, "kubectl get pods -n istio-system");
  await expectTerminal(page, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
  const text = await terminalText(page);
  expect(text).toMatch(/^istio-egressgateway-\S+\s+1\/1\s+Running\s+0\s+\S+$/m);
  expect(text).toMatch(/^istio-telemetry-\S+\s+2\/2\s+Running\s+0\s+\S+$/m);
  // Installed 12 minutes before the lesson starts: now, not in June 2018.
  expect(text).toMatch(/^istio-pilot-\S+\s+2\/2\s+Running\s+0\s+1[23]m$/m);
  // The command finished: a fresh prompt follows the table.
  await expectTerminal(page, /prometheus-\S+\s+1\/1\s+Running.*\n\$ /);
});

test("Run buttons execute the blog's commands and the request's status code appears", async ({ page }) => {
  await openLesson(page);
  await runSetupSteps(page);
  const text = await terminalText(page);
  expect(text).toContain("Created config service-entry/default/cnn at revision");
  // The step's command is shown as typed, then its output: the response's status line.
  await runButtons(page).nth(3).click();
  await expectTerminal(page, /\$ kubectl exec -it \$SOURCE_POD -c sleep -- curl -sL -o \/dev\/null -D - http/);
  await expectTerminal(page, /^HTTP\/1\.1 200 OK$/m);
  await expectTerminal(page, /^content-length: 150448$/m);
});

test("Ctrl-C stops an endless loop and the next command runs", async ({ page }) => {
  await openLesson(page);
  await typeCommand(page, "while true; do sleep 1; done");
  // Running: the command line is committed and no new prompt follows it.
  await expectTerminal(page, /\$ while true; do sleep 1; done\n(?!\$)/);
  await page.keyboard.press("Control+C");
  await expectTerminal(page, /\^C\n?\$ /);
  await typeCommand(page, "echo after-the-loop");
  await expectTerminal(page, /^after-the-loop$/m);
});

test("output that arrives while another tab is shown is in the terminal when it is shown again", async ({ page }) => {
  await openLesson(page);
  const saves = await markCount(page, "sandbox-saved");
  await typeCommand(page, "sleep 1; echo written-while-hidden; echo second-line");
  await expectTerminal(page, /\$ sleep 1; echo written-while-hidden; echo second-line\n(?!\$)/);
  await page.getByRole("tab", { name: "Logs" }).click();
  // The command ends while the Logs tab is shown: its save marks the end.
  await expect.poll(() => markCount(page, "sandbox-saved"), { timeout: 15_000 }).toBeGreaterThan(saves);
  await page.getByRole("tab", { name: "Terminal" }).click();
  await expectTerminal(page, /^written-while-hidden\nsecond-line\n\$ /m);
  await typeCommand(page, "echo still-in-order");
  await expectTerminal(page, /^second-line\n\$ echo still-in-order\nstill-in-order\n\$ /m);
});
