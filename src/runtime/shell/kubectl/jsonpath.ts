/**
 * Kubernetes JSONPath (client-go/util/jsonpath as vendored by kubectl 1.10): evaluation and
 * printing. Compile once with `compileJsonPath`, then `execute` against decoded JSON.
 *
 * Faithful details: results of one action are printed space-separated with no trailing
 * newline; values print with Go's `fmt.Sprint` (`map[a:b]`, not JSON: that came in 1.11);
 * missing keys print nothing unless `allowMissingKeys` is off (then `<key> is not found`);
 * `range`/`end` follow the library's state machine, so text after `{end}` prints once, after
 * the last item. Evaluation finishes before anything is printed, so an error prints nothing.
 */
import { parseJsonPath, type JpList, type JpNode } from "./jsonpath-parser.ts";
import { goNumber, goSprint, type GoValueOptions } from "./gofmt.ts";

export { JsonPathParseError } from "./jsonpath-parser.ts";

export class JsonPathExecError extends Error {}

/** A number literal of the template: Go keeps int and float apart when comparing. */
class Literal {
  constructor(readonly kind: "int" | "float", readonly value: number) {}
}

type Val = unknown;

type BasicKind = "bool" | "int" | "float" | "string";

export interface CompiledJsonPath {
  readonly template: string;
  /** Runs the template; returns the printed text or throws `JsonPathExecError`. */
  execute(data: unknown, opts: JsonPathOptions): string;
  /** The per-action results without printing (custom-columns uses them). */
  findResults(data: unknown, opts: JsonPathOptions): Val[][];
}

export interface JsonPathOptions extends GoValueOptions {
  allowMissingKeys: boolean;
}

/** Parses once; throws `JsonPathParseError` on a bad template. */
export function compileJsonPath(template: string): CompiledJsonPath {
  const root = parseJsonPath(template);
  return {
    template,
    execute(data, opts) {
      const full = new Evaluator(opts).findResults(data, root.nodes);
      let out = "";
      for (const results of full) {
        for (let i = 0; i < results.length; i++) {
          out += printValue(results[i], opts);
          if (i !== results.length - 1) out += " ";
        }
      }
      return out;
    },
    findResults(data, opts) {
      return new Evaluator(opts).findResults(data, root.nodes);
    },
  };
}

/** One result as Go's `fmt.Fprint` shows it. */
export function printValue(v: Val, opts: GoValueOptions): string {
  if (v instanceof Literal) return v.kind === "int" ? String(v.value) : goNumber(v.value, { floats: true });
  return goSprint(v, opts);
}

function isMap(v: Val): v is Record<string, Val> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Literal);
}

function sortedEntries(o: Record<string, Val>): Val[] {
  return Object.keys(o)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => o[k]);
}

/** Children as Go's reflection walks them: map values, slice items, or a string's bytes. */
function children(v: Val): Val[] | undefined {
  if (Array.isArray(v)) return v;
  if (isMap(v)) return sortedEntries(v);
  if (typeof v === "string") return Array.from(new TextEncoder().encode(v), (b) => new Literal("int", b));
  return undefined;
}

class Evaluator {
  private inRange = 0;
  private beginRange = 0;
  private endRange = 0;
  private stackDepth = 0;

  constructor(private readonly opts: JsonPathOptions) {}

