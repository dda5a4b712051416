/** The PromQL syntax tree (Prometheus 2.3's promql/ast.go, the node kinds the parser builds). */
import type { ItemType } from "./lexer.ts";
import type { LabelMatcher } from "./matchers.ts";

export type ValueType = "none" | "scalar" | "vector" | "matrix" | "string";

export interface FunctionSignature {
  name: string;
  argTypes: ValueType[];
  /** 0: exactly argTypes; n > 0: the last argument type may be omitted or repeated up to n times. */
  variadic: number;
  returnType: ValueType;
}

export interface VectorMatching {
  card: "one-to-one" | "many-to-one" | "one-to-many" | "many-to-many";
  /** `on(...)` when true, `ignoring(...)` when false. */
  on: boolean;
  matchingLabels: string[];
  /** Labels listed in group_left(...)/group_right(...), copied from the "one" side. */
  include: string[];
}

export type Expr =
  | { kind: "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "vectorSelector"; name: string; matchers: LabelMatcher[]; offsetMs: number }
  | { kind: "matrixSelector"; name: string; matchers: LabelMatcher[]; rangeMs: number; offsetMs: number }
  | { kind: "call"; func: FunctionSignature; args: Expr[] }
  | { kind: "aggregate"; op: ItemType; expr: Expr; param?: Expr; grouping: string[]; without: boolean }
  | { kind: "binary"; op: ItemType; lhs: Expr; rhs: Expr; matching?: VectorMatching; returnBool: boolean }
  | { kind: "unary"; op: "ADD" | "SUB"; expr: Expr }
  | { kind: "paren"; expr: Expr };

export function typeOf(e: Expr): ValueType {
  switch (e.kind) {
    case "number": return "scalar";
    case "string": return "string";
    case "vectorSelector": return "vector";
    case "matrixSelector": return "matrix";
    case "call": return e.func.returnType;
    case "aggregate": return "vector";
    case "binary": return typeOf(e.lhs) === "scalar" && typeOf(e.rhs) === "scalar" ? "scalar" : "vector";
    case "unary": case "paren": return typeOf(e.expr);
  }
}

/** `documentedType`: the names the PromQL docs (and error messages) use. */
export function documentedType(t: ValueType): string {
  return t === "vector" ? "instant vector" : t === "matrix" ? "range vector" : t;
}

/** Go's `%T` of a node, as some parse errors print it. */
export function goTypeName(e: Expr): string {
  const names: Record<Expr["kind"], string> = {
    number: "NumberLiteral", string: "StringLiteral", vectorSelector: "VectorSelector", matrixSelector: "MatrixSelector",
    call: "Call", aggregate: "AggregateExpr", binary: "BinaryExpr", unary: "UnaryExpr", paren: "ParenExpr",
  };
  return `*promql.${names[e.kind]}`;
}
