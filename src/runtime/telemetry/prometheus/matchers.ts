/**
 * Label matchers (`=`, `!=`, `=~`, `!~`). Prometheus regexes are RE2 and fully anchored
 * (`^(?:re)$`); re2js gives the same syntax, the same error texts and linear-time matching.
 */
import { RE2JS } from "re2js";

export type MatchType = "=" | "!=" | "=~" | "!~";

export interface LabelMatcher {
  readonly name: string;
  readonly type: MatchType;
  readonly value: string;
  matches(v: string): boolean;
}

/** A compiled anchored RE2 regex, or the Go-worded compile error. */
export function compileAnchored(pattern: string): RE2JS | { error: string } {
  try {
    return RE2JS.compile(`^(?:${pattern})$`);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** `labels.NewMatcher`: returns the matcher or the regex error text. */
export function newMatcher(type: MatchType, name: string, value: string): LabelMatcher | { error: string } {
  if (type === "=" || type === "!=") {
    const equal = type === "=";
    return { name, type, value, matches: (v) => (v === value) === equal };
  }
  const re = compileAnchored(value);
  if ("error" in re) return re;
  const positive = type === "=~";
  return { name, type, value, matches: (v) => re.matches(v) === positive };
}
