/**
 * The PromQL parser of Prometheus 2.3 (promql/parse.go): recursive descent with operator
 * precedence by rebalancing, then a type check. Errors carry Prometheus' wording and position:
 * `parse error at char 5: unexpected ...`, where the position is that of the last item the
 * parser pulled from the lexer (as the Go lexer's `lastPos`), counted from 1.
 */
import { documentedType, goTypeName, typeOf, type Expr, type ValueType, type VectorMatching } from "./ast.ts";
import { parseModelDuration } from "./durations.ts";
import { getFunction } from "./functionSignatures.ts";
import {
  goQuote, isAggregator, isAggregatorWithParam, isComparisonOperator, isOperator, isSetOperator, itemDesc, lex,
  typeDesc, typeString, type Item, type ItemType,
} from "./lexer.ts";
import { newMatcher, type LabelMatcher, type MatchType } from "./matchers.ts";

export class PromQLParseError extends Error {}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function isValidLabelName(s: string): boolean {
  return LABEL_NAME.test(s);
}

/** Operator precedence (higher binds tighter); `^` is right-associative. */
function precedence(t: ItemType): number {
  switch (t) {
    case "LOR": return 1;
    case "LAND": case "LUNLESS": return 2;
    case "EQL": case "NEQ": case "LTE": case "LSS": case "GTE": case "GTR": return 3;
    case "ADD": case "SUB": return 4;
    case "MUL": case "DIV": case "MOD": return 5;
    case "POW": return 6;
  }
  return 0;
}

class Parser {
  private readonly items: Item[];
  /** Index of the next item the lexer would hand out. */
  private cursor = 0;
  private lastPos = 0;
  /** Go's parser keeps up to one peeked item. */
  private peeked: Item | undefined;
  private current: Item | undefined;

  constructor(private readonly input: string) {
    this.items = lex(input);
  }

  private pull(): Item {
    const item = this.items[Math.min(this.cursor, this.items.length - 1)];
    this.cursor++;
    this.lastPos = item.pos;
    return item;
  }

  private next(): Item {
    let item: Item;
    if (this.peeked) {
      item = this.peeked;
      this.peeked = undefined;
    } else item = this.pull();
    this.current = item;
    if (item.type === "ERROR") this.fail(item.val);
    return item;
  }

  private peek(): Item {
    if (!this.peeked) this.peeked = this.pull();
    return this.peeked;
  }

  private backup(): void {
    this.peeked = this.current;
  }

  fail(message: string): never {
    const before = this.input.slice(0, this.lastPos);
    const lb = before.lastIndexOf("\n");
    const char = lb === -1 ? 1 + this.lastPos : 1 + this.lastPos - lb;
    if (!this.input.trim().includes("\n")) throw new PromQLParseError(`parse error at char ${char}: ${message}`);
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    throw new PromQLParseError(`parse error at line ${line}, char ${char}: ${message}`);
  }

  private unexpected(item: Item, context: string, expected: string): never {
    let msg = `unexpected ${itemDesc(item)}`;
    if (context) msg += ` in ${context}`;
    if (expected) msg += `, expected ${expected}`;
    this.fail(msg);
  }

  private expect(type: ItemType, context: string): Item {
    const item = this.next();
    if (item.type !== type) this.unexpected(item, context, typeDesc(type));
    return item;
  }

  parse(): Expr {
    let expr: Expr | undefined;
    while (this.peek().type !== "EOF") {
      if (expr) {
        const rest = [...this.input.slice(this.lastPos)].slice(0, 15).join("");
        this.fail(`could not parse remaining input ${goQuote(rest)}...`);
      }
      expr = this.expr();
    }
    if (!expr) this.fail("no expression found in input");
    this.checkType(expr);
    return expr;
  }

  /** ParseMetricSelector: `name{matchers}` only (the /api/v1/series `match[]` syntax). */
  parseMetricSelector(): LabelMatcher[] {
    let name = "";
    const t = this.peek().type;
    if (t === "METRIC_IDENTIFIER" || t === "IDENTIFIER") name = this.next().val;
    const vs = this.vectorSelector(name) as Expr & { kind: "vectorSelector" };
    if (this.peek().type !== "EOF") {
      const rest = [...this.input.slice(this.lastPos)].slice(0, 15).join("");
      this.fail(`could not parse remaining input ${goQuote(rest)}...`);
    }
    return vs.matchers;
  }

