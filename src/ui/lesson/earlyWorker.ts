/**
 * The runtime worker the lesson page's inline <head> script started loading
 * (scripts/earlyWorkerIntegration.ts), handed to the WorkerClient once; later workers (a restart after Ctrl-C) are new ones. Without an
 * early worker (the dev server, or its script failed to load) the first one is new as well.
 */
import { spawnRuntimeWorker } from "../../worker/client.ts";

declare global {
  interface Window {
    __egressLabWorker?: Worker;
    __egressLabWorkerFailed?: boolean;
  }
}

export function runtimeWorkerSpawner(): () => Worker {
  let early = window.__egressLabWorkerFailed ? undefined : window.__egressLabWorker;
  window.__egressLabWorker = undefined;
  return () => {
    const worker = early ?? spawnRuntimeWorker();
    early = undefined;
    return worker;
  };
}
