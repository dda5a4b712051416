/**
 * Slim Monaco (stack-notes #6): the core API, the editing features a manifest editor needs and
 * the YAML language, not the full package (whose TypeScript worker alone is 6.7 MB). Configured
 * once per page: workers, and monaco-yaml with the runtime's own JSON Schemas, so completion,
 * hover docs and warnings agree with what kubectl and istioctl will say.
 */
import * as monaco from "monaco-editor/editor";
import "monaco-editor/editor/browser/coreCommands";
import "monaco-editor/features/bracketMatching/register";
import "monaco-editor/features/clipboard/register";
import "monaco-editor/features/codeAction/register";
import "monaco-editor/features/comment/register";
import "monaco-editor/features/contextmenu/register";
import "monaco-editor/features/cursorUndo/register";
import "monaco-editor/features/find/register";
import "monaco-editor/features/folding/register";
import "monaco-editor/features/gotoError/register";
import "monaco-editor/features/hover/register";
import "monaco-editor/features/indentation/register";
import "monaco-editor/features/linesOperations/register";
import "monaco-editor/features/multicursor/register";
import "monaco-editor/features/snippet/register";
import "monaco-editor/features/suggest/register";
// The completion widget itself: features/suggest only registers inline suggestions in 0.57.
import "monaco-editor/editor/contrib/suggest/browser/suggestController";
// Ctrl+M: lets keyboard users Tab out of the editor.
import "monaco-editor/features/toggleTabFocusMode/register";
import "monaco-editor/features/wordHighlighter/register";
import "monaco-editor/features/wordOperations/register";
import "monaco-editor/languages/definitions/yaml/register";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import { configureMonacoYaml, type MonacoYaml } from "monaco-yaml";
import YamlWorker from "./yaml.worker.ts?worker";
import { withLegacyCreateWebWorker } from "./yamlWorkerCompat.ts";
import { jsonSchemasForEditor } from "../../runtime/config/jsonSchema.ts";

export { monaco };

function startWorker(label: string): Worker {
  return label === "yaml" ? new YamlWorker() : new EditorWorker();
}

let yaml: MonacoYaml | undefined;

/** Sets up workers and monaco-yaml once; later calls return the same Monaco. */
export function setUpMonaco(): typeof monaco {
  if (yaml) return monaco;
  (globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
    getWorker: (_workerId: string, label: string) => startWorker(label),
  };
  const compat = withLegacyCreateWebWorker(monaco, startWorker);
  yaml = configureMonacoYaml(compat as unknown as Parameters<typeof configureMonacoYaml>[0], {
    enableSchemaRequest: false,
    validate: true,
    hover: true,
    // The schema's "Source:" link points at its (offline, nonexistent) $id URL: leave it out.
    hoverAnchor: false,
    completion: true,
    // Prettier is stubbed out of the worker (stack-notes #11), so no formatting is offered.
    format: { enable: false },
    // Kubernetes manifests are YAML 1.1 for kubectl 1.10's parser (`on`/`yes` are booleans).
    yamlVersion: "1.1",
    schemas: jsonSchemasForEditor().map((s) => ({ uri: s.uri, fileMatch: s.fileMatch, schema: s.schema })),
  });
  return monaco;
}
