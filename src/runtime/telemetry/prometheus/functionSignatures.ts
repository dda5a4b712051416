/** The argument and return types of Prometheus 2.3's functions (promql/functions.go), for parsing. */
import type { FunctionSignature, ValueType } from "./ast.ts";

const sig = (name: string, argTypes: ValueType[], returnType: ValueType, variadic = 0): FunctionSignature => ({ name, argTypes, variadic, returnType });

const V: ValueType = "vector";
const M: ValueType = "matrix";
const S: ValueType = "scalar";
const STR: ValueType = "string";

const ALL: FunctionSignature[] = [
  sig("abs", [V], V), sig("absent", [V], V), sig("avg_over_time", [M], V), sig("ceil", [V], V),
  sig("changes", [M], V), sig("clamp_max", [V, S], V), sig("clamp_min", [V, S], V), sig("count_over_time", [M], V),
  sig("days_in_month", [V], V, 1), sig("day_of_month", [V], V, 1), sig("day_of_week", [V], V, 1),
  sig("delta", [M], V), sig("deriv", [M], V), sig("exp", [V], V), sig("floor", [V], V),
  sig("histogram_quantile", [S, V], V), sig("holt_winters", [M, S, S], V), sig("hour", [V], V, 1),
  sig("idelta", [M], V), sig("increase", [M], V), sig("irate", [M], V),
  sig("label_replace", [V, STR, STR, STR, STR], V), sig("label_join", [V, STR, STR, STR], V, -1),
  sig("ln", [V], V), sig("log10", [V], V), sig("log2", [V], V), sig("max_over_time", [M], V), sig("min_over_time", [M], V),
  sig("minute", [V], V, 1), sig("month", [V], V, 1), sig("predict_linear", [M, S], V), sig("quantile_over_time", [S, M], V),
  sig("rate", [M], V), sig("resets", [M], V), sig("round", [V, S], V, 1), sig("scalar", [V], S),
  sig("sort", [V], V), sig("sort_desc", [V], V), sig("sqrt", [V], V), sig("stddev_over_time", [M], V),
  sig("stdvar_over_time", [M], V), sig("sum_over_time", [M], V), sig("time", [], S), sig("timestamp", [V], V),
  sig("vector", [S], V), sig("year", [V], V, 1),
];

const BY_NAME = new Map(ALL.map((f) => [f.name, f]));

export function getFunction(name: string): FunctionSignature | undefined {
  return BY_NAME.get(name);
}
