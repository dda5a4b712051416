/**
 * CEXL, Mixer 0.8's expression language: compile once at config load, evaluate per request.
 *
 *   const match = compileExpression('request.host.endsWith(".cnn.com")', vocabulary);
 *   match.type;                 // "BOOL"
 *   match.evaluate(attributes); // true / false, or throws CexlEvalError
 */
export { compileExpression } from "./compiler.ts";
export { evaluateWithInputs, type ExplainedEvaluation } from "./inputs.ts";
export { valueTypeName, parseValueTypeName } from "./value-type-names.ts";
export { normalizeIp, parseRfc3339Micros } from "./externs.ts";
export {
  CexlCompileError, CexlEvalError,
  type AttributeVocabulary, type CompiledExpression, type ValueType,
} from "./types.ts";
