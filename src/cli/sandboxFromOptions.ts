/** Builds the sandbox a CLI invocation asked for (virtual or wall clock, seed). */
import { VirtualClock, WallClock } from "../runtime/clock.ts";
import { Sandbox } from "../runtime/sandbox.ts";
import type { CliOptions } from "./args.ts";

export function sandboxFromOptions(options: CliOptions): Promise<Sandbox> {
  const clock = options.clock ? VirtualClock.fromIso(options.clock) : new WallClock();
  return Sandbox.create({ clock, seed: options.seed ?? 1 });
}
