/** Manifest reading as apimachinery's YAMLOrJSONDecoder does it, with go-yaml v2's error texts. */
import { describe, expect, it } from "vitest";
import { istioctlParseErrorMessage, kubectlParseErrorMessage, parseManifestStream, parseManifests, ManifestSyntaxError } from "../../../src/runtime/config/manifests.ts";

function yamlError(text: string): string | undefined {
  return parseManifestStream(text).error?.detail;
}

describe("parseManifests", () => {
  it("reads multi-document YAML with comments, skipping empty documents", () => {
    const docs = parseManifests("# leading comment\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: politics\n---\n---\n# only a comment\n---\nkind: rule\nspec:\n  match: a == b # trailing\n");
    expect(docs.map((d) => d.object.kind)).toEqual(["Namespace", "rule"]);
    expect(docs.map((d) => d.index)).toEqual([0, 1]);
    expect(docs[0].line).toBe(3);
    expect(docs[1].lineOf(["spec", "match"])).toBe(13);
    expect(docs[0].lineOf(["metadata", "name"])).toBe(6);
  });

  it("resolves scalars like go-yaml v2 (YAML 1.1, timestamps stay strings)", () => {
    const [d] = parseManifests("a: yes\nb: on\nc: '80'\nd: 80\ne: 2018-06-22\nf: ~\n");
    expect(d.object).toEqual({ a: true, b: true, c: "80", d: 80, e: "2018-06-22", f: null });
  });

  it("accepts JSON documents, also several in a stream", () => {
    const docs = parseManifests('{"kind": "A"}\n{"kind": "B", "spec": {"x": [1, 2]}}');
    expect(docs.map((d) => d.object.kind)).toEqual(["A", "B"]);
    expect(parseManifestStream('{"a": 1,\n "b": }').error?.detail).toBe("json: line 1: invalid character '}' looking for beginning of value");
  });

  it("keeps documents before an error (kubectl acts on them) and throws from parseManifests", () => {
    const s = parseManifestStream("kind: A\n---\nkind: B\n  x: 1\n");
    expect(s.manifests.map((d) => d.object.kind)).toEqual(["A"]);
    expect(s.error?.documentIndex).toBe(1);
    expect(() => parseManifests("a: b: c\n")).toThrow(ManifestSyntaxError);
  });
});

describe("YAML syntax errors in go-yaml v2's words", () => {
  it("scanner errors report the 1-based line", () => {
    expect(yamlError("spec:\n  match: a: b\n")).toBe("error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context");
    expect(yamlError("spec:\n\thosts: a\n")).toBe("error converting YAML to JSON: yaml: line 2: found character that cannot start any token");
    expect(yamlError("spec:\n  x: @foo\n")).toBe("error converting YAML to JSON: yaml: line 2: found character that cannot start any token");
    expect(yamlError("a: 1\nb\nc: 2\n")).toBe("error converting YAML to JSON: yaml: line 3: could not find expected ':'");
    expect(yamlError('spec:\n  x: "foo\n  y: 2\n')).toBe("error converting YAML to JSON: yaml: line 4: found unexpected end of stream");
  });

  it("parser errors report the line above the offending token", () => {
    expect(yamlError("spec:\n    hosts:\n    - a\n  gateways:\n  - b\n")).toBe("error converting YAML to JSON: yaml: line 3: did not find expected key");
    expect(yamlError("metadata:\n  name: foo\n   namespace: bar\n")).toBe("error converting YAML to JSON: yaml: line 2: did not find expected key");
    expect(yamlError("- a\nb: 1\n")).toBe("error converting YAML to JSON: yaml: line 1: did not find expected '-' indicator");
    expect(yamlError('a: "x" y\n')).toBe("error converting YAML to JSON: yaml: did not find expected key");
  });

  it("counts lines from the start of the document, as each document is parsed alone", () => {
    const s = parseManifestStream("kind: A\n---\nkind: B\nspec:\n  a: b: c\n");
    expect(s.error?.detail).toBe("error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context");
    expect(s.error?.line).toBe(5);
  });

  it("formats the error for kubectl and for istioctl", () => {
    const err = parseManifestStream("a: b: c\n").error!;
    expect(kubectlParseErrorMessage("STDIN", err)).toBe("error: error parsing STDIN: error converting YAML to JSON: yaml: line 1: mapping values are not allowed in this context");
    expect(istioctlParseErrorMessage(err)).toBe("cannot parse proto message: error converting YAML to JSON: yaml: line 1: mapping values are not allowed in this context");
  });

  it("never throws on hostile input", () => {
    for (const t of ["a: *x\n", "&a [*a, *a]", "{", "- - - -", ": :", "\u0000", "a: |\n b\n  c", "%YAML 9\n---\n"]) {
      expect(() => parseManifestStream(t)).not.toThrow();
    }
  });
});
