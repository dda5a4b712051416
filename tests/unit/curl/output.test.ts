/** What curl prints: -v trace, -w variables, the progress meter, files, --help/--version. */
import { describe, expect, it } from "vitest";
import { max5, progressLine, PROGRESS_HEADER } from "../../../src/runtime/shell/curl/progress.ts";
import { CNN_200, CNN_301, CNN_IP, harness } from "./scriptedTransport.ts";

const ENVOY_200 = {
  status: 200,
  headers: [["content-type", "text/html"], ["content-length", "5"], ["server", "envoy"]] as [string, string][],
  body: "hello",
};

describe("-v (7.35 trace format)", () => {
  it("prints resolve, connect, the request with `> ` and the response with `< `, CRLF kept", async () => {
    const r = await harness([ENVOY_200]).run(["-v", "http://edition.cnn.com/politics"]);
    expect(r.stdout).toBe("hello");
    expect(r.stderr).toBe(
      "* Hostname was NOT found in DNS cache\n" +
        `*   Trying ${CNN_IP}...\n` +
        `* Connected to edition.cnn.com (${CNN_IP}) port 80 (#0)\n` +
        "> GET /politics HTTP/1.1\r\n" +
        "> User-Agent: curl/7.35.0\r\n" +
        "> Host: edition.cnn.com\r\n" +
        "> Accept: */*\r\n" +
        "> \r\n" +
        "< HTTP/1.1 200 OK\r\n" +
        "< content-type: text/html\r\n" +
        "< content-length: 5\r\n" +
        "* Server envoy is not blacklisted\n" +
        "< server: envoy\r\n" +
        "< \r\n" +
        "* Connection #0 to host edition.cnn.com left intact\n",
    );
  });

  it("rebuilds a URL without a path and guesses http://", async () => {
    const h = harness([ENVOY_200]);
    const r = await h.run(["-v", "-w", "%{url_effective}", "edition.cnn.com"]);
    expect(r.stderr.startsWith("* Rebuilt URL to: edition.cnn.com/\n* Hostname was NOT found in DNS cache\n")).toBe(true);
    expect(r.stdout).toBe("hellohttp://edition.cnn.com/");
    expect(h.transport.sent[0].request.path).toBe("/");
  });

  it("follows a redirect: ignores the 301 body, opens a second connection for HTTPS", async () => {
    const r = await harness([CNN_301, CNN_200]).run(["-vsL", "http://edition.cnn.com/politics"]);
    const lines = r.stderr.split("\n");
    expect(lines).toContain("* Connection #0 to host edition.cnn.com left intact");
    expect(lines).toContain("* Issue another request to this URL: 'https://edition.cnn.com/politics'");
    expect(lines).toContain("* Hostname was found in DNS cache");
    expect(lines).toContain(`* Connected to edition.cnn.com (${CNN_IP}) port 443 (#1)`);
    expect(lines).toContain("* successfully set certificate verify locations:");
    expect(lines).toContain("* Connection #1 to host edition.cnn.com left intact");
    expect(r.stdout).toBe(CNN_200.body);
  });

  it("reuses the connection for a second URL to the same host", async () => {
    const r = await harness([ENVOY_200, ENVOY_200]).run(["-v", "http://edition.cnn.com/a", "http://edition.cnn.com/b"]);
    expect(r.stderr).toContain("* Re-using existing connection! (#0) with host edition.cnn.com\n");
    expect(r.stdout).toBe("hellohello");
  });

  it("says it will read until close when there is no Content-Length", async () => {
    const r = await harness([{ status: 200, body: "abc" }]).run(["-v", "http://x.example/"]);
    expect(r.stderr).toContain("* no chunk, no close, no size. Assume close to signal end\n< \r\n");
    expect(r.stderr.endsWith("* Closing connection 0\n")).toBe(true);
  });
});

describe("-w/--write-out", () => {
  it("renders the common variables after a redirect", async () => {
    const h = harness([CNN_301, CNN_200]);
    const r = await h.run([
      "-sL", "-o", "/dev/null", "-w",
      "%{http_code} %{response_code} %{num_redirects} %{size_download} %{url_effective} %{content_type} %{remote_ip} %{remote_port} %{num_connects}\\n",
      "http://edition.cnn.com/politics",
    ]);
    expect(r.stdout).toBe(`200 200 1 27 https://edition.cnn.com/politics text/html; charset=utf-8 ${CNN_IP} 443 2\n`);
  });

  it("shows redirect_url when not following, time_* with three decimals, escapes and %%", async () => {
    const r = await harness([CNN_301]).run(["-s", "-w", "%{redirect_url}\\t%{time_total}\\t100%%\\r\\n", "http://edition.cnn.com/politics"]);
    expect(r.stdout).toBe("https://edition.cnn.com/politics\t0.003\t100%\r\n");
  });

  it("counts header and request bytes over all hops", async () => {
    const r = await harness([CNN_301, CNN_200]).run(["-sL", "-o", "/dev/null", "-w", "%{size_header} %{size_request}", "http://edition.cnn.com/politics"]);
    const hop1 = "HTTP/1.1 301 Moved Permanently\r\nserver: envoy\r\nretry-after: 0\r\ncontent-length: 0\r\nlocation: https://edition.cnn.com/politics\r\ndate: Thu, 14 Jun 2018 11:46:23 GMT\r\n\r\n";
    const hop2 = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 27\r\n\r\n";
    const req = "GET /politics HTTP/1.1\r\nUser-Agent: curl/7.35.0\r\nHost: edition.cnn.com\r\nAccept: */*\r\n\r\n";
    expect(r.stdout).toBe(`${hop1.length + hop2.length} ${2 * req.length}`);
  });

  it("warns about variables 7.35 does not know, e.g. http_version (7.50)", async () => {
    const r = await harness([ENVOY_200]).run(["-s", "-o", "/dev/null", "-w", "[%{http_version}]", "http://x.example/"]);
    expect(r).toEqual({ stdout: "[]", stderr: "curl: unknown --write-out variable: 'http_version'\n", exitCode: 0 });
  });

  it("reads the format from a file with @", async () => {
    const h = harness([ENVOY_200]);
    h.files.set("fmt", "code=%{http_code}");
    expect((await h.run(["-s", "-o", "/dev/null", "-w", "@fmt", "http://x.example/"])).stdout).toBe("code=200");
  });
});

