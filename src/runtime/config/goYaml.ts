/**
 * YAML printed the way 2018 Go tools print it: istioctl kube-inject marshals objects with
 * ghodss/yaml, i.e. JSON first (struct fields, `omitempty`), then gopkg.in/yaml.v2. That gives
 * the recognisable look of kube-inject output:
 *   - map keys sorted with yaml.v2's "natural" order (so `apiVersion, kind, metadata, spec, status`),
 *   - block sequences not indented under their key (`containers:` then `- name: ...`),
 *   - `{}`, `[]` and `null` for empty values (`resources: {}`, `creationTimestamp: null`),
 *   - strings that would read back as something else double-quoted (`"15001"`, `""`),
 *     strings that cannot be plain single-quoted (`'*'`),
 *   - plain scalars folded at spaces once a line passes 80 columns.
 * Only JSON-shaped values are expected (what a parsed manifest is). The same emitter serves
 * kube-inject, `kubectl -o yaml`, `istioctl get -o yaml` and istioctl's YAML decoding errors.
 */
import { formatGoFloat } from "../telemetry/goFloat.ts";

const BEST_WIDTH = 80;

export function marshalGoYaml(value: unknown): string {
  const lines: string[] = [];
  if (isNonEmptyMap(value)) emitMapping(value, 0, lines);
  else if (isNonEmptySeq(value)) emitSequence(value, 0, lines);
  else lines.push(inlineScalar(value, 0, 2));
  return lines.join("\n") + "\n";
}

type JsonMap = Record<string, unknown>;

function isMap(v: unknown): v is JsonMap {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function isNonEmptyMap(v: unknown): v is JsonMap {
  return isMap(v) && Object.keys(v).some((k) => v[k] !== undefined);
}
function isNonEmptySeq(v: unknown): v is unknown[] {
  return Array.isArray(v) && v.length > 0;
}

function emitMapping(map: JsonMap, indent: number, lines: string[]): void {
  const pad = " ".repeat(indent);
  const keys = Object.keys(map).filter((k) => map[k] !== undefined).sort(compareKeys);
  for (const key of keys) {
    const v = map[key];
    const k = keyText(key);
    if (isNonEmptyMap(v)) {
      lines.push(`${pad}${k}:`);
      emitMapping(v, indent + 2, lines);
    } else if (isNonEmptySeq(v)) {
      // yaml.v2 writes a sequence inside a mapping without extra indentation.
      lines.push(`${pad}${k}:`);
      emitSequence(v, indent, lines);
    } else {
      const prefix = `${pad}${k}: `;
      lines.push(prefix + inlineScalar(v, prefix.length, indent + 2));
    }
  }
}

function emitSequence(seq: unknown[], indent: number, lines: string[]): void {
  const pad = " ".repeat(indent);
  for (const item of seq) {
    if (isNonEmptyMap(item) || isNonEmptySeq(item)) {
      // The first line of a nested block shares the line with the dash: `- name: x`.
      const nested: string[] = [];
      if (isNonEmptyMap(item)) emitMapping(item, indent + 2, nested);
      else emitSequence(item, indent + 2, nested);
      nested[0] = `${pad}- ${nested[0].slice(indent + 2)}`;
      for (const l of nested) lines.push(l);
    } else {
      const prefix = `${pad}- `;
      lines.push(prefix + inlineScalar(item, prefix.length, indent + 2));
    }
  }
}

/** A value written after `key: ` or `- ` (column `column`); folded lines continue at `contIndent`. */
function inlineScalar(v: unknown, column: number, contIndent: number): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return formatNumber(v);
  if (Array.isArray(v)) return "[]";
  if (typeof v === "object") return "{}";
  const s = String(v);
  switch (scalarStyle(s)) {
    case "plain":
      return fold(s, column, contIndent, "");
    case "single":
      return fold(`'${s.replace(/'/g, "''")}'`, column, contIndent, "'");
    case "double":
      return doubleQuoted(s);
    case "literal":
      return literal(s, contIndent);
  }
}

function keyText(key: string): string {
  switch (scalarStyle(key)) {
    case "plain":
      return key;
    case "single":
      return `'${key.replace(/'/g, "''")}'`;
    default:
      return doubleQuoted(key);
  }
}

