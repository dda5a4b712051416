/** Aggregation operators (Prometheus 2.3 engine.go `aggregation`): sum, avg, min, max, count, ... by/without. */
import type { ItemType } from "./lexer.ts";
import { dropMetricName, onlyLabels, setLabel, signatureOn, signatureWithout, withoutLabels, METRIC_NAME, type Labels } from "./labels.ts";
import { isValidLabelName } from "./parser.ts";
import { formatSampleValue } from "./formatValue.ts";
import { quantile } from "./quantiles.ts";
import { PromQLEvalError, type Sample } from "./values.ts";

interface Group {
  labels: Labels;
  value: number;
  squares: number;
  count: number;
  members: Sample[];
}

export function aggregate(op: ItemType, grouping: readonly string[], without: boolean, param: number | string | undefined, vec: readonly Sample[]): Sample[] {
  let k = 0;
  if (op === "TOPK" || op === "BOTTOMK") {
    const f = param as number;
    if (!Number.isFinite(f) || Math.abs(f) > 9.2e18) throw new PromQLEvalError(`Scalar value ${f} overflows int64`);
    k = Math.trunc(f);
    if (k < 1) return [];
  }
  let valueLabel = "";
  let groupBy = [...grouping];
  if (op === "COUNT_VALUES") {
    valueLabel = param as string;
    if (!isValidLabelName(valueLabel)) throw new PromQLEvalError(`invalid label name "${valueLabel}"`);
    if (!without) groupBy.push(valueLabel);
  }
  const withoutNames = [...groupBy, METRIC_NAME];
  const groups = new Map<string, Group>();
  for (const s of vec) {
    let metric = s.metric;
    if (op === "COUNT_VALUES") metric = setLabel(metric, valueLabel, formatSampleValue(s.value));
    const key = without ? signatureWithout(metric, withoutNames) : signatureOn(metric, groupBy);
    const g = groups.get(key);
    if (!g) {
      const labels = without ? withoutLabels(dropMetricName(metric), groupBy) : onlyLabels(metric, groupBy);
      groups.set(key, { labels, value: s.value, squares: s.value * s.value, count: 1, members: [s] });
      continue;
    }
    switch (op) {
      case "SUM": g.value += s.value; break;
      case "AVG": g.value += s.value; g.count++; break;
      case "MAX": if (g.value < s.value || Number.isNaN(g.value)) g.value = s.value; break;
      case "MIN": if (g.value > s.value || Number.isNaN(g.value)) g.value = s.value; break;
      case "COUNT": case "COUNT_VALUES": g.count++; break;
      case "STDDEV": case "STDVAR": g.value += s.value; g.squares += s.value * s.value; g.count++; break;
      case "TOPK": case "BOTTOMK": case "QUANTILE": g.members.push(s); break;
    }
  }
  const out: Sample[] = [];
  for (const g of groups.values()) {
    let value = g.value;
    switch (op) {
      case "AVG": value = g.value / g.count; break;
      case "COUNT": case "COUNT_VALUES": value = g.count; break;
      case "STDVAR": case "STDDEV": {
        const avg = g.value / g.count;
        const variance = g.squares / g.count - avg * avg;
        value = op === "STDDEV" ? Math.sqrt(variance) : variance;
        break;
      }
      case "TOPK": case "BOTTOMK": {
        const sign = op === "TOPK" ? -1 : 1;
        const sorted = [...g.members].sort((a, b) => sign * (a.value - b.value) || 0);
        for (const s of sorted.slice(0, k)) out.push(s);
        continue;
      }
      case "QUANTILE": value = quantile(param as number, g.members.map((m) => m.value)); break;
    }
    out.push({ metric: g.labels, value });
  }
  return out;
}
