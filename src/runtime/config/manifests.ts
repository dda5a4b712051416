/**
 * Reads manifest text (what `kubectl apply -f` and `istioctl create -f` read) into plain
 * objects, the way k8s.io/apimachinery's YAMLOrJSONDecoder does in kubectl 1.10 and istioctl 0.8:
 * - a stream whose first byte is `{` is a JSON stream, anything else is YAML;
 * - YAML is split into documents at lines that are exactly `---` (plus trailing spaces), and
 *   each document is parsed on its own, so go-yaml's `line N` counts from the document start;
 * - YAML 1.1 scalars (`yes`/`on` are booleans, `0777` is octal), as go-yaml v2 resolves them;
 * - empty documents (nothing, only comments, or `null`) are skipped.
 * Documents before a syntax error are returned too: kubectl acts on them, istioctl does not.
 */
import { parseAllDocuments, type Document, type Tags } from "yaml";
import { LineIndex, toGoYamlError } from "./yamlSyntax.ts";
import { looksLikeJson, splitJsonStream } from "./jsonStream.ts";

export type ManifestPath = readonly (string | number)[];

export interface ParsedManifest {
  /** The document as plain JSON data (what the tools send to the API server). */
  object: Record<string, unknown>;
  /** Position among the non-empty documents of the stream, from 0. */
  index: number;
  /** 1-based line in the whole text where the document begins / ends. */
  line: number;
  endLine: number;
  /** 1-based line (in the whole text) of a field, e.g. `["spec", "hosts", 0]`; the document's line when unknown. */
  lineOf(path: ManifestPath): number;
}

export type ManifestErrorKind =
  /** YAML or JSON syntax. */
  | "syntax"
  /** Valid YAML/JSON whose top level is not a mapping (a list, a string...). */
  | "not-an-object";

export class ManifestSyntaxError extends Error {
  constructor(
    readonly kind: ManifestErrorKind,
    /** The decoder's text: `error converting YAML to JSON: yaml: line 3: ...` or `json: line 0: ...`. */
    readonly detail: string,
    /** Index the failing document would have had. */
    readonly documentIndex: number,
    /** 1-based line in the whole text, for editors (not the number in `detail`). */
    readonly line: number,
    /** For "not-an-object": the JSON type found (`string`, `array`, `number`, `bool`). */
    readonly jsonType?: string,
  ) {
    super(detail);
  }
}

export interface ManifestStream {
  manifests: ParsedManifest[];
  error?: ManifestSyntaxError;
}

// go-yaml v2 as vendored in 2018 keeps timestamps as strings when decoding into interface{}.
const withoutTimestamps = (tags: Tags): Tags => tags.filter((t) => (t as { tag?: string }).tag !== "tag:yaml.org,2002:timestamp");
const YAML_OPTIONS = { version: "1.1", uniqueKeys: false, prettyErrors: false, merge: true, customTags: withoutTimestamps } as const;

function jsonTypeOf(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (typeof v === "boolean") return "bool";
  return typeof v;
}

/** One document of a YAML stream, as apimachinery's YAMLReader hands it to the decoder. */
export interface YamlDocumentText {
  /** The document's text exactly as written (comments and line breaks kept), without the `---` line. */
  text: string;
  /** 1-based line of the document's first line in the whole text. */
  firstLine: number;
}

/**
 * apimachinery's YAMLReader: documents end at a line that is `---` followed only by whitespace;
 * a separator with nothing before it yields no document (blank or comment-only ones are kept:
 * kube-inject copies them through).
 */
export function splitYamlDocuments(text: string): YamlDocumentText[] {
  const docs: YamlDocumentText[] = [];
  let buf = "";
  let firstLine = 1;
  text.split(/(?<=\n)/).forEach((line, i) => {
    if (line.startsWith("---") && line.slice(3).trim() === "") {
      if (buf.length) docs.push({ text: buf, firstLine });
      buf = "";
      firstLine = i + 2;
    } else {
      buf += line;
    }
  });
  if (buf.length) docs.push({ text: buf, firstLine });
  return docs;
}

export type DecodedYamlDocument =
  | { ok: true; value: unknown; doc: Document | undefined; lines: LineIndex }
  /** `message` is go-yaml's (`yaml: line 3: ...`); `line` is 1-based within the document, for editors. */
  | { ok: false; message: string; line: number };

/** Decodes one document as ghodss/yaml over go-yaml v2 would (YAML 1.1, merges, timestamps as strings). */
export function decodeYamlDocument(text: string): DecodedYamlDocument {
  const lines = new LineIndex(text);
  let doc: Document | undefined;
  try {
    doc = parseAllDocuments(text, YAML_OPTIONS)[0] as Document | undefined;
  } catch {
    // Only pathological input (nesting deep enough to exhaust the stack) gets here.
    return { ok: false, message: "yaml: exceeded max depth", line: 1 };
  }
  if (!doc) return { ok: true, value: null, doc, lines };
  if (doc.errors.length) {
    const e = toGoYamlError(doc.errors, lines);
    return { ok: false, message: e.message, line: e.humanLine };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 1000 }) ?? null, doc, lines };
  } catch (err) {
    const m = /Unresolved alias.*?: \*?(\S+)/.exec(String((err as Error).message));
    const message = m ? `yaml: unknown anchor '${m[1].replace(/^\*/, "")}' referenced`
      : err instanceof RangeError ? "yaml: exceeded max depth" : "yaml: document contains excessive aliasing";
    return { ok: false, message, line: 1 };
  }
}

