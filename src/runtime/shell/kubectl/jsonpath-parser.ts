/**
 * The parser of Kubernetes' JSONPath templates (k8s.io/client-go/util/jsonpath, as kubectl 1.10
 * vendored it): text outside `{...}` is literal, inside are fields, `[]` slices/unions/filters,
 * `..`, `*`, quoted strings, numbers, and the `range`/`end` identifiers. The error messages are
 * the library's, because kubectl prints them verbatim (`unclosed action`, ...).
 */

export type JpNode =
  | { type: "list"; nodes: JpNode[] }
  | { type: "text"; text: string }
  | { type: "field"; name: string }
  | { type: "identifier"; name: string }
  | { type: "array"; params: [JpParam, JpParam, JpParam] }
  | { type: "filter"; left: JpList; right: JpList; op: string }
  | { type: "int"; value: number }
  | { type: "float"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "wildcard" }
  | { type: "recursive" }
  | { type: "union"; nodes: JpList[] };

export type JpList = Extract<JpNode, { type: "list" }>;

export interface JpParam {
  value: number;
  known: boolean;
  /** The end of a single index `[i]` is derived (i+1), so a negative i wraps both ends. */
  derived?: boolean;
}

export class JsonPathParseError extends Error {}

const EOF = "";
const LEFT = "{";
const RIGHT = "}";

const isSpace = (r: string) => r === " " || r === "\t";
const isEndOfLine = (r: string) => r === "\r" || r === "\n";
const isDigit = (r: string) => r.length > 0 && /\p{Nd}/u.test(r);
const isAlphaNumeric = (r: string) => r === "_" || (r.length > 0 && /[\p{L}\p{Nd}]/u.test(r));
function isTerminator(r: string): boolean {
  if (isSpace(r) || isEndOfLine(r)) return true;
  return r === EOF || ".,[]$@{}".includes(r);
}

/** Go's `%#U`: `U+0023 '#'`. */
function goRuneU(r: string): string {
  const cp = r.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")} '${r}'`;
}

const dictKeyRex = /^'([^']*)'$/;
const sliceOperatorRex = /^(-?\d*)(:-?\d*)?(:\d*)?$/;
const filterRex = /^([^!<>=]+)([!<>=]+)(.+?)$/s;

class Parser {
  private pos = 0;
  private start = 0;
  readonly root: JpList = { type: "list", nodes: [] };

  constructor(private readonly input: string) {}

