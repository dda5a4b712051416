/**
 * Static typing of a Mixer expression against the attribute vocabulary, as Mixer 0.8's
 * `Expression.EvalType` does it at config load. The messages are Mixer's, e.g.
 *   unknown attribute foo.bar
 *   unknown function: NOT
 *   EQ($response.code, "200") arg 2 ("200") typeError got STRING, expected INT64
 */
import type { AttributeVocabulary, ValueType } from "./types.ts";
import { expressionString, ExpressionError, type Expression } from "./ast.ts";
import type { FunctionMetadata } from "./functions.ts";
import { valueTypeName } from "./value-type-names.ts";

export function evalType(
  e: Expression,
  vocabulary: AttributeVocabulary,
  functions: ReadonlyMap<string, FunctionMetadata>,
  /** Memo of already-typed subtrees, so a compiler asking per node stays linear. */
  cache?: Map<Expression, ValueType>,
): ValueType {
  const known = cache?.get(e);
  if (known !== undefined) return known;
  const t = computeType(e, vocabulary, functions, cache);
  cache?.set(e, t);
  return t;
}

function computeType(
  e: Expression,
  vocabulary: AttributeVocabulary,
  functions: ReadonlyMap<string, FunctionMetadata>,
  cache: Map<Expression, ValueType> | undefined,
): ValueType {
  if (e.kind === "const") return e.type;
  if (e.kind === "var") {
    const t = vocabulary.typeOf(e.name);
    if (t === undefined) throw new ExpressionError(`unknown attribute ${e.name}`);
    return t;
  }

  const fn = functions.get(e.name);
  if (!fn) throw new ExpressionError(`unknown function: ${e.name}`);
  const str = (): string => expressionString(e);

  // The type shared by all "unspecified" arguments: fixed by the receiver or the first such argument.
  let tmplType: ValueType | undefined;
  if (e.target) {
    if (!fn.instance) throw new ExpressionError(`invoking regular function on instance method: ${e.name}`);
    const targetType = evalType(e.target, vocabulary, functions, cache);
    if (fn.targetType === undefined) tmplType = targetType;
    else if (targetType !== fn.targetType) {
      throw new ExpressionError(`${str()} target typeError got ${valueTypeName(targetType)}, expected ${valueTypeName(fn.targetType)}`);
    }
  } else if (fn.instance) {
    throw new ExpressionError(`invoking instance method without an instance: ${e.name}`);
  }

  const argTypes = fn.argumentTypes;
  if (e.args.length < argTypes.length) {
    throw new ExpressionError(`${str()} arity mismatch. Got ${e.args.length} arg(s), expected ${argTypes.length} arg(s)`);
  }
  // As in 0.8, extra arguments are not checked at all.
  for (let i = 0; i < argTypes.length; i++) {
    const argType = evalType(e.args[i], vocabulary, functions, cache);
    let expected = argTypes[i];
    if (expected === undefined) {
      if (tmplType === undefined) {
        tmplType = argType;
        continue;
      }
      expected = tmplType;
    }
    if (argType !== expected) {
      throw new ExpressionError(
        `${str()} arg ${i + 1} (${expressionString(e.args[i])}) typeError got ${valueTypeName(argType)}, expected ${valueTypeName(expected)}`,
      );
    }
  }
  const ret = fn.returnType ?? tmplType;
  if (ret === undefined) throw new ExpressionError(`unknown function: ${e.name}`);
  return ret;
}
