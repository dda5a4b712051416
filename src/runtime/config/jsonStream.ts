/**
 * A stream of JSON documents (`{...}{...}`), split and checked the way Go's encoding/json
 * Decoder does it, so syntax errors read like kubectl's and istioctl's
 * (`invalid character '}' looking for beginning of object key string`).
 * Only the grammar is checked here; values are then read with JSON.parse.
 */

export interface JsonSegment {
  start: number;
  end: number;
}

export interface JsonSyntaxProblem {
  /** Go's message, e.g. `invalid character 'x' looking for beginning of value`, or `unexpected EOF`. */
  message: string;
  /** Byte offset just after the offending character (Go's SyntaxError.Offset); -1 for unexpected EOF. */
  offset: number;
}

/** Go's quoteChar: how encoding/json shows the offending character. */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const j = JSON.stringify(c);
  return `'${j.slice(1, -1)}'`;
}

class Scan {
  i = 0;
  constructor(readonly s: string) {}

  fail(context: string): never {
    if (this.i >= this.s.length) throw { message: "unexpected EOF", offset: -1 } satisfies JsonSyntaxProblem;
    throw { message: `invalid character ${quoteChar(this.s[this.i])} ${context}`, offset: this.i + 1 } satisfies JsonSyntaxProblem;
  }

  ws(): void {
    while (this.i < this.s.length && " \t\r\n".includes(this.s[this.i])) this.i++;
  }

  value(): void {
    this.ws();
    const c = this.s[this.i];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    if (c === "-" || (c >= "0" && c <= "9")) return this.number();
    for (const lit of ["true", "false", "null"]) {
      if (c === lit[0]) {
        for (let k = 0; k < lit.length; k++, this.i++) {
          if (this.s[this.i] !== lit[k]) this.fail(`in literal ${lit} (expecting ${quoteChar(lit[k])})`);
        }
        return;
      }
    }
    this.fail("looking for beginning of value");
  }

  object(): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === "}") { this.i++; return; }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail("looking for beginning of object key string");
      this.string();
      this.ws();
      if (this.s[this.i] !== ":") this.fail("after object key");
      this.i++;
      this.value();
      this.ws();
      if (this.s[this.i] === ",") { this.i++; continue; }
      if (this.s[this.i] === "}") { this.i++; return; }
      this.fail("after object key:value pair");
    }
  }

  array(): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === "]") { this.i++; return; }
    for (;;) {
      this.value();
      this.ws();
      if (this.s[this.i] === ",") { this.i++; continue; }
      if (this.s[this.i] === "]") { this.i++; return; }
      this.fail("after array element");
    }
  }

  string(): void {
    this.i++;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '"') { this.i++; return; }
      if (c === "\\") {
        this.i++;
        const e = this.s[this.i];
        if (e === "u") {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(this.s[this.i + k] ?? "")) { this.i += k; this.fail("in \\u hexadecimal character escape"); }
          this.i += 5;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail("in string escape code");
        this.i++;
        continue;
      }
      if (c < " ") this.fail("in string literal");
      this.i++;
    }
    this.fail("in string literal");
  }

  number(): void {
    if (this.s[this.i] === "-") this.i++;
    if (this.s[this.i] === "0") this.i++;
    else if (this.s[this.i] >= "1" && this.s[this.i] <= "9") while (this.s[this.i] >= "0" && this.s[this.i] <= "9") this.i++;
    else this.fail("in numeric literal");
    if (this.s[this.i] === ".") {
      this.i++;
      if (!(this.s[this.i] >= "0" && this.s[this.i] <= "9")) this.fail("after decimal point in numeric literal");
      while (this.s[this.i] >= "0" && this.s[this.i] <= "9") this.i++;
    }
    if (this.s[this.i] === "e" || this.s[this.i] === "E") {
      this.i++;
      if (this.s[this.i] === "+" || this.s[this.i] === "-") this.i++;
      if (!(this.s[this.i] >= "0" && this.s[this.i] <= "9")) this.fail("in exponent of numeric literal");
      while (this.s[this.i] >= "0" && this.s[this.i] <= "9") this.i++;
    }
  }
}

/** Splits a JSON stream into its values; the problem, if any, stops the stream where Go's decoder stops. */
export function splitJsonStream(text: string): { segments: JsonSegment[]; problem?: JsonSyntaxProblem } {
  const scan = new Scan(text);
  const segments: JsonSegment[] = [];
  for (;;) {
    scan.ws();
    if (scan.i >= text.length) return { segments };
    const start = scan.i;
    try {
      scan.value();
    } catch (e) {
      const problem = e instanceof RangeError ? { message: "exceeded max depth", offset: scan.i + 1 } : (e as JsonSyntaxProblem);
      return { segments, problem };
    }
    segments.push({ start, end: scan.i });
  }
}

/** `GuessJSONStream`: the stream is JSON when its first non-space byte is `{`. */
export function looksLikeJson(text: string): boolean {
  return /^\s*\{/.test(text);
}
