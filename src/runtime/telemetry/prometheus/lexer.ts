/**
 * The PromQL lexer of Prometheus 2.3 (promql/lex.go): the same item kinds, the same state
 * machine (statements, inside braces, inside a range bracket) and the same error texts, because
 * readers see those texts in `parse error at char N: ...` answers.
 *
 * Lexing stops at the first error; the error is the last item, as the Go lexer's channel ends.
 */

export type ItemType =
  | "EOF" | "ERROR" | "IDENTIFIER" | "METRIC_IDENTIFIER" | "STRING" | "NUMBER" | "DURATION"
  | "LEFT_PAREN" | "RIGHT_PAREN" | "LEFT_BRACE" | "RIGHT_BRACE" | "LEFT_BRACKET" | "RIGHT_BRACKET"
  | "COMMA" | "ASSIGN"
  // operators
  | "SUB" | "ADD" | "MUL" | "MOD" | "DIV" | "LAND" | "LOR" | "LUNLESS"
  | "EQL" | "NEQ" | "LTE" | "LSS" | "GTE" | "GTR" | "EQL_REGEX" | "NEQ_REGEX" | "POW"
  // aggregators
  | "AVG" | "COUNT" | "SUM" | "MIN" | "MAX" | "STDDEV" | "STDVAR" | "TOPK" | "BOTTOMK" | "COUNT_VALUES" | "QUANTILE"
  // keywords
  | "OFFSET" | "BY" | "WITHOUT" | "ON" | "IGNORING" | "GROUP_LEFT" | "GROUP_RIGHT" | "BOOL";

export interface Item {
  type: ItemType;
  /** Byte offset (UTF-16 offset here; queries are ASCII in practice) where the item starts. */
  pos: number;
  val: string;
}

const OPERATORS = new Set<ItemType>(["SUB", "ADD", "MUL", "MOD", "DIV", "LAND", "LOR", "LUNLESS", "EQL", "NEQ", "LTE", "LSS", "GTE", "GTR", "EQL_REGEX", "NEQ_REGEX", "POW"]);
const AGGREGATORS = new Set<ItemType>(["AVG", "COUNT", "SUM", "MIN", "MAX", "STDDEV", "STDVAR", "TOPK", "BOTTOMK", "COUNT_VALUES", "QUANTILE"]);
const KEYWORDS = new Set<ItemType>(["OFFSET", "BY", "WITHOUT", "ON", "IGNORING", "GROUP_LEFT", "GROUP_RIGHT", "BOOL"]);

export const isOperator = (t: ItemType): boolean => OPERATORS.has(t);
export const isAggregator = (t: ItemType): boolean => AGGREGATORS.has(t);
export const isKeyword = (t: ItemType): boolean => KEYWORDS.has(t);
export const isComparisonOperator = (t: ItemType): boolean => t === "EQL" || t === "NEQ" || t === "LTE" || t === "LSS" || t === "GTE" || t === "GTR";
export const isSetOperator = (t: ItemType): boolean => t === "LAND" || t === "LOR" || t === "LUNLESS";
export const isAggregatorWithParam = (t: ItemType): boolean => t === "TOPK" || t === "BOTTOMK" || t === "COUNT_VALUES" || t === "QUANTILE";

/** lex.go's `key` map: words lexed as keywords (case-insensitively). */
const KEY: Record<string, ItemType> = {
  and: "LAND", or: "LOR", unless: "LUNLESS",
  sum: "SUM", avg: "AVG", count: "COUNT", min: "MIN", max: "MAX", stddev: "STDDEV", stdvar: "STDVAR",
  topk: "TOPK", bottomk: "BOTTOMK", count_values: "COUNT_VALUES", quantile: "QUANTILE",
  offset: "OFFSET", by: "BY", without: "WITHOUT", on: "ON", ignoring: "IGNORING",
  group_left: "GROUP_LEFT", group_right: "GROUP_RIGHT", bool: "BOOL",
  inf: "NUMBER", nan: "NUMBER",
};

/** lex.go's itemTypeStr: the text an item type stands for (keywords added from KEY). */
const TYPE_STR: Partial<Record<ItemType, string>> = {
  LEFT_PAREN: "(", RIGHT_PAREN: ")", LEFT_BRACE: "{", RIGHT_BRACE: "}", LEFT_BRACKET: "[", RIGHT_BRACKET: "]",
  COMMA: ",", ASSIGN: "=",
  SUB: "-", ADD: "+", MUL: "*", MOD: "%", DIV: "/", EQL: "==", NEQ: "!=", LTE: "<=", LSS: "<", GTE: ">=", GTR: ">",
  EQL_REGEX: "=~", NEQ_REGEX: "!~", POW: "^",
};
for (const [word, type] of Object.entries(KEY)) if (type !== "NUMBER") TYPE_STR[type] = word;

/** Go's `%q` of a string (ASCII printable kept, the rest escaped). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + '"';
}

/** `ItemType.String()`: the symbol for known types (`)`, `and`), else Go's `<item N>` style. */
export function typeString(t: ItemType): string {
  return TYPE_STR[t] ?? t.toLowerCase();
}

