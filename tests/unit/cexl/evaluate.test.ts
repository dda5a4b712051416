/**
 * Evaluation semantics of CEXL (reference §2.2 and §2.3): operators, functions, `|` defaults,
 * missing attributes and map keys, and the blog's own expressions.
 */
import { describe, expect, it } from "vitest";
import { CexlEvalError, evaluateWithInputs } from "../../../src/runtime/mixer/cexl/index.ts";
import { bag, compile, compileError, evaluate, gatewayRequest } from "./helpers.ts";

function evalError(src: string, values: Record<string, unknown> = {}): string {
  try {
    compile(src).evaluate(bag(values as never));
  } catch (e) {
    if (e instanceof CexlEvalError) return e.message;
    throw e;
  }
  throw new Error(`expected an evaluation error for ${src}`);
}

describe("the blog's expressions", () => {
  const politics = 'request.host.endsWith("cnn.com") && request.path.startsWith("/politics")';

  it("handle-politics matches /politics on cnn.com only", () => {
    expect(compile(politics).type).toBe("BOOL");
    expect(evaluate(politics, gatewayRequest)).toBe(true);
    expect(evaluate(politics, { ...gatewayRequest, "request.path": "/sport" })).toBe(false);
    expect(evaluate(politics, { ...gatewayRequest, "request.host": "example.com" })).toBe(false);
    // request.path includes the query string, and startsWith sees it.
    expect(evaluate(politics, { ...gatewayRequest, "request.path": "/politics?x=1" })).toBe(true);
  });

  it("the namespace exception", () => {
    const src = `${politics} && source.namespace != "politics"`;
    expect(evaluate(src, gatewayRequest)).toBe(true);
    expect(evaluate(src, { ...gatewayRequest, "source.namespace": "politics" })).toBe(false);
  });

  it("handle-cnn-access", () => {
    expect(evaluate('request.host.endsWith(".cnn.com")', gatewayRequest)).toBe(true);
    expect(evaluate('request.host.endsWith(".cnn.com")', { "request.host": "cnn.com" })).toBe(false);
  });

  it("the logentry variables", () => {
    expect(evaluate('source.labels["app"] | source.service | "unknown"', gatewayRequest)).toBe("sleep");
    expect(evaluate('source.labels["app"] | source.service | "unknown"', { "source.labels": {}, "source.service": "x.default.svc.cluster.local" })).toBe("x.default.svc.cluster.local");
    expect(evaluate('source.labels["app"] | source.service | "unknown"', {})).toBe("unknown");
    expect(evaluate('source.user | "unknown"', gatewayRequest)).toBe("unknown");
    expect(evaluate('request.host | "unknown"', gatewayRequest)).toBe("edition.cnn.com");
    expect(evaluate("response.code | 0", gatewayRequest)).toBe(200);
    expect(evaluate("response.code | 0", {})).toBe(0);
    expect(evaluate("response.size | 0", gatewayRequest)).toBe(150448);
    expect(evaluate('"info"', gatewayRequest)).toBe("info");
    expect(evaluate("request.time", gatewayRequest)).toBe(1529328178317448);
    expect(evaluate('response.duration | "0ms"', {})).toBe(0);
    expect(compile('"UNSPECIFIED"').type).toBe("STRING");
  });

  it("listentry value and prometheus dimensions", () => {
    expect(evaluate("request.path", gatewayRequest)).toBe("/politics");
    expect(evaluate('source.labels["version"] | "unknown"', gatewayRequest)).toBe("unknown");
    expect(evaluate('destination.labels["version"] | "unknown"', gatewayRequest)).toBe("unknown");
    expect(evaluate("connection.mtls | false", gatewayRequest)).toBe(false);
    expect(evaluate("response.code | 200", {})).toBe(200);
  });
});

describe("| tests presence, not emptiness", () => {
  it("an attribute present as the empty string is taken", () => {
    expect(evaluate('request.host | "default"', { "request.host": "" })).toBe("");
    expect(evaluate('source.labels["app"] | "x"', { "source.labels": { app: "" } })).toBe("");
  });
  it("the right side is evaluated only when needed", () => {
    expect(evaluate("request.host | request.path", { "request.host": "h" })).toBe("h");
    expect(evaluate("request.host | request.path", { "request.path": "/p" })).toBe("/p");
  });
  it("the last operand is required", () => {
    expect(evalError("request.host | request.path")).toBe("lookup failed: 'request.path'");
  });
  it("a call on a missing attribute still fails inside |", () => {
    expect(evalError('request.host.endsWith("x") | false')).toBe("lookup failed: 'request.host'");
  });
  it("both sides must have one type", () => {
    expect(compileError('response.code | "0"')).toBe('OR($response.code, "0") arg 2 ("0") typeError got DURATION, expected INT64');
    expect(compileError('response.code | "x"')).toBe('OR($response.code, "x") arg 2 ("x") typeError got STRING, expected INT64');
  });
});

