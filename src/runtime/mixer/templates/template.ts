/**
 * What every Mixer template (logentry, listentry, metric, ...) provides: its variety and a
 * compiler from an instance's `spec` to a per-request builder. Compiling happens at config
 * time; `build` runs per request and throws `InstanceBuildError` when a field cannot be
 * evaluated (the instance is then skipped, as Mixer does).
 */
import type { AttributeVocabulary } from "../cexl/types.ts";
import type { AttributeBag } from "../types.ts";

/** `TEMPLATE_VARIETY_*`: which Mixer call dispatches instances of the template. */
export type Variety = "check" | "report" | "attributeGenerator";

export interface BuiltInstance {
  /** Full instance name, `request-path.listentry.istio-system`. */
  readonly name: string;
  readonly template: string;
}

export interface InstanceBuilder<I extends BuiltInstance = BuiltInstance> {
  readonly name: string;
  readonly template: string;
  /** Every attribute `build` may read; undefined when not known (such instances are never memoized). */
  readonly attributes?: readonly string[];
  build(bag: AttributeBag): I;
}

export interface TemplateInfo {
  readonly name: string;
  readonly variety: Variety;
  /** Throws `InstanceConfigError` with Mixer's message for a bad spec. */
  compile(fullName: string, spec: Record<string, unknown>, vocabulary: AttributeVocabulary): InstanceBuilder;
}
