/** What curl sends: methods, header order and overrides, bodies, queries, timeouts. */
import { describe, expect, it } from "vitest";
import { harness } from "./scriptedTransport.ts";

const names = (h: { name: string; value: string }[]): string[] => h.map((x) => `${x.name}: ${x.value}`);

describe("request headers", () => {
  it("-H 'Host: x' changes only the Host header, not where curl connects; it moves after Accept", async () => {
    const h = harness([{ status: 200 }]);
    await h.run(["-s", "-H", "Host: edition.cnn.com", "http://10.0.0.5:8080/politics"]);
    const req = h.transport.sent[0].request;
    expect(req).toMatchObject({ host: "10.0.0.5", port: 8080, path: "/politics" });
    expect(names(req.headers)).toEqual(["User-Agent: curl/7.35.0", "Accept: */*", "Host: edition.cnn.com"]);
  });

  it("a non-default port goes into the Host header", async () => {
    const h = harness([{ status: 200 }]);
    await h.run(["-s", "localhost:3000"]);
    expect(h.transport.sent[0].request).toMatchObject({ scheme: "http", host: "localhost", port: 3000, path: "/" });
    expect(names(h.transport.sent[0].request.headers)).toContain("Host: localhost:3000");
  });

  it("`-H 'User-Agent:'` removes a header, `-H 'X-Empty;'` sends an empty one, -A replaces the agent in place", async () => {
    const h = harness([{ status: 200 }]);
    await h.run(["-s", "-H", "User-Agent:", "-H", "X-Empty;", "http://x.example/"]);
    expect(names(h.transport.sent[0].request.headers)).toEqual(["Host: x.example", "Accept: */*", "X-Empty: "]);
    await h.run(["-s", "-A", "my-agent/1.0", "http://x.example/"]);
    expect(names(h.transport.sent[1].request.headers)).toEqual(["User-Agent: my-agent/1.0", "Host: x.example", "Accept: */*"]);
  });

  it("-u sends Basic credentials first; -e and --compressed add Referer and Accept-Encoding after Accept", async () => {
    const h = harness([{ status: 200 }]);
    await h.run(["-s", "-u", "alice:secret", "-e", "http://ref/", "--compressed", "http://x.example/"]);
    expect(names(h.transport.sent[0].request.headers)).toEqual([
      "Authorization: Basic YWxpY2U6c2VjcmV0",
      "User-Agent: curl/7.35.0",
      "Host: x.example",
      "Accept: */*",
      "Accept-Encoding: deflate, gzip",
      "Referer: http://ref/",
    ]);
  });
});

