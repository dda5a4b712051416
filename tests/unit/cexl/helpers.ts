import { compileExpression, CexlCompileError, type CompiledExpression } from "../../../src/runtime/mixer/cexl/index.ts";
import { Vocabulary } from "../../../src/runtime/mixer/vocabulary.ts";
import type { AttributeBag, AttributeValue } from "../../../src/runtime/mixer/types.ts";

export const vocabulary = Vocabulary.default();

export function compile(src: string): CompiledExpression {
  return compileExpression(src, vocabulary);
}

/** The CexlCompileError message for `src`, failing the test if it compiles. */
export function compileError(src: string): string {
  try {
    compileExpression(src, vocabulary);
  } catch (e) {
    if (e instanceof CexlCompileError) return e.message;
    throw e;
  }
  throw new Error(`expected a compile error for ${JSON.stringify(src)}`);
}

export function bag(values: Record<string, AttributeValue>): AttributeBag {
  return new Map(Object.entries(values));
}

export function evaluate(src: string, values: Record<string, AttributeValue> = {}): AttributeValue {
  return compile(src).evaluate(bag(values));
}

/** The attributes of a request through the egress gateway in the blog (reference §0). */
export const gatewayRequest: Record<string, AttributeValue> = {
  "request.host": "edition.cnn.com",
  "request.path": "/politics",
  "request.time": 1529328178317448,
  "source.labels": { app: "sleep", "pod-template-hash": "6859f9d5cb" },
  "source.namespace": "default",
  "source.service": "sleep.default.svc.cluster.local",
  "source.uid": "kubernetes://sleep-6859f9d5cb-l877h.default",
  "source.ip": "10.0.0.12",
  "destination.service": "istio-egressgateway.istio-system.svc.cluster.local",
  "destination.labels": { istio: "egressgateway" },
  "context.protocol": "http",
  "connection.mtls": false,
  "response.code": 200,
  "response.size": 150448,
  "response.duration": 12_000_000,
};
