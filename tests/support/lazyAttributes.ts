/**
 * Values the gateway filter's bag computes on first read, for tests of what reads them: a
 * counted lazy value, and request headers that answer single keys without building the map.
 */
import type { AttributeValue } from "../../src/runtime/mixer/types.ts";
import { LazyAttribute, LazyStringMap } from "../../src/runtime/proxy/request-attributes.ts";

/** A value computed on first read, counting its computations. */
export class CountedLazy extends LazyAttribute {
  computed = 0;
  constructor(private readonly value: AttributeValue) {
    super();
  }
  materialize(): AttributeValue {
    this.computed++;
    return this.value;
  }
}

/** Request headers built on first read, answering single keys without the map; counts the builds. */
export class LazyHeaders extends LazyStringMap {
  built = 0;
  constructor(private readonly headers: Record<string, string>) {
    super();
  }
  materialize(): Record<string, string> {
    this.built++;
    return { ...this.headers };
  }
  entry(key: string): string | undefined {
    return Object.prototype.hasOwnProperty.call(this.headers, key) ? this.headers[key] : undefined;
  }
}
