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

/** One variable's values, by row. */
interface Column {
  store(row: number, value: AttributeValue): void;
  read(row: number): AttributeValue;
}

class NumberColumn implements Column {
  private readonly numbers: Float64Array;
  /** Values that were not numbers after all (a defensive path: CEXL's types say they are). */
  private others: Map<number, AttributeValue> | undefined;

  constructor(capacity: number) {
    this.numbers = new Float64Array(capacity);
  }

  store(row: number, value: AttributeValue): void {
    if (typeof value === "number") {
      this.numbers[row] = value;
      this.others?.delete(row);
    } else (this.others ??= new Map()).set(row, value);
  }

  read(row: number): AttributeValue {
    const other = this.others?.get(row);
    return other !== undefined ? other : this.numbers[row];
  }
}

class ValueColumn implements Column {
  private readonly values: AttributeValue[];

  constructor(capacity: number) {
    this.values = new Array<AttributeValue>(capacity).fill("");
  }

  store(row: number, value: AttributeValue): void {
    this.values[row] = value;
  }

  read(row: number): AttributeValue {
    return this.values[row];
  }
}

class LogEntryTable extends RowTable<LogEntryInstance> {
  private readonly timestamps: Float64Array;
  private readonly columns: Column[];

  constructor(capacity: number, private readonly kind: LogEntryRowKind) {
    super();
    this.timestamps = new Float64Array(capacity);
    this.columns = kind.variables.map((v) => (NUMERIC.has(v.type) ? new NumberColumn(capacity) : new ValueColumn(capacity)));
  }

  store(row: number, e: LogEntryInstance): void {
    this.timestamps[row] = e.timestamp ?? Number.NaN;
    const columns = this.columns;
    for (let i = 0; i < columns.length; i++) columns[i].store(row, e.values[i]);
  }

  render(row: number): string {
    const t = this.timestamps[row];
    const entry: LogEntryInstance = {
      name: this.kind.name,
      template: "logentry",
      severity: "",
      timestamp: Number.isNaN(t) ? undefined : t,
      variables: this.kind.variables,
      values: this.columns.map((c) => c.read(row)),
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
