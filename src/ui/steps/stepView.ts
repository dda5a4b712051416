/**
 * The controls under one lesson step: its live status (pending, passed, failed with the
 * reason), Check, Hint (one hint more per press) and Solve step. Pure DOM; the decisions live in
 * steps.ts and the checks themselves in the worker.
 */
import type { StepPlan } from "../../worker/protocol.ts";

export type ShownStatus = "pending" | "passed" | "failed";

export interface StepView {
  readonly id: string;
  show(status: ShownStatus, reason?: string): void;
  /** Reveals the next hint; false when every hint is shown already. */
  nextHint(): boolean;
  resetHints(): void;
}

const LABEL: Record<ShownStatus, string> = { pending: "Not done yet", passed: "Passed", failed: "Not passed yet" };

export function mountStepView(section: HTMLElement, step: StepPlan): StepView {
  const box = document.createElement("div");
  box.className = "step-check";
  box.dataset.stepCheck = step.id;

  const status = document.createElement("p");
  status.className = "step-status";
  status.dataset.status = "pending";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  const badge = document.createElement("span");
  badge.className = "step-badge";
  const reason = document.createElement("span");
  reason.className = "step-reason";
  status.append(badge, reason);

  const actions = document.createElement("div");
  actions.className = "step-actions";
  const button = (label: string, data: string, aria: string) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "button subtle";
    b.textContent = label;
    b.setAttribute(data, step.id);
    b.setAttribute("aria-label", `${aria}: ${step.title}`);
    actions.append(b);
    return b;
  };
  button("Check", "data-step-check-button", "Check step");
  const hintButton = step.hints.length ? button("Hint", "data-step-hint", "Show a hint for step") : undefined;
  button("Solve step", "data-step-solve", "Solve step");

  const hints = document.createElement("ol");
  hints.className = "step-hints";
  hints.setAttribute("aria-label", `Hints: ${step.title}`);
  hints.hidden = true;

  box.append(status, actions, hints);
  section.append(box);

  let shownHints = 0;
  const view: StepView = {
    id: step.id,
    show(next, why) {
      status.dataset.status = next;
      badge.textContent = LABEL[next];
      reason.textContent = next === "failed" && why ? `: ${why}` : "";
      section.dataset.stepStatus = next;
    },
    nextHint() {
      if (shownHints >= step.hints.length) return false;
      const li = document.createElement("li");
      li.append(...withCode(step.hints[shownHints++]));
      hints.append(li);
      hints.hidden = false;
      if (hintButton) {
        hintButton.textContent = shownHints < step.hints.length ? `Hint (${shownHints + 1} of ${step.hints.length})` : "All hints shown";
        hintButton.disabled = shownHints >= step.hints.length;
      }
      return true;
    },
    resetHints() {
      shownHints = 0;
      hints.replaceChildren();
      hints.hidden = true;
      if (hintButton) {
        hintButton.textContent = "Hint";
        hintButton.disabled = false;
      }
    },
  };
  view.show("pending");
  return view;
}

/** Hints are one-line Markdown: `code` spans become <code>; everything else stays text (never HTML). */
function withCode(text: string): Node[] {
  return text.split("`").map((part, i) => {
    if (i % 2 === 0) return document.createTextNode(part);
    const code = document.createElement("code");
    code.textContent = part;
    return code;
  });
}
