/**
 * A scanner for the Go expression syntax that Mixer 0.8 hands to `go/parser.ParseExpr`.
 *
 * Mixer has no lexer of its own: CEXL *is* Go expression syntax, so a learner's typo produces
 * Go's scanner and parser messages (`1:5: illegal character U+0023 '#'`). This file follows
 * Go 1.10's `go/scanner` closely enough to give the same tokens, positions, automatic
 * semicolons and error texts for anything a reader may type into a rule.
 *
 * Positions are Go's: 1-based line, 1-based column counted in UTF-8 bytes.
 */

export type TokenKind =
  | "ILLEGAL" | "EOF"
  | "IDENT" | "INT" | "FLOAT" | "IMAG" | "CHAR" | "STRING"
  | "KEYWORD" | "OP";

export interface Token {
  kind: TokenKind;
  /** For OP and KEYWORD: the operator or keyword text (`==`, `func`); otherwise the literal. */
  text: string;
  /** Byte offset of the token start (for positions). */
  offset: number;
  /** For SEMICOLON inserted at a newline / EOF, Go's literal is "\n". */
  lit: string;
}

export interface ScanError {
  offset: number;
  msg: string;
}

const KEYWORDS = new Set([
  "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for",
  "func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select",
  "struct", "switch", "type", "var",
]);

/** Keywords after which Go inserts a semicolon at a newline. */
const SEMI_KEYWORDS = new Set(["break", "continue", "fallthrough", "return"]);

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

function isLetter(ch: string): boolean {
  if (ch === "_") return true;
  const c = ch.charCodeAt(0);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return true;
  return c >= 0x80 && LETTER.test(ch);
}

function isDigit(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return true;
  return c >= 0x80 && DIGIT.test(ch);
}

function digitVal(ch: string): number {
  if (ch.length === 0) return 16;
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 97 + 10;
  if (c >= 65 && c <= 70) return c - 65 + 10;
  return 16;
}

/** Go's `%#U`: `U+0023 '#'`, without the quoted char when it is not printable. */
export function formatRune(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = cp.toString(16).toUpperCase().padStart(4, "0");
  const printable = !/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u.test(ch) && (cp === 0x20 || !/\s/u.test(ch));
  return printable ? `U+${hex} '${ch}'` : `U+${hex}`;
}