  /** Width of the last rune read, so `backup` steps back exactly one rune (0 after EOF). */
  private width = 0;

  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = String.fromCodePoint(this.input.codePointAt(this.pos)!);
    this.width = r.length;
    this.pos += r.length;
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }

  private consumeText(): string {
    const value = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return value;
  }

  private rest(): string {
    return this.input.slice(this.pos);
  }

  parseText(cur: JpList): void {
    for (;;) {
      if (this.rest().startsWith(LEFT)) {
        if (this.pos > this.start) cur.nodes.push({ type: "text", text: this.consumeText() });
        return this.parseLeftDelim(cur);
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ type: "text", text: this.consumeText() });
  }

  private parseLeftDelim(cur: JpList): void {
    this.pos += LEFT.length;
    this.consumeText();
    const list: JpList = { type: "list", nodes: [] };
    cur.nodes.push(list);
    this.parseInsideAction(list);
  }

  private parseRightDelim(): void {
    this.pos += RIGHT.length;
    this.consumeText();
    this.parseText(this.root);
  }

  /** The library recurses once per token; a loop is the same grammar without deep stacks. */
  parseInsideAction(cur: JpList): void {
    for (;;) {
      const rest = this.rest();
      if (rest.startsWith(RIGHT)) return this.parseRightDelim();
      if (rest.startsWith("[?(")) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith("..")) {
        this.pos += 2;
        this.consumeText();
        cur.nodes.push({ type: "recursive" });
        if (isAlphaNumeric(this.peek())) this.parseField(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) throw new JsonPathParseError("unclosed action");
      if (r === " ") {
        this.consumeText();
      } else if (r === "@" || r === "$") {
        this.consumeText();
      } else if (r === "[") {
        this.parseArray(cur);
      } else if (r === '"' || r === "'") {
        this.parseQuote(cur, r);
      } else if (r === ".") {
        this.parseField(cur);
      } else if (r === "+" || r === "-" || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else {
        throw new JsonPathParseError(`unrecognized character in action: ${goRuneU(r)}`);
      }
    }
  }

  private parseIdentifier(cur: JpList): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === "true" || value === "false") cur.nodes.push({ type: "bool", value: value === "true" });
    else cur.nodes.push({ type: "identifier", name: value });
  }

  private parseField(cur: JpList): void {
    this.consumeText();
    for (;;) {
      const r = this.next();
      if (r === "\\") {
        this.next();
      } else if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === "*") cur.nodes.push({ type: "wildcard" });
    else cur.nodes.push({ type: "field", name: value.replace(/\\/g, "") });
  }

  private parseNumber(cur: JpList): void {
    const r0 = this.peek();
    if (r0 === "+" || r0 === "-") this.next();
    for (;;) {
      const r = this.next();
      if (r !== "." && !isDigit(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (/^[+-]?\d+$/.test(value)) {
      cur.nodes.push({ type: "int", value: parseInt(value, 10) });
      return;
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) {
      cur.nodes.push({ type: "float", value: parseFloat(value) });
      return;
    }
    throw new JsonPathParseError(`cannot parse number ${value}`);
  }

  private parseQuote(cur: JpList, end: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === "\n") throw new JsonPathParseError("unterminated quoted string");
      if (r === end && this.input[this.pos - 2] !== "\\") break;
    }
    const value = this.consumeText();
    const s = unquoteExtend(value);
    if (s === undefined) throw new JsonPathParseError(`unquote string ${value} error invalid syntax`);
    cur.nodes.push({ type: "text", text: s });
  }

  private parseArray(cur: JpList): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === "\n") throw new JsonPathParseError("unterminated array");
      if (r === "]") break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === "*") text = ":";

    const strs = text.split(",");
    if (strs.length > 1) {
      const union: JpList[] = strs.map((s) => parseAction(`[${s.trim()}]`));
      cur.nodes.push({ type: "union", nodes: union });
      return;
    }

    const dict = dictKeyRex.exec(text);
    if (dict) {
      cur.nodes.push(...parseAction(`.${dict[1]}`).nodes);
      return;
    }

    const m = sliceOperatorRex.exec(text);
    if (!m) throw new JsonPathParseError(`invalid array index ${text}`);
    const value = [m[1] ?? "", m[2] ?? "", m[3] ?? ""];
    const params: [JpParam, JpParam, JpParam] = [
      { value: 0, known: false },
      { value: 0, known: false },
      { value: 0, known: false },
    ];
    for (let i = 0; i < 3; i++) {
      if (value[i] !== "") {
        if (i > 0) value[i] = value[i].slice(1);
        if (i > 0 && value[i] === "") {
          params[i].known = false;
        } else {
          if (!/^[+-]?\d+$/.test(value[i])) throw new JsonPathParseError(`array index ${value[i]} is not a number`);
          params[i] = { value: parseInt(value[i], 10), known: true };
        }
      } else if (i === 1) {
        params[i] = { value: params[0].value + 1, known: true, derived: true };
      }
    }
    cur.nodes.push({ type: "array", params });
  }

  private parseFilter(cur: JpList): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = "";
    for (;;) {
      const r = this.next();
      if (r === EOF || r === "\n") throw new JsonPathParseError("unterminated filter");
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== "\\" && r === pair) end = true;
      } else if (r === ")") {
        if (begin === end) break;
      }
    }
    if (this.next() !== "]") throw new JsonPathParseError("unclosed array expect ]");
    let text = this.consumeText();
    text = text.slice(0, -2);
    const m = filterRex.exec(text);
    if (!m) {
      cur.nodes.push({ type: "filter", left: parseAction(text), right: { type: "list", nodes: [] }, op: "exists" });
    } else {
      cur.nodes.push({ type: "filter", left: parseAction(m[1]), right: parseAction(m[3]), op: m[2] });
    }
  }
}

/** Go's `strconv.Unquote`, extended (as the library does) to single-quoted strings. */
function unquoteExtend(s: string): string | undefined {
  if (s.length < 2) return undefined;
  const q = s[0];
  if ((q !== '"' && q !== "'") || s[s.length - 1] !== q) return undefined;
  const body = s.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === q) return undefined;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v", "\\": "\\", '"': '"', "'": "'" };
    if (e !== undefined && e in simple) {
      out += simple[e];
    } else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) return undefined;
      out += String.fromCodePoint(cp);
      i += n;
    } else if (e !== undefined && /[0-7]/.test(e)) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) return undefined;
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else {
      return undefined;
    }
  }
  return out;
}

/** The library's `parseAction`: parses `{text}` and returns the action's list. */
function parseAction(text: string): JpList {
  const root = parseJsonPath(`${LEFT}${text}${RIGHT}`);
  return root.nodes[0] as JpList;
}

/** Parses a template; throws `JsonPathParseError` with the library's message. */
export function parseJsonPath(template: string): JpList {
  const p = new Parser(template);
  p.parseText(p.root);
  return p.root;
}
