/** The 0.8 attribute vocabulary (reference §2.1) and building it from attributemanifest objects. */
import { describe, expect, it } from "vitest";
import { compileExpression, CexlCompileError } from "../../../src/runtime/mixer/cexl/index.ts";
import {
  DEFAULT_ATTRIBUTE_MANIFESTS, ISTIO_08_ATTRIBUTES, ISTIOPROXY_MANIFEST_SPEC, KUBERNETES_MANIFEST_SPEC, Vocabulary,
} from "../../../src/runtime/mixer/vocabulary.ts";

describe("ISTIO_08_ATTRIBUTES", () => {
  it("has the reference's types for the attributes the blog uses", () => {
    expect(ISTIO_08_ATTRIBUTES["request.host"]).toBe("STRING");
    expect(ISTIO_08_ATTRIBUTES["request.path"]).toBe("STRING");
    expect(ISTIO_08_ATTRIBUTES["request.headers"]).toBe("STRING_MAP");
    expect(ISTIO_08_ATTRIBUTES["request.time"]).toBe("TIMESTAMP");
    expect(ISTIO_08_ATTRIBUTES["request.size"]).toBe("INT64");
    expect(ISTIO_08_ATTRIBUTES["request.total_size"]).toBe("INT64");
    expect(ISTIO_08_ATTRIBUTES["response.code"]).toBe("INT64");
    expect(ISTIO_08_ATTRIBUTES["response.size"]).toBe("INT64");
    expect(ISTIO_08_ATTRIBUTES["response.duration"]).toBe("DURATION");
    expect(ISTIO_08_ATTRIBUTES["source.ip"]).toBe("IP_ADDRESS");
    expect(ISTIO_08_ATTRIBUTES["source.uid"]).toBe("STRING");
    expect(ISTIO_08_ATTRIBUTES["source.labels"]).toBe("STRING_MAP");
    expect(ISTIO_08_ATTRIBUTES["source.namespace"]).toBe("STRING");
    expect(ISTIO_08_ATTRIBUTES["source.service"]).toBe("STRING");
    expect(ISTIO_08_ATTRIBUTES["source.user"]).toBe("STRING");
    expect(ISTIO_08_ATTRIBUTES["destination.service"]).toBe("STRING");
    expect(ISTIO_08_ATTRIBUTES["destination.labels"]).toBe("STRING_MAP");
    expect(ISTIO_08_ATTRIBUTES["connection.mtls"]).toBe("BOOL");
    expect(ISTIO_08_ATTRIBUTES["context.protocol"]).toBe("STRING");
    expect(ISTIO_08_ATTRIBUTES["context.time"]).toBe("TIMESTAMP");
    expect(ISTIO_08_ATTRIBUTES["check.error_code"]).toBe("INT64");
    expect(ISTIO_08_ATTRIBUTES["check.error_message"]).toBe("STRING");
  });

  it("has no 1.0-only attributes", () => {
    for (const name of ["source.workload.name", "destination.service.host", "context.reporter.kind", "source.principal"]) {
      expect(ISTIO_08_ATTRIBUTES[name]).toBeUndefined();
    }
  });
});

describe("default manifests", () => {
  it("are istioproxy and kubernetes in istio-system, in Mixer's YAML shape", () => {
    expect(DEFAULT_ATTRIBUTE_MANIFESTS.map((m) => `${m.namespace}/${m.name}`)).toEqual(["istio-system/istioproxy", "istio-system/kubernetes"]);
    expect(ISTIOPROXY_MANIFEST_SPEC.attributes?.["request.host"]).toEqual({ valueType: "STRING" });
    expect(KUBERNETES_MANIFEST_SPEC.attributes?.["source.labels"]).toEqual({ valueType: "STRING_MAP" });
    expect(KUBERNETES_MANIFEST_SPEC.attributes?.["request.host"]).toBeUndefined();
  });

  it("rebuild the default vocabulary", () => {
    const v = Vocabulary.fromManifests(DEFAULT_ATTRIBUTE_MANIFESTS.map((m) => m.spec));
    expect(v.problems).toEqual([]);
    expect(v.names()).toEqual(Vocabulary.default().names());
    expect(v.typeOf("source.labels")).toBe("STRING_MAP");
  });
});

describe("Vocabulary.fromManifests", () => {
  it("reads EMAIL_ADDRESS and reports unknown value types", () => {
    const v = Vocabulary.fromManifests([
      { attributes: { "my.mail": { valueType: "EMAIL_ADDRESS" }, "my.bad": { valueType: "STRNG" }, "my.none": {} } },
    ]);
    expect(v.typeOf("my.mail")).toBe("EMAIL");
    expect(v.typeOf("my.bad")).toBeUndefined();
    expect(v.problems).toEqual([
      'attribute my.bad: unknown value "STRNG" for enum istio.policy.v1beta1.ValueType',
      "attribute my.none: valueType is required",
    ]);
  });

  it("without the kubernetes manifest, source.labels is an unknown attribute", () => {
    const v = Vocabulary.fromManifests([ISTIOPROXY_MANIFEST_SPEC]);
    expect(() => compileExpression('source.labels["app"] | "unknown"', v)).toThrow(new CexlCompileError("unknown attribute source.labels"));
    expect(compileExpression('request.host == "x"', v).type).toBe("BOOL");
  });

  it("tolerates junk specs", () => {
    const v = Vocabulary.fromManifests([null, undefined, {}, { attributes: { x: null } }]);
    expect(v.names()).toEqual([]);
    expect(v.problems).toEqual(["attribute x: valueType is required"]);
  });
});
