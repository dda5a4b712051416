/** listentry (CHECK): one STRING `value`, checked against a list by listchecker. */
import { assertKnownFields, attributesRead, compileField, evaluateField } from "../instanceFields.ts";
import type { BuiltInstance, TemplateInfo } from "./template.ts";

export interface ListEntryInstance extends BuiltInstance {
  readonly template: "listentry";
  readonly value: string;
}

export const listentryTemplate: TemplateInfo = {
  name: "listentry",
  variety: "check",
  compile(fullName, spec, vocabulary) {
    assertKnownFields(spec, ["value"], "listentry.InstanceParam");
    const value = spec.value === undefined ? undefined : compileField(vocabulary, "Value", spec.value, "STRING");
    return {
      name: fullName,
      template: "listentry",
      attributes: attributesRead([value]),
      build(bag): ListEntryInstance {
        return { name: fullName, template: "listentry", value: value ? (evaluateField(value, bag) as string) : "" };
      },
    };
  },
};