function utf8Length(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/**
 * Scans on demand, like Go's scanner driven by the parser: a scanner error is recorded only
 * when the parser asks for the token that contains it, which decides Go's error counts.
 */
export class Scanner {
  /** Characters (code points) of the source and their byte offsets. */
  private readonly chars: string[];
  private readonly byteOffsets: number[];
  private readonly lineStarts: number[] = [0];
  private idx = 0;
  private insertSemi = false;
  readonly errors: ScanError[] = [];

  constructor(src: string) {
    this.chars = Array.from(src);
    this.byteOffsets = new Array(this.chars.length + 1);
    let off = 0;
    for (let i = 0; i < this.chars.length; i++) {
      this.byteOffsets[i] = off;
      off += utf8Length(this.chars[i].codePointAt(0) ?? 0);
      if (this.chars[i] === "\n") this.lineStarts.push(off);
    }
    this.byteOffsets[this.chars.length] = off;
  }

  /** `line:column` of a byte offset, as go/token prints a Position without a file name. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }

  private ch(ahead = 0): string {
    return this.chars[this.idx + ahead] ?? "";
  }

  private off(i = this.idx): number {
    return this.byteOffsets[i];
  }

  private error(offset: number, msg: string): void {
    this.errors.push({ offset, msg });
  }

  private text(from: number, to: number): string {
    return this.chars.slice(from, to).join("");
  }

  next(): Token {
    for (;;) {
      // Whitespace; a newline ends the line only when a semicolon may be inserted.
      while (true) {
        const c = this.ch();
        if (c === " " || c === "\t" || c === "\r" || (c === "\n" && !this.insertSemi)) this.idx++;
        else break;
      }
      const start = this.idx;
      const offset = this.off();
      const c = this.ch();

      if (c !== "" && isLetter(c)) {
        while (this.ch() !== "" && (isLetter(this.ch()) || isDigit(this.ch()))) this.idx++;
        const word = this.text(start, this.idx);
        if (KEYWORDS.has(word)) {
          this.insertSemi = SEMI_KEYWORDS.has(word);
          return { kind: "KEYWORD", text: word, lit: word, offset };
        }
        this.insertSemi = true;
        return { kind: "IDENT", text: word, lit: word, offset };
      }
      if (c !== "" && digitVal(c) < 10) {
        this.insertSemi = true;
        return this.scanNumber(false);
      }

      const insertSemiBefore = this.insertSemi;
      this.insertSemi = false;
      if (c === "") {
        if (insertSemiBefore) return { kind: "OP", text: ";", lit: "\n", offset };
        return { kind: "EOF", text: "EOF", lit: "", offset };
      }
      this.idx++;
      switch (c) {
        case "\n":
          return { kind: "OP", text: ";", lit: "\n", offset };
        case '"':
          this.insertSemi = true;
          return this.scanString(start, offset);
        case "'":
          this.insertSemi = true;
          return this.scanRune(start, offset);
        case "`":
          this.insertSemi = true;
          return this.scanRawString(start, offset);
        case ".":
          if (digitVal(this.ch()) < 10) {
            this.insertSemi = true;
            this.idx = start;
            return this.scanNumber(true);
          }
          if (this.ch() === "." && this.ch(1) === ".") {
            this.idx += 2;
            return this.op("...", offset);
          }
          return this.op(".", offset);
        case "/":
          if (this.ch() === "/" || this.ch() === "*") {
            const lineComment = this.ch() === "/";
            if (insertSemiBefore && this.commentEndsLine(lineComment)) {
              // Go turns a comment that ends the line into the automatic semicolon.
              this.idx = start;
              this.insertSemi = false;
              return { kind: "OP", text: ";", lit: "\n", offset };
            }
            this.skipComment(start, offset, lineComment);
            this.insertSemi = false; // as Go: a skipped comment consumes the pending newline state
            continue;
          }
          return this.switch2("/", offset);
        case ")": case "]": case "}":
          this.insertSemi = true;
          return this.op(c, offset);
        case ",": case "(": case "[": case "{": case ";":
          return this.op(c, offset);
        case ":":
          return this.op(this.accept("=") ? ":=" : ":", offset);
        case "+": case "-":
          if (this.accept(c)) {
            this.insertSemi = true;
            return this.op(c + c, offset);
          }
          return this.switch2(c, offset);
        case "*": case "%": case "^": case "=": case "!":
          return c === "=" ? this.op(this.accept("=") ? "==" : "=", offset)
            : c === "!" ? this.op(this.accept("=") ? "!=" : "!", offset)
            : this.switch2(c, offset);
        case "<":
          if (this.accept("-")) return this.op("<-", offset);
          if (this.accept("<")) return this.op(this.accept("=") ? "<<=" : "<<", offset);
          return this.op(this.accept("=") ? "<=" : "<", offset);
        case ">":
          if (this.accept(">")) return this.op(this.accept("=") ? ">>=" : ">>", offset);
          return this.op(this.accept("=") ? ">=" : ">", offset);
        case "&":
          if (this.accept("^")) return this.op(this.accept("=") ? "&^=" : "&^", offset);
          if (this.accept("&")) return this.op("&&", offset);
          return this.switch2("&", offset);
        case "|":
          if (this.accept("|")) return this.op("||", offset);
          return this.switch2("|", offset);
      }
      // Anything else is an illegal character; Go keeps the semicolon state unchanged.
      this.insertSemi = insertSemiBefore;
      this.error(offset, c === "\u0000" ? "illegal character NUL" : `illegal character ${formatRune(c)}`);
      return { kind: "ILLEGAL", text: "ILLEGAL", lit: c, offset };
    }
  }

  private op(text: string, offset: number): Token {
    return { kind: "OP", text, lit: "", offset };
  }

  private accept(ch: string): boolean {
    if (this.ch() === ch) {
      this.idx++;
      return true;
    }
    return false;
  }

  /** `+` or `+=` style pairs. */
  private switch2(c: string, offset: number): Token {
    return this.op(this.accept("=") ? c + "=" : c, offset);
  }

  private commentEndsLine(lineComment: boolean): boolean {
    if (lineComment) return true;
    // A general comment ends the line if it contains a newline or only whitespace follows it to the line end.
    let i = this.idx + 1;
    while (i < this.chars.length && !(this.chars[i] === "*" && this.chars[i + 1] === "/")) {
      if (this.chars[i] === "\n") return true;
      i++;
    }
    if (i >= this.chars.length) return true;
    i += 2;
    while (i < this.chars.length && (this.chars[i] === " " || this.chars[i] === "\t" || this.chars[i] === "\r")) i++;
    return i >= this.chars.length || this.chars[i] === "\n" || (this.chars[i] === "/" && (this.chars[i + 1] === "/" || this.chars[i + 1] === "*"));
  }

  private skipComment(start: number, offset: number, lineComment: boolean): void {
    this.idx = start + 2;
    if (lineComment) {
      while (this.ch() !== "" && this.ch() !== "\n") this.idx++;
      return;
    }
    while (this.ch() !== "") {
      if (this.ch() === "*" && this.ch(1) === "/") {
        this.idx += 2;
        return;
      }
      this.idx++;
    }
    this.error(offset, "comment not terminated");
  }

  private scanMantissa(base: number): void {
    while (digitVal(this.ch()) < base) this.idx++;
  }

  private scanNumber(seenDecimalPoint: boolean): Token {
    const start = this.idx;
    const offset = this.off();
    let kind: TokenKind = "INT";
    const exponentAndImag = (): void => {
      if (this.ch() === "e" || this.ch() === "E") {
        kind = "FLOAT";
        this.idx++;
        if (this.ch() === "-" || this.ch() === "+") this.idx++;
        if (digitVal(this.ch()) < 10) this.scanMantissa(10);
        else this.error(offset, "illegal floating-point exponent");
      }
      if (this.ch() === "i") {
        kind = "IMAG";
        this.idx++;
      }
    };
    const fraction = (): void => {
      if (this.ch() === ".") {
        kind = "FLOAT";
        this.idx++;
        this.scanMantissa(10);
      }
      exponentAndImag();
    };

    if (seenDecimalPoint) {
      kind = "FLOAT";
      this.idx++; // the '.'
      this.scanMantissa(10);
      exponentAndImag();
    } else if (this.ch() === "0") {
      this.idx++;
      if (this.ch() === "x" || this.ch() === "X") {
        this.idx++;
        const digitsFrom = this.idx;
        this.scanMantissa(16);
        if (this.idx === digitsFrom) this.error(offset, "illegal hexadecimal number");
      } else {
        let seenDecimalDigit = false;
        this.scanMantissa(8);
        if (this.ch() === "8" || this.ch() === "9") {
          seenDecimalDigit = true;
          this.scanMantissa(10);
        }
        if (this.ch() === "." || this.ch() === "e" || this.ch() === "E" || this.ch() === "i") fraction();
        else if (seenDecimalDigit) this.error(offset, "illegal octal number");
      }
    } else {
      this.scanMantissa(10);
      fraction();
    }
    const text = this.text(start, this.idx);
    return { kind, text, lit: text, offset };
  }

  /** Validates one escape after a backslash, reporting Go's messages. */
  private scanEscape(quote: string): boolean {
    const escOffset = this.off();
    const c = this.ch();
    let n: number;
    let base: number;
    let max: number;
    switch (c) {
      case "a": case "b": case "f": case "n": case "r": case "t": case "v": case "\\": case quote:
        this.idx++;
        return true;
      case "0": case "1": case "2": case "3": case "4": case "5": case "6": case "7":
        n = 3; base = 8; max = 255;
        break;
      case "x":
        this.idx++; n = 2; base = 16; max = 255;
        break;
      case "u":
        this.idx++; n = 4; base = 16; max = 0x10ffff;
        break;
      case "U":
        this.idx++; n = 8; base = 16; max = 0x10ffff;
        break;
      default:
        this.error(escOffset, c === "" ? "escape sequence not terminated" : "unknown escape sequence");
        return false;
    }
    let x = 0;
    while (n > 0) {
      const d = digitVal(this.ch());
      if (d >= base) {
        this.error(this.off(), this.ch() === "" ? "escape sequence not terminated" : `illegal character ${formatRune(this.ch())} in escape sequence`);
        return false;
      }
      x = x * base + d;
      this.idx++;
      n--;
    }
    if (x > max || (x >= 0xd800 && x < 0xe000)) {
      this.error(escOffset, "escape sequence is invalid Unicode code point");
      return false;
    }
    return true;
  }

  private scanString(start: number, offset: number): Token {
    for (;;) {
      const c = this.ch();
      if (c === "\n" || c === "") {
        this.error(offset, "string literal not terminated");
        break;
      }
      this.idx++;
      if (c === '"') break;
      if (c === "\\") this.scanEscape('"');
    }
    const text = this.text(start, this.idx);
    return { kind: "STRING", text, lit: text, offset };
  }

  private scanRawString(start: number, offset: number): Token {
    for (;;) {
      const c = this.ch();
      if (c === "") {
        this.error(offset, "raw string literal not terminated");
        break;
      }
      this.idx++;
      if (c === "`") break;
    }
    const text = this.text(start, this.idx);
    return { kind: "STRING", text, lit: text, offset };
  }

  private scanRune(start: number, offset: number): Token {
    let valid = true;
    let n = 0;
    for (;;) {
      const c = this.ch();
      if (c === "\n" || c === "") {
        if (valid) {
          this.error(offset, "rune literal not terminated");
          valid = false;
        }
        break;
      }
      this.idx++;
      if (c === "'") break;
      n++;
      if (c === "\\" && !this.scanEscape("'")) valid = false;
    }
    if (valid && n !== 1) this.error(offset, "illegal rune literal");
    const text = this.text(start, this.idx);
    return { kind: "CHAR", text, lit: text, offset };
  }
}

/** Go's `token.Token.String()` for error messages: operators and keywords as written, others by class. */
export function tokenString(tok: Token): string {
  switch (tok.kind) {
    case "OP":
    case "KEYWORD":
      return tok.text;
    default:
      return tok.kind;
  }
}

export function isLiteralToken(tok: Token): boolean {
  return tok.kind === "IDENT" || tok.kind === "INT" || tok.kind === "FLOAT" || tok.kind === "IMAG" || tok.kind === "CHAR" || tok.kind === "STRING";
}
