/**
 * The workspace's tabs, with the WAI-ARIA tabs pattern: one tab in the Tab order, arrow keys
 * and Home/End move between tabs and activate them.
 */
export interface Tabs {
  select(id: string, focus?: boolean): void;
  selected(): string;
}

export function initTabs(tablist: HTMLElement, onSelect: (panelId: string) => void): Tabs {
  const tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  let current = tabs.find((t) => t.getAttribute("aria-selected") === "true") ?? tabs[0];

  function select(tab: HTMLButtonElement, focus: boolean): void {
    current = tab;
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
    }
    if (focus) tab.focus();
    onSelect(tab.getAttribute("aria-controls")!);
  }

  tablist.addEventListener("click", (e) => {
    const tab = (e.target as HTMLElement).closest<HTMLButtonElement>('[role="tab"]');
    if (tab) select(tab, false);
  });
  tablist.addEventListener("keydown", (e) => {
    const i = tabs.indexOf(current);
    const moves: Record<string, number> = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 };
    if (!(e.key in moves)) return;
    e.preventDefault();
    select(tabs[(moves[e.key] + tabs.length) % tabs.length], true);
  });

  return {
    select(panelId, focus = false) {
      const tab = tabs.find((t) => t.getAttribute("aria-controls") === panelId);
      if (tab) select(tab, focus);
    },
    selected: () => current.getAttribute("aria-controls")!,
  };
}
