/**
 * Compiles a checked Mixer expression into closures, once, at config load.
 *
 * Every node compiles to two evaluators, mirroring the two modes of Mixer's IL generator:
 *  - `get`: the value, or a CexlEvalError (`lookup failed: 'request.host'`) when an attribute
 *    is absent (Mixer's nmNone);
 *  - `tryGet`: the value, or undefined when an attribute or map key is absent (nmJmpOnValue).
 *    Only attributes, map indexing and `|` can be "absent"; calls and operators always
 *    produce a value or fail, exactly as in Mixer, so `request.host.endsWith("x") | false`
 *    still fails when request.host is missing.
 * `a | b` is `a.tryGet ?? b.get`: it tests presence, not emptiness.
 */
import { attributeSlot, NO_MAP, readAttribute, readMapEntry } from "../attributeSlots.ts";
import type { AttributeBag, AttributeValue } from "../types.ts";
import { CexlCompileError, CexlEvalError, type AttributeLookup, type AttributeVocabulary, type CompiledExpression, type ValueType } from "./types.ts";
import { ExpressionError, parseExpression, type Expression } from "./ast.ts";
import { evalType } from "./checker.ts";
import { FUNCTIONS_08 } from "./functions.ts";
import {
  EMPTY_STRING_MAP, RegexCache, compileRe2, dnsNameEqual, emailEqual, externDnsName, externEmail, externIp,
  externTimestamp, externUri, globMatch, ipEqual, regexMatches, uriEqual,
} from "./externs.ts";

type Get = (bag: AttributeBag) => AttributeValue;
type TryGet = (bag: AttributeBag) => AttributeValue | undefined;
type StringMap = Readonly<Record<string, string>>;

interface Node {
  type: ValueType;
  get: Get;
  tryGet: TryGet;
  /** Set for literal constants: lets operators specialise (`x == "lit"`) and fold calls. */
  constant?: AttributeValue;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Patterns computed at run time share one bounded cache. */
const dynamicRegexes = new RegexCache();

class Generator {
  private readonly types = new Map<Expression, ValueType>();
  readonly attributes: string[] = [];

  constructor(private readonly vocabulary: AttributeVocabulary) {}

  typeOf(e: Expression): ValueType {
    return evalType(e, this.vocabulary, FUNCTIONS_08, this.types);
  }

  generate(e: Expression): Node {
    switch (e.kind) {
      case "const": {
        const v = e.value;
        const get = (): AttributeValue => v;
        return { type: e.type, get, tryGet: get, constant: v };
      }
      case "var":
        return this.variable(e.name);
      case "fn":
        return this.call(e);
    }
  }

  private variable(name: string): Node {
    if (!this.attributes.includes(name)) this.attributes.push(name);
    const type = this.vocabulary.typeOf(name) as ValueType;
    const message = `lookup failed: '${name}'`;
    const slot = attributeSlot(name);
    return {
      type,
      get: (bag) => {
        const v = readAttribute(bag, slot, name);
        if (v === undefined) throw new CexlEvalError(message);
        return v;
      },
      tryGet: (bag) => readAttribute(bag, slot, name),
    };
  }

  private call(e: Extract<Expression, { kind: "fn" }>): Node {
    const type = this.typeOf(e);
    switch (e.name) {
      case "EQ":
        return this.always(type, this.equality(e.args[0], e.args[1]));
      case "NEQ": {
        const eq = this.equality(e.args[0], e.args[1]);
        return this.always(type, (bag) => !eq(bag));
      }
      case "LAND": {
        const a = this.generate(e.args[0]).get;
        const b = this.generate(e.args[1]).get;
        return this.always(type, (bag) => (a(bag) as boolean) && (b(bag) as boolean));
      }
      case "LOR": {
        const a = this.generate(e.args[0]).get;
        const b = this.generate(e.args[1]).get;
        return this.always(type, (bag) => (a(bag) as boolean) || (b(bag) as boolean));
      }
      case "OR":
        return this.or(type, e.args[0], e.args[1]);
      case "INDEX":
        return this.index(type, e.args[0], e.args[1]);
      default:
        return this.extern(type, e);
    }
  }

