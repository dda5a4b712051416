/** The editor's view of the sandbox's files (EditorFiles), over the runtime worker. */
import type { EditorFiles } from "../editor/types.ts";
import type { WorkerClient } from "../../worker/client.ts";

export function editorFilesOver(client: WorkerClient): EditorFiles {
  return {
    list: () => client.request("listFiles", {}),
    read: (path) => client.request("readFile", { path }),
    write: (path, content) => client.request("writeFile", { path, content }),
    onChange(cb) {
      // The worker says "something may have changed"; the editor re-reads the files it shows.
      return client.on((event) => {
        if (event.event !== "files-changed") return;
        client.request("listFiles", {}).then((paths) => paths.forEach((p) => cb(p)), () => undefined);
      });
    },
  };
}
