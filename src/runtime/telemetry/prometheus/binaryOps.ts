/** Binary operators between scalars and vectors (Prometheus 2.3 engine.go: *Binop, resultMetric). */
import type { VectorMatching } from "./ast.ts";
import type { ItemType } from "./lexer.ts";
import { dropMetricName, labelsKey, METRIC_NAME, setLabel, signatureOn, signatureWithout, withoutLabels, onlyLabels, type Labels } from "./labels.ts";
import { PromQLEvalError, type Sample } from "./values.ts";

/** Arithmetic results replace the value's meaning, so the metric name goes (comparisons keep it). */
function shouldDropMetricName(op: ItemType): boolean {
  return op === "ADD" || op === "SUB" || op === "MUL" || op === "DIV" || op === "MOD";
}

export function scalarBinop(op: ItemType, l: number, r: number): number {
  switch (op) {
    case "ADD": return l + r;
    case "SUB": return l - r;
    case "MUL": return l * r;
    case "DIV": return l / r;
    case "POW": return Math.pow(l, r);
    case "MOD": return l % r;
    case "EQL": return l === r ? 1 : 0;
    case "NEQ": return l !== r ? 1 : 0;
    case "GTR": return l > r ? 1 : 0;
    case "LSS": return l < r ? 1 : 0;
    case "GTE": return l >= r ? 1 : 0;
    case "LTE": return l <= r ? 1 : 0;
  }
  throw new PromQLEvalError(`operator "${op}" not allowed for Scalar operations`);
}

function isComparison(op: ItemType): boolean {
  return op === "EQL" || op === "NEQ" || op === "GTR" || op === "LSS" || op === "GTE" || op === "LTE";
}

/** vectorElemBinop: the value and whether a comparison keeps the element. */
function elemBinop(op: ItemType, l: number, r: number): [number, boolean] {
  switch (op) {
    case "EQL": return [l, l === r];
    case "NEQ": return [l, l !== r];
    case "GTR": return [l, l > r];
    case "LSS": return [l, l < r];
    case "GTE": return [l, l >= r];
    case "LTE": return [l, l <= r];
  }
  return [scalarBinop(op, l, r), true];
}

/** Vector op scalar (or scalar op vector when `swap`): applied to every element. */
export function vectorScalarBinop(op: ItemType, vec: readonly Sample[], scalar: number, swap: boolean, returnBool: boolean): Sample[] {
  const out: Sample[] = [];
  for (const s of vec) {
    const [l, r] = swap ? [scalar, s.value] : [s.value, scalar];
    let [value, keep] = elemBinop(op, l, r);
    // `5 < foo` keeps the vector element's value, not the scalar's.
    if (swap && isComparison(op)) value = s.value;
    if (returnBool) {
      value = keep ? 1 : 0;
      keep = true;
    }
    if (!keep) continue;
    out.push({ metric: shouldDropMetricName(op) || returnBool ? dropMetricName(s.metric) : s.metric, value });
  }
  return out;
}

function signatureFn(matching: VectorMatching): (l: Labels) => string {
  return matching.on ? (l) => signatureOn(l, matching.matchingLabels) : (l) => signatureWithout(l, [...matching.matchingLabels, METRIC_NAME]);
}

/** 2.3 keeps the left side's name for vector-vector comparisons, `bool` or not. */
function resultMetric(lhs: Labels, rhs: Labels, op: ItemType, matching: VectorMatching): Labels {
  let m = shouldDropMetricName(op) ? dropMetricName(lhs) : lhs;
  if (matching.card === "one-to-one") {
    m = matching.on ? onlyLabels(m, matching.matchingLabels) : withoutLabels(m, matching.matchingLabels);
  }
  for (const ln of matching.include) m = setLabel(m, ln, rhs[ln] ?? "");
  return m;
}

/** Vector op vector for arithmetic and comparison operators, with one-to-one or group_x matching. */
export function vectorBinop(op: ItemType, lhsIn: readonly Sample[], rhsIn: readonly Sample[], matching: VectorMatching, returnBool: boolean): Sample[] {
  const sig = signatureFn(matching);
  const swapped = matching.card === "one-to-many";
  const [lhs, rhs] = swapped ? [rhsIn, lhsIn] : [lhsIn, rhsIn];
  const rightSigs = new Map<string, Sample>();
  for (const rs of rhs) {
    const k = sig(rs.metric);
    if (rightSigs.has(k)) throw new PromQLEvalError("many-to-many matching not allowed: matching labels must be unique on one side");
    rightSigs.set(k, rs);
  }
  const matched = new Map<string, Set<string> | null>();
  const out: Sample[] = [];
  for (const ls of lhs) {
    const k = sig(ls.metric);
    const rs = rightSigs.get(k);
    if (!rs) continue;
    const [vl, vr] = swapped ? [rs.value, ls.value] : [ls.value, rs.value];
    let [value, keep] = elemBinop(op, vl, vr);
    if (returnBool) {
      value = keep ? 1 : 0;
    } else if (!keep) continue;
    const metric = resultMetric(ls.metric, rs.metric, op, matching);
    if (matching.card === "one-to-one") {
      if (matched.has(k)) throw new PromQLEvalError("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
      matched.set(k, null);
    } else {
      let inserted = matched.get(k);
      if (!inserted) matched.set(k, (inserted = new Set()));
      const mk = labelsKey(metric);
      if (inserted.has(mk)) throw new PromQLEvalError("multiple matches for labels: grouping labels must ensure unique matches");
      inserted.add(mk);
    }
    out.push({ metric, value });
  }
  return out;
}

/** `and`, `or`, `unless`: set operations on label signatures. */
export function setBinop(op: ItemType, lhs: readonly Sample[], rhs: readonly Sample[], matching: VectorMatching): Sample[] {
  const sig = signatureFn(matching);
  if (op === "LOR") {
    const leftSigs = new Set(lhs.map((s) => sig(s.metric)));
    return [...lhs, ...rhs.filter((s) => !leftSigs.has(sig(s.metric)))];
  }
  const rightSigs = new Set(rhs.map((s) => sig(s.metric)));
  return lhs.filter((s) => rightSigs.has(sig(s.metric)) === (op === "LAND"));
}