describe("missing attributes and map keys", () => {
  it("lookup failed for an absent attribute", () => {
    expect(evalError('request.host.endsWith("cnn.com")')).toBe("lookup failed: 'request.host'");
    expect(evalError('request.host == "x"')).toBe("lookup failed: 'request.host'");
  });
  it("member lookup failed for an absent key", () => {
    expect(evalError('source.labels["app"] == "sleep"', { "source.labels": { version: "v1" } })).toBe("member lookup failed: 'app'");
  });
  it("an absent map is a lookup failure of the map", () => {
    expect(evalError('source.labels["app"]')).toBe("lookup failed: 'source.labels'");
  });
  it("keys are exact and prototype names are not keys", () => {
    expect(evalError('source.labels["constructor"]', { "source.labels": {} })).toBe("member lookup failed: 'constructor'");
    expect(evaluate('source.labels["App"] | "none"', { "source.labels": { app: "sleep" } })).toBe("none");
  });
  it("computed keys", () => {
    expect(evaluate("request.headers[request.host]", { "request.headers": { a: "1" }, "request.host": "a" })).toBe("1");
    expect(evaluate('request.headers[request.host] | "d"', { "request.headers": { a: "1" } })).toBe("d");
  });
});

describe("&& and || short-circuit and take BOOL only", () => {
  it("does not evaluate the right side when the left decides", () => {
    expect(evaluate('false && request.host == "x"')).toBe(false);
    expect(evaluate('true || request.host == "x"')).toBe(true);
    expect(evalError('true && request.host == "x"')).toBe("lookup failed: 'request.host'");
  });
  it("rejects non-BOOL operands", () => {
    expect(compileError('request.host && true')).toBe("LAND($request.host, true) arg 1 ($request.host) typeError got STRING, expected BOOL");
    expect(compileError("true || 1")).toBe("LOR(true, 1) arg 2 (1) typeError got INT64, expected BOOL");
  });
});

describe("== and !=", () => {
  it("compare strings, integers, doubles and booleans", () => {
    expect(evaluate('request.host == "edition.cnn.com"', gatewayRequest)).toBe(true);
    expect(evaluate('request.host != "edition.cnn.com"', gatewayRequest)).toBe(false);
    expect(evaluate("response.code == 200", gatewayRequest)).toBe(true);
    expect(evaluate("response.code != 404", gatewayRequest)).toBe(true);
    expect(evaluate("1.5 == 1.5")).toBe(true);
    expect(evaluate("connection.mtls == false", gatewayRequest)).toBe(true);
    expect(evaluate("request.host == request.path", { "request.host": "a", "request.path": "a" })).toBe(true);
  });
  it("need both sides of one type", () => {
    expect(compileError("request.host == 200")).toBe("EQ($request.host, 200) arg 2 (200) typeError got INT64, expected STRING");
    expect(compileError('response.code == "200"')).toBe('EQ($response.code, "200") arg 2 ("200") typeError got STRING, expected INT64');
    // A duration-looking literal is a DURATION, so it cannot be compared with a path.
    expect(compileError('request.path == "1h"')).toBe('EQ($request.path, "1h") arg 2 ("1h") typeError got DURATION, expected STRING');
  });
  it("IP addresses compare semantically (ip_equal)", () => {
    expect(evaluate('source.ip == ip("10.0.0.12")', gatewayRequest)).toBe(true);
    expect(evaluate('source.ip == ip("::ffff:10.0.0.12")', gatewayRequest)).toBe(true);
    expect(evaluate('ip("2001:db8::1") == ip("2001:0db8:0:0:0:0:0:1")')).toBe(true);
    expect(evaluate('source.ip != ip("10.0.0.13")', gatewayRequest)).toBe(true);
  });
  it("timestamps compare by instant", () => {
    expect(evaluate('timestamp("2018-06-18T13:22:58.317448Z") == request.time', gatewayRequest)).toBe(true);
    expect(evaluate('timestamp("2018-06-18T15:22:58.317448+02:00") == request.time', gatewayRequest)).toBe(true);
  });
  it("DNS names, e-mails and URIs compare semantically", () => {
    expect(evaluate('dnsName("Edition.CNN.com.") == dnsName("edition.cnn.com")')).toBe(true);
    expect(evaluate('email("a@CNN.com") == email("a@cnn.com")')).toBe(true);
    expect(evaluate('email("A@cnn.com") == email("a@cnn.com")')).toBe(false);
    expect(evaluate('uri("HTTP://Edition.cnn.com/politics") == uri("http://edition.cnn.com/politics")')).toBe(true);
    expect(evaluate('uri("http://edition.cnn.com/Politics") == uri("http://edition.cnn.com/politics")')).toBe(false);
  });
  it("durations and maps have no equality in 0.8's compiler", () => {
    expect(compileError('response.duration == "1s"')).toBe("internal compiler error -- equality for type not yet implemented: Duration");
    expect(compileError("source.labels == emptyStringMap()")).toBe("internal compiler error -- equality for type not yet implemented: Interface");
  });
});

