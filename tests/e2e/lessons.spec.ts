/**
 * Lesson 3 (logging) as a reader does it: Run buttons turn every step to passed and the course
 * home shows the progress; a wrong manifest fails its step with the reason; Reset lesson and
 * Solve step; Compare with solution. The lesson starts from lessons 1-2's end state, which the
 * worker builds from their solutions.
 */
import type { Page } from "@playwright/test";
import { expect, expectTerminal, terminalText, test, waitForTerminal } from "./support/lab.ts";

const LOGGING = "/lessons/logging/";
const STEPS = ["Create the logentry, the handlers and the rules", "Send the usual three requests", "Read Mixer's log", "Find the forbidden accesses"];
const CREATE = STEPS[0];
const CREATE_FAILURE = "The logentry, the two stdio handlers and the two rules are not all in istio-system as this step creates them.";

/** A step's section (a region named by its heading, "1 Create the logentry..."). */
function step(page: Page, title: string) {
  return page.getByRole("region", { name: new RegExp(`^\\d+ ${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) });
}

/** The step's live status line ("Not done yet", "Passed", "Not passed yet: <reason>"). */
function stepStatus(page: Page, title: string) {
  return step(page, title).getByRole("status");
}

async function openLogging(page: Page): Promise<void> {
  await page.goto(LOGGING);
  await waitForTerminal(page);
  await expect(page.getByText(/^\d+ of 4 steps passed$/)).toBeVisible();
}

test("a reader completes the logging lesson with Run buttons; the course home shows the progress", async ({ page }) => {
  test.setTimeout(60_000);
  await openLogging(page);
  await expect(page.getByText("0 of 4 steps passed")).toBeVisible();
  for (const title of STEPS) await expect(stepStatus(page, title)).toHaveText("Not done yet");

  for (const [i, title] of STEPS.entries()) {
    const runs = step(page, title).getByRole("button", { name: /^Run:/ });
    for (let n = 0; n < (await runs.count()); n++) await runs.nth(n).click();
    await expect(stepStatus(page, title)).toHaveText("Passed");
    await expect(page.getByText(`${i + 1} of 4 steps passed`)).toBeVisible();
    // The outputs the blog shows: three 200s, then (last step) the error line for /politics.
    if (i === 1) await expectTerminal(page, /^200\n200\n200$/m);
  }
  await expectTerminal(page, /^\{"level":"error","time":"/m);

  await page.goto("/");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Logging", exact: true }) });
  await expect(card).toContainText("Done: all 4 steps passed");
});

test("a wrong manifest fails its step with the reason; Reset lesson and Solve step bring it to passed", async ({ page }) => {
  test.setTimeout(60_000);
  await openLogging(page);

  // Open the step's manifest, make handle-politics match /sport instead of /politics, apply it.
  await page.getByRole("button", { name: "Open in editor: create-logging.yaml" }).click();
  const editor = page.getByRole("textbox", { name: /^Manifest editor: create-logging\.yaml/ });
  await expect(editor).toBeAttached();
  await editor.focus();
  // Monaco's Find/Replace (Ctrl+H): its inputs are plain text boxes, no auto-closed quotes.
  await page.keyboard.press("Control+H");
  await page.keyboard.type('startsWith("/politics")');
  await page.getByRole("textbox", { name: "Replace" }).focus();
  await page.keyboard.type('startsWith("/sport")');
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Apply create-logging.yaml" }).click();
  await expectTerminal(page, "$ istioctl create -f create-logging.yaml");
  await expectTerminal(page, /^Created config rule\/istio-system\/handle-cnn-access at revision \d+$/m);

  await page.getByRole("button", { name: `Check step: ${CREATE}` }).click();
  const reason = `${CREATE_FAILURE} (rule handle-politics's match (request.host.endsWith("cnn.com") && request.path.startsWith("/sport")) does not match request.host=edition.cnn.com, request.path=/politics)`;
  await expect(stepStatus(page, CREATE)).toHaveText(`Not passed yet: ${reason}`);
  await expect(page.getByText("0 of 4 steps passed")).toBeVisible();

  // Reset lesson: the wrong rule is gone and the step is pending again.
  await page.getByRole("button", { name: "Reset lesson" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The lesson is back at its start" })).toBeVisible();
  await expect(stepStatus(page, CREATE)).toHaveText("Not done yet");
  await page.getByRole("button", { name: `Check step: ${CREATE}` }).click();
  await expect(stepStatus(page, CREATE)).toHaveText(`Not passed yet: ${CREATE_FAILURE} (there is no logentry named egress-access in namespace istio-system)`);

  // Solve step types the solution into the terminal, visibly, and the step passes.
  await page.getByRole("button", { name: `Solve step: ${CREATE}` }).click();
  await expectTerminal(page, "> EOF");
  await expectTerminal(page, /^Created config rule\/istio-system\/handle-cnn-access at revision \d+$/m);
  await expect(stepStatus(page, CREATE)).toHaveText("Passed");
  await expect(page.getByText("1 of 4 steps passed")).toBeVisible();
});

test("Compare with solution shows the reader's config against the lesson's reference", async ({ page }) => {
  await openLogging(page);
  const compare = page.getByRole("button", { name: "Compare with solution" });
  await compare.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Compare with solution" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  // The solution's side holds the rule this lesson creates; the install's default config is not shown.
  const text = () => dialog.innerText().then((t) => t.replace(/\u00a0/g, " "));
  await expect.poll(text, { message: "the diff shows handle-politics" }).toContain("name: handle-politics");
  expect(await text()).not.toContain("name: promhttp");

  // Escape closes it and gives focus back to the button; Close does too.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(compare).toBeFocused();
  await compare.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  expect(await terminalText(page)).not.toContain("Error");
});
