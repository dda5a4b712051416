/** A reload restores the sandbox; Reset returns to the lesson's start. */
import { expect, expectTerminal, openLesson, runAndSave, terminalText, test, typeCommand, waitForTerminal } from "./support/lab.ts";

test("a reload restores environment variables, cluster state and scrollback", async ({ page }) => {
  await openLesson(page);
  await runAndSave(page, "kubectl create namespace kept-across-reloads", 'namespace "kept-across-reloads" created');
  await runAndSave(page, "export X=42", /^\$ export X=42\n\$ /m);
  await page.reload();
  await waitForTerminal(page);
  // The scrollback came back...
  await expectTerminal(page, 'namespace "kept-across-reloads" created');
  // ...and so did the sandbox.
  await typeCommand(page, "echo X=$X");
  await expectTerminal(page, /^X=42$/m);
  await typeCommand(page, "kubectl get namespace kept-across-reloads");
  await expectTerminal(page, /^kept-across-reloads\s+Active\s+\S+$/m);
});

test("Reset lesson restores the lesson's start", async ({ page }) => {
  await openLesson(page);
  await typeCommand(page, "kubectl create namespace gone-after-reset");
  await expectTerminal(page, 'namespace "gone-after-reset" created');
  await typeCommand(page, "export X=42");
  await expectTerminal(page, /^\$ export X=42\n\$ /m);

  await page.getByRole("button", { name: "Reset lesson" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The lesson is back at its start" })).toBeVisible();
  // A clean screen with a prompt, and the terminal has focus again.
  await expect.poll(() => terminalText(page)).toMatch(/^\$ *\n*$/);
  await expect(page.getByRole("textbox", { name: "Terminal: type shell commands here" })).toBeFocused();

  await typeCommand(page, "echo X=$X.");
  await expectTerminal(page, /^X=\.$/m);
  await typeCommand(page, "kubectl get namespace gone-after-reset");
  await expectTerminal(page, 'Error from server (NotFound): namespaces "gone-after-reset" not found');
  await typeCommand(page, "kubectl get namespaces");
  await expectTerminal(page, /^istio-system\s+Active/m);
  expect(await terminalText(page)).not.toContain("gone-after-reset   ");
});