function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  // A float64: yaml.v2 writes strconv.FormatFloat(f, 'g', -1, 64).
  return formatGoFloat(n);
}

/** yaml.v2 breaks a plain or single-quoted scalar at a single space once past column 80. */
function fold(text: string, column: number, contIndent: number, quote: string): string {
  if (column + text.length <= BEST_WIDTH || !text.includes(" ")) return text;
  let out = "";
  let col = column;
  const lastBreakable = quote ? text.length - 2 : text.length - 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === " " && i > (quote ? 1 : 0) && i < lastBreakable && text[i - 1] !== " " && text[i + 1] !== " " && col > BEST_WIDTH) {
      out += "\n" + " ".repeat(contIndent);
      col = contIndent;
      continue;
    }
    out += c;
    col++;
  }
  return out;
}

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; break;
      case "\\": out += "\\\\"; break;
      case "\n": out += "\\n"; break;
      case "\t": out += "\\t"; break;
      case "\r": out += "\\r"; break;
      case "\0": out += "\\0"; break;
      default:
        if (code < 0x20 || code === 0x7f) out += "\\x" + code.toString(16).toUpperCase().padStart(2, "0");
        else if (code === 0xfeff) out += "\\uFEFF";
        else out += ch;
    }
  }
  return out + '"';
}

function literal(s: string, indent: number): string {
  const chomp = s.endsWith("\n\n") ? "+" : s.endsWith("\n") ? "" : "-";
  const indicator = s.startsWith(" ") ? "2" : "";
  const body = s.endsWith("\n") ? s.slice(0, -1) : s;
  const pad = " ".repeat(indent);
  return `|${indicator}${chomp}\n` + body.split("\n").map((l) => (l ? pad + l : "")).join("\n");
}

type Style = "plain" | "single" | "double" | "literal";

/** Mirrors yaml.v2's encoder (stringv) and emitter scalar analysis, for the cases manifests meet. */
export function scalarStyle(s: string): Style {
  if (resolvesToNonString(s)) return "double";
  // Control characters and tabs are not "printable" for the emitter: only double quotes can carry them.
  if (/[\x00-\x08\x0b-\x1f\x7f\t\ufeff]/.test(s)) return "double";
  if (s.includes("\n")) return "literal";
  return plainAllowed(s) ? "plain" : "single";
}

function plainAllowed(s: string): boolean {
  if (s.startsWith(" ") || s.endsWith(" ")) return false;
  if (s.startsWith("---") || s.startsWith("...")) return false;
  const first = s[0];
  if ("#,[]{}&*!|>'\"%@`".includes(first)) return false;
  if ("?:-".includes(first) && (s.length === 1 || s[1] === " ")) return false;
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (c === ":" && (i === s.length - 1 || s[i + 1] === " ")) return false;
    if (c === "#" && s[i - 1] === " ") return false;
  }
  return true;
}

const RESERVED_WORDS = new Set([
  "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
  "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
  "~", "null", "Null", "NULL",
  ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
  "<<",
]);
const INT_FORMS = /^[-+]?(?:0x[0-9a-fA-F]+|0b[01]+|[0-9]+)$/;
const YAML_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** True when yaml.v2 would read the plain scalar back as null, a bool, a number or a merge key. */
export function resolvesToNonString(s: string): boolean {
  if (s === "" || RESERVED_WORDS.has(s)) return true;
  if (!/^[-+.0-9]/.test(s)) return false;
  const noUnderscores = s.replace(/_/g, "");
  return INT_FORMS.test(noUnderscores) || YAML_FLOAT.test(noUnderscores) || BASE60_FLOAT.test(s);
}

/** yaml.v2's map key order: runs of digits compare as numbers, non-letters sort before letters. */
export function compareKeys(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i] ? -1 : 1;
    if (al || bl) return bl ? -1 : 1;
    let an = 0;
    let bn = 0;
    if (ar[i] === "0" || br[i] === "0") {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== "0") {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai].charCodeAt(0) - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi].charCodeAt(0) - 48);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ar[i] < br[i] ? -1 : 1;
  }
  return ar.length - br.length;
}

function isLetter(c: string): boolean {
  return c.toLowerCase() !== c.toUpperCase();
}
function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}