  private expr(): Expr {
    let expr = this.unaryExpr();
    for (;;) {
      const op = this.peek().type;
      if (!isOperator(op)) return expr;
      this.next();
      const matching: VectorMatching = { card: isSetOperator(op) ? "many-to-many" : "one-to-one", on: false, matchingLabels: [], include: [] };
      let returnBool = false;
      if (this.peek().type === "BOOL") {
        if (!isComparisonOperator(op)) this.fail("bool modifier can only be used on comparison operators");
        this.next();
        returnBool = true;
      }
      const t = this.peek().type;
      if (t === "ON" || t === "IGNORING") {
        matching.on = t === "ON";
        this.next();
        matching.matchingLabels = this.labels();
        const g = this.peek().type;
        if (g === "GROUP_LEFT" || g === "GROUP_RIGHT") {
          this.next();
          matching.card = g === "GROUP_LEFT" ? "many-to-one" : "one-to-many";
          if (this.peek().type === "LEFT_PAREN") matching.include = this.labels();
        }
      }
      for (const l1 of matching.matchingLabels) {
        if (matching.on && matching.include.includes(l1)) this.fail(`label ${goQuote(l1)} must not occur in ON and GROUP clause at once`);
      }
      const rhs = this.unaryExpr();
      expr = this.balance(expr, op, rhs, matching, returnBool);
    }
  }

  private balance(lhs: Expr, op: ItemType, rhs: Expr, matching: VectorMatching, returnBool: boolean): Expr & { kind: "binary" } {
    if (lhs.kind === "binary") {
      const precd = precedence(lhs.op) - precedence(op);
      if (precd < 0 || (precd === 0 && op === "POW")) {
        const balanced = this.balance(lhs.rhs, op, rhs, matching, returnBool);
        if (isComparisonOperator(lhs.op) && !lhs.returnBool && typeOf(balanced) === "scalar" && typeOf(lhs.lhs) === "scalar") {
          this.fail("comparisons between scalars must use BOOL modifier");
        }
        return { kind: "binary", op: lhs.op, lhs: lhs.lhs, rhs: balanced, matching: lhs.matching, returnBool: lhs.returnBool };
      }
    }
    if (isComparisonOperator(op) && !returnBool && typeOf(rhs) === "scalar" && typeOf(lhs) === "scalar") {
      this.fail("comparisons between scalars must use BOOL modifier");
    }
    return { kind: "binary", op, lhs, rhs, matching, returnBool };
  }

  private unaryExpr(): Expr {
    const t = this.peek();
    if (t.type === "ADD" || t.type === "SUB") {
      this.next();
      const e = this.unaryExpr();
      // Prometheus folds the sign into number literals: `-2 ^ 2` is `(-2) ^ 2`.
      if (e.kind === "number") return t.type === "SUB" ? { kind: "number", value: -e.value } : e;
      return { kind: "unary", op: t.type, expr: e };
    }
    if (t.type === "LEFT_PAREN") {
      this.next();
      const e = this.expr();
      this.expect("RIGHT_PAREN", "paren expression");
      return { kind: "paren", expr: e };
    }
    let e = this.primaryExpr();
    if (this.peek().type === "LEFT_BRACKET") {
      if (e.kind !== "vectorSelector") this.fail(`range specification must be preceded by a metric selector, but follows a ${goTypeName(e)} instead`);
      e = this.rangeSelector(e);
    }
    if (this.peek().type === "OFFSET") {
      this.next();
      const offsetMs = this.duration(this.expect("DURATION", "offset").val);
      if (e.kind === "vectorSelector" || e.kind === "matrixSelector") e.offsetMs = offsetMs;
      else this.fail(`offset modifier must be preceded by an instant or range selector, but follows a ${goTypeName(e)} instead`);
    }
    return e;
  }

  private duration(text: string): number {
    const d = parseModelDuration(text);
    if (typeof d !== "number") this.fail(d.error);
    if (d === 0) this.fail("duration must be greater than 0");
    return d;
  }

  private rangeSelector(vs: Expr & { kind: "vectorSelector" }): Expr {
    const ctx = "range selector";
    this.next();
    const rangeMs = this.duration(this.expect("DURATION", ctx).val);
    this.expect("RIGHT_BRACKET", ctx);
    return { kind: "matrixSelector", name: vs.name, matchers: vs.matchers, rangeMs, offsetMs: 0 };
  }

  private primaryExpr(): Expr {
    const t = this.next();
    switch (t.type) {
      case "NUMBER": return { kind: "number", value: this.number(t.val) };
      case "STRING": return { kind: "string", value: this.unquote(t.val) };
      case "LEFT_BRACE":
        this.backup();
        return this.vectorSelector("");
      case "IDENTIFIER":
        if (this.peek().type === "LEFT_PAREN") return this.call(t.val);
        return this.vectorSelector(t.val);
      case "METRIC_IDENTIFIER":
        return this.vectorSelector(t.val);
    }
    if (isAggregator(t.type)) {
      this.backup();
      return this.aggrExpr();
    }
    this.fail("no valid expression found");
  }

