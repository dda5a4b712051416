/**
 * Light and dark themes: the reader's choice (kept in localStorage) wins over the system's
 * prefers-color-scheme. Components that paint themselves (terminal, editor) listen for
 * `egress-lab:theme` events.
 */
export type Theme = "light" | "dark";
const KEY = "egress-lab:theme";

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === "dark" ? "dark" : "light";
}

export function onThemeChange(cb: (theme: Theme) => void): void {
  document.addEventListener("egress-lab:theme", (e) => cb((e as CustomEvent<Theme>).detail));
}

function apply(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  const button = document.querySelector<HTMLButtonElement>("[data-theme-toggle]");
  button?.setAttribute("aria-pressed", String(theme === "dark"));
  document.dispatchEvent(new CustomEvent("egress-lab:theme", { detail: theme }));
}

export function initThemeToggle(): void {
  const button = document.querySelector<HTMLButtonElement>("[data-theme-toggle]");
  if (!button) return;
  button.setAttribute("aria-pressed", String(currentTheme() === "dark"));
  button.addEventListener("click", () => {
    const next: Theme = currentTheme() === "dark" ? "light" : "dark";
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // not kept across reloads; still applied now
    }
    apply(next);
  });
  // Follow the system while the reader has not chosen.
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", (e) => {
    let saved: string | null = null;
    try {
      saved = localStorage.getItem(KEY);
    } catch {
      saved = null;
    }
    if (!saved) apply(e.matches ? "dark" : "light");
  });
}
