/** curl's own failures: transport errors, -f, bad URLs, usage errors (7.35 wording and exit codes). */
import { describe, expect, it } from "vitest";
import { harness } from "./scriptedTransport.ts";

const UNKNOWN_HOST = { error: { curlCode: 6, message: "Could not resolve host: foo.example" } };

describe("transport errors", () => {
  it("prints `curl: (6) ...` and exits 6", async () => {
    const r = await harness([UNKNOWN_HOST]).run(["http://foo.example/"]);
    expect(r).toEqual({ stdout: "", stderr: "curl: (6) Could not resolve host: foo.example\n", exitCode: 6 });
  });

  it("-s hides the message but keeps the exit code", async () => {
    const r = await harness([UNKNOWN_HOST]).run(["-s", "http://foo.example/"]);
    expect(r).toEqual({ stdout: "", stderr: "", exitCode: 6 });
  });

  it("-sS shows it again", async () => {
    const r = await harness([UNKNOWN_HOST]).run(["-sS", "http://foo.example/"]);
    expect(r).toEqual({ stdout: "", stderr: "curl: (6) Could not resolve host: foo.example\n", exitCode: 6 });
  });

  it("-w still runs after a failure: http_code is 000", async () => {
    const r = await harness([UNKNOWN_HOST]).run(["-s", "-w", "%{http_code}", "http://foo.example/"]);
    expect(r).toEqual({ stdout: "000", stderr: "", exitCode: 6 });
  });

  it("-v shows the failed resolve in the trace", async () => {
    const r = await harness([UNKNOWN_HOST]).run(["-v", "http://foo.example/"]);
    expect(r.stderr).toBe(
      "* Hostname was NOT found in DNS cache\n" +
        "* Could not resolve host: foo.example\n" +
        "* Closing connection 0\n" +
        "curl: (6) Could not resolve host: foo.example\n",
    );
  });
});

describe("-f/--fail", () => {
  const notFound = { status: 404, statusText: "Not Found", headers: [["content-length", "9"]] as [string, string][], body: "not found" };

  it("exits 22 with the status line's text and writes no body", async () => {
    const r = await harness([notFound]).run(["-f", "http://edition.cnn.com/politics"]);
    expect(r).toEqual({ stdout: "", stderr: "curl: (22) The requested URL returned error: 404 Not Found\n", exitCode: 22 });
  });

  it("-sf is silent, -sSf is not; %{http_code} still reports 404", async () => {
    const h = harness([notFound]);
    expect(await h.run(["-sf", "-w", "%{http_code}", "http://edition.cnn.com/politics"])).toEqual({ stdout: "404", stderr: "", exitCode: 22 });
    expect((await h.run(["-sSf", "http://edition.cnn.com/politics"])).stderr).toBe("curl: (22) The requested URL returned error: 404 Not Found\n");
  });

  it("without -f a 404 body is printed and the exit code is 0", async () => {
    const r = await harness([notFound]).run(["http://edition.cnn.com/politics"]);
    expect(r).toEqual({ stdout: "not found", stderr: "", exitCode: 0 });
  });
});

describe("URLs curl 7.35 refuses", () => {
  it("an empty URL or one starting with / is `<url> malformed` (3)", async () => {
    const h = harness([{ status: 200 }]);
    expect(await h.run([""])).toEqual({ stdout: "", stderr: "curl: (3) <url> malformed\n", exitCode: 3 });
    expect((await h.run(["/politics"])).stderr).toBe("curl: (3) <url> malformed\n");
    expect(h.transport.sent).toHaveLength(0);
  });

  it("an unknown scheme is (1) Protocol ... not supported or disabled in libcurl", async () => {
    const r = await harness([{ status: 200 }]).run(["xyz://edition.cnn.com/"]);
    expect(r).toEqual({ stdout: "", stderr: "curl: (1) Protocol xyz not supported or disabled in libcurl\n", exitCode: 1 });
  });

  it("a port above 65535 is (3) Port number out of range", async () => {
    const r = await harness([{ status: 200 }]).run(["http://localhost:70000/"]);
    expect(r).toEqual({ stdout: "", stderr: "curl: (3) Port number out of range\n", exitCode: 3 });
  });
});

describe("usage errors (exit 2)", () => {
  const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

  it("an unknown option", async () => {
    const r = await harness([]).run(["--foo", "http://x/"]);
    expect(r).toEqual({ stdout: "", stderr: "curl: option --foo: is unknown\n" + TRY, exitCode: 2 });
  });

  it("an unknown letter inside a short cluster names the whole word", async () => {
    const r = await harness([]).run(["-sZ", "http://x/"]);
    expect(r.stderr).toBe("curl: option -sZ: is unknown\n" + TRY);
  });

  it("a missing parameter", async () => {
    const r = await harness([]).run(["http://x/", "-o"]);
    expect(r).toEqual({ stdout: "", stderr: "curl: option -o: requires parameter\n" + TRY, exitCode: 2 });
  });

  it("an ambiguous prefix of a long option", async () => {
    const r = await harness([]).run(["--s", "http://x/"]);
    expect(r.stderr).toBe("curl: option --s: is ambiguous\n" + TRY);
  });

  it("a bad number", async () => {
    const r = await harness([]).run(["-m", "soon", "http://x/"]);
    expect(r.stderr).toBe("curl: option -m: expected a proper numerical parameter\n" + TRY);
  });

  it("no URL at all", async () => {
    const r = await harness([]).run(["-s"]);
    expect(r).toEqual({ stdout: "", stderr: "curl: no URL specified!\n" + TRY, exitCode: 2 });
  });

  it("--data=x style is not 7.35 syntax", async () => {
    const r = await harness([]).run(["--data=x", "http://x/"]);
    expect(r.stderr).toBe("curl: option --data=x: is unknown\n" + TRY);
  });

  it("-I with -d asks for two request methods", async () => {
    const r = await harness([]).run(["-d", "a=b", "-I", "http://x/"]);
    expect(r).toEqual({
      stdout: "",
      stderr: "Warning: You can only select one HTTP request!\ncurl: option -I: is badly used here\n" + TRY,
      exitCode: 2,
    });
  });
});

describe("redirect limits", () => {
  it("--max-redirs 0 stops at the first redirect with (47)", async () => {
    const redirect = { status: 302, statusText: "Found", headers: [["Location", "/next"], ["Content-Length", "0"]] as [string, string][] };
    const r = await harness([redirect]).run(["-sS", "-L", "--max-redirs", "0", "-w", "%{http_code} %{num_redirects}", "http://x.example/"]);
    expect(r).toEqual({ stdout: "302 0", stderr: "curl: (47) Maximum (0) redirects followed\n", exitCode: 47 });
  });
});
