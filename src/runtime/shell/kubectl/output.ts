/**
 * `-o/--output` of kubectl 1.10: parsing the format once, and the "generic" printers (json,
 * yaml, name, jsonpath, custom-columns) that print several objects as one `v1 List`.
 */
import type { KubeObject } from "../../cluster/objects.ts";
import { marshalGoYaml } from "../../config/goYaml.ts";
import { findKind } from "../../config/kinds.ts";
import { KubectlError } from "./errors.ts";
import { toGoJson } from "./gojson.ts";
import { goQuote, goSharpV } from "./gofmt.ts";
import { compileJsonPath, JsonPathExecError, JsonPathParseError, printValue, type CompiledJsonPath } from "./jsonpath.ts";
import { tabwrite } from "../tabwriter.ts";

export type OutputSpec =
  | { kind: "human"; wide: boolean }
  | { kind: "json" }
  | { kind: "yaml" }
  | { kind: "name" }
  | { kind: "jsonpath"; path: CompiledJsonPath }
  | { kind: "custom-columns"; columns: { header: string; path: CompiledJsonPath }[] };

const CUSTOM_COLUMN = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** Parses `-o` (and `--template` for `-o jsonpath`); throws KubectlError with kubectl's text. */
export function parseOutput(output: string | undefined, template?: string): OutputSpec {
  if (output === undefined || output === "") return { kind: "human", wide: false };
  const eq = output.indexOf("=");
  const format = eq >= 0 ? output.slice(0, eq) : output;
  const arg = eq >= 0 ? output.slice(eq + 1) : template ?? "";
  switch (format) {
    case "wide": return { kind: "human", wide: true };
    case "json": return { kind: "json" };
    case "yaml": return { kind: "yaml" };
    case "name": return { kind: "name" };
    case "jsonpath": {
      if (!arg) throw new KubectlError("jsonpath template format specified but no template given");
      try {
        return { kind: "jsonpath", path: compileJsonPath(arg) };
      } catch (e) {
        if (e instanceof JsonPathParseError) throw new KubectlError(`error parsing jsonpath ${arg}, ${e.message}\n`);
        throw e;
      }
    }
    case "custom-columns": {
      if (!arg) throw new KubectlError("custom-columns format specified but no custom columns given");
      const columns = arg.split(",").map((part) => {
        const spec = part.split(":");
        if (spec.length !== 2) throw new KubectlError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
        let expr = spec[1];
        if (expr.length) {
          const m = CUSTOM_COLUMN.exec(expr);
          if (!m) throw new KubectlError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
          expr = `{.${m[1] || m[2]}}`;
        }
        try {
          return { header: spec[0], path: compileJsonPath(expr) };
        } catch (e) {
          if (e instanceof JsonPathParseError) throw new KubectlError(e.message);
          throw e;
        }
      });
      return { kind: "custom-columns", columns };
    }
    default:
      throw new KubectlError(`output format ${goQuote(output)} not recognized`);
  }
}

export function isGeneric(spec: OutputSpec): boolean {
  return spec.kind !== "human";
}

/** The `v1 List` kubectl wraps several objects in. */
export function listOf(items: KubeObject[]): Record<string, unknown> {
  return { apiVersion: "v1", items, kind: "List", metadata: { resourceVersion: "", selfLink: "" } };
}

/** `kind.group/name`, as `-o name` prints it. */
export function resourceName(o: KubeObject): string {
  const info = findKind(o.kind);
  const kind = o.kind.toLowerCase();
  return info?.group ? `${kind}.${info.group}/${o.metadata.name}` : `${kind}/${o.metadata.name}`;
}

export interface PrintResult {
  stdout: string;
  error?: KubectlError;
}

/**
 * Prints objects with a generic printer. `single`: exactly one object was asked for by name,
 * so it prints bare; otherwise kubectl wraps the items in a List (even zero or one of them).
 */
export function printGeneric(spec: OutputSpec, items: KubeObject[], single: boolean, allowMissingKeys: boolean): PrintResult {
  const bare = single && items.length === 1;
  const obj: unknown = bare ? items[0] : listOf(items);
  switch (spec.kind) {
    case "json": return { stdout: toGoJson(obj) + "\n" };
    case "yaml": return { stdout: marshalGoYaml(obj) };
    case "name": return { stdout: items.map((o) => resourceName(o) + "\n").join("") };
    case "jsonpath": {
      // A List goes through encoding/json first, so its numbers are float64 for the engine.
      const opts = { floats: !bare, allowMissingKeys };
      try {
        return { stdout: spec.path.execute(obj, opts) };
      } catch (e) {
        if (!(e instanceof JsonPathExecError)) throw e;
        const debug =
          `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
          `\ttemplate was:\n\t\t${spec.path.template}\n` +
          `\tobject given to jsonpath engine was:\n\t\t${goSharpV(obj, opts)}\n\n`;
        return { stdout: debug, error: new KubectlError(`error executing jsonpath ${goQuote(spec.path.template)}: ${e.message}\n`) };
      }
    }
    case "custom-columns": {
      const opts = { floats: false, allowMissingKeys: true };
      let text = spec.columns.map((c) => c.header).join("\t") + "\n";
      try {
        for (const o of items) {
          const cells = spec.columns.map((c) => {
            const results = c.path.findResults(o, opts);
            const values = results.flat();
            if (results.length === 0 || results[0].length === 0) return "<none>";
            return values.map((v) => printValue(v, opts)).join(",");
          });
          text += cells.join("\t") + "\n";
        }
      } catch (e) {
        if (e instanceof JsonPathExecError) return { stdout: "", error: new KubectlError(e.message) };
        throw e;
      }
      return { stdout: tabwrite(text) };
    }
    case "human":
      throw new Error("printGeneric called with a human-readable format");
  }
}
