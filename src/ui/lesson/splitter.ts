/**
 * The splitter between prose and workspace (WAI-ARIA window splitter): drag it with a pointer,
 * or focus it and use Left/Right (5% steps), Home/End. The width share is remembered.
 */
const KEY = "egress-lab:split";
const MIN = 25;
const MAX = 75;

export function initSplitter(splitter: HTMLElement, layoutRoot: HTMLElement, onResize: () => void): void {
  const apply = (percent: number) => {
    const p = Math.round(Math.min(MAX, Math.max(MIN, percent)));
    layoutRoot.style.setProperty("--prose-share", `${p}%`);
    splitter.setAttribute("aria-valuenow", String(p));
    splitter.setAttribute("aria-valuetext", `Prose ${p}% of the width`);
    onResize();
    return p;
  };
  let share = Number(localStorage.getItem(KEY)) || 45;
  share = apply(share);
  const save = () => {
    try {
      localStorage.setItem(KEY, String(share));
    } catch {
      // width not remembered
    }
  };

  splitter.addEventListener("keydown", (e) => {
    const steps: Record<string, number> = { ArrowLeft: share - 5, ArrowRight: share + 5, Home: MIN, End: MAX };
    if (!(e.key in steps)) return;
    e.preventDefault();
    share = apply(steps[e.key]);
    save();
  });
  splitter.addEventListener("pointerdown", (e) => {
    splitter.setPointerCapture(e.pointerId);
    const rect = layoutRoot.getBoundingClientRect();
    const move = (ev: PointerEvent) => {
      share = apply(((ev.clientX - rect.left) / rect.width) * 100);
    };
    const up = () => {
      splitter.removeEventListener("pointermove", move);
      splitter.removeEventListener("pointerup", up);
      save();
    };
    splitter.addEventListener("pointermove", move);
    splitter.addEventListener("pointerup", up);
  });
}
