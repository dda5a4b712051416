/**
 * kubernetes (ATTRIBUTE_GENERATOR): the inputs the kubernetesenv adapter needs (uids and IPs)
 * and `attribute_bindings` that map the adapter's output (`$out.source_namespace`) back onto
 * attributes, with `|` defaults: `source.namespace: $out.source_namespace | "default"`.
 */
import { compileExpression } from "../cexl/index.ts";
import { CexlCompileError, CexlEvalError, type CompiledExpression, type ValueType } from "../cexl/types.ts";
import { assertKnownFields, attributesRead, compileField, evaluateField, InstanceConfigError, type CompiledField } from "../instanceFields.ts";
import type { AttributeBag, AttributeValue } from "../types.ts";
import type { BuiltInstance, InstanceBuilder, TemplateInfo } from "./template.ts";

/** The adapter's output fields (the template's OutputTemplate). */
export const KUBERNETES_OUTPUT_FIELDS: readonly string[] = ["source", "destination", "origin"].flatMap((p) =>
  ["pod_ip", "pod_name", "labels", "namespace", "service", "service_account_name", "host_ip"].map((f) => `${p}_${f}`));

export interface KubernetesInstance extends BuiltInstance {
  readonly template: "kubernetes";
  readonly sourceUid: string;
  readonly sourceIp: string;
  readonly destinationUid: string;
  readonly destinationIp: string;
  readonly originUid: string;
  readonly originIp: string;
}

export type KubernetesOutput = Readonly<Record<string, AttributeValue>>;

export interface AttributeBinding {
  readonly attribute: string;
  readonly type: ValueType;
  /** `$out.<field>` the binding reads first, if any. */
  readonly outField?: string;
  /** The expression after `|` (or the whole expression when there is no `$out` part). */
  readonly fallback?: CompiledExpression;
}

export interface KubernetesInstanceBuilder extends InstanceBuilder<KubernetesInstance> {
  readonly bindings: readonly AttributeBinding[];
}

const INPUTS: readonly [string, ValueType][] = [
  ["source_uid", "STRING"], ["source_ip", "IP_ADDRESS"], ["destination_uid", "STRING"],
  ["destination_ip", "IP_ADDRESS"], ["origin_uid", "STRING"], ["origin_ip", "IP_ADDRESS"],
];

const OUT_REF = /^\s*\$out\.([A-Za-z0-9_]+)\s*(?:\|([\s\S]*))?$/;

export const kubernetesTemplate: TemplateInfo = {
  name: "kubernetes",
  variety: "attributeGenerator",
  compile(fullName, spec, vocabulary): KubernetesInstanceBuilder {
    assertKnownFields(spec, [...INPUTS.map(([n]) => n), "destination_port", "attribute_bindings"], "kubernetes.InstanceParam");
    const inputs = new Map<string, CompiledField>();
    for (const [name, type] of INPUTS) {
      const source = spec[name] ?? spec[name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())];
      if (source !== undefined) inputs.set(name, compileField(vocabulary, name.split("_").map((p) => p[0].toUpperCase() + p.slice(1)).join(""), source, type));
    }
    const rawBindings = (spec.attribute_bindings ?? spec.attributeBindings ?? {}) as Record<string, unknown>;
    const bindings: AttributeBinding[] = [];
    for (const [attribute, expression] of Object.entries(rawBindings)) {
      const type = vocabulary.typeOf(attribute);
      if (type === undefined) throw new InstanceConfigError(`failed to evaluate expression for field 'AttributeBindings[${attribute}]': unknown attribute ${attribute}`);
      if (typeof expression !== "string") throw new InstanceConfigError(`json: cannot unmarshal ${typeof expression} into Go value of type string (field AttributeBindings[${attribute}])`);
      const m = OUT_REF.exec(expression);
      let outField: string | undefined;
      let rest: string | undefined = expression;
      if (m) {
        outField = m[1];
        rest = m[2];
        if (!KUBERNETES_OUTPUT_FIELDS.includes(outField)) {
          throw new InstanceConfigError(`failed to evaluate expression for field 'AttributeBindings[${attribute}]': unknown attribute $out.${outField}`);
        }
      }
      let fallback: CompiledExpression | undefined;
      if (rest !== undefined && rest.trim() !== "") {
        try {
          fallback = compileExpression(rest, vocabulary);
        } catch (e) {
          if (e instanceof CexlCompileError) throw new InstanceConfigError(`failed to evaluate expression for field 'AttributeBindings[${attribute}]': ${e.message}`);
          throw e;
        }
      }
      bindings.push({ attribute, type, outField, fallback });
    }
    const read = (name: string, bag: AttributeBag): string => {
      const f = inputs.get(name);
      return f ? String(evaluateField(f, bag)) : "";
    };
    return {
      name: fullName,
      template: "kubernetes",
      bindings,
      attributes: attributesRead([...inputs.values()], bindings.map((b) => b.fallback)),
      build(bag): KubernetesInstance {
        return {
          name: fullName,
          template: "kubernetes",
          sourceUid: read("source_uid", bag),
          sourceIp: read("source_ip", bag),
          destinationUid: read("destination_uid", bag),
          destinationIp: read("destination_ip", bag),
          originUid: read("origin_uid", bag),
          originIp: read("origin_ip", bag),
        };
      },
    };
  },
};

/**
 * Applies the bindings to the adapter output: each bound attribute is set from `$out.<field>`
 * when the adapter produced it, else from the default expression; a default that cannot be
 * evaluated leaves the attribute untouched.
 */
export function applyBindings(bindings: readonly AttributeBinding[], output: KubernetesOutput, bag: AttributeBag, into: Map<string, AttributeValue>): void {
  for (const b of bindings) {
    if (b.outField !== undefined) {
      const v = output[b.outField];
      if (v !== undefined) {
        into.set(b.attribute, v);
        continue;
      }
    }
    if (!b.fallback) continue;
    try {
      into.set(b.attribute, b.fallback.evaluate(bag));
    } catch (e) {
      if (!(e instanceof CexlEvalError)) throw e;
    }
  }
}