describe("request bodies and methods", () => {
  it("-d makes a form POST with Content-Length and Content-Type after the custom headers", async () => {
    const h = harness([{ status: 200 }]);
    await h.run(["-s", "-H", "X-Test: 1", "-d", "name=sleep", "-d", "ns=default", "http://x.example/form"]);
    const req = h.transport.sent[0].request;
    expect(req.method).toBe("POST");
    expect(req.body).toBe("name=sleep&ns=default");
    expect(names(req.headers)).toEqual([
      "User-Agent: curl/7.35.0",
      "Host: x.example",
      "Accept: */*",
      "X-Test: 1",
      "Content-Length: 21",
      "Content-Type: application/x-www-form-urlencoded",
    ]);
  });

  it("-d @file strips newlines; --data-binary @file keeps them; a missing file warns and posts nothing", async () => {
    const h = harness([{ status: 200 }]);
    h.files.set("body.txt", "a=1\nb=2\n");
    await h.run(["-s", "-d", "@body.txt", "http://x.example/"]);
    expect(h.transport.sent[0].request.body).toBe("a=1b=2");
    await h.run(["-s", "--data-binary", "@body.txt", "http://x.example/"]);
    expect(h.transport.sent[1].request.body).toBe("a=1\nb=2\n");
    const r = await h.run(["-d", "@missing.txt", "http://x.example/"]);
    expect(r.stderr).toBe('Warning: Couldn\'t read data from file "missing.txt", this makes an empty POST.\n');
    expect(h.transport.sent[2].request.body).toBe("");
  });

  it("-X sets the method name; -I sends HEAD and prints the headers only", async () => {
    const h = harness([{ status: 200, headers: [["content-length", "5"]], body: "hello" }]);
    await h.run(["-s", "-X", "DELETE", "http://x.example/item"]);
    expect(h.transport.sent[0].request.method).toBe("DELETE");
    const r = await h.run(["-I", "http://x.example/"]);
    expect(h.transport.sent[1].request.method).toBe("HEAD");
    expect(r).toEqual({ stdout: "HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n", stderr: "", exitCode: 0 });
  });

  it("-i prints the headers before the body", async () => {
    const h = harness([{ status: 200, headers: [["content-length", "5"]], body: "hello" }]);
    const r = await h.run(["-i", "http://x.example/"]);
    expect(r.stdout).toBe("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello");
  });

  it("-G with --data-urlencode builds the Prometheus query string", async () => {
    const h = harness([{ status: 200, headers: [["Content-Type", "application/json"]], body: '{"status":"success"}' }]);
    const r = await h.run([
      "-G", "http://prometheus.istio-system:9090/api/v1/query",
      "--data-urlencode", 'query=istio_request_count{destination_service="x"}',
    ]);
    expect(r.stdout).toBe('{"status":"success"}');
    const req = h.transport.sent[0].request;
    expect(req).toMatchObject({ method: "GET", host: "prometheus.istio-system", port: 9090, body: "" });
    expect(req.path).toBe("/api/v1/query?query=istio_request_count%7Bdestination_service%3D%22x%22%7D");
    expect(names(req.headers)).toContain("Host: prometheus.istio-system:9090");
  });

  it("--data-urlencode forms: plain content, =content, name@file", async () => {
    const h = harness([{ status: 200 }]);
    h.files.set("q.txt", "a b&c");
    await h.run(["-s", "-G", "http://x.example/q?x=1", "--data-urlencode", "a b", "--data-urlencode", "=c/d", "--data-urlencode", "f@q.txt"]);
    expect(h.transport.sent[0].request.path).toBe("/q?x=1&a%20b&c%2Fd&f=a%20b%26c");
  });

  it("-L after a 301 turns a POST into a GET without a body; 307 keeps it", async () => {
    const h = harness([
      { status: 301, statusText: "Moved Permanently", headers: [["Location", "/new"], ["Content-Length", "0"]] },
      { status: 200 },
    ]);
    await h.run(["-sL", "-d", "x=1", "http://x.example/old"]);
    expect(h.transport.sent.map((s) => [s.request.method, s.request.path, s.request.body])).toEqual([
      ["POST", "/old", "x=1"],
      ["GET", "/new", ""],
    ]);
    const h2 = harness([
      { status: 307, statusText: "Temporary Redirect", headers: [["Location", "http://y.example/new"], ["Content-Length", "0"]] },
      { status: 200 },
    ]);
    await h2.run(["-sL", "-d", "x=1", "http://x.example/old"]);
    expect(h2.transport.sent[1].request).toMatchObject({ method: "POST", host: "y.example", body: "x=1" });
  });
});

describe("timeouts and TLS options reach the transport", () => {
  it("--max-time 5 is passed as 5 s in µs, -k as insecure", async () => {
    const h = harness([{ status: 200 }]);
    await h.run(["-s", "-k", "--max-time", "5", "https://x.example/"]);
    expect(h.transport.sent[0].options).toEqual({ timeoutMicros: 5_000_000, insecure: true });
  });

  it("across redirects only the remaining time is offered", async () => {
    const h = harness([
      { status: 302, statusText: "Found", headers: [["Location", "/b"], ["Content-Length", "0"]], durationMicros: 2_000_000 },
      { status: 200 },
    ]);
    await h.run(["-sL", "-m", "5", "http://x.example/a"]);
    expect(h.transport.sent[1].options?.timeoutMicros).toBe(3_000_000);
  });
});
