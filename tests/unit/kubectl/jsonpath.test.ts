import { describe, expect, it } from "vitest";
import { compileJsonPath, JsonPathExecError, JsonPathParseError } from "../../../src/runtime/shell/kubectl/jsonpath.ts";

const list = {
  apiVersion: "v1",
  kind: "List",
  items: [
    { metadata: { name: "sleep-a", labels: { app: "sleep" } }, spec: { ports: [{ name: "http", port: 80 }, { name: "https", port: 443 }] }, status: { phase: "Running" } },
    { metadata: { name: "sleep-b", labels: { app: "sleep" } }, spec: { ports: [{ name: "grpc", port: 15004 }] }, status: { phase: "Pending" } },
  ],
};
const run = (tpl: string, data: unknown = list, opts = { floats: false, allowMissingKeys: true }) => compileJsonPath(tpl).execute(data, opts);

describe("Kubernetes JSONPath", () => {
  it("{.items[0].metadata.name} (the blog's telemetry pod lookup)", () => {
    expect(run("{.items[0].metadata.name}")).toBe("sleep-a");
  });

  it("{.items..metadata.name}: every match, space-separated, no trailing newline", () => {
    expect(run("{.items..metadata.name}")).toBe("sleep-a sleep-b");
  });

  it("{.items[*].metadata.name} and literal text around actions", () => {
    expect(run("names: {.items[*].metadata.name}!")).toBe("names: sleep-a sleep-b!");
  });

  it("range/end with quoted newline; text after {end} prints once", () => {
    expect(run('{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}done')).toBe("sleep-a\tRunning\nsleep-b\tPending\ndone");
  });

  it("filters with == and numeric comparisons", () => {
    expect(run('{.items[*].spec.ports[?(@.name=="https")].port}')).toBe("443");
    expect(run("{.items[*].spec.ports[?(@.port>100)].name}")).toBe("https grpc");
    expect(run("{.items[?(@.status)].metadata.name}")).toBe("sleep-a sleep-b");
  });

  it("int literal vs float64 data is a type mismatch, as in Go's template funcs", () => {
    expect(() => run("{.items[0].spec.ports[?(@.port==80)].name}", list, { floats: true, allowMissingKeys: true })).toThrow("incompatible types for comparison");
  });

  it("slices, negative indexes, unions and wildcards", () => {
    expect(run("{.items[0].spec.ports[0:1].name}")).toBe("http");
    expect(run("{.items[-1].metadata.name}")).toBe("sleep-b");
    expect(run("{.items[0].spec.ports[0,1].port}")).toBe("80 443");
    expect(run("{.items[0].metadata.labels.*}")).toBe("sleep");
    expect(run("{.items[0]['metadata']['name']}")).toBe("sleep-a");
  });

  it("prints maps and lists the way Go's fmt does (1.10 has no JSON output here)", () => {
    expect(run("{.items[0].metadata.labels}")).toBe("map[app:sleep]");
    expect(run("{.items[1].spec.ports}")).toBe("[map[name:grpc port:15004]]");
    expect(run("{.x}", { x: 1500000 }, { floats: true, allowMissingKeys: true })).toBe("1.5e+06");
    expect(run("{.x}", { x: 1500000 })).toBe("1500000");
  });

  it("missing keys print nothing by default, and fail with allowMissingKeys off", () => {
    expect(run("{.items[0].nope}")).toBe("");
    expect(() => run("{.items[0].nope}", list, { floats: false, allowMissingKeys: false })).toThrow("nope is not found");
  });

  it("index out of bounds is an error", () => {
    const err = (() => {
      try {
        run("{.items[0].metadata.name}", { items: [] });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(JsonPathExecError);
    expect((err as Error).message).toBe("array index out of bounds: index 0, length 0");
  });

  it("parse errors carry the library's messages", () => {
    const msg = (tpl: string) => {
      try {
        compileJsonPath(tpl);
        return "";
      } catch (e) {
        expect(e).toBeInstanceOf(JsonPathParseError);
        return (e as Error).message;
      }
    };
    expect(msg("{.foo")).toBe("unclosed action");
    expect(msg("{.items[0}")).toBe("unterminated array");
    expect(msg('{"abc}')).toBe("unterminated quoted string");
    expect(msg("{.items[a]}")).toBe("invalid array index a");
    expect(msg("{#}")).toBe("unrecognized character in action: U+0023 '#'");
  });

  it("{end} outside a range is an execution error", () => {
    expect(() => run("{end}")).toThrow("not in range, nothing to end");
  });

  it("text without braces is printed literally", () => {
    expect(run(".items[0].metadata.name")).toBe(".items[0].metadata.name");
  });
});
