/**
 * Keyboard-only use: Tab from the top of the lesson page reaches every control, the terminal
 * (where Tab completes) is left with Shift+Tab, the tabs follow the WAI-ARIA arrow-key pattern,
 * and the Logs panel's controls are reached once its tab is selected.
 */
import type { Page } from "@playwright/test";
import { expect, expectTerminal, openLesson, test, TERMINAL_INPUT } from "./support/lab.ts";

/** Role and accessible name of the focused element, as the accessibility tree has them. */
async function focused(page: Page): Promise<string> {
  return (await page.locator(":focus").ariaSnapshot()).split("\n")[0];
}

/** Presses Tab (or Shift+Tab) until `stop` is focused, returning every control passed through. */
async function tabUntil(page: Page, stop: RegExp, key = "Tab", limit = 60): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    seen.push(now);
    if (stop.test(now)) return seen;
  }
  throw new Error(`${stop} not reached with ${key}; focus went through:\n${seen.join("\n")}`);
}

test("every control of the lesson page is reachable with the keyboard alone", async ({ page }) => {
  await openLesson(page);
  await page.getByRole("link", { name: "Skip to content" }).focus();
  const seen = await tabUntil(page, new RegExp(`textbox "${TERMINAL_INPUT}"`));
  const expected = [
    /link "Course"/,
    /link "About/,
    /button "Dark theme"/,
    ...["Run", "Copy"].flatMap((verb) => [`${verb}: export SOURCE_POD`, `${verb}: cat <<EOF | istioctl create -f - (egress-gateway.yaml)`, `${verb}: kubectl exec -it`, `${verb}: kubectl logs`]),
    "Open in editor: egress-gateway.yaml",
    "Open in editor: route-through-gateway.yaml",
    /separator "Resize prose and workspace"/,
    /tab "Terminal" \[selected\]/,
    /button "Compare with solution"/,
    /button "Reset lesson"/,
  ];
  for (const control of expected) {
    const pattern = typeof control === "string" ? new RegExp(`button "${control.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) : control;
    expect(seen.some((s) => pattern.test(s)), `${pattern} reached; focus went through:\n${seen.join("\n")}`).toBe(true);
  }

  // In the terminal Tab completes what is typed; Shift+Tab leaves it (no keyboard trap).
  await page.keyboard.type("kubectl get po");
  await page.keyboard.press("Tab");
  expect(await focused(page)).toContain(TERMINAL_INPUT);
  await expectTerminal(page, /^\$ kubectl get pods? *$/m);
  await page.keyboard.press("Control+U");
  await tabUntil(page, /button "Reset lesson"/, "Shift+Tab", 1);

  // The theme toggle works from the keyboard.
  const toggle = page.getByRole("button", { name: "Dark theme" });
  await toggle.focus();
  const before = await toggle.getAttribute("aria-pressed");
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-pressed", before === "true" ? "false" : "true");

  // The splitter moves with the arrow keys.
  const splitter = page.getByRole("separator", { name: "Resize prose and workspace" });
  await splitter.focus();
  const share = Number(await splitter.getAttribute("aria-valuenow"));
  await page.keyboard.press("ArrowRight");
  await expect(splitter).toHaveAttribute("aria-valuenow", String(share + 5));

  // Tabs: arrow keys move between them and select; the Logs panel's controls follow in Tab order.
  await page.getByRole("tab", { name: "Terminal" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Editor" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  const logsTab = page.getByRole("tab", { name: "Logs" });
  await expect(logsTab).toBeFocused();
  await expect(logsTab).toHaveAttribute("aria-selected", "true");
  const logControls = await tabUntil(page, /list "Log lines"/, "Tab", 10);
  for (const control of [/button "Reset lesson"/, /combobox "Stream"/, /searchbox "Filter"/, /button "Pause"/]) {
    expect(logControls.some((s) => control.test(s)), `${control} reached; focus went through:\n${logControls.join("\n")}`).toBe(true);
  }

  // The editor's controls, once it is shown: its file picker and Apply.
  await page.getByRole("button", { name: "Open in editor: egress-gateway.yaml" }).focus();
  await page.keyboard.press("Enter");
  const editorTab = page.getByRole("tab", { name: "Editor" });
  await expect(editorTab).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("status").filter({ hasText: "egress-gateway.yaml: No problems" })).toBeVisible();
  await editorTab.focus();
  // Terminal and editor share the view: Tab at the terminal's empty prompt moves on to the editor.
  const editorControls = await tabUntil(page, /button "Apply egress-gateway\.yaml"/, "Tab", 20);
  for (const control of [new RegExp(`textbox "${TERMINAL_INPUT}"`), /button "egress-gateway\.yaml"/, /button "Close egress-gateway\.yaml"/, /combobox "Open a file"/]) {
    expect(editorControls.some((s) => control.test(s)), `${control} reached; focus went through:\n${editorControls.join("\n")}`).toBe(true);
  }
});
