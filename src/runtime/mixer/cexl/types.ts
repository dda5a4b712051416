/**
 * The contract of the CEXL compiler (Mixer 0.8's expression language).
 * The Mixer runtime compiles every rule match and instance field once, at config load,
 * and evaluates the compiled closures per request.
 */
import type { AttributeBag, AttributeValue } from "../types.ts";

export type ValueType =
  | "STRING" | "INT64" | "DOUBLE" | "BOOL" | "TIMESTAMP" | "DURATION" | "IP_ADDRESS"
  | "EMAIL" | "URI" | "DNS_NAME" | "STRING_MAP";

/** Attribute name -> type, as declared by the attributemanifests Mixer has loaded. */
export interface AttributeVocabulary {
  typeOf(attribute: string): ValueType | undefined;
}

export interface CompiledExpression {
  readonly source: string;
  /** The static type, e.g. BOOL for a rule match. */
  readonly type: ValueType;
  /** Attributes the expression may read (for explanations and check-cache keys). */
  readonly attributes: readonly string[];
  /**
   * Evaluates against one request's attributes. Throws `CexlEvalError` with Mixer's message
   * (`lookup failed: 'request.host'`, `member lookup failed: 'app'`) when a needed attribute
   * is absent and no `|` default applies.
   */
  evaluate(bag: AttributeBag): AttributeValue;
  /** The value, when the expression is a literal (it reads nothing and never fails). */
  readonly constant?: AttributeValue;
}

/** A parse or type error, with Mixer's wording (e.g. `unknown attribute foo.bar`). */
export class CexlCompileError extends Error {}

export class CexlEvalError extends Error {}