  findResults(data: Val, nodes: JpNode[]): Val[][] {
    const full: Val[][] = [];
    const cur: Val[] = [data];
    for (let i = 0; i < nodes.length; i++) {
      const results = this.walk(cur, nodes[i]);
      // An `end` node closes the current iteration's block.
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange -= 1;
        break;
      }
      // A `range` node: run the rest of the template once per result.
      if (this.beginRange > 0) {
        this.beginRange -= 1;
        this.inRange += 1;
        for (let k = 0; k < results.length; k++) {
          if (k === results.length - 1) this.inRange -= 1;
          full.push(...this.findResults(results[k], nodes.slice(i + 1)));
        }
        break;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: Val[], node: JpNode): Val[] {
    switch (node.type) {
      case "list": return this.evalList(input, node);
      case "text": return [node.text];
      case "field": return this.evalField(input, node.name);
      case "array": return this.evalArray(input, node);
      case "filter": return this.evalFilter(input, node);
      case "int": return [new Literal("int", node.value)];
      case "float": return [new Literal("float", node.value)];
      case "bool": return [node.value];
      case "wildcard": return this.evalWildcard(input);
      case "recursive": return this.evalRecursive(input);
      case "union": return node.nodes.flatMap((l) => this.evalList(input, l));
      case "identifier": return this.evalIdentifier(input, node.name);
    }
  }

  private evalList(input: Val[], list: JpList): Val[] {
    let cur = input;
    for (const n of list.nodes) cur = this.walk(cur, n);
    return cur;
  }

  private evalIdentifier(input: Val[], name: string): Val[] {
    if (name === "range") {
      this.stackDepth++;
      this.beginRange += 1;
      return input;
    }
    if (name === "end") {
      if (this.endRange < this.inRange) {
        this.endRange += 1;
        return [];
      }
      if (this.stackDepth > 0) {
        this.stackDepth--;
        return [];
      }
      throw new JsonPathExecError("not in range, nothing to end");
    }
    throw new JsonPathExecError(`unrecognized identifier ${name}`);
  }

  private evalField(input: Val[], name: string): Val[] {
    const results: Val[] = [];
    if (input.length === 0) return results;
    if (name === "") return input;
    for (const v of input) {
      if (isMap(v) && Object.prototype.hasOwnProperty.call(v, name)) results.push(v[name]);
    }
    if (results.length === 0 && !this.opts.allowMissingKeys) throw new JsonPathExecError(`${name} is not found`);
    return results;
  }

  private evalArray(input: Val[], node: Extract<JpNode, { type: "array" }>): Val[] {
    const result: Val[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (!Array.isArray(v)) throw new JsonPathExecError(`${goTypeName(v)} is not array or slice`);
      const len = v.length;
      const [p0, p1, p2] = node.params.map((p) => ({ ...p }));
      if (!p0.known) p0.value = 0;
      if (p0.value < 0) p0.value += len;
      if (p1.derived) {
        // `[i]` is `[i:i+1]` after wrapping a negative i (so `[-1]` is the last item).
        p1.value = p0.value + 1;
      } else {
        if (!p1.known) p1.value = len;
        if (p1.value < 0) p1.value += len;
      }
      if (p1.value !== p0.value) {
        if (p0.value >= len || p0.value < 0) throw new JsonPathExecError(`array index out of bounds: index ${p0.value}, length ${len}`);
        if (p1.value > len || p1.value < 0) throw new JsonPathExecError(`array index out of bounds: index ${p1.value - 1}, length ${len}`);
      }
      const step = p2.known && p2.value > 0 ? p2.value : 1;
      for (let i = p0.value; i < p1.value; i += step) result.push(v[i]);
    }
    return result;
  }

  private evalWildcard(input: Val[]): Val[] {
    const results: Val[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      const c = children(v);
      if (c) results.push(...c);
    }
    return results;
  }

  private evalRecursive(input: Val[]): Val[] {
    const result: Val[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      const c = children(v);
      if (c && c.length) {
        result.push(v);
        result.push(...this.evalRecursive(c));
      }
    }
    return result;
  }

  private evalFilter(input: Val[], node: Extract<JpNode, { type: "filter" }>): Val[] {
    const results: Val[] = [];
    for (const v of input) {
      if (!Array.isArray(v)) throw new JsonPathExecError(`${printValue(v, this.opts)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        if (node.op === "exists") {
          let lefts: Val[] = [];
          try {
            lefts = this.evalList([item], node.left);
          } catch {
            lefts = [];
          }
          if (lefts.length > 0) results.push(item);
          continue;
        }
        const lefts = this.evalList([item], node.left);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathExecError("can only compare one element at a time");
        const rights = this.evalList([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathExecError("can only compare one element at a time");
        if (this.compare(node.op, lefts[0], rights[0])) results.push(item);
      }
    }
    return results;
  }

  private basicKind(v: Val): BasicKind {
    if (v instanceof Literal) return v.kind;
    if (typeof v === "boolean") return "bool";
    if (typeof v === "string") return "string";
    if (typeof v === "number") return this.opts.floats || !Number.isInteger(v) ? "float" : "int";
    throw new JsonPathExecError("invalid type for comparison");
  }

  /** text/template's eq/ne/lt/le/gt/ge over basic kinds (no mixing int and float). */
  private compare(op: string, a: Val, b: Val): boolean {
    const ka = this.basicKind(a);
    const kb = this.basicKind(b);
    const va = a instanceof Literal ? a.value : a;
    const vb = b instanceof Literal ? b.value : b;
    if (op !== "==" && op !== "!=" && op !== "<" && op !== ">" && op !== "<=" && op !== ">=") {
      throw new JsonPathExecError(`unrecognized filter operator ${op}`);
    }
    if (ka !== kb) throw new JsonPathExecError("incompatible types for comparison");
    if (op === "==") return va === vb;
    if (op === "!=") return va !== vb;
    if (ka === "bool") throw new JsonPathExecError("invalid type for comparison");
    const lt = (va as number | string) < (vb as number | string);
    const eq = va === vb;
    switch (op) {
      case "<": return lt;
      case "<=": return lt || eq;
      case ">": return !lt && !eq;
      default: return !lt;
    }
  }
}

/** Go's reflect type name in "X is not array or slice" messages. */
function goTypeName(v: Val): string {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number" || v instanceof Literal) return Number.isInteger(v instanceof Literal ? v.value : v) ? "int64" : "float64";
  return "map[string]interface {}";
}