  /** strconv.ParseInt(val, 0, 64), else ParseFloat: hex, octal, decimals, Inf, NaN. */
  private number(val: string): number {
    if (/^0[xX][0-9a-fA-F]+$/.test(val)) return parseInt(val.slice(2), 16);
    if (/^0[0-7]+$/.test(val)) return parseInt(val, 8);
    const lower = val.toLowerCase();
    if (lower === "inf" || lower === "+inf") return Infinity;
    if (lower === "nan") return NaN;
    const f = Number(val);
    if (Number.isNaN(f)) this.fail(`error parsing number: strconv.ParseFloat: parsing ${goQuote(val)}: invalid syntax`);
    return f;
  }

  private call(name: string): Expr {
    const ctx = "function call";
    const func = getFunction(name);
    if (!func) this.fail(`unknown function with name ${goQuote(name)}`);
    this.expect("LEFT_PAREN", ctx);
    if (this.peek().type === "RIGHT_PAREN") {
      this.next();
      return { kind: "call", func, args: [] };
    }
    const args: Expr[] = [];
    for (;;) {
      args.push(this.expr());
      if (this.peek().type !== "COMMA") break;
      this.next();
    }
    this.expect("RIGHT_PAREN", ctx);
    return { kind: "call", func, args };
  }

  private aggrExpr(): Expr {
    const ctx = "aggregation";
    const op = this.next();
    let grouping: string[] = [];
    let without = false;
    let modifiersFirst = false;
    const t = this.peek().type;
    if (t === "BY" || t === "WITHOUT") {
      without = t === "WITHOUT";
      this.next();
      grouping = this.labels();
      modifiersFirst = true;
    }
    this.expect("LEFT_PAREN", ctx);
    let param: Expr | undefined;
    if (isAggregatorWithParam(op.type)) {
      param = this.expr();
      this.expect("COMMA", ctx);
    }
    const e = this.expr();
    this.expect("RIGHT_PAREN", ctx);
    if (!modifiersFirst) {
      const m = this.peek().type;
      if (m === "BY" || m === "WITHOUT") {
        if (grouping.length > 0) this.fail("aggregation must only contain one grouping clause");
        without = m === "WITHOUT";
        this.next();
        grouping = this.labels();
      }
    }
    return { kind: "aggregate", op: op.type, expr: e, param, grouping, without };
  }

  private labels(): string[] {
    const ctx = "grouping opts";
    this.expect("LEFT_PAREN", ctx);
    const labels: string[] = [];
    if (this.peek().type !== "RIGHT_PAREN") {
      for (;;) {
        const id = this.next();
        if (!isValidLabelName(id.val)) this.fail(`unexpected ${itemDesc(id)} in ${ctx}, expected label`);
        labels.push(id.val);
        if (this.peek().type !== "COMMA") break;
        this.next();
      }
    }
    this.expect("RIGHT_PAREN", ctx);
    return labels;
  }

  private labelMatchers(): LabelMatcher[] {
    const ctx = "label matching";
    const matchers: LabelMatcher[] = [];
    this.expect("LEFT_BRACE", ctx);
    if (this.peek().type === "RIGHT_BRACE") {
      this.next();
      return matchers;
    }
    for (;;) {
      const label = this.expect("IDENTIFIER", ctx);
      const op = this.next().type;
      if (!isOperator(op)) this.fail(`expected label matching operator but got ${typeString(op)}`);
      const types: Partial<Record<ItemType, MatchType>> = { EQL: "=", NEQ: "!=", EQL_REGEX: "=~", NEQ_REGEX: "!~" };
      const matchType = types[op];
      if (!matchType) this.fail(`operator must be one of ["=" "!=" "=~" "!~"], is ${goQuote(typeString(op))}`);
      const value = this.unquote(this.expect("STRING", ctx).val);
      const m = newMatcher(matchType, label.val, value);
      if ("error" in m) this.fail(m.error);
      matchers.push(m);
      if (this.peek().type === "IDENTIFIER") this.fail(`missing comma before next identifier ${goQuote(this.peek().val)}`);
      if (this.peek().type !== "COMMA") break;
      this.next();
      if (this.peek().type === "RIGHT_BRACE") break;
    }
    this.expect("RIGHT_BRACE", ctx);
    return matchers;
  }