  /** A node that is never "absent": tryGet is get. */
  private always(type: ValueType, get: Get): Node {
    return { type, get, tryGet: get };
  }

  private equality(left: Expression, right: Expression): (bag: AttributeBag) => boolean {
    const type = this.typeOf(left);
    const a = this.generate(left).get;
    const r = this.generate(right);
    switch (type) {
      case "STRING": case "INT64": case "DOUBLE": case "BOOL": case "TIMESTAMP": {
        if (r.constant !== undefined) {
          const c = r.constant;
          return (bag) => a(bag) === c;
        }
        const b = r.get;
        return (bag) => a(bag) === b(bag);
      }
      case "IP_ADDRESS": {
        const b = r.get;
        return (bag) => ipEqual(a(bag) as string, b(bag) as string);
      }
      case "DNS_NAME": case "EMAIL": case "URI": {
        const b = r.get;
        const eq = type === "DNS_NAME" ? dnsNameEqual : type === "EMAIL" ? emailEqual : uriEqual;
        return (bag) => eq(a(bag) as string, b(bag) as string);
      }
      default:
        // Mixer 0.8's IL generator has no equality for durations or maps.
        throw new ExpressionError(`internal compiler error -- equality for type not yet implemented: ${type === "DURATION" ? "Duration" : "Interface"}`);
    }
  }

  private or(type: ValueType, left: Expression, right: Expression): Node {
    const chain = [...alternativesOf(left), ...alternativesOf(right)];
    const firsts = chain.slice(0, -1);
    if (firsts.every((e) => e.kind === "var")) return this.attributeChain(type, firsts as VarExpression[], chain[chain.length - 1]);
    return this.nestedOr(type, left, right);
  }

  /**
   * `a | b | ... | last` where every alternative but the last is an attribute: one closure
   * reading the attributes in turn. Most config expressions have this shape (the default access
   * log's 26 variables are `attr | "default"`, some with two attributes), and a Report
   * evaluates dozens of them; nested closures would cost a call per `|`.
   */
  private attributeChain(type: ValueType, attributes: readonly VarExpression[], lastExpr: Expression): Node {
    const names = attributes.map((v) => v.name);
    for (const name of names) this.variable(name); // records the attributes read, in order
    const slots = names.map(attributeSlot);
    const last = this.generate(lastExpr);
    if (last.constant !== undefined) {
      const c = last.constant;
      if (slots.length === 1) {
        const slot = slots[0];
        const name = names[0];
        const get: Get = (bag) => {
          const v = readAttribute(bag, slot, name);
          return v !== undefined ? v : c;
        };
        return { type, get, tryGet: get };
      }
      const get: Get = (bag) => {
        for (let i = 0; i < slots.length; i++) {
          const v = readAttribute(bag, slots[i], names[i]);
          if (v !== undefined) return v;
        }
        return c;
      };
      return { type, get, tryGet: get };
    }
    const lastGet = last.get;
    const lastTry = last.tryGet;
    return {
      type,
      get: (bag) => {
        for (let i = 0; i < slots.length; i++) {
          const v = readAttribute(bag, slots[i], names[i]);
          if (v !== undefined) return v;
        }
        return lastGet(bag);
      },
      tryGet: (bag) => {
        for (let i = 0; i < slots.length; i++) {
          const v = readAttribute(bag, slots[i], names[i]);
          if (v !== undefined) return v;
        }
        return lastTry(bag);
      },
    };
  }

  /** `e` as an AttributeLookup, when it is one: reads of attributes or `attr["literal"]`, then possibly a literal. */
  lookupOf(e: Expression): AttributeLookup | undefined {
    const alternatives = alternativesOf(e);
    const slots: number[] = [];
    const names: string[] = [];
    const keys: (string | undefined)[] = [];
    for (let i = 0; i < alternatives.length; i++) {
      const a = alternatives[i];
      if (a.kind === "var") {
        slots.push(attributeSlot(a.name));
        names.push(a.name);
        keys.push(undefined);
        continue;
      }
      const key = a.kind === "fn" && a.name === "INDEX" && a.target === undefined && a.args[0].kind === "var" ? this.generate(a.args[1]).constant : undefined;
      if (typeof key === "string") {
        const name = (a as { args: Expression[] }).args[0] as VarExpression;
        slots.push(attributeSlot(name.name));
        names.push(name.name);
        keys.push(key);
        continue;
      }
      const fallback = i > 0 && i === alternatives.length - 1 ? this.generate(a).constant : undefined;
      return fallback === undefined ? undefined : { slots, names, keys, fallback };
    }
    return { slots, names, keys, fallback: undefined };
  }

