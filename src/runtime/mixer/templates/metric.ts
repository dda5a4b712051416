/** metric (REPORT): a `value` and named `dimensions`, consumed by the prometheus adapter. */
import type { ValueType } from "../cexl/types.ts";
import { assertKnownFields, compileField, evaluateField, expressionMap } from "../instanceFields.ts";
import type { AttributeValue } from "../types.ts";
import type { BuiltInstance, TemplateInfo } from "./template.ts";

export interface MetricInstance extends BuiltInstance {
  readonly template: "metric";
  readonly value: AttributeValue;
  readonly valueType: ValueType;
  /** Shared per instance config; `dimensionValues[i]` belongs to `dimensionNames[i]`. */
  readonly dimensionNames: readonly string[];
  readonly dimensionTypes: readonly ValueType[];
  readonly dimensionValues: readonly AttributeValue[];
}

const FIELDS = ["value", "dimensions", "monitored_resource_type", "monitored_resource_dimensions"];

export const metricTemplate: TemplateInfo = {
  name: "metric",
  variety: "report",
  compile(fullName, spec, vocabulary) {
    assertKnownFields(spec, FIELDS, "metric.InstanceParam");
    const value = spec.value === undefined ? undefined : compileField(vocabulary, "Value", spec.value);
    const dims = expressionMap(spec, "dimensions", "dimensions", "Dimensions");
    const names = Object.keys(dims);
    const fields = names.map((k) => compileField(vocabulary, `Dimensions[${k}]`, dims[k]));
    const types = fields.map((f) => f.type);
    const mrtSource = spec.monitored_resource_type ?? spec.monitoredResourceType;
    const mrt = mrtSource === undefined ? undefined : compileField(vocabulary, "MonitoredResourceType", mrtSource, "STRING");
    // The adapters that take metrics keep nothing of an instance (prometheus's series copy their
    // label values; stdio ignores metrics), so one instance object per config is refilled by
    // every build instead of a new one per request.
    const values = new Array<AttributeValue>(fields.length);
    const instance = {
      name: fullName,
      template: "metric" as const,
      value: 0 as AttributeValue,
      valueType: value ? value.type : "INT64" as ValueType,
      dimensionNames: names,
      dimensionTypes: types,
      dimensionValues: values,
    };
    return {
      name: fullName,
      template: "metric",
      build(bag): MetricInstance {
        for (let i = 0; i < fields.length; i++) values[i] = evaluateField(fields[i], bag);
        if (mrt) evaluateField(mrt, bag);
        instance.value = value ? evaluateField(value, bag) : 0;
        return instance;
      },
    };
  },
};
