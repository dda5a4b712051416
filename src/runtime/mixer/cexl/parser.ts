/**
 * `go/parser.ParseExpr` for the part of Go's expression grammar a CEXL author can reach.
 *
 * Mixer 0.8 parses every expression with Go's parser and only then rejects what it does not
 * understand, so the parse must accept what Go accepts (`a < b`, `-1`, `x.(T)`, `f(a...)`) and
 * reject what Go rejects, with Go's wording and positions. Precedence is Go's:
 *   5: * / % << >> & &^    4: + - | ^    3: == != < <= > >=    2: &&    1: ||
 * which is why `a | "x" == "y"` is `(a | "x") == "y"`.
 *
 * Error handling follows Go 1.10: scanner errors are all kept, a parser error is dropped when
 * an error is already recorded on the same line, and the result is the first error (sorted by
 * position) plus ` (and N more errors)`. Unlike Go we stop at the first parser error instead of
 * resynchronising; on a single line Go drops the follow-up errors anyway.
 */
import { Scanner, isLiteralToken, tokenString, type Token } from "./lexer.ts";

export type GoExpr =
  | { kind: "Ident"; name: string; depth: number }
  | { kind: "BasicLit"; tok: "INT" | "FLOAT" | "IMAG" | "CHAR" | "STRING"; value: string; depth: number }
  | { kind: "ParenExpr"; x: GoExpr; depth: number }
  | { kind: "SelectorExpr"; x: GoExpr; sel: string; depth: number }
  | { kind: "IndexExpr"; x: GoExpr; index: GoExpr; depth: number }
  | { kind: "SliceExpr"; x: GoExpr; depth: number }
  | { kind: "TypeAssertExpr"; x: GoExpr; depth: number }
  | { kind: "CallExpr"; fun: GoExpr; args: GoExpr[]; depth: number }
  | { kind: "StarExpr"; x: GoExpr; depth: number }
  | { kind: "UnaryExpr"; op: string; x: GoExpr; depth: number }
  | { kind: "BinaryExpr"; op: string; x: GoExpr; y: GoExpr; depth: number }
  | { kind: "CompositeLit"; depth: number }
  /** A type in expression position (`[]int`, `map[string]int`, `func()`...): Go parses it, Mixer rejects it. */
  | { kind: "TypeExpr"; goType: string; depth: number };

/** Deeper trees are refused so that no input can exhaust the JS stack (Go 1.20+ has the same guard). */
export const MAX_EXPRESSION_DEPTH = 400;

const BINARY_PRECEDENCE: Record<string, number> = {
  "||": 1, "&&": 2,
  "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3,
  "+": 4, "-": 4, "|": 4, "^": 4,
  "*": 5, "/": 5, "%": 5, "<<": 5, ">>": 5, "&": 5, "&^": 5,
};

const UNARY_OPS = new Set(["+", "-", "!", "^", "&"]);

interface ParseError {
  offset: number;
  msg: string;
  fromParser: boolean;
}

/** Thrown inside the parser to stop at the first parser error (caught in `parseGoExpr`). */
class Bailout {}

export type GoParseResult = { ok: true; expr: GoExpr } | { ok: false; error: string };

class Parser {
  private readonly scanner: Scanner;
  private tok!: Token;
  private readonly errors: ParseError[] = [];
  private scannerErrorsSeen = 0;
  /** Go's `inRhs`: a stray `=` is read as a misspelt `==`, giving "expected '==', found '='". */
  private exprLev = 0;

  constructor(src: string) {
    this.scanner = new Scanner(src);
    this.next();
  }

  private next(): void {
    this.tok = this.scanner.next();
    // Scanner errors are recorded in the order the parser pulls tokens, like Go's error handler.
    while (this.scannerErrorsSeen < this.scanner.errors.length) {
      const e = this.scanner.errors[this.scannerErrorsSeen++];
      this.errors.push({ offset: e.offset, msg: e.msg, fromParser: false });
    }
  }

