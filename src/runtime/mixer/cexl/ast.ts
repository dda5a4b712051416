/**
 * Mixer 0.8's simplified expression tree (`mixer/pkg/lang/ast/expr.go`): constants, variables
 * (attributes) and functions. Go operators become functions named after Go's tokens (EQ, OR,
 * NOT, LT...), `a.b.c` becomes the attribute `a.b.c`, and `x.f(y)` a function with a target.
 * Its string form (`EQ($request.host, "cnn.com")`) is what type errors quote.
 */
import type { ValueType } from "./types.ts";
import { parseGoExpr, type GoExpr } from "./parser.ts";
import { parseGoDuration, parseGoFloat, parseGoInt, unquoteGo } from "./literals.ts";

export type Expression =
  | { kind: "const"; type: ValueType; value: string | number | boolean; text: string }
  | { kind: "var"; name: string }
  | { kind: "fn"; name: string; target?: Expression; args: Expression[] };

/** Go token -> Mixer function name (go/token names, as Mixer's `tMap`). Missing ones map to "". */
const FUNCTION_OF_OPERATOR: Record<string, string> = {
  "+": "ADD", "-": "SUB", "*": "MUL", "/": "QUO", "%": "REM",
  "&": "AND", "|": "OR", "^": "XOR", "&&": "LAND", "||": "LOR",
  "==": "EQ", "<": "LT", ">": "GT", "!": "NOT", "!=": "NEQ", "<=": "LEQ", ">=": "GEQ",
};

/** A Mixer-level rejection of parsed Go syntax (the message is Mixer's). */
export class ExpressionError extends Error {}

/** Mixer formats rejected nodes with Go's `%#v`; pointers and positions cannot be reproduced, the node kind can. */
function unexpected(e: GoExpr): ExpressionError {
  const kind = e.kind === "TypeExpr" ? e.goType : e.kind;
  return new ExpressionError(`unexpected expression: &ast.${kind}{...}`);
}

function newConstant(lit: Extract<GoExpr, { kind: "BasicLit" }>): Expression {
  if (lit.tok === "INT") {
    const r = parseGoInt(lit.value);
    if ("error" in r) throw new ExpressionError(r.error);
    return { kind: "const", type: "INT64", value: r.value, text: lit.value };
  }
  if (lit.tok === "FLOAT") {
    const r = parseGoFloat(lit.value);
    if ("error" in r) throw new ExpressionError(r.error);
    return { kind: "const", type: "DOUBLE", value: r.value, text: lit.value };
  }
  // STRING and CHAR are strings; IMAG has no type in Mixer's map and falls here too, where
  // strconv.Unquote rejects it.
  const unquoted = lit.tok === "IMAG" ? undefined : unquoteGo(lit.value);
  if (unquoted === undefined) throw new ExpressionError("invalid syntax");
  const duration = parseGoDuration(unquoted);
  if (duration !== undefined) return { kind: "const", type: "DURATION", value: duration, text: lit.value };
  return { kind: "const", type: "STRING", value: unquoted, text: lit.value };
}

/**
 * Walks a selector chain `a.b.c` (or `"x".f`) down to its root: the names innermost-last, and
 * the anchor expression when the root is a call, literal or parenthesis.
 */
function flattenSelectors(sel: Extract<GoExpr, { kind: "SelectorExpr" }>): { anchor?: GoExpr; parts: string[] } {
  const parts: string[] = [];
  let ex: GoExpr = sel;
  while (ex.kind === "SelectorExpr") {
    parts.push(ex.sel);
    const x: GoExpr = ex.x;
    if (x.kind === "Ident") {
      parts.push(x.name);
      return { parts };
    }
    if (x.kind === "CallExpr" || x.kind === "BasicLit" || x.kind === "ParenExpr") return { anchor: x, parts };
    if (x.kind !== "SelectorExpr") throw unexpected(x);
    ex = x;
  }
  return { parts };
}

/** `[c, b, a]` -> `a.b.c` */
function varName(reversed: string[]): string {
  let s = reversed[reversed.length - 1];
  for (let i = reversed.length - 2; i >= 0; i--) s += "." + reversed[i];
  return s;
}

function process(e: GoExpr): Expression {
  switch (e.kind) {
    case "UnaryExpr":
      return { kind: "fn", name: FUNCTION_OF_OPERATOR[e.op] ?? "", args: [process(e.x)] };
    case "BinaryExpr":
      return { kind: "fn", name: FUNCTION_OF_OPERATOR[e.op] ?? "", args: [process(e.x), process(e.y)] };
    case "CallExpr": {
      const f = e.fun;
      if (f.kind === "SelectorExpr") {
        const { anchor, parts } = flattenSelectors(f);
        let target: Expression;
        if (!anchor) target = { kind: "var", name: varName(parts.slice(1)) };
        else {
          target = process(anchor);
          if (parts.length !== 1) throw unexpected(f);
        }
        return { kind: "fn", name: parts[0], target, args: e.args.map(process) };
      }
      if (f.kind === "Ident") return { kind: "fn", name: f.name, args: e.args.map(process) };
      throw unexpected(e);
    }
    case "ParenExpr":
      return process(e.x);
    case "BasicLit":
      return newConstant(e);
    case "Ident": {
      // The Go parser sees true/false as identifiers; Mixer accepts any letter case.
      const lower = e.name.toLowerCase();
      if (lower === "true" || lower === "false") return { kind: "const", type: "BOOL", value: lower === "true", text: lower };
      return { kind: "var", name: e.name };
    }
    case "SelectorExpr": {
      const { anchor, parts } = flattenSelectors(e);
      if (anchor) throw unexpected(e);
      return { kind: "var", name: varName(parts) };
    }
    case "IndexExpr":
      return { kind: "fn", name: "INDEX", args: [process(e.x), process(e.index)] };
    default:
      throw unexpected(e);
  }
}

/** `ast.Parse`: Go parse, then conversion. Throws ExpressionError with Mixer's message. */
export function parseExpression(src: string): Expression {
  const r = parseGoExpr(src);
  if (!r.ok) throw new ExpressionError(`unable to parse expression '${src}': ${r.error}`);
  return process(r.expr);
}

/** Mixer's `String()`: constants as written, `$attr`, `target:fn(args)`. */
export function expressionString(e: Expression): string {
  switch (e.kind) {
    case "const":
      return e.text;
    case "var":
      return "$" + e.name;
    case "fn": {
      const target = e.target ? expressionString(e.target) + ":" : "";
      return `${target}${e.name}(${e.args.map(expressionString).join(", ")})`;
    }
  }
}
