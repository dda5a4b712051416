/**
 * Evaluates a parsed PromQL expression against the TSDB at one instant (ms). Range queries
 * evaluate the same tree at each step; the series a selector matches are looked up once per
 * query and reused for every step.
 */
import type { Expr } from "./ast.ts";
import { aggregate } from "./aggregation.ts";
import { scalarBinop, setBinop, vectorBinop, vectorScalarBinop } from "./binaryOps.ts";
import { callFunction } from "./functions.ts";
import { isSetOperator } from "./lexer.ts";
import type { Series, Tsdb } from "./tsdb.ts";
import { PromQLEvalError, type Point, type Sample, type Value } from "./values.ts";

/** How far back an instant selector looks for the latest sample (Prometheus' default). */
export const LOOKBACK_DELTA_MS = 5 * 60 * 1000;

export class Evaluator {
  private readonly selected = new Map<Expr, Series[]>();

  constructor(private readonly tsdb: Tsdb) {}

  private seriesFor(node: Expr & { kind: "vectorSelector" | "matrixSelector" }): Series[] {
    let s = this.selected.get(node);
    if (!s) this.selected.set(node, (s = this.tsdb.select(node.matchers)));
    return s;
  }

  eval(node: Expr, ts: number): Value {
    switch (node.kind) {
      case "number": return { type: "scalar", value: node.value };
      case "string": return { type: "string", value: node.value };
      case "paren": return this.eval(node.expr, ts);
      case "vectorSelector": return { type: "vector", samples: this.vectorSelector(node, ts) };
      case "matrixSelector": {
        const ref = ts - node.offsetMs;
        const series = this.seriesFor(node).map((s) => ({ metric: s.labels, points: pointsIn(s, ref - node.rangeMs, ref) }));
        return { type: "matrix", series: series.filter((s) => s.points.length > 0) };
      }
      case "unary": {
        const v = this.eval(node.expr, ts);
        if (node.op === "ADD") return v;
        if (v.type === "scalar") return { type: "scalar", value: -v.value };
        if (v.type === "vector") return { type: "vector", samples: v.samples.map((s) => ({ metric: s.metric, value: -s.value })) };
        return v;
      }
      case "call": {
        const args = node.args.map((a) => this.eval(a, ts));
        return callFunction(node.func.name, { ts, args, nodes: node.args });
      }
      case "aggregate": {
        let param: number | string | undefined;
        if (node.param) {
          const p = this.eval(node.param, ts);
          param = p.type === "scalar" || p.type === "string" ? p.value : undefined;
        }
        const v = this.eval(node.expr, ts);
        return { type: "vector", samples: aggregate(node.op, node.grouping, node.without, param, (v as { samples: Sample[] }).samples) };
      }
      case "binary": return this.binary(node, ts);
    }
  }

  private binary(node: Expr & { kind: "binary" }, ts: number): Value {
    const l = this.eval(node.lhs, ts);
    const r = this.eval(node.rhs, ts);
    if (l.type === "scalar" && r.type === "scalar") {
      return { type: "scalar", value: scalarBinop(node.op, l.value, r.value) };
    }
    if (l.type === "vector" && r.type === "vector") {
      const matching = node.matching ?? { card: "one-to-one", on: false, matchingLabels: [], include: [] };
      if (isSetOperator(node.op)) return { type: "vector", samples: setBinop(node.op, l.samples, r.samples, matching) };
      return { type: "vector", samples: vectorBinop(node.op, l.samples, r.samples, matching, node.returnBool) };
    }
    if (l.type === "vector" && r.type === "scalar") return { type: "vector", samples: vectorScalarBinop(node.op, l.samples, r.value, false, node.returnBool) };
    if (l.type === "scalar" && r.type === "vector") return { type: "vector", samples: vectorScalarBinop(node.op, r.samples, l.value, true, node.returnBool) };
    throw new PromQLEvalError("binary expression must contain only scalar and instant vector types");
  }

  /** The latest sample at or before ts - offset, no older than the lookback delta, not stale. */
  private vectorSelector(node: Expr & { kind: "vectorSelector" }, ts: number): Sample[] {
    const ref = ts - node.offsetMs;
    const out: Sample[] = [];
    for (const s of this.seriesFor(node)) {
      const i = s.indexAtOrBefore(ref);
      if (i < s.head) continue;
      const t = s.t[i];
      if (t < ref - LOOKBACK_DELTA_MS || s.isStale(t)) continue;
      out.push({ metric: s.labels, value: s.v[i] });
    }
    return out;
  }
}

/** Points with mint <= t <= maxt (both ends included, as in 2.3), stale markers skipped. */
function pointsIn(s: Series, mint: number, maxt: number): Point[] {
  const out: Point[] = [];
  let i = s.indexAtOrBefore(maxt);
  while (i >= s.head && s.t[i] >= mint) i--;
  for (i++; i < s.t.length && s.t[i] <= maxt; i++) if (!s.isStale(s.t[i])) out.push({ t: s.t[i], v: s.v[i] });
  return out;
}
