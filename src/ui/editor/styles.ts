/**
 * The editor pane's own styles, injected when the (lazily loaded) editor mounts, so Astro does
 * not turn them into a render-blocking <link> in <head> (stack-notes #5). Colours follow the
 * page's light/dark theme through the root's `el-editor--dark` class.
 */
const CSS = `
.el-editor { display: flex; flex-direction: column; height: 100%; min-height: 12rem; font: 14px/1.4 system-ui, sans-serif;
  --el-bg: #ffffff; --el-fg: #1f2328; --el-muted: #57606a; --el-border: #d0d7de; --el-tab: #f6f8fa; --el-accent: #0969da; --el-accent-strong: #0969da; --el-warn: #9a6700; color-scheme: light; }
.el-editor--dark { --el-bg: #1e1e1e; --el-fg: #e6edf3; --el-muted: #9da7b3; --el-border: #3d444d; --el-tab: #252526; --el-accent: #4493f8; --el-accent-strong: #1f6feb; --el-warn: #d29922; color-scheme: dark; }
.el-editor { background: var(--el-bg); color: var(--el-fg); }
.el-editor-bar { display: flex; align-items: center; gap: .5rem; flex-wrap: wrap; padding: .25rem .5rem; border-bottom: 1px solid var(--el-border); background: var(--el-tab); }
.el-editor-tabs { display: flex; flex-wrap: wrap; gap: .25rem; list-style: none; margin: 0; padding: 0; flex: 1 1 auto; min-width: 0; }
.el-editor-tab { display: flex; align-items: stretch; border: 1px solid var(--el-border); border-radius: 4px; background: var(--el-bg); }
.el-editor-tab button { background: none; border: 0; color: var(--el-fg); font: inherit; padding: .2rem .5rem; cursor: pointer; }
.el-editor-tab-file[aria-current="true"] { font-weight: 600; box-shadow: inset 0 -2px 0 var(--el-accent); }
.el-editor-tab-close { color: var(--el-muted) !important; padding: .2rem .4rem !important; }
.el-editor-tab-dirty { color: var(--el-warn); }
.el-editor-bar select, .el-editor-apply { font: inherit; color: var(--el-fg); background: var(--el-bg); border: 1px solid var(--el-border); border-radius: 4px; padding: .2rem .4rem; }
.el-editor-apply { background: var(--el-accent-strong); border-color: var(--el-accent-strong); color: #fff; font-weight: 600; cursor: pointer; }
.el-editor-apply:disabled { opacity: .5; cursor: default; }
.el-editor button:focus-visible, .el-editor select:focus-visible { outline: 2px solid var(--el-accent); outline-offset: 1px; }
.el-editor-host { flex: 1 1 auto; min-height: 0; position: relative; }
.el-editor-empty { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; color: var(--el-muted); padding: 1rem; text-align: center; }
.el-editor-problems { padding: .2rem .5rem; border-top: 1px solid var(--el-border); color: var(--el-muted); font-size: 13px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.el-editor-problems[data-count]:not([data-count="0"]) { color: var(--el-warn); }
.el-editor-sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;

let injected = false;

export function ensureEditorStyles(): void {
  if (injected) return;
  injected = true;
  const style = document.createElement("style");
  style.dataset.owner = "egress-lab-editor";
  style.textContent = CSS;
  document.head.append(style);
}