  private nestedOr(type: ValueType, left: Expression, right: Expression): Node {
    const a = this.generate(left).tryGet;
    const r = this.generate(right);
    const b = r.get;
    const bTry = r.tryGet;
    if (r.constant !== undefined) {
      const c = r.constant;
      const get: Get = (bag) => {
        const v = a(bag);
        return v !== undefined ? v : c;
      };
      return { type, get, tryGet: get };
    }
    return {
      type,
      get: (bag) => {
        const v = a(bag);
        return v !== undefined ? v : b(bag);
      },
      tryGet: (bag) => {
        const v = a(bag);
        return v !== undefined ? v : bTry(bag);
      },
    };
  }

  private index(type: ValueType, mapExpr: Expression, keyExpr: Expression): Node {
    const m = this.generate(mapExpr);
    const k = this.generate(keyExpr);
    const mapGet = m.get;
    const mapTry = m.tryGet;
    if (k.constant !== undefined && mapExpr.kind === "var") return this.attributeKey(type, mapExpr.name, k.constant as string);
    if (k.constant !== undefined) {
      const key = k.constant as string;
      const message = `member lookup failed: '${key}'`;
      return {
        type,
        get: (bag) => {
          const map = mapGet(bag) as StringMap;
          if (!hasOwn.call(map, key)) throw new CexlEvalError(message);
          return map[key];
        },
        tryGet: (bag) => {
          const map = mapTry(bag) as StringMap | undefined;
          return map !== undefined && hasOwn.call(map, key) ? map[key] : undefined;
        },
      };
    }
    const keyGet = k.get;
    const keyTry = k.tryGet;
    return {
      type,
      get: (bag) => {
        const map = mapGet(bag) as StringMap;
        const key = keyGet(bag) as string;
        if (!hasOwn.call(map, key)) throw new CexlEvalError(`member lookup failed: '${key}'`);
        return map[key];
      },
      tryGet: (bag) => {
        const map = mapTry(bag) as StringMap | undefined;
        if (map === undefined) return undefined;
        const key = keyTry(bag) as string | undefined;
        return key !== undefined && hasOwn.call(map, key) ? map[key] : undefined;
      },
    };
  }

  /**
   * `attr["key"]`: asks the bag for the one key, so a map the bag builds on first read
   * (`request.headers`) need not be built for it.
   */
  private attributeKey(type: ValueType, name: string, key: string): Node {
    const slot = attributeSlot(name);
    const noMap = `lookup failed: '${name}'`;
    const noKey = `member lookup failed: '${key}'`;
    return {
      type,
      get: (bag) => {
        const v = readMapEntry(bag, slot, name, key);
        if (v === undefined || v === NO_MAP) throw new CexlEvalError(v === NO_MAP ? noMap : noKey);
        return v;
      },
      tryGet: (bag) => {
        const v = readMapEntry(bag, slot, name, key);
        return v === NO_MAP ? undefined : v;
      },
    };
  }

