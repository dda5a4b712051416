/**
 * Label sets as the query engine handles them: plain records whose keys are kept in byte order
 * (so JSON output lists them as Prometheus' Go maps do), plus the signatures used for grouping
 * and vector matching.
 */
export type Labels = Readonly<Record<string, string>>;

export const METRIC_NAME = "__name__";

const SEP = "\u00ff";

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A copy with keys sorted and empty values dropped (an empty label is an absent label). */
export function sortedLabels(input: Readonly<Record<string, string>>): Labels {
  const out: Record<string, string> = {};
  for (const k of Object.keys(input).sort(byteOrder)) if (input[k] !== "") out[k] = input[k];
  return out;
}

/** Series identity: the sorted label set as one string. */
export function labelsKey(l: Labels): string {
  let key = "";
  for (const k of Object.keys(l)) key += k + SEP + l[k] + SEP;
  return key;
}

/** Signature over only `names` (on(...), by(...)). */
export function signatureOn(l: Labels, names: readonly string[]): string {
  let key = "";
  for (const n of [...names].sort(byteOrder)) if (l[n] !== undefined) key += n + SEP + l[n] + SEP;
  return key;
}

/** Signature over all labels except `names` (ignoring(...), without(...)). */
export function signatureWithout(l: Labels, names: readonly string[]): string {
  let key = "";
  for (const k of Object.keys(l)) if (!names.includes(k)) key += k + SEP + l[k] + SEP;
  return key;
}

export function withoutLabels(l: Labels, names: readonly string[]): Labels {
  const out: Record<string, string> = {};
  for (const k of Object.keys(l)) if (!names.includes(k)) out[k] = l[k];
  return out;
}

export function onlyLabels(l: Labels, names: readonly string[]): Labels {
  const out: Record<string, string> = {};
  for (const k of Object.keys(l)) if (names.includes(k)) out[k] = l[k];
  return out;
}

export function dropMetricName(l: Labels): Labels {
  return l[METRIC_NAME] === undefined ? l : withoutLabels(l, [METRIC_NAME]);
}

/** Sets (or, with an empty value, deletes) one label, keeping the key order. */
export function setLabel(l: Labels, name: string, value: string): Labels {
  return sortedLabels({ ...l, [name]: value });
}

/** labels.Compare: pairwise by name then value, shorter first. */
export function compareLabels(a: Labels, b: Labels): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const d = byteOrder(ka[i], kb[i]) || byteOrder(a[ka[i]], b[kb[i]]);
    if (d !== 0) return d;
  }
  return ka.length - kb.length;
}
