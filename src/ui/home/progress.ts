/**
 * The reader's progress: which steps of which lesson have passed their check (kept in
 * localStorage). Lesson pages record it (src/ui/steps); the course home shows it.
 */
const KEY = "egress-lab:progress";

type Progress = Record<string, string[]>;

function read(): Progress {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? "{}") as unknown;
    return value && typeof value === "object" ? (value as Progress) : {};
  } catch {
    return {};
  }
}

export function stepsDone(lesson: string): Set<string> {
  const steps = read()[lesson];
  return new Set(Array.isArray(steps) ? steps : []);
}

export function markStepDone(lesson: string, step: string): void {
  const all = read();
  const steps = new Set(Array.isArray(all[lesson]) ? all[lesson] : []);
  if (steps.has(step)) return;
  steps.add(step);
  all[lesson] = [...steps];
  try {
    localStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    // progress is a convenience; nothing else depends on it
  }
}

export function clearLessonProgress(lesson: string): void {
  const all = read();
  delete all[lesson];
  try {
    localStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    // see above
  }
}

export function showCourseProgress(): void {
  for (const card of document.querySelectorAll<HTMLElement>("[data-lesson]")) {
    const lesson = card.dataset.lesson!;
    const steps = (card.dataset.steps ?? "").split(" ").filter(Boolean);
    const done = stepsDone(lesson);
    const count = steps.filter((s) => done.has(s)).length;
    const label = card.querySelector<HTMLElement>("[data-progress]");
    if (!label) continue;
    label.textContent = count === 0 ? `${steps.length} steps, not started` : count === steps.length ? `Done: all ${steps.length} steps passed` : `${count} of ${steps.length} steps passed`;
    if (count === steps.length && count > 0) card.classList.add("done");
  }
}