  private is(text: string): boolean {
    return (this.tok.kind === "OP" || this.tok.kind === "KEYWORD") && this.tok.text === text;
  }

  private error(offset: number, msg: string, consumeAfter: "one" | "all" | "none"): never {
    const line = this.scanner.position(offset).line;
    const last = this.errors[this.errors.length - 1];
    if (!last || this.scanner.position(last.offset).line !== line) {
      this.errors.push({ offset, msg, fromParser: true });
    }
    // Go keeps scanning after an error (making progress or resynchronising); the scanner errors
    // met on the way count in "(and N more errors)".
    if (consumeAfter === "one") this.next();
    else if (consumeAfter === "all") while (this.tok.kind !== "EOF") this.next();
    throw new Bailout();
  }

  private errorExpected(offset: number, what: string, consumeAfter: "one" | "all" | "none"): never {
    let msg = `expected ${what}`;
    if (offset === this.tok.offset) {
      if (this.is(";") && this.tok.lit === "\n") msg += ", found newline";
      else {
        msg += `, found '${tokenString(this.tok)}'`;
        if (isLiteralToken(this.tok)) msg += ` ${this.tok.lit}`;
      }
    }
    return this.error(offset, msg, consumeAfter);
  }

  private expect(text: string): void {
    if (!this.is(text)) this.errorExpected(this.tok.offset, `'${text}'`, "one");
    this.next();
  }

  private expectClosing(text: string, context: string): void {
    if (!this.is(text) && this.is(";") && this.tok.lit === "\n") {
      this.error(this.tok.offset, `missing ',' before newline in ${context}`, "one");
    }
    this.expect(text);
  }

  private node<T extends GoExpr>(n: T): T {
    if (n.depth > MAX_EXPRESSION_DEPTH) this.error(this.tok.offset, "exceeded max nesting depth", "none");
    return n;
  }

  parseTop(): GoParseResult {
    let expr: GoExpr | undefined;
    try {
      expr = this.parseExpr();
      if (this.is(";") && this.tok.lit === "\n") this.next();
      if (this.tok.kind !== "EOF") this.errorExpected(this.tok.offset, "'EOF'", "one");
    } catch (e) {
      if (!(e instanceof Bailout)) throw e;
    }
    if (this.errors.length > 0 || !expr) return { ok: false, error: this.formatErrors() };
    return { ok: true, expr };
  }

  private formatErrors(): string {
    const sorted = this.errors
      .map((e, i) => ({ e, i, pos: this.scanner.position(e.offset) }))
      .sort((a, b) => a.pos.line - b.pos.line || a.pos.column - b.pos.column || a.i - b.i);
    const first = sorted[0];
    const head = `${first.pos.line}:${first.pos.column}: ${first.e.msg}`;
    return sorted.length > 1 ? `${head} (and ${sorted.length - 1} more errors)` : head;
  }

  private parseExpr(): GoExpr {
    return this.parseBinaryExpr(1);
  }

  /** Recursion guard on the way down (node depth guards the way up, for long operator chains). */
  private nest = 0;

  private enter(): void {
    if (++this.nest > MAX_EXPRESSION_DEPTH) this.error(this.tok.offset, "exceeded max nesting depth", "none");
  }

  private parseBinaryExpr(prec1: number): GoExpr {
    this.enter();
    try {
      return this.parseBinaryExprInner(prec1);
    } finally {
      this.nest--;
    }
  }

  private parseBinaryExprInner(prec1: number): GoExpr {
    let x = this.parseUnaryExpr();
    for (;;) {
      let op = this.tok.kind === "OP" ? this.tok.text : "";
      if (op === "=") op = "=="; // Go's inRhs: report "expected '==', found '='"
      const prec = BINARY_PRECEDENCE[op] ?? 0;
      if (prec < prec1) return x;
      this.expect(op);
      const y = this.parseBinaryExpr(prec + 1);
      x = this.node({ kind: "BinaryExpr", op, x, y, depth: Math.max(x.depth, y.depth) + 1 });
    }
  }

