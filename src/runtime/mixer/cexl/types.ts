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
  /** The expression as data, when it is a plain attribute lookup (see AttributeLookup). */
  readonly lookup?: AttributeLookup;
}

/**
 * An expression that only reads attributes, in turn, and gives the first one present, else a
 * literal: `request.path`, `attr | "default"`, `a | b | 0`, `source.labels["app"] | "unknown"`.
 * Most instance fields are one (all of the default access log's 26 variables), so Mixer reads
 * them from this description, without a closure call per read. Its value is `evaluate`'s.
 */
export interface AttributeLookup {
  /** The attributes read, in order, by slot and name. */
  readonly slots: readonly number[];
  readonly names: readonly string[];
  /** For each read, the key of `attr["key"]`; undefined to read the attribute itself. */
  readonly keys: readonly (string | undefined)[];
  /**
   * The literal given when no read is present; undefined when the last alternative is a read,
   * whose absence is a lookup failure (`evaluate` throws it).
   */
  readonly fallback: AttributeValue | undefined;
}

/** A parse or type error, with Mixer's wording (e.g. `unknown attribute foo.bar`). */
export class CexlCompileError extends Error {}

export class CexlEvalError extends Error {}