/** `ItemType.desc()`: how an expected item is named in "..., expected X". */
export function typeDesc(t: ItemType): string {
  switch (t) {
    case "ERROR": return "error";
    case "EOF": return "end of input";
    case "IDENTIFIER": return "identifier";
    case "METRIC_IDENTIFIER": return "metric identifier";
    case "STRING": return "string";
    case "NUMBER": return "number";
    case "DURATION": return "duration";
  }
  return goQuote(typeString(t));
}

/** `item.String()`. */
export function itemString(i: Item): string {
  if (i.type === "EOF") return "EOF";
  if (i.type === "ERROR") return i.val;
  if (i.type === "IDENTIFIER" || i.type === "METRIC_IDENTIFIER") return goQuote(i.val);
  if (isKeyword(i.type)) return `<${i.val}>`;
  if (isOperator(i.type)) return `<op:${i.val}>`;
  if (isAggregator(i.type)) return `<aggr:${i.val}>`;
  if ([...i.val].length > 10) return goQuote([...i.val].slice(0, 10).join("")) + "...";
  return goQuote(i.val);
}

/** `item.desc()`: how an unexpected item is named in "unexpected X". */
export function itemDesc(i: Item): string {
  if (TYPE_STR[i.type] !== undefined) return itemString(i);
  if (i.type === "EOF") return typeDesc(i.type);
  return `${typeDesc(i.type)} ${itemString(i)}`;
}

const isSpace = (c: string): boolean => c === " " || c === "\t" || c === "\n" || c === "\r";
const isAlpha = (c: string): boolean => c === "_" || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
const isDigit = (c: string): boolean => c >= "0" && c <= "9";
const isAlphaNumeric = (c: string): boolean => isAlpha(c) || isDigit(c);

const EOF_CHAR = "";