describe("functions", () => {
  it("startsWith / endsWith on strings", () => {
    expect(evaluate('request.path.startsWith("/pol")', gatewayRequest)).toBe(true);
    expect(evaluate('request.path.endsWith("tics")', gatewayRequest)).toBe(true);
    expect(evaluate('request.path.startsWith(request.path)', gatewayRequest)).toBe(true);
    expect(compileError('response.code.startsWith("2")')).toBe('$response.code:startsWith("2") target typeError got INT64, expected STRING');
    expect(compileError("request.path.startsWith(1)")).toBe("$request.path:startsWith(1) arg 1 (1) typeError got INT64, expected STRING");
    expect(compileError('startsWith("x")')).toBe("invoking instance method without an instance: startsWith");
  });

  it("matches: the receiver is the RE2 pattern, and the match is unanchored", () => {
    expect(evaluate('"svc.*".matches(destination.service)', { "destination.service": "my-svc-1" })).toBe(true);
    expect(evaluate('"politics".matches(request.path)', gatewayRequest)).toBe(true);
    expect(evaluate('"^/politics$".matches(request.path)', { "request.path": "/politics?x" })).toBe(false);
    expect(evaluate('"/health|/sport".matches(request.path)', { "request.path": "/sport/football" })).toBe(true);
    expect(evaluate('request.path.matches("/politics/x")', { "request.path": "/pol.*" })).toBe(true);
  });

  it("literal and anchored patterns keep RE2 semantics", () => {
    const host = { "request.host": "edition.cnn.com" };
    expect(evaluate('"\\\\.com$".matches(request.host)', host)).toBe(true);
    expect(evaluate('"cnn\\\\.com".matches(request.host)', { "request.host": "cnnxcom" })).toBe(false);
    expect(evaluate('"cnn.com".matches(request.host)', { "request.host": "cnnxcom" })).toBe(true);
    expect(evaluate('"^edition".matches(request.host)', host)).toBe(true);
    expect(evaluate('"^cnn".matches(request.host)', host)).toBe(false);
    expect(evaluate('"^edition.cnn.com$".matches(request.host)', host)).toBe(true);
    expect(evaluate('"(?i)EDITION".matches(request.host)', host)).toBe(true);
    expect(evaluate('"".matches(request.host)', host)).toBe(true);
    // The same compiled pattern gives the same verdicts on repeated inputs (results are memoised).
    const e = compile('"^/(health|sport)".matches(request.path)');
    for (let i = 0; i < 3; i++) {
      expect(e.evaluate(new Map([["request.path", "/sport"]]))).toBe(true);
      expect(e.evaluate(new Map([["request.path", "/politics"]]))).toBe(false);
    }
  });

  it("a bad pattern fails at evaluation with Go's regexp error", () => {
    expect(compile('"(".matches(request.path)').type).toBe("BOOL");
    expect(evalError('"(".matches(request.path)', gatewayRequest)).toBe("error parsing regexp: missing closing ): `(`");
    expect(evalError("request.host.matches(request.path)", { "request.host": "[", "request.path": "a" })).toBe("error parsing regexp: missing closing ]: `[`");
  });

  it("RE2 has no catastrophic backtracking (a backtracking engine would never finish: the test would time out)", () => {
    expect(evaluate('"(a+)+$".matches(request.path)', { "request.path": "a".repeat(5000) + "!" })).toBe(false);
  });

  it("match(): one * as prefix or suffix glob, otherwise exact", () => {
    expect(evaluate('match(request.host, "edition.*")', gatewayRequest)).toBe(true);
    expect(evaluate('match(request.host, "*.cnn.com")', gatewayRequest)).toBe(true);
    expect(evaluate('match(request.host, "edition.cnn.com")', gatewayRequest)).toBe(true);
    expect(evaluate('match(request.host, "edition.*.com")', gatewayRequest)).toBe(false);
    expect(evaluate('match("edition.*.com", "edition.*.com")')).toBe(true);
    expect(evaluate('match(request.host, "*")', gatewayRequest)).toBe(true);
    expect(compileError('match("a")')).toBe('match("a") arity mismatch. Got 1 arg(s), expected 2 arg(s)');
    expect(compileError("match(request.host, 1)")).toBe("match($request.host, 1) arg 2 (1) typeError got INT64, expected STRING");
  });

  it("ip()", () => {
    expect(compile('ip("1.2.3.4")').type).toBe("IP_ADDRESS");
    expect(evaluate('source.ip | ip("0.0.0.0")', {})).toBe("0.0.0.0");
    expect(evalError('ip("1.2.3")')).toBe("could not convert 1.2.3 to IP_ADDRESS");
    expect(evalError('ip(request.host)', gatewayRequest)).toBe("could not convert edition.cnn.com to IP_ADDRESS");
  });

  it("timestamp()", () => {
    expect(compile('timestamp("2015-01-02T15:04:35Z")').type).toBe("TIMESTAMP");
    expect(evaluate('timestamp("2015-01-02T15:04:35Z")')).toBe(Date.UTC(2015, 0, 2, 15, 4, 35) * 1000);
    expect(evalError('timestamp("2015-01-02 15:04:35")')).toBe(
      "could not convert '2015-01-02 15:04:35' to TIMESTAMP. expected format: '2006-01-02T15:04:05Z07:00'",
    );
    expect(evalError('timestamp("2015-13-02T15:04:35Z")')).toMatch(/^could not convert/);
  });

  it("email(), dnsName(), uri(), emptyStringMap()", () => {
    expect(compile('email("a@b.com")').type).toBe("EMAIL");
    expect(compile('dnsName("cnn.com")').type).toBe("DNS_NAME");
    expect(compile('uri("http://cnn.com")').type).toBe("URI");
    expect(compile("emptyStringMap()").type).toBe("STRING_MAP");
    expect(evaluate('source.labels | emptyStringMap()')).toEqual({});
    expect(evalError('dnsName("a_b.com")')).toBe("error converting 'a_b.com' to dns name: 'idna: disallowed rune U+005F'");
    expect(evalError('email("nobody")')).toBe("error converting 'nobody' to e-mail: 'mail: missing @ in addr-spec'");
    expect(evalError('uri("")')).toBe("error converting string to uri: empty string");
    expect(compileError('dnsName("a") == "a"')).toBe('EQ(dnsName("a"), "a") arg 2 ("a") typeError got STRING, expected DNS_NAME');
  });

  it("unknown functions and misuse", () => {
    expect(compileError('size("x")')).toBe("unknown function: size");
    expect(compileError("request.host.ip()")).toBe("invoking regular function on instance method: ip");
    expect(compileError('ip_equal(ip("1.1.1.1"), ip("1.1.1.1"))')).toBe("unknown function: ip_equal");
  });
});

