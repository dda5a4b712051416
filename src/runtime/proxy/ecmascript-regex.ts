/**
 * Envoy 2018 compiles route regexes with `std::regex(re, std::regex::optimize)` (ECMAScript
 * grammar) and matches with `std::regex_match`, i.e. the whole string must match.
 *
 * A learner's regex must never hang the page, so matching runs on re2js (linear time) whenever
 * the pattern is also valid RE2, which covers nearly every routing regex. Patterns that need
 * ECMAScript-only features (backreferences, lookaround) fall back to the native engine unless
 * they contain nested quantifiers, the shape behind catastrophic backtracking.
 */
import { RE2JS } from "re2js";

export type FullMatcher = (input: string) => boolean;

export type CompiledRegex =
  | { ok: true; test: FullMatcher; engine: "re2" | "ecmascript" | "disabled"; note?: string }
  | { ok: false; error: string };

/** `(a+)+`, `(a*)*`, `(a|b+){2,}`: a quantified group that itself contains a quantifier. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d)/;

const cache = new Map<string, CompiledRegex>();

/** Compiles (once per distinct pattern) a full-match ECMAScript regex; never throws. */
export function compileFullMatchRegex(pattern: string): CompiledRegex {
  let hit = cache.get(pattern);
  if (!hit) {
    hit = compile(pattern);
    if (cache.size > 500) cache.clear();
    cache.set(pattern, hit);
  }
  return hit;
}

function compile(pattern: string): CompiledRegex {
  let native: RegExp;
  try {
    native = new RegExp(`^(?:${pattern})$`);
    // Validate the pattern on its own too: `a)(b` is invalid alone but valid once wrapped.
    new RegExp(pattern);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const reason = msg.slice(msg.lastIndexOf(": ") + 2) || msg;
    return { ok: false, error: `Invalid regex '${pattern}': ${reason}` };
  }
  try {
    const re2 = RE2JS.compile(pattern);
    return { ok: true, engine: "re2", test: (s) => re2.matches(s) };
  } catch {
    // ECMAScript-only syntax (backreference, lookaround...).
  }
  if (NESTED_QUANTIFIER.test(pattern)) {
    return {
      ok: true,
      engine: "disabled",
      note: `regex '${pattern}' needs backtracking and has nested quantifiers; the lab never matches it rather than risk hanging`,
      test: () => false,
    };
  }
  return { ok: true, engine: "ecmascript", test: (s) => native.test(s) };
}
