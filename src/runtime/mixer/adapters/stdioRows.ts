/**
 * stdio's per-request lines as log-ring rows (see `RowKind` in cluster/logs.ts): a ring keeps
 * the values of each retained logentry in columns (numbers in typed arrays), and the zap line
 * is formatted only when the log is read. One kind per logentry config and output level.
 */
import { RowTable, type RowKind } from "../../cluster/logs.ts";
import type { ValueType } from "../cexl/types.ts";
import type { LogEntryInstance, LogEntryVariable } from "../templates/logentry.ts";
import type { AttributeValue } from "../types.ts";

export type FormatLine = (e: LogEntryInstance, level: number) => string;

/** Value types held as JS numbers (types.ts): kept unboxed in a Float64Array. */
const NUMERIC: ReadonlySet<ValueType> = new Set<ValueType>(["INT64", "DOUBLE", "TIMESTAMP", "DURATION"]);

/**
 * A logentry config's retained rows, row-major: numeric variables in one Float64Array, the others
 * in one array, each row's values side by side. Storing a row is two tight loops over the
 * variables' positions, with no call per value.
 */
class LogEntryTable extends RowTable<LogEntryInstance> {
  private readonly timestamps: Float64Array;
  /** Positions in `variables` of the numeric ones, and of the others. */
  private readonly numeric: readonly number[];
  private readonly other: readonly number[];
  private readonly numbers: Float64Array;
  private readonly values: AttributeValue[];
  /**
   * Values of numeric variables that were not numbers after all (a defensive path: CEXL's types
   * say they are), by their index in `numbers`.
   */
  private notNumbers: Map<number, AttributeValue> | undefined;

  constructor(capacity: number, private readonly kind: LogEntryRowKind) {
    super();
    this.timestamps = new Float64Array(capacity);
    const numeric: number[] = [];
    const other: number[] = [];
    kind.variables.forEach((v, i) => (NUMERIC.has(v.type) ? numeric : other).push(i));
    this.numeric = numeric;
    this.other = other;
    this.numbers = new Float64Array(capacity * numeric.length);
    this.values = new Array<AttributeValue>(capacity * other.length).fill("");
  }

  store(row: number, e: LogEntryInstance): void {
    this.timestamps[row] = e.timestamp ?? Number.NaN;
    const source = e.values;
    const numeric = this.numeric;
    const numbers = this.numbers;
    let at = row * numeric.length;
    for (let i = 0; i < numeric.length; i++, at++) {
      const v = source[numeric[i]];
      if (typeof v === "number") {
        numbers[at] = v;
        this.notNumbers?.delete(at);
      } else (this.notNumbers ??= new Map()).set(at, v);
    }
    const other = this.other;
    const values = this.values;
    at = row * other.length;
    for (let i = 0; i < other.length; i++, at++) values[at] = source[other[i]];
  }

  render(row: number): string {
    const t = this.timestamps[row];
    const values = new Array<AttributeValue>(this.kind.variables.length);
    this.numeric.forEach((v, i) => {
      const at = row * this.numeric.length + i;
      const notNumber = this.notNumbers?.get(at);
      values[v] = notNumber !== undefined ? notNumber : this.numbers[at];
    });
    this.other.forEach((v, i) => (values[v] = this.values[row * this.other.length + i]));
    const entry: LogEntryInstance = {
      name: this.kind.name,
      template: "logentry",
      severity: "",
      timestamp: Number.isNaN(t) ? undefined : t,
      variables: this.kind.variables,
      values,
      monitoredResourceType: "",
    };
    return this.kind.format(entry);
  }
}

class LogEntryRowKind implements RowKind<LogEntryInstance> {
  constructor(
    readonly name: string,
    readonly variables: readonly LogEntryVariable[],
    private readonly formatLine: FormatLine,
    readonly level: number,
  ) {}

  createTable(capacity: number): RowTable<LogEntryInstance> {
    return new LogEntryTable(capacity, this);
  }

  format(e: LogEntryInstance): string {
    return this.formatLine(e, this.level);
  }
}

/** A stdio handler's row kinds, one per logentry config (its variables array) and level. */
export class LogEntryRowKinds {
  private readonly kinds = new Map<readonly LogEntryVariable[], LogEntryRowKind[]>();

  constructor(private readonly formatLine: FormatLine) {}

  /** The last kind returned: a handler mostly logs one instance config at one level. */
  private last: LogEntryRowKind | undefined;

  of(e: LogEntryInstance, level: number): RowKind<LogEntryInstance> {
    const last = this.last;
    if (last !== undefined && last.variables === e.variables && last.level === level && last.name === e.name) return last;
    let byLevel = this.kinds.get(e.variables);
    if (!byLevel) this.kinds.set(e.variables, (byLevel = []));
    let kind = byLevel[level];
    if (!kind || kind.name !== e.name) kind = byLevel[level] = new LogEntryRowKind(e.name, e.variables, this.formatLine, level);
    this.last = kind;
    return kind;
  }
}