describe("vocabulary", () => {
  it("unknown attributes are compile errors", () => {
    expect(compileError('request.hots == "x"')).toBe("unknown attribute request.hots");
    expect(compileError('foo.bar | "x"')).toBe("unknown attribute foo.bar");
    expect(compileError("source.labels[app]")).toBe("unknown attribute app");
  });
  it("map index needs a STRING_MAP and a STRING key", () => {
    expect(compileError('request.host["a"]')).toBe('INDEX($request.host, "a") arg 1 ($request.host) typeError got STRING, expected STRING_MAP');
    expect(compileError("source.labels[1]")).toBe("INDEX($source.labels, 1) arg 2 (1) typeError got INT64, expected STRING");
    expect(compile('source.labels["app"]').type).toBe("STRING");
  });
});

describe("attributes and explanations", () => {
  it("lists referenced attributes once, in order", () => {
    expect(compile('source.labels["app"] | source.service | source.labels["x"] | "unknown"').attributes).toEqual(["source.labels", "source.service"]);
    expect(compile('"info"').attributes).toEqual([]);
  });

  it("evaluateWithInputs reports the attributes actually read", () => {
    const politics = compile('request.host.endsWith("cnn.com") && request.path.startsWith("/politics")');
    expect(evaluateWithInputs(politics, bag(gatewayRequest))).toEqual({
      value: true,
      inputs: { "request.host": "edition.cnn.com", "request.path": "/politics" },
    });
    // Short-circuit: request.path was not read.
    expect(evaluateWithInputs(politics, bag({ "request.host": "example.com", "request.path": "/p" }))).toEqual({
      value: false,
      inputs: { "request.host": "example.com" },
    });
    expect(evaluateWithInputs(politics, bag({}))).toEqual({
      error: "lookup failed: 'request.host'",
      inputs: { "request.host": null },
    });
    expect(evaluateWithInputs(compile('source.labels["app"] | source.service | "unknown"'), bag({}))).toEqual({
      value: "unknown",
      inputs: { "source.labels": null, "source.service": null },
    });
  });
});