describe("output files and the progress meter", () => {
  it("-o FILE writes the body; without -s the meter goes to stderr", async () => {
    const h = harness([{ ...ENVOY_200, durationMicros: 500_000 }]);
    const r = await h.run(["-o", "page.html", "http://x.example/"]);
    expect(h.files.get("page.html")).toBe("hello");
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(PROGRESS_HEADER + progressLine({ downloaded: 5, expectedDownload: 5, uploaded: 0, elapsedSeconds: 0.5 }) + "\n");
    expect(r.stderr.split("\n")[2]).toBe("100     5  100     5    0     0     10      0 --:--:-- --:--:-- --:--:--    10");
  });

  it("-O names the file after the last path segment; no name is an error (23)", async () => {
    const h = harness([ENVOY_200]);
    await h.run(["-sO", "http://x.example/files/report.txt"]);
    expect(h.files.get("report.txt")).toBe("hello");
    const r = await h.run(["-O", "http://x.example/"]);
    expect(r).toEqual({
      stdout: "",
      stderr: "curl: Remote file name has no length!\ncurl: try 'curl --help' or 'curl --manual' for more information\n",
      exitCode: 23,
    });
  });

  it("an empty body creates no file (curl opens it on the first write)", async () => {
    const h = harness([{ status: 404, statusText: "Not Found", headers: [["content-length", "0"]] }]);
    await h.run(["-s", "-o", "out.html", "http://x.example/"]);
    expect(h.files.has("out.html")).toBe(false);
  });

  it("a file that cannot be created fails with (23)", async () => {
    const r = await harness([ENVOY_200]).run(["-sS", "-o", "/nonexistent/x", "http://x.example/"]);
    expect(r).toEqual({ stdout: "", stderr: "curl: (23) Failed writing body (0 != 5)\n", exitCode: 23 });
  });

  it("-D FILE writes the header blocks", async () => {
    const h = harness([ENVOY_200]);
    await h.run(["-s", "-D", "headers.txt", "-o", "/dev/null", "http://x.example/"]);
    expect(h.files.get("headers.txt")).toBe("HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 5\r\nserver: envoy\r\n\r\n");
  });
});

describe("progress meter formatting (lib/progress.c)", () => {
  it("max5data keeps numbers within five characters", () => {
    expect(max5(0)).toBe("    0");
    expect(max5(99999)).toBe("99999");
    expect(max5(151654)).toBe(" 148k");
    expect(max5(5 * 1024 * 1024 + 300 * 1024)).toBe("5420k");
    expect(max5(15 * 1024 * 1024 + 300 * 1024)).toBe("15.2M");
  });

  it("a one-hop, three-second download shows the spent time", () => {
    expect(progressLine({ downloaded: 151654, expectedDownload: 151654, uploaded: 0, elapsedSeconds: 3.2 })).toBe(
      "100  148k  100  148k    0     0  47391      0  0:00:03  0:00:03 --:--:-- 47391",
    );
  });
});

describe("--help and --version", () => {
  it("--version prints the Ubuntu 14.04 banner", async () => {
    const r = await harness([]).run(["--version"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(
      "curl 7.35.0 (x86_64-pc-linux-gnu) libcurl/7.35.0 OpenSSL/1.0.1f zlib/1.2.8 libidn/1.28 librtmp/2.3",
    );
    expect(r.stdout).toContain("Features: AsynchDNS GSS-Negotiate IDN IPv6 Largefile NTLM NTLM_WB SSL libz TLS-SRP \n");
  });

  it("--help starts with the usage line", async () => {
    const r = await harness([]).run(["--help"]);
    expect(r.stdout.split("\n").slice(0, 2)).toEqual(["Usage: curl [options...] <url>", "Options: (H) means HTTP/HTTPS only, (F) means FTP only"]);
    expect(r.stdout).toContain(" -L, --location      Follow redirects (H)\n");
  });
});
