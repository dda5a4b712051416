/** checknothing (CHECK) and reportnothing (REPORT): instances without fields. */
import { assertKnownFields } from "../instanceFields.ts";
import type { BuiltInstance, TemplateInfo, Variety } from "./template.ts";

function nothingTemplate(name: "checknothing" | "reportnothing", variety: Variety): TemplateInfo {
  return {
    name,
    variety,
    compile(fullName, spec) {
      assertKnownFields(spec, [], `${name}.InstanceParam`);
      const instance: BuiltInstance = { name: fullName, template: name };
      return { name: fullName, template: name, attributes: [], build: () => instance };
    },
  };
}

export const checknothingTemplate = nothingTemplate("checknothing", "check");
export const reportnothingTemplate = nothingTemplate("reportnothing", "report");
