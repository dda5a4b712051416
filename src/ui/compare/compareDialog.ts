/**
 * "Compare with solution": a modal dialog with a Monaco diff of the reader's Istio and Mixer
 * config (left) against the lesson's reference end state (right). The worker gives both texts
 * (compareConfig); Monaco loads with this module, so the page pays for it only when asked.
 * Escape or Close closes the dialog and gives focus back to the button that opened it.
 */
import type { WorkerClient } from "../../worker/client.ts";
import { currentTheme } from "../theme.ts";
import { ensureEditorStyles } from "../editor/styles.ts";
import { mountDiff } from "../editor/diff.ts";
import "./compare.css";

const TITLE = "Compare with solution";

export async function openCompareDialog(client: WorkerClient, lesson: string, opener: HTMLElement | null): Promise<void> {
  const { current, reference } = await client.request("compareConfig", { lesson });

  const dialog = document.createElement("dialog");
  dialog.className = "compare-dialog";
  dialog.setAttribute("aria-labelledby", "compare-title");
  dialog.setAttribute("aria-describedby", "compare-note");

  const head = document.createElement("div");
  head.className = "compare-head";
  const title = document.createElement("h2");
  title.id = "compare-title";
  title.textContent = TITLE;
  const close = document.createElement("button");
  close.type = "button";
  close.className = "button";
  close.textContent = "Close";
  close.autofocus = true;
  head.append(title, close);

  const note = document.createElement("p");
  note.id = "compare-note";
  note.className = "compare-note";
  note.textContent =
    current === reference
      ? "Your Istio and Mixer config is the same as the solution's."
      : "Your Istio and Mixer config now (left) against this lesson's solution (right). The config the install ships with is left out.";
  const sides = document.createElement("p");
  sides.className = "compare-sides";
  sides.setAttribute("aria-hidden", "true");
  for (const side of ["Your config", "Solution"]) sides.append(Object.assign(document.createElement("span"), { textContent: side }));

  const host = document.createElement("div");
  host.className = "compare-diff";
  host.dataset.compareDiff = "";
  dialog.append(head, note, sides, host);
  document.body.append(dialog);

  ensureEditorStyles();
  const diff = mountDiff(host, current, reference, {
    theme: currentTheme(),
    originalLabel: "Your Istio and Mixer config",
    modifiedLabel: "The lesson's solution",
  });
  const onTheme = () => diff.setTheme(currentTheme());
  document.addEventListener("egress-lab:theme", onTheme);

  let closed = false;
  function shut(): void {
    if (closed) return;
    closed = true;
    document.removeEventListener("egress-lab:theme", onTheme);
    if (dialog.open) dialog.close();
    diff.dispose();
    dialog.remove();
    opener?.focus();
  }
  close.addEventListener("click", shut);
  dialog.addEventListener("close", shut);
  // The browser closes a modal dialog on Escape, but not when Monaco (focus in the diff) takes
  // the key first; an Escape that no editor widget used still closes the dialog.
  dialog.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !e.defaultPrevented) {
      e.preventDefault();
      shut();
    }
  });
  dialog.addEventListener("cancel", (e) => {
    e.preventDefault();
    shut();
  });
  dialog.showModal();
  close.focus();
}
