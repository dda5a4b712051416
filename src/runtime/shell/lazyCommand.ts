/**
 * A lab command whose code loads on its first use. kubectl, istioctl, curl and fortio (and the
 * YAML library they bring) are a fifth of the runtime worker's code; loading them when first
 * typed keeps them off the path to the browser lab's first prompt. In Node the first call costs
 * one dynamic import.
 */
import type { LabCommand } from "./command.ts";

export function lazyCommand(load: () => Promise<LabCommand>): LabCommand {
  let loading: Promise<LabCommand> | undefined;
  return async (args, io) => {
    // A failed load (say, the chunk could not be fetched) is not remembered: the next call retries.
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return (await loading)(args, io);
  };
}