  private parseUnaryExpr(): GoExpr {
    if (this.tok.kind === "OP") {
      const op = this.tok.text;
      if (UNARY_OPS.has(op) || op === "<-") {
        this.next();
        this.enter();
        const x = this.parseUnaryExpr();
        this.nest--;
        return this.node({ kind: "UnaryExpr", op, x, depth: x.depth + 1 });
      }
      if (op === "*") {
        this.next();
        this.enter();
        const x = this.parseUnaryExpr();
        this.nest--;
        return this.node({ kind: "StarExpr", x, depth: x.depth + 1 });
      }
    }
    return this.parsePrimaryExpr();
  }

  private parsePrimaryExpr(): GoExpr {
    let x = this.parseOperand();
    for (;;) {
      if (this.is(".")) {
        this.next();
        if (this.tok.kind === "IDENT") {
          const sel = this.tok.text;
          this.next();
          x = this.node({ kind: "SelectorExpr", x, sel, depth: x.depth + 1 });
        } else if (this.is("(")) {
          x = this.parseTypeAssertion(x);
        } else {
          this.errorExpected(this.tok.offset, "selector or type assertion", "one");
        }
      } else if (this.is("[")) {
        x = this.parseIndexOrSlice(x);
      } else if (this.is("(")) {
        x = this.parseCall(x);
      } else if (this.is("{") && isLiteralType(x) && this.exprLev >= 0) {
        this.parseLiteralValue();
        x = this.node({ kind: "CompositeLit", depth: x.depth + 1 });
      } else {
        return x;
      }
    }
  }

  private parseOperand(): GoExpr {
    const tok = this.tok;
    switch (tok.kind) {
      case "IDENT":
        this.next();
        return { kind: "Ident", name: tok.text, depth: 1 };
      case "INT": case "FLOAT": case "IMAG": case "CHAR": case "STRING":
        this.next();
        return { kind: "BasicLit", tok: tok.kind, value: tok.lit, depth: 1 };
      case "OP":
        if (tok.text === "(") {
          this.next();
          this.exprLev++;
          const x = this.parseExpr();
          this.exprLev--;
          this.expect(")");
          return this.node({ kind: "ParenExpr", x, depth: x.depth + 1 });
        }
        if (tok.text === "[") return this.skipType("ArrayType");
        break;
      case "KEYWORD":
        if (tok.text === "func") return this.skipType("FuncLit");
        if (tok.text === "map") return this.skipType("MapType");
        if (tok.text === "chan") return this.skipType("ChanType");
        if (tok.text === "struct") return this.skipType("StructType");
        if (tok.text === "interface") return this.skipType("InterfaceType");
        break;
    }
    return this.errorExpected(tok.offset, "operand", "all");
  }

  /**
   * Go types in expression position. Go would parse them fully; Mixer then rejects them with
   * "unexpected expression". We consume the balanced brackets that follow so that the rest of
   * the line still parses, and let the Mixer layer produce its rejection.
   */
  private skipType(goType: string): GoExpr {
    if (this.tok.kind === "KEYWORD") this.next();
    let depth = 0;
    for (;;) {
      if (this.is("[") || this.is("(") || this.is("{")) {
        depth++;
      } else if (this.is("]") || this.is(")") || this.is("}")) {
        if (depth === 0) break;
        depth--;
        if (depth === 0) {
          this.next();
          // After a closing bracket the type may go on (`[]int`, `func() bool`, `T{...}`).
          if (this.tok.kind !== "IDENT" && this.tok.kind !== "KEYWORD" && !this.is("[") && !this.is("(") && !this.is("{") && !this.is("*")) break;
          continue;
        }
      } else if (this.tok.kind === "EOF") {
        break;
      } else if (depth === 0 && this.tok.kind !== "IDENT" && this.tok.kind !== "KEYWORD" && !this.is("*") && !this.is(".")) {
        break;
      }
      this.next();
    }
    return { kind: "TypeExpr", goType, depth: 1 };
  }

