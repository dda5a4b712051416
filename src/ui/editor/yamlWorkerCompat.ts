/**
 * monaco-yaml 5.5.1 (through monaco-worker-manager 2) still calls Monaco's old
 * `editor.createWebWorker({ moduleId, label, createData })`. Monaco 0.57 only takes
 * `{ worker }`, so without this shim the yaml worker never starts: "Could not create web
 * worker(s)", then "Missing requestHandler or method: doValidation", and no markers at all.
 * Upstream: remcohaszing/monaco-yaml#272. Recheck on every Monaco or monaco-yaml upgrade
 * (the headless marker check in the report must keep finding the `prot` warning).
 *
 * The handshake, read from the sources:
 * - monaco-worker-manager/worker.js sets `self.onmessage`; its FIRST message (any content)
 *   makes it call Monaco's `initialize(cb)` (monaco-editor/esm/vs/internal/common/initialize.js),
 *   which takes the SECOND message's `data` as `createData` and only then starts the
 *   WebWorkerServer (base/common/worker/webWorkerBootstrap.js).
 * - The real `createWebWorker({ worker })` posts `'-please-ignore-'` (asynchronously, after the
 *   worker promise settles) and then the `$initialize` request. The server ignores messages
 *   without `vsWorker`, so the stray `'-please-ignore-'` is harmless once the server runs.
 * So we post `'ignore'` and `createData` synchronously, before handing the worker over.
 * This is what Monaco's own internal legacy shim does (internal/common/workers.js), which the
 * package's exports do not let us import in a stable way.
 */
import type * as Monaco from "monaco-editor/editor";

type MonacoApi = typeof Monaco;

/** The options monaco-worker-manager passes (the pre-0.56 Monaco API). */
interface LegacyWebWorkerOptions {
  moduleId?: string;
  label?: string;
  createData?: unknown;
  host?: Record<string, Function>;
  keepIdleModels?: boolean;
}

type AnyWebWorkerOptions = LegacyWebWorkerOptions | Monaco.editor.IInternalWebWorkerOptions;

/**
 * A view of the Monaco API whose `editor.createWebWorker` also accepts the legacy options,
 * starting the worker with `startWorker(label)`. Everything else is the real API.
 */
export function withLegacyCreateWebWorker(monaco: MonacoApi, startWorker: (label: string) => Worker): MonacoApi {
  const createWebWorker = <T extends object>(opts: AnyWebWorkerOptions): Monaco.editor.MonacoWebWorker<T> => {
    if ("worker" in opts && opts.worker) return monaco.editor.createWebWorker<T>(opts);
    const legacy = opts as LegacyWebWorkerOptions;
    const worker = startWorker(legacy.label ?? "editorWorkerService");
    worker.postMessage("ignore");
    worker.postMessage(legacy.createData);
    return monaco.editor.createWebWorker<T>({ worker, host: legacy.host, keepIdleModels: legacy.keepIdleModels });
  };
  // Monaco's API functions do not use `this`, so a prototype-linked object is a faithful view.
  const editor = Object.create(monaco.editor, { createWebWorker: { value: createWebWorker } }) as MonacoApi["editor"];
  return { ...monaco, editor };
}
