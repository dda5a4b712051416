/** The curl invocations of the blog and of the egress-gateway task (reference §1.2, §1.6). */
import { describe, expect, it } from "vitest";
import { CNN_200, CNN_301, harness } from "./scriptedTransport.ts";

describe("curl -sL -o /dev/null -w \"%{http_code}\\n\" (the blog's test command)", () => {
  it("follows the 301 to HTTPS and prints only the final status code", async () => {
    const h = harness([CNN_301, CNN_200]);
    const start = h.clock.nowMicros();
    const r = await h.run(["-sL", "-o", "/dev/null", "-w", "%{http_code}\\n", "http://edition.cnn.com/politics"]);
    expect(r).toEqual({ stdout: "200\n", stderr: "", exitCode: 0 });

    const [first, second] = h.transport.sent;
    expect(first.request).toMatchObject({ method: "GET", scheme: "http", host: "edition.cnn.com", port: 80, path: "/politics", body: "" });
    expect(first.request.headers).toEqual([
      { name: "User-Agent", value: "curl/7.35.0" },
      { name: "Host", value: "edition.cnn.com" },
      { name: "Accept", value: "*/*" },
    ]);
    expect(second.request).toMatchObject({ scheme: "https", host: "edition.cnn.com", port: 443, path: "/politics" });
    expect(first.source).toEqual({ kind: "pod", namespace: "default", pod: "sleep-6859f9d5cb-l877h", container: "sleep" });
    // Virtual time moved by both exchanges; the page text was never built for /dev/null.
    expect(h.clock.nowMicros() - start).toBe(253_000);
    expect(h.transport.textReads).toBe(0);
  });

  it("prints the denial's 404 and exits 0 (HTTP errors are not curl errors without -f)", async () => {
    const h = harness([{ status: 404, statusText: "Not Found", headers: [["content-length", "76"]], body: "NOT_FOUND:path-checker.listchecker.istio-system:/politics is not whitelisted" }]);
    const r = await h.run(["-sL", "-o", "/dev/null", "-w", "%{http_code}\\n", "http://edition.cnn.com/politics"]);
    expect(r).toEqual({ stdout: "404\n", stderr: "", exitCode: 0 });
  });

  it("three curls in one bash -c line each print their own code", async () => {
    const h = harness([{ status: 404, statusText: "Not Found" }, { status: 200 }, { status: 200 }]);
    let out = "";
    for (const topic of ["politics", "sport", "health"]) {
      out += (await h.run(["-sL", "-o", "/dev/null", "-w", "%{http_code}\\n", `http://edition.cnn.com/${topic}`])).stdout;
    }
    expect(out).toBe("404\n200\n200\n");
  });
});

describe("curl -sL -o /dev/null -D - (reference §1.2 step 3)", () => {
  it("dumps each hop's status line and headers, CRLF-terminated, a blank line after each block", async () => {
    const h = harness([CNN_301, CNN_200]);
    const r = await h.run(["-sL", "-o", "/dev/null", "-D", "-", "http://edition.cnn.com/politics"]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      "HTTP/1.1 301 Moved Permanently\r\n" +
        "server: envoy\r\n" +
        "retry-after: 0\r\n" +
        "content-length: 0\r\n" +
        "location: https://edition.cnn.com/politics\r\n" +
        "date: Thu, 14 Jun 2018 11:46:23 GMT\r\n" +
        "\r\n" +
        "HTTP/1.1 200 OK\r\n" +
        "Content-Type: text/html; charset=utf-8\r\n" +
        "Content-Length: 27\r\n" +
        "\r\n",
    );
  });

  it("with TLS origination at the gateway there is a single 200 block", async () => {
    const h = harness([{ status: 200, headers: [["content-length", "150793"], ["server", "envoy"]], body: "x" }]);
    const r = await h.run(["-sL", "-o", "/dev/null", "-D", "-", "http://edition.cnn.com/politics"]);
    expect(r.stdout).toBe("HTTP/1.1 200 OK\r\ncontent-length: 150793\r\nserver: envoy\r\n\r\n");
  });
});

describe("the 1.0 doc's check before the gateway exists (reference §1.5)", () => {
  it("prints the 301 headers, then fails the TLS handshake with exit 35", async () => {
    const h = harness([CNN_301, { error: { curlCode: 35, message: "Unknown SSL protocol error in connection to edition.cnn.com:443 " } }]);
    const r = await h.run(["-sL", "-o", "/dev/null", "-D", "-", "http://edition.cnn.com/politics"]);
    expect(r.exitCode).toBe(35);
    expect(r.stdout.startsWith("HTTP/1.1 301 Moved Permanently\r\n")).toBe(true);
    expect(r.stderr).toBe("");
  });
});
