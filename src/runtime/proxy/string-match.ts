/**
 * Istio StringMatch (exact / prefix / regex) compiled once into a predicate, with Envoy's
 * semantics for where it is applied (see reference §5.2):
 * - uri exact and regex look at the path without its query; uri prefix sees the whole `:path`;
 * - header prefix is `^<quoted prefix>.*`, header regex a full match.
 */
import { compileFullMatchRegex } from "./ecmascript-regex.ts";

export interface CompiledStringMatch {
  kind: "exact" | "prefix" | "regex" | "any";
  value: string;
  test(value: string): boolean;
  /** `uri regex "/health|/sport"` */
  describe: string;
}

/** Thrown while building a route table; Envoy rejects the whole route configuration. */
export class RouteConfigError extends Error {}

export function compileStringMatch(match: any, field: string): CompiledStringMatch {
  if (match && typeof match === "object") {
    if (typeof match.exact === "string") {
      const v = match.exact;
      return { kind: "exact", value: v, test: (s) => s === v, describe: `${field} exact "${v}"` };
    }
    if (typeof match.prefix === "string") {
      const v = match.prefix;
      return { kind: "prefix", value: v, test: (s) => s.startsWith(v), describe: `${field} prefix "${v}"` };
    }
    if (typeof match.regex === "string") {
      const v = match.regex;
      const compiled = compileFullMatchRegex(v);
      if (!compiled.ok) throw new RouteConfigError(compiled.error);
      return { kind: "regex", value: v, test: compiled.test, describe: `${field} regex "${v}"` };
    }
  }
  return { kind: "any", value: "", test: () => true, describe: `${field} (any)` };
}

/** The path Envoy's `path` and `regex` matchers see: `:path` up to the first `?`. */
export function pathWithoutQuery(path: string): string {
  const q = path.indexOf("?");
  return q < 0 ? path : path.slice(0, q);
}
