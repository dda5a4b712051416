/**
 * Compiling and evaluating the expression fields of template instances, with Mixer 0.8's
 * wording: type errors at config time (`error type checking for field 'Value': Evaluated
 * expression type INT64 want STRING`), lookup failures per request (`failed to evaluate
 * expression for field 'Value': lookup failed: 'request.path'`). Field paths use the generated
 * Go names (`Value`, `Variables[source]`), as Mixer prints them.
 */
import { compileExpression } from "./cexl/index.ts";
import { CexlCompileError, CexlEvalError, type AttributeVocabulary, type CompiledExpression, type ValueType } from "./cexl/types.ts";
import { SlottedBag } from "./attributeSlots.ts";
import type { AttributeBag, AttributeValue } from "./types.ts";

/** A config error of an instance; the message is what Mixer logs. */
export class InstanceConfigError extends Error {}

/** An instance that cannot be built for one request (a missing attribute); the instance is skipped. */
export class InstanceBuildError extends Error {}

export interface CompiledField {
  /** Go field path for messages: `Value`, `Variables[source]`. */
  readonly path: string;
  readonly expr: CompiledExpression;
  readonly type: ValueType;
  /** Shared by every field with the same expression text (see `evaluateField`). */
  readonly memo: ExpressionMemo;
}

/**
 * One compiled expression text and its last value. The default config's instances repeat the
 * same expressions (the four metrics share six dimensions; the access log repeats several), so
 * within one Check or Report call each text is evaluated once per bag.
 */
interface ExpressionMemo {
  readonly expr: CompiledExpression;
  /** A literal: `value` is its value, for every call. */
  readonly constant: boolean;
  /**
   * How many fields compiled this text. A text used once is evaluated without being kept (an
   * instance built twice in one call, by two matching rules, then evaluates it twice: the same
   * value, at the cost of a second evaluation).
   */
  uses: number;
  call: number;
  bag: AttributeBag | undefined;
  value: AttributeValue;
}

/** Compiled texts per vocabulary (one per Mixer config build): the memos of that build. */
const memosByVocabulary = new WeakMap<AttributeVocabulary, Map<string, ExpressionMemo>>();

/** Numbers Mixer's calls: a memo from an earlier call is never used. */
let currentCall = 0;

/** Starts a new Check or Report call (Mixer calls this first; calls never nest). */
export function beginInstanceCall(): void {
  currentCall++;
}

function memoFor(vocabulary: AttributeVocabulary, source: string): ExpressionMemo {
  let memos = memosByVocabulary.get(vocabulary);
  if (!memos) memosByVocabulary.set(vocabulary, (memos = new Map()));
  let memo = memos.get(source);
  if (!memo) {
    const expr = compileExpression(source, vocabulary);
    const constant = expr.constant !== undefined;
    memo = { expr, constant, uses: 0, call: -1, bag: undefined, value: constant ? expr.constant! : (undefined as unknown as AttributeValue) };
    memos.set(source, memo);
  }
  memo.uses++;
  return memo;
}

/**
 * Compiles one field. `expected` undefined means any type is accepted (template fields of type
 * `istio.policy.v1beta1.Value`, e.g. logentry variables and metric dimensions).
 */
export function compileField(vocabulary: AttributeVocabulary, path: string, source: unknown, expected?: ValueType): CompiledField {
  if (typeof source !== "string") {
    const kind = source === null ? "null" : Array.isArray(source) ? "array" : typeof source;
    throw new InstanceConfigError(`json: cannot unmarshal ${kind} into Go value of type string (field ${path})`);
  }
  let memo: ExpressionMemo;
  try {
    memo = memoFor(vocabulary, source);
  } catch (e) {
    if (e instanceof CexlCompileError) throw new InstanceConfigError(`failed to evaluate expression for field '${path}': ${e.message}`);
    throw e;
  }
  const expr = memo.expr;
  if (expected !== undefined && expr.type !== expected) {
    throw new InstanceConfigError(`error type checking for field '${path}': Evaluated expression type ${expr.type} want ${expected}`);
  }
  return { path, expr, type: expr.type, memo };
}

/** The field's value for `bag`; evaluated once per expression text, bag and call (failures are not kept). */
export function evaluateField(field: CompiledField, bag: AttributeBag): AttributeValue {
  const memo = field.memo;
  if (memo.constant) return memo.value;
  const shared = memo.uses > 1;
  if (shared && memo.call === currentCall && memo.bag === bag) return memo.value;
  try {
    const value = evaluateExpression(memo.expr, bag);
    if (shared) {
      memo.call = currentCall;
      memo.bag = bag;
      memo.value = value;
    }
    return value;
  } catch (e) {
    if (e instanceof CexlEvalError) throw new InstanceBuildError(`failed to evaluate expression for field '${field.path}': ${e.message}`);
    throw e;
  }
}

/**
 * `expr.evaluate(bag)`. A plain lookup in a bag read by slot (a call's flat bag, mostly) is read
 * from its description, without the closure calls (a Report evaluates dozens of fields, most of
 * them lookups). An absent lookup without a literal is left to `evaluate`, which fails with
 * Mixer's message.
 *
 * The test is for the base class, not `instanceof FlatBag`: under tsx (esbuild's keepNames
 * renames every class) V8 answers `instanceof` for a derived class by its slow generic path,
 * about 4x the cost, and this runs for every field of every instance.
 */
function evaluateExpression(expr: CompiledExpression, bag: AttributeBag): AttributeValue {
  const lookup = expr.lookup;
  if (lookup === undefined || !(bag instanceof SlottedBag)) return expr.evaluate(bag);
  const v = bag.firstPresent(lookup);
  if (v !== undefined) return v;
  return lookup.fallback !== undefined ? lookup.fallback : expr.evaluate(bag);
}

/** The attributes `fields` (and `more` expressions) read, each once: an instance builder's `attributes`. */
export function attributesRead(fields: readonly (CompiledField | undefined)[], more: readonly (CompiledExpression | undefined)[] = []): string[] {
  const names = new Set<string>();
  for (const f of fields) if (f) for (const a of f.expr.attributes) names.add(a);
  for (const e of more) if (e) for (const a of e.attributes) names.add(a);
  return [...names];
}

/** `monitored_resource_type` -> `MonitoredResourceType`. */
export function goFieldName(protoName: string): string {
  return protoName.split("_").map((p) => (p ? p[0].toUpperCase() + p.slice(1) : p)).join("");
}

/** Rejects spec keys a template does not have, as jsonpb does. */
export function assertKnownFields(spec: Record<string, unknown>, known: readonly string[], typeName: string): void {
  for (const key of Object.keys(spec)) {
    const snake = key.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
    if (!known.includes(key) && !known.includes(snake)) throw new InstanceConfigError(`unknown field ${JSON.stringify(key)} in ${typeName}`);
  }
}

/** A spec value that must be a map of expressions (variables, dimensions). */
export function expressionMap(spec: Record<string, unknown>, key: string, camelKey: string, path: string): Record<string, unknown> {
  const v = spec[key] ?? spec[camelKey];
  if (v === undefined || v === null) return {};
  if (typeof v !== "object" || Array.isArray(v)) throw new InstanceConfigError(`json: cannot unmarshal ${Array.isArray(v) ? "array" : typeof v} into Go value of type map[string]string (field ${path})`);
  return v as Record<string, unknown>;
}