function yamlManifest(doc: Document, value: Record<string, unknown>, index: number, lines: LineIndex, firstLine: number): ParsedManifest {
  const abs = (offset: number) => firstLine + lines.lineOf(offset) - 1;
  const range = doc.contents?.range ?? [0, 0, 0];
  const line = abs(range[0]);
  return {
    object: value,
    index,
    line,
    endLine: abs(Math.max(range[0], range[1] - 1)),
    lineOf(path) {
      const node = doc.getIn(path as unknown[], true) as { range?: [number, number, number] } | undefined;
      const pair = path.length ? (doc.getIn(path.slice(0, -1) as unknown[], true) as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | undefined) : undefined;
      const key = pair?.items?.find((it) => it.key?.value === path[path.length - 1])?.key;
      const r = key?.range ?? node?.range;
      return r ? abs(r[0]) : line;
    },
  };
}

function parseYamlStream(text: string): ManifestStream {
  const manifests: ParsedManifest[] = [];
  for (const chunk of splitYamlDocuments(text)) {
    if (chunk.text.trim() === "") continue;
    const decoded = decodeYamlDocument(chunk.text);
    if (!decoded.ok) {
      return { manifests, error: new ManifestSyntaxError("syntax", `error converting YAML to JSON: ${decoded.message}`, manifests.length, chunk.firstLine + decoded.line - 1) };
    }
    const { value, doc } = decoded;
    if (value === null || !doc) continue;
    if (typeof value !== "object" || Array.isArray(value)) {
      return { manifests, error: new ManifestSyntaxError("not-an-object", `cannot unmarshal ${jsonTypeOf(value)}`, manifests.length, chunk.firstLine, jsonTypeOf(value)) };
    }
    manifests.push(yamlManifest(doc, value as Record<string, unknown>, manifests.length, decoded.lines, chunk.firstLine));
  }
  return { manifests };
}

function parseJsonStream(text: string): ManifestStream {
  const lines = new LineIndex(text);
  const { segments, problem } = splitJsonStream(text);
  const manifests: ParsedManifest[] = [];
  for (const seg of segments) {
    const value = JSON.parse(text.slice(seg.start, seg.end)) as unknown;
    if (value === null) continue;
    const line = lines.lineOf(seg.start);
    if (typeof value !== "object" || Array.isArray(value)) {
      return { manifests, error: new ManifestSyntaxError("not-an-object", `cannot unmarshal ${jsonTypeOf(value)}`, manifests.length, line, jsonTypeOf(value)) };
    }
    manifests.push({ object: value as Record<string, unknown>, index: manifests.length, line, endLine: lines.lineOf(seg.end - 1), lineOf: () => line });
  }
  if (problem) {
    if (problem.offset < 0) return { manifests, error: new ManifestSyntaxError("syntax", problem.message, manifests.length, lines.lineOf(text.length)) };
    // apimachinery reports the 0-based index of the line holding the error.
    const upTo = text.slice(0, problem.offset);
    const zeroBased = upTo.slice(0, upTo.lastIndexOf("\n") + 1).split("\n").length - 1;
    return { manifests, error: new ManifestSyntaxError("syntax", `json: line ${zeroBased}: ${problem.message}`, manifests.length, zeroBased + 1) };
  }
  return { manifests };
}

/** Parses a manifest stream; documents before an error are kept, the error says why the rest is not. */
export function parseManifestStream(text: string): ManifestStream {
  return looksLikeJson(text) ? parseJsonStream(text) : parseYamlStream(text);
}

/** Parses a whole manifest stream, throwing ManifestSyntaxError on the first bad document. */
export function parseManifests(text: string): ParsedManifest[] {
  const { manifests, error } = parseManifestStream(text);
  if (error) throw error;
  return manifests;
}

/** kubectl 1.10's line: `error: error parsing STDIN: error converting YAML to JSON: yaml: line 3: ...`. */
export function kubectlParseErrorMessage(source: string, err: ManifestSyntaxError): string {
  if (err.kind === "not-an-object") {
    return `error: unable to decode "${source}": json: cannot unmarshal ${err.jsonType} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`;
  }
  return `error: error parsing ${source}: ${err.detail}`;
}

/** istioctl 0.8's error text (cobra adds `Error: `): `cannot parse proto message: ...`. */
export function istioctlParseErrorMessage(err: ManifestSyntaxError): string {
  if (err.kind === "not-an-object") return `cannot parse proto message: error unmarshaling JSON: json: cannot unmarshal ${err.jsonType} into Go value of type crd.IstioKind`;
  return `cannot parse proto message: ${err.detail}`;
}
