/**
 * logentry (REPORT): severity, timestamp, variables, monitored_resource_type. Variables are kept
 * sorted byte-wise at config time, the order the stdio adapter writes them in.
 */
import type { ValueType } from "../cexl/types.ts";
import { assertKnownFields, compileField, evaluateField, expressionMap, type CompiledField } from "../instanceFields.ts";
import type { AttributeValue } from "../types.ts";
import type { BuiltInstance, TemplateInfo } from "./template.ts";

export interface LogEntryVariable {
  readonly key: string;
  readonly type: ValueType;
}

export interface LogEntryInstance extends BuiltInstance {
  readonly template: "logentry";
  readonly severity: string;
  /** µs since the epoch; undefined when the instance has no timestamp (Go's zero time). */
  readonly timestamp: number | undefined;
  /** Shared per instance config, sorted by key; `values[i]` belongs to `variables[i]`. */
  readonly variables: readonly LogEntryVariable[];
  readonly values: readonly AttributeValue[];
  readonly monitoredResourceType: string;
}

const FIELDS = ["severity", "timestamp", "variables", "monitored_resource_type", "monitored_resource_dimensions"];

export const logentryTemplate: TemplateInfo = {
  name: "logentry",
  variety: "report",
  compile(fullName, spec, vocabulary) {
    assertKnownFields(spec, FIELDS, "logentry.InstanceParam");
    const severity = spec.severity === undefined ? undefined : compileField(vocabulary, "Severity", spec.severity, "STRING");
    const timestamp = spec.timestamp === undefined ? undefined : compileField(vocabulary, "Timestamp", spec.timestamp, "TIMESTAMP");
    const mrtSource = spec.monitored_resource_type ?? spec.monitoredResourceType;
    const mrt = mrtSource === undefined ? undefined : compileField(vocabulary, "MonitoredResourceType", mrtSource, "STRING");
    const vars = expressionMap(spec, "variables", "variables", "Variables");
    const keys = Object.keys(vars).sort();
    const fields: CompiledField[] = keys.map((k) => compileField(vocabulary, `Variables[${k}]`, vars[k]));
    const dims = expressionMap(spec, "monitored_resource_dimensions", "monitoredResourceDimensions", "MonitoredResourceDimensions");
    const dimFields = Object.keys(dims).map((k) => compileField(vocabulary, `MonitoredResourceDimensions[${k}]`, dims[k]));
    const variables: LogEntryVariable[] = keys.map((key, i) => ({ key, type: fields[i].type }));
    // stdio (the only adapter for logentry) copies what it keeps into its log's columns, so one
    // instance object per config is refilled by every build instead of a new one per request.
    const values = new Array<AttributeValue>(fields.length).fill("");
    const instance = {
      name: fullName,
      template: "logentry" as const,
      severity: "",
      timestamp: undefined as number | undefined,
      variables,
      values,
      monitoredResourceType: "",
    };
    return {
      name: fullName,
      template: "logentry",
      build(bag): LogEntryInstance {
        for (let i = 0; i < fields.length; i++) values[i] = evaluateField(fields[i], bag);
        for (const d of dimFields) evaluateField(d, bag); // evaluated (and may fail) though stdio ignores them
        instance.severity = severity ? (evaluateField(severity, bag) as string) : "";
        instance.timestamp = timestamp ? (evaluateField(timestamp, bag) as number) : undefined;
        instance.monitoredResourceType = mrt ? (evaluateField(mrt, bag) as string) : "";
        return instance;
      },
    };
  },
};
