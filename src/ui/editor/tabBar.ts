/**
 * The strip of open files. Deliberately a list of buttons (file button + "Close <file>" button),
 * not an ARIA tablist: a tablist may only own tabs, and a close button inside or beside each tab
 * is an axe "aria-required-children"/"nested-interactive" violation. The active file's button
 * has aria-current="true"; every control is a native button, so Tab/Enter/Space reach them all.
 */

export interface TabBarEvents {
  select(path: string): void;
  close(path: string): void;
}

export interface TabBar {
  readonly element: HTMLElement;
  /** Shows `paths` in order, `active` current; `dirty` ones get a dot (edits not yet saved). */
  render(paths: readonly string[], active: string | undefined, dirty: ReadonlySet<string>): void;
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1) || path;
}

export function createTabBar(events: TabBarEvents): TabBar {
  const element = document.createElement("ul");
  element.className = "el-editor-tabs";
  element.setAttribute("aria-label", "Open files");

  return {
    element,
    render(paths, active, dirty) {
      // Keep keyboard focus on the same file's button across re-renders.
      const focused = (document.activeElement as HTMLElement | null)?.dataset?.path;
      element.replaceChildren();
      for (const path of paths) {
        const item = document.createElement("li");
        item.className = "el-editor-tab";
        const tab = document.createElement("button");
        tab.type = "button";
        tab.className = "el-editor-tab-file";
        tab.dataset.path = path;
        tab.title = path;
        if (path === active) tab.setAttribute("aria-current", "true");
        tab.textContent = baseName(path);
        if (dirty.has(path)) {
          const dot = document.createElement("span");
          dot.className = "el-editor-tab-dirty";
          dot.setAttribute("aria-hidden", "true");
          dot.textContent = " \u25CF";
          const said = document.createElement("span");
          said.className = "el-editor-sr-only";
          said.textContent = " (unsaved)";
          tab.append(dot, said);
        }
        tab.addEventListener("click", () => events.select(path));
        const close = document.createElement("button");
        close.type = "button";
        close.className = "el-editor-tab-close";
        close.setAttribute("aria-label", `Close ${baseName(path)}`);
        close.title = `Close ${path}`;
        close.textContent = "\u00D7";
        close.addEventListener("click", () => events.close(path));
        item.append(tab, close);
        element.append(item);
        if (path === focused) queueMicrotask(() => tab.focus());
      }
    },
  };
}