  private vectorSelector(name: string): Expr {
    let matchers: LabelMatcher[] = [];
    if (this.peek().type === "LEFT_BRACE") matchers = this.labelMatchers();
    if (name !== "") {
      for (const m of matchers) {
        if (m.name === "__name__") this.fail(`metric name must not be set twice: ${goQuote(name)} or ${goQuote(m.value)}`);
      }
      matchers.push(newMatcher("=", "__name__", name) as LabelMatcher);
    }
    if (matchers.length === 0) this.fail("vector selector must contain label matchers or metric name");
    if (!matchers.some((m) => !m.matches(""))) this.fail("vector selector must contain at least one non-empty matcher");
    return { kind: "vectorSelector", name, matchers, offsetMs: 0 };
  }

  /** strutil.Unquote: Go string literal rules for "..." and '...', raw for `...`. */
  private unquote(s: string): string {
    const q = s[0];
    const body = s.slice(1, -1);
    if (q === "`") return body;
    let out = "";
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = body[++i];
      const simple: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", "'": "'", '"': '"' };
      if (simple[e] !== undefined) {
        out += simple[e];
        continue;
      }
      const width = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 3;
      const digits = e >= "0" && e <= "7" ? body.slice(i, i + 3) : body.slice(i + 1, i + 1 + width);
      const code = parseInt(digits, e >= "0" && e <= "7" ? 8 : 16);
      out += e === "x" || (e >= "0" && e <= "7") ? String.fromCharCode(code) : String.fromCodePoint(code);
      i += e >= "0" && e <= "7" ? 2 : width;
    }
    return out;
  }

  private expectType(node: Expr, want: ValueType, context: string): void {
    const t = this.checkType(node);
    if (t !== want) this.fail(`expected type ${documentedType(want)} in ${context}, got ${documentedType(t)}`);
  }

  private checkType(node: Expr): ValueType {
    const typ = typeOf(node);
    switch (node.kind) {
      case "aggregate":
        this.expectType(node.expr, "vector", "aggregation expression");
        if (node.op === "TOPK" || node.op === "BOTTOMK" || node.op === "QUANTILE") this.expectType(node.param!, "scalar", "aggregation parameter");
        if (node.op === "COUNT_VALUES") this.expectType(node.param!, "string", "aggregation parameter");
        break;
      case "binary": {
        const lt = this.checkType(node.lhs);
        const rt = this.checkType(node.rhs);
        if ((lt !== "scalar" && lt !== "vector") || (rt !== "scalar" && rt !== "vector")) {
          this.fail("binary expression must contain only scalar and instant vector types");
        }
        if ((lt !== "vector" || rt !== "vector") && node.matching) {
          if (node.matching.matchingLabels.length > 0) this.fail("vector matching only allowed between instant vectors");
          node.matching = undefined;
        } else if (node.matching && isSetOperator(node.op)) {
          if (node.matching.card === "one-to-many" || node.matching.card === "many-to-one") this.fail(`no grouping allowed for ${goQuote(typeString(node.op))} operation`);
        }
        if ((lt === "scalar" || rt === "scalar") && isSetOperator(node.op)) {
          this.fail(`set operator ${goQuote(typeString(node.op))} not allowed in binary scalar expression`);
        }
        break;
      }
      case "call": {
        const f = node.func;
        const nargs = f.argTypes.length;
        if (f.variadic === 0) {
          if (nargs !== node.args.length) this.fail(`expected ${nargs} argument(s) in call to ${goQuote(f.name)}, got ${node.args.length}`);
        } else {
          const na = nargs - 1;
          if (na > node.args.length) this.fail(`expected at least ${na} argument(s) in call to ${goQuote(f.name)}, got ${node.args.length}`);
          const max = na + f.variadic;
          if (f.variadic > 0 && max < node.args.length) this.fail(`expected at most ${max} argument(s) in call to ${goQuote(f.name)}, got ${node.args.length}`);
        }
        node.args.forEach((arg, i) => this.expectType(arg, f.argTypes[Math.min(i, nargs - 1)], `call to function ${goQuote(f.name)}`));
        break;
      }
      case "paren":
        this.checkType(node.expr);
        break;
      case "unary": {
        const t = this.checkType(node.expr);
        if (t !== "scalar" && t !== "vector") this.fail(`unary expression only allowed on expressions of type scalar or instant vector, got ${goQuote(documentedType(t))}`);
        break;
      }
    }
    return typ;
  }
}

/** Parses a series selector such as `istio_request_count{response_code="404"}`; throws PromQLParseError. */
export function parseMetricSelector(input: string): LabelMatcher[] {
  return new Parser(input).parseMetricSelector();
}

/** Parses a PromQL expression; throws PromQLParseError with Prometheus' message. */
export function parsePromQL(input: string): Expr {
  return new Parser(input).parse();
}

