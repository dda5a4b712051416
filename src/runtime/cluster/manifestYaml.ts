/**
 * Reading multi-document manifests the way Go tools of 2018 read them:
 *   - documents are split like apimachinery's YAMLReader (a line starting with `---` and only
 *     blanks after it ends a document; empty documents are skipped), so a document's line
 *     numbers count from its own first line, as in the real error messages;
 *   - each document is parsed as YAML 1.1 (yaml.v2's booleans, no duplicate-key errors), and a
 *     syntax error is phrased like yaml.v2 (`yaml: line 3: mapping values are not allowed in
 *     this context`), the text every Go tool wraps into its own message.
 * Aliases are expanded with a cap, so a "billion laughs" document cannot exhaust memory.
 */
import { parseDocument } from "yaml";

export interface RawDocument {
  /** The document's text exactly as written (comments included), without the `---` line. */
  text: string;
  /** 1-based line of the input where the document starts. */
  firstLine: number;
}

/** Splits a YAML stream into documents (apimachinery YAMLReader semantics). */
export function splitYamlDocuments(input: string): RawDocument[] {
  const docs: RawDocument[] = [];
  const lines = input.split(/(?<=\n)/);
  let buf = "";
  let start = 1;
  lines.forEach((line, idx) => {
    if (line.startsWith("---") && line.slice(3).trim() === "") {
      if (buf.length) docs.push({ text: buf, firstLine: start });
      buf = "";
      start = idx + 2;
      return;
    }
    buf += line;
  });
  if (buf.length) docs.push({ text: buf, firstLine: start });
  return docs;
}

export type ParsedYaml = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses one document; on error returns yaml.v2's message (`yaml: line N: ...`). */
export function parseYamlDocument(text: string): ParsedYaml {
  let doc;
  try {
    doc = parseDocument(text, { version: "1.1", uniqueKeys: false, prettyErrors: false, strict: false });
  } catch {
    // Pathological nesting can exhaust the parser's stack; Go's parser gives up there too.
    return { ok: false, message: "yaml: exceeded max depth" };
  }
  if (doc.errors.length) {
    const err = doc.errors[0];
    return { ok: false, message: `yaml: line ${lineOf(text, err.pos[0])}: ${goYamlMessage(err.code)}` };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 1000 }) ?? null };
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, message: "yaml: exceeded max depth" };
    const msg = e instanceof Error ? e.message : String(e);
    const unresolved = /^Unresolved alias.*: (.*)$/.exec(msg);
    if (unresolved) return { ok: false, message: `yaml: unknown anchor '${unresolved[1]}' referenced` };
    return { ok: false, message: "yaml: document contains excessive aliasing" };
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The yaml.v2 wording for each kind of syntax error the `yaml` package reports. */
function goYamlMessage(code: string): string {
  switch (code) {
    case "BLOCK_AS_IMPLICIT_KEY":
      return "mapping values are not allowed in this context";
    case "MULTILINE_IMPLICIT_KEY":
    case "MISSING_CHAR":
      return code === "MISSING_CHAR" ? "found unexpected end of stream" : "could not find expected ':'";
    case "TAB_AS_INDENT":
    case "BAD_SCALAR_START":
      return "found character that cannot start any token";
    case "BAD_INDENT":
    case "UNEXPECTED_TOKEN":
    default:
      return "did not find expected key";
  }
}
