/** The manifest editor: "Open in editor", schema markers, Apply. */
import { expect, expectTerminal, openLesson, test } from "./support/lab.ts";

test("a manifest with a wrong field shows a marker; fixed and applied it creates the config", async ({ page }) => {
  await openLesson(page);
  await page.getByRole("button", { name: "Open in editor: egress-gateway.yaml" }).click();
  await expect(page.getByRole("tab", { name: "Editor" })).toHaveAttribute("aria-selected", "true");
  const editor = page.getByRole("textbox", { name: /^Manifest editor: egress-gateway\.yaml/ });
  await expect(editor).toBeAttached();
  const problems = page.getByRole("status").filter({ hasText: "egress-gateway.yaml:" });
  await expect(problems).toHaveText("egress-gateway.yaml: No problems");

  // Add a field the Gateway kind does not have, below `kind: Gateway` (line 1).
  await editor.focus();
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("colour: blue");
  await page.keyboard.press("Escape");
  await expect(problems).toHaveText(/^egress-gateway\.yaml: 1 problem: line 2 .*colour/);

  // Remove it again: the marker goes away.
  await page.keyboard.press("Home");
  await page.keyboard.press("Shift+End");
  await page.keyboard.press("Delete");
  await page.keyboard.press("Backspace");
  await expect(problems).toHaveText("egress-gateway.yaml: No problems");

  // Apply types the command into the terminal (shown beside the editor on a laptop screen).
  await page.getByRole("button", { name: "Apply egress-gateway.yaml" }).click();
  await expectTerminal(page, "$ istioctl create -f egress-gateway.yaml");
  await expectTerminal(page, /^Created config gateway\/default\/istio-egressgateway at revision \d+$/m);
});
