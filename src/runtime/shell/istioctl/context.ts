/**
 * What every istioctl verb shares: the injected cluster, the namespace rules
 * (`handleNamespaces`), reading `-f` input, and the two output streams. cobra's `c.Printf`
 * writes to stderr in istioctl 0.8 while `fmt.Printf` writes to stdout, so each message goes
 * where the real binary sends it.
 */
import type { Clock } from "../../clock.ts";
import type { SeededRandom } from "../../ids.ts";
import type { ObjectStore } from "../../cluster/store.ts";
import type { CommandIO, CommandResult } from "../command.ts";

export interface IstioctlDeps {
  store: ObjectStore;
  clock: Clock;
  rng: SeededRandom;
  /** `istioctl kube-inject`: the injected manifests for a manifest text; throws with the tool's message on failure. */
  kubeInject(manifestText: string): string;
}

/** An error istioctl reports as `Error: <message>` with exit status 255. */
export class IstioctlError extends Error {
  constructor(message: string, readonly usage?: string) {
    super(message);
  }
}

export const DEFAULT_NAMESPACE = "default";

export class RunContext {
  private out = "";
  private err = "";

  constructor(readonly deps: IstioctlDeps, readonly io: CommandIO, readonly namespaceFlag: string) {}

  stdout(text: string): void { this.out += text; }
  stderr(text: string): void { this.err += text; }

  /** `handleNamespaces`: the object's namespace must agree with `-n` when both are given. */
  namespaceFor(objectNamespace: string): string {
    const flag = this.namespaceFlag;
    if (objectNamespace && flag && flag !== objectNamespace) {
      throw new IstioctlError(`the namespace from the provided object "${objectNamespace}" does not match the namespace "${flag}". You must pass '--namespace=${objectNamespace}' to perform this operation`);
    }
    return flag || objectNamespace || DEFAULT_NAMESPACE;
  }

  /** `readInputs`: `-f -` is stdin, otherwise a file of the shell. */
  async readInput(file: string): Promise<string> {
    if (file === "") throw new IstioctlError("filename not specified (see --filename or -f)");
    if (file === "-") return this.io.stdin;
    try {
      return await this.io.readFile(file);
    } catch {
      throw new IstioctlError(`open ${file}: no such file or directory`);
    }
  }

  result(error?: IstioctlError): CommandResult {
    if (error) {
      if (error.usage) this.err += `${error.usage}\n`;
      this.err += `Error: ${error.message}\n`;
    }
    return { stdout: this.out, stderr: this.err, exitCode: error ? 255 : 0 };
  }
}
