/**
 * The reader's files on the sandbox's workstation (cwd /root/istio-0.8.0), for the editor and
 * for file-name completion. Reads the workstation shell's in-memory filesystem directly (no
 * shell round-trips that would have to quote arbitrary file contents).
 */
import { WORKSTATION_HOME, type Sandbox } from "../runtime/sandbox.ts";
import { resolvePath as resolveFromCwd } from "../runtime/shell/bashAdapter.ts";

export { WORKSTATION_HOME };

/** The subset of just-bash's InMemoryFs this module uses. */
export interface WorkstationFs {
  readFile(path: string): Promise<string>;
  writeFile(path: string, content: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  stat(path: string): Promise<{ isFile: boolean; isDirectory: boolean }>;
  mkdir(path: string, options?: { recursive?: boolean }): Promise<void>;
}

export function workstationFs(sandbox: Sandbox): WorkstationFs {
  return sandbox.workstationFs;
}

export function currentDirectory(sandbox: Sandbox): string {
  return sandbox.environment.PWD || WORKSTATION_HOME;
}

/** Resolves `path` as the shell would from `cwd` (`.`, `..`, `~`). */
export function resolvePath(cwd: string, path: string): string {
  return resolveFromCwd(cwd, path.startsWith("~") ? "/root" + path.slice(1) : path);
}

/** Files the editor offers: the reader's own files in the lesson directory (not the samples tree). */
const EDITABLE = /\.(ya?ml|json|sh|txt|md)$/i;

export async function listEditableFiles(fs: WorkstationFs): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(WORKSTATION_HOME);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of names.sort()) {
    if (!EDITABLE.test(name)) continue;
    try {
      if ((await fs.stat(`${WORKSTATION_HOME}/${name}`)).isFile) out.push(name);
    } catch {
      // removed meanwhile
    }
  }
  return out;
}

/** Entries of a directory, directories marked with a trailing `/` (for completion). */
export async function listDirectory(fs: WorkstationFs, dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of names) {
    try {
      const st = await fs.stat(dir === "/" ? `/${name}` : `${dir}/${name}`);
      out.push(st.isDirectory ? `${name}/` : name);
    } catch {
      out.push(name);
    }
  }
  return out.sort();
}