  private parseTypeAssertion(x: GoExpr): GoExpr {
    this.expect("(");
    if (this.is("type")) this.next();
    else if (this.tok.kind === "IDENT") {
      this.next();
      if (this.is(".")) {
        this.next();
        if (this.tok.kind !== "IDENT") this.errorExpected(this.tok.offset, "'IDENT'", "one");
        this.next();
      }
    } else if (this.is("*") || this.is("[") || this.is("map") || this.is("func") || this.is("chan") || this.is("struct") || this.is("interface")) {
      this.skipType("type");
    } else {
      this.errorExpected(this.tok.offset, "type", "one");
    }
    this.expect(")");
    return this.node({ kind: "TypeAssertExpr", x, depth: x.depth + 1 });
  }

  private parseIndexOrSlice(x: GoExpr): GoExpr {
    this.expect("[");
    this.exprLev++;
    const index: (GoExpr | undefined)[] = [undefined, undefined, undefined];
    if (!this.is(":")) index[0] = this.parseExpr();
    let ncolons = 0;
    while (this.is(":") && ncolons < 2) {
      ncolons++;
      this.next();
      if (!this.is(":") && !this.is("]") && this.tok.kind !== "EOF") index[ncolons] = this.parseExpr();
    }
    this.exprLev--;
    const rbrack = this.tok.offset;
    this.expect("]");
    if (ncolons > 0) {
      if (ncolons === 2) {
        if (!index[1]) this.error(rbrack, "2nd index required in 3-index slice", "none");
        if (!index[2]) this.error(rbrack, "3rd index required in 3-index slice", "none");
      }
      return this.node({ kind: "SliceExpr", x, depth: x.depth + 1 });
    }
    const idx = index[0] as GoExpr;
    return this.node({ kind: "IndexExpr", x, index: idx, depth: Math.max(x.depth, idx.depth) + 1 });
  }

  private parseCall(fun: GoExpr): GoExpr {
    this.expect("(");
    this.exprLev++;
    const args: GoExpr[] = [];
    let ellipsis = false;
    let depth = fun.depth;
    while (!this.is(")") && this.tok.kind !== "EOF" && !ellipsis) {
      const arg = this.parseExpr();
      args.push(arg);
      depth = Math.max(depth, arg.depth);
      if (this.is("...")) {
        ellipsis = true; // Mixer ignores the ellipsis, as it reads only the argument list
        this.next();
      }
      if (!this.atComma("argument list", ")")) break;
      this.next();
    }
    this.exprLev--;
    this.expectClosing(")", "argument list");
    return this.node({ kind: "CallExpr", fun, args, depth: depth + 1 });
  }

  private atComma(context: string, follow: string): boolean {
    if (this.is(",")) return true;
    if (!this.is(follow)) {
      let msg = "missing ','";
      if (this.is(";") && this.tok.lit === "\n") msg += " before newline";
      this.error(this.tok.offset, `${msg} in ${context}`, "none");
    }
    return false;
  }

  /** `{ elem, key: value, {nested} }` of a composite literal; Mixer rejects it afterwards. */
  private parseLiteralValue(): void {
    this.expect("{");
    this.exprLev++;
    while (!this.is("}") && this.tok.kind !== "EOF") {
      this.parseElement();
      if (this.is(":")) {
        this.next();
        this.parseElement();
      }
      if (!this.atComma("composite literal", "}")) break;
      this.next();
    }
    this.exprLev--;
    this.expectClosing("}", "composite literal");
  }

  private parseElement(): void {
    if (this.is("{")) this.parseLiteralValue();
    else this.parseExpr();
  }
}

function isLiteralType(x: GoExpr): boolean {
  if (x.kind === "Ident" || x.kind === "TypeExpr") return true;
  return x.kind === "SelectorExpr" && x.x.kind === "Ident";
}

/** Parses like Go's `parser.ParseExpr`: the Go AST, or Go's error text (`1:5: expected operand, found ')'`). */
export function parseGoExpr(src: string): GoParseResult {
  return new Parser(src).parseTop();
}