  private extern(type: ValueType, e: Extract<Expression, { kind: "fn" }>): Node {
    // Receiver, then arguments, all required (Mixer evaluates them with nmNone). Extra
    // arguments beyond the declared ones are ignored, as 0.8's type checker ignores them.
    const target = e.target ? this.generate(e.target) : undefined;
    const args = e.args.map((a) => this.generate(a));
    const arg0 = args[0];
    const unary = (f: (s: string) => AttributeValue): Node => {
      if (arg0.constant !== undefined) {
        // Literal arguments are converted once; a conversion error still surfaces per evaluation.
        let folded: AttributeValue | undefined;
        let failure: unknown;
        try {
          folded = f(arg0.constant as string);
        } catch (err) {
          failure = err;
        }
        if (folded !== undefined) {
          // A literal now (`ip("0.0.0.0")`): as one, it can be a `|` chain's default.
          const v = folded;
          return { ...this.always(type, () => v), constant: v };
        }
        return this.always(type, () => { throw failure; });
      }
      const g = arg0.get;
      return this.always(type, (bag) => f(g(bag) as string));
    };

    switch (e.name) {
      case "ip": return unary(externIp);
      case "timestamp": return unary(externTimestamp);
      case "dnsName": return unary(externDnsName);
      case "email": return unary(externEmail);
      case "uri": return unary(externUri);
      case "emptyStringMap": return this.always(type, () => EMPTY_STRING_MAP);
      case "match": {
        const s = arg0.get;
        const p = args[1];
        if (p.constant !== undefined) {
          const pattern = p.constant as string;
          return this.always(type, (bag) => globMatch(s(bag) as string, pattern));
        }
        const pg = p.get;
        return this.always(type, (bag) => globMatch(s(bag) as string, pg(bag) as string));
      }
      case "startsWith": case "endsWith": {
        const t = (target as Node).get;
        const starts = e.name === "startsWith";
        if (arg0.constant !== undefined) {
          const c = arg0.constant as string;
          return this.always(type, starts ? (bag) => (t(bag) as string).startsWith(c) : (bag) => (t(bag) as string).endsWith(c));
        }
        const a = arg0.get;
        return this.always(type, starts
          ? (bag) => (t(bag) as string).startsWith(a(bag) as string)
          : (bag) => (t(bag) as string).endsWith(a(bag) as string));
      }
      case "matches": {
        // The receiver is the pattern: `"svc.*".matches(destination.service)`.
        const pattern = target as Node;
        const s = arg0.get;
        if (pattern.constant !== undefined) {
          const compiled = compileRe2(pattern.constant as string);
          return this.always(type, (bag) => {
            const str = s(bag) as string;
            return regexMatches(compiled, str);
          });
        }
        const pg = pattern.get;
        return this.always(type, (bag) => {
          const compiled = dynamicRegexes.get(pg(bag) as string);
          return regexMatches(compiled, s(bag) as string);
        });
      }
      default:
        // The checker admits only the functions above.
        throw new ExpressionError(`unknown function: ${e.name}`);
    }
  }
}

type VarExpression = Extract<Expression, { kind: "var" }>;

/** The alternatives of `a | b | c`, left to right, however the `|`s nest (`|` is associative). */
function alternativesOf(e: Expression): Expression[] {
  return e.kind === "fn" && e.name === "OR" && e.target === undefined ? [...alternativesOf(e.args[0]), ...alternativesOf(e.args[1])] : [e];
}

class Compiled implements CompiledExpression {
  constructor(
    readonly source: string,
    readonly type: ValueType,
    readonly attributes: readonly string[],
    readonly evaluate: (bag: AttributeBag) => AttributeValue,
    readonly constant: AttributeValue | undefined,
    readonly lookup: AttributeLookup | undefined,
  ) {}
}

/**
 * Parses, type-checks and compiles a CEXL expression. Throws CexlCompileError carrying
 * Mixer 0.8's message; nothing else escapes for any input string.
 */
export function compileExpression(source: string, vocabulary: AttributeVocabulary): CompiledExpression {
  try {
    const expr = parseExpression(source);
    const gen = new Generator(vocabulary);
    const type = gen.typeOf(expr);
    const root = gen.generate(expr);
    return new Compiled(source, type, Object.freeze(gen.attributes), root.get, root.constant, gen.lookupOf(expr));
  } catch (e) {
    if (e instanceof ExpressionError) throw new CexlCompileError(e.message);
    if (e instanceof CexlCompileError) throw e;
    // A defect of ours must still not look like a JS crash to the learner.
    throw new CexlCompileError(`internal compiler error -- ${e instanceof Error ? e.message : String(e)}`);
  }
}