/** Splits a query into items; the list ends with EOF or with the first ERROR. */
export function lex(input: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let parenDepth = 0;
  let braceOpen = false;
  let bracketOpen = false;

  /** Width of the last character read: 0 at the end of input, so backing up there is a no-op (as in Go). */
  let width = 0;
  const next = (): string => {
    if (pos >= input.length) return (width = 0, EOF_CHAR);
    width = 1;
    return input[pos++];
  };
  const peek = (): string => (pos >= input.length ? EOF_CHAR : input[pos]);
  const backup = (): void => void (pos -= width);
  const emit = (type: ItemType): void => {
    items.push({ type, pos: start, val: input.slice(start, pos) });
    start = pos;
  };
  const accept = (valid: string): boolean => {
    const c = peek();
    if (c !== EOF_CHAR && valid.includes(c)) return (pos++, true);
    return false;
  };
  const acceptRun = (valid: string): void => {
    while (accept(valid));
  };
  /** Emits an error item; the caller stops lexing. */
  const error = (message: string): false => {
    items.push({ type: "ERROR", pos: start, val: message });
    return false;
  };
  const scanNumber = (): boolean => {
    let digits = "0123456789";
    if (accept("0") && accept("xX")) digits = "0123456789abcdefABCDEF";
    acceptRun(digits);
    if (accept(".")) acceptRun(digits);
    if (accept("eE")) {
      accept("+-");
      acceptRun("0123456789");
    }
    return !isAlphaNumeric(peek());
  };
  /** A duration after a number: one unit letter, then no letter or digit. */
  const durationUnit = (badMessage: string): boolean => {
    if (accept("smhdwy")) {
      if (isAlphaNumeric(next())) return error(`${badMessage}: ${goQuote(input.slice(start, pos))}`);
      backup();
      emit("DURATION");
      return true;
    }
    return error(`${badMessage}: ${goQuote(input.slice(start, pos))}`);
  };
  /** A quoted string; escapes are checked here and decoded by the parser. */
  const lexString = (quote: string): boolean => {
    for (;;) {
      const c = next();
      if (c === "\\") {
        if (!checkEscape(quote)) return false;
      } else if (c === EOF_CHAR || (c === "\n" && quote !== "`")) {
        return error("unterminated quoted string");
      } else if (c === quote) break;
    }
    emit("STRING");
    return true;
  };
  const checkEscape = (quote: string): boolean => {
    if (quote === "`") return true;
    const c = next();
    if (c === EOF_CHAR || c === "\n") return error("escape sequence not terminated");
    if ("abfnrtv\\".includes(c) || c === quote) return true;
    let n: number, base: number, max: number;
    if (c >= "0" && c <= "7") [n, base, max] = [3, 8, 255];
    else if (c === "x") [n, base, max] = [2, 16, 255];
    else if (c === "u") [n, base, max] = [4, 16, 0x10ffff];
    else if (c === "U") [n, base, max] = [8, 16, 0x10ffff];
    else return error(`unknown escape sequence ${goUnicode(c)}`);
    if (base === 8) backup();
    let value = 0;
    for (; n > 0; n--) {
      const d = next();
      const digit = parseInt(d, base);
      if (d === EOF_CHAR || Number.isNaN(digit)) {
        if (d === EOF_CHAR) return error("escape sequence not terminated");
        return error(`illegal character ${goUnicode(d)} in escape sequence`);
      }
      value = value * base + digit;
    }
    if (value > max || (value >= 0xd800 && value < 0xe000)) return error("escape sequence is an invalid Unicode code point");
    return true;
  };

  const statements = (): boolean => {
    if (braceOpen) return insideBraces();
    if (input.startsWith("#", pos)) return lineComment();
    const c = next();
    if (c === EOF_CHAR) {
      if (parenDepth !== 0) return error("unclosed left parenthesis");
      if (bracketOpen) return error("unclosed left bracket");
      emit("EOF");
      return false;
    }
    if (isSpace(c)) return space();
    switch (c) {
      case ",": emit("COMMA"); return true;
      case "*": emit("MUL"); return true;
      case "/": emit("DIV"); return true;
      case "%": emit("MOD"); return true;
      case "+": emit("ADD"); return true;
      case "-": emit("SUB"); return true;
      case "^": emit("POW"); return true;
      case "=": {
        const t = peek();
        if (t === "=") return (next(), emit("EQL"), true);
        if (t === "~") return error(`unexpected character after '=': ${goRune(t)}`);
        emit("ASSIGN");
        return true;
      }
      case "!": {
        const t = next();
        if (t === "=") return (emit("NEQ"), true);
        return error(`unexpected character after '!': ${goRune(t)}`);
      }
      case "<":
        if (peek() === "=") next(), emit("LTE");
        else emit("LSS");
        return true;
      case ">":
        if (peek() === "=") next(), emit("GTE");
        else emit("GTR");
        return true;
      case '"': case "'": return lexString(c);
      case "`": return lexString(c);
      case "(": emit("LEFT_PAREN"); parenDepth++; return true;
      case ")":
        emit("RIGHT_PAREN");
        parenDepth--;
        if (parenDepth < 0) return error(`unexpected right parenthesis ${goRune(c)}`);
        return true;
      case "{": emit("LEFT_BRACE"); braceOpen = true; return true;
      case "[":
        if (bracketOpen) return error(`unexpected left bracket ${goRune(c)}`);
        emit("LEFT_BRACKET");
        bracketOpen = true;
        return duration();
      case "]":
        if (!bracketOpen) return error(`unexpected right bracket ${goRune(c)}`);
        emit("RIGHT_BRACKET");
        bracketOpen = false;
        return true;
      case "}": return error(`unexpected right brace ${goRune(c)}`);
    }
    if (isDigit(c) || (c === "." && isDigit(peek()))) {
      backup();
      if (scanNumber()) return (emit("NUMBER"), true);
      return durationUnit("bad number or duration syntax");
    }
    if (isAlpha(c) || c === ":") {
      if (bracketOpen) return error(`unexpected character: ${goRune(c)}`);
      while (isAlphaNumeric(peek()) || peek() === ":") pos++;
      const word = input.slice(start, pos);
      const kw = KEY[word.toLowerCase()];
      emit(kw ?? (word.includes(":") ? "METRIC_IDENTIFIER" : "IDENTIFIER"));
      return true;
    }
    return error(`unexpected character: ${goRune(c)}`);
  };

  const insideBraces = (): boolean => {
    if (input.startsWith("#", pos)) return lineComment();
    const c = next();
    if (c === EOF_CHAR) return error("unexpected end of input inside braces");
    if (isSpace(c)) return space();
    if (isAlpha(c)) {
      while (isAlphaNumeric(peek())) pos++;
      emit("IDENTIFIER");
      return true;
    }
    switch (c) {
      case ",": emit("COMMA"); return true;
      case '"': case "'": case "`": return lexString(c);
      case "=":
        if (next() === "~") return (emit("EQL_REGEX"), true);
        backup();
        emit("EQL");
        return true;
      case "!": {
        const n = next();
        if (n === "~") return (emit("NEQ_REGEX"), true);
        if (n === "=") return (emit("NEQ"), true);
        return error(`unexpected character after '!' inside braces: ${goRune(n)}`);
      }
      case "{": return error(`unexpected left brace ${goRune(c)}`);
      case "}":
        emit("RIGHT_BRACE");
        braceOpen = false;
        return true;
    }
    return error(`unexpected character inside braces: ${goRune(c)}`);
  };

  const duration = (): boolean => {
    if (scanNumber()) return error("missing unit character in duration");
    return durationUnit("bad duration syntax");
  };

  const space = (): boolean => {
    while (isSpace(peek())) pos++;
    start = pos;
    return true;
  };

  const lineComment = (): boolean => {
    while (pos < input.length && input[pos] !== "\n") pos++;
    start = pos; // comments are skipped by the parser anyway
    return true;
  };

  while (statements());
  return items;
}

/** Go's `%q` of a rune: `')'`, `'\n'`. */
function goRune(c: string): string {
  if (c === EOF_CHAR) return "'\\x00'";
  if (c === "'") return "'\\''";
  if (c === "\\") return "'\\\\'";
  if (c === "\n") return "'\\n'";
  if (c === "\t") return "'\\t'";
  return `'${c}'`;
}

/** Go's `%#U`: `U+0071 'q'`. */
function goUnicode(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")} '${c}'`;
}
