/** A small cluster and shell IO for driving istioctl in tests. */
import { VirtualClock } from "../../../src/runtime/clock.ts";
import { SeededRandom } from "../../../src/runtime/ids.ts";
import { ObjectStore } from "../../../src/runtime/cluster/store.ts";
import { findKind } from "../../../src/runtime/config/kinds.ts";
import { createIstioctl } from "../../../src/runtime/shell/istioctl/index.ts";
import type { CommandIO, CommandResult } from "../../../src/runtime/shell/command.ts";

export interface Lab {
  store: ObjectStore;
  files: Map<string, string>;
  injected: string[];
  run(args: string, stdin?: string): Promise<CommandResult>;
}

export function newLab(): Lab {
  const clock = VirtualClock.fromIso("2018-06-18T13:20:00Z");
  const rng = new SeededRandom(42);
  const store = new ObjectStore(clock, rng);
  for (const ns of ["default", "istio-system", "politics"]) store.create(findKind("namespace")!, { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
  const files = new Map<string, string>();
  const injected: string[] = [];
  const istioctl = createIstioctl({
    store, clock, rng,
    kubeInject(text) {
      injected.push(text);
      if (text.includes("BROKEN")) throw new Error("bad input");
      return `# injected\n${text}`;
    },
  });
  return {
    store, files, injected,
    run(args, stdin = "") {
      const io: CommandIO = {
        stdin, cwd: "/root", env: new Map(),
        readFile: async (p) => { const f = files.get(p); if (f === undefined) throw new Error("ENOENT"); return f; },
        writeFile: async (p, c) => { files.set(p, c); },
      };
      return istioctl(args.split(/\s+/).filter(Boolean), io);
    },
  };
}

/** The revision printed at the end of a Created/Updated line. */
export function revisions(text: string): number[] {
  return [...text.matchAll(/revision (\d+)/g)].map((m) => Number(m[1]));
}
