/**
 * Registers the lab's commands (plain `LabCommand` functions) with just-bash, translating its
 * command context into our small `CommandIO`.
 */
import { defineCommand, type Command, type IFileSystem } from "just-bash";
import { utf8FromByteString } from "./bytes.ts";
import type { CommandIO, LabCommand } from "./command.ts";
import { yieldToHost } from "./yieldToHost.ts";

export function resolvePath(cwd: string, path: string): string {
  const joined = path.startsWith("/") ? path : `${cwd.replace(/\/$/, "")}/${path}`;
  const parts: string[] = [];
  for (const p of joined.split("/")) {
    if (!p || p === ".") continue;
    if (p === "..") parts.pop();
    else parts.push(p);
  }
  return "/" + parts.join("/");
}

/** The error text bash tools print for a missing file, without the tool's own prefix. */
export class FileNotFoundError extends Error {
  constructor(readonly path: string) {
    super(`${path}: No such file or directory`);
  }
}

export function fsIO(fs: IFileSystem, cwd: string): Pick<CommandIO, "readFile" | "writeFile"> {
  return {
    readFile: async (path: string) => {
      const abs = resolvePath(cwd, path);
      try {
        return await fs.readFile(abs);
      } catch {
        throw new FileNotFoundError(path);
      }
    },
    writeFile: async (path: string, content: string) => {
      if (path === "/dev/null") return;
      await fs.writeFile(resolvePath(cwd, path), content);
    },
  };
}

export function toBashCommand(name: string, command: LabCommand): Command {
  return defineCommand(name, async (args, ctx) => {
    const io: CommandIO = {
      stdin: utf8FromByteString(ctx.stdin),
      cwd: ctx.cwd,
      env: ctx.env,
      signal: ctx.signal,
      ...fsIO(ctx.fs, ctx.cwd),
    };
    await yieldToHost();
    return command(args, io);
  });
}
