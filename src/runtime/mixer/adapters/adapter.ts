/**
 * What every Mixer adapter provides: the templates it accepts and a builder from the handler's
 * `spec` to a configured handler. A handler answers CHECK instances with a verdict, consumes
 * REPORT instances, or generates attributes (kubernetesenv).
 */
import type { MetricsRegistry } from "../../telemetry/metrics.ts";
import type { MixerLog } from "../mixerLog.ts";
import type { KubernetesInstance, KubernetesOutput } from "../templates/kubernetes.ts";
import type { BuiltInstance } from "../templates/template.ts";
import type { RpcCode } from "../types.ts";
import type { PodDirectory } from "./podDirectory.ts";

export interface CheckVerdict {
  code: RpcCode;
  /** Adapter message without the handler prefix, e.g. `/politics is not whitelisted`. */
  message: string;
  detail: string;
}

export interface Handler {
  /** Full name, `path-checker.listchecker.istio-system`. */
  readonly name: string;
  /** Adapter kind, `listchecker`. */
  readonly adapter: string;
  /**
   * True when `check` answers from the instance alone and `generate` from the instance and the
   * cluster's pods: Mixer may then reuse a Check result for requests with the same inputs.
   */
  readonly pure?: boolean;
  check?(instance: BuiltInstance): CheckVerdict;
  /** Consumes one REPORT instance; returns the explanation shown in traces. */
  report?(instance: BuiltInstance): string;
  generate?(instance: KubernetesInstance): KubernetesOutput;
}

export interface HandlerContext {
  /** Mixer's log: stdio output and adapters' own messages. */
  readonly log: MixerLog;
  readonly metrics: MetricsRegistry;
  readonly pods: PodDirectory;
}

/** A handler that cannot be configured; the message is the adapter's validation error. */
export class AdapterConfigError extends Error {}

export interface AdapterInfo {
  readonly name: string;
  /** Template names the adapter supports. */
  readonly templates: readonly string[];
  /** Throws `ParamsError` or `AdapterConfigError`. */
  build(fullName: string, spec: Record<string, unknown> | undefined, ctx: HandlerContext): Handler;
}
