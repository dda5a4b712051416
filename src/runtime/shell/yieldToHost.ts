/**
 * A loop of lab commands (`while true; do curl ...; done`) only ever awaits promises that are
 * already resolved, so without help it would never give the host's event loop a turn: Ctrl-C
 * (a SIGINT in Node, a message to the Web Worker) could not even be delivered. Commands call
 * `yieldToHost()`, which hands control back to the event loop at most every few milliseconds.
 */
const SLICE_MS = 16;
let lastYield = 0;

export async function yieldToHost(): Promise<void> {
  const now = performance.now();
  if (now - lastYield < SLICE_MS) return;
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  lastYield = performance.now();
}
