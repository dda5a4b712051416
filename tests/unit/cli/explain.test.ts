/** `egress-lab run --explain`: after each command, each request it caused, hop by hop and rule by rule. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runScript } from "../../../src/cli/runScript.ts";

const blog = readFileSync(new URL("../../blog/blog-flow.sh", import.meta.url), "utf8");
/** The blog up to the listchecker's first test (the first politics 404 with a 76-byte body). */
const upToListchecker = blog.slice(0, blog.indexOf("# ---- Access control by Mixer policy checks, part 2"));

describe("egress-lab run --explain", () => {
  it("explains the listchecker's 404: route taken, the rule that matched, the adapter's verdict", async () => {
    let out = "";
    await runScript(
      upToListchecker,
      { command: "run", clock: "2018-06-18T13:22:58Z", seed: 1, explain: true, help: false, version: false },
      { stdout: (s) => (out += s), stderr: () => {} },
    );
    const lines = out.split("\n");
    const last404 = lines.map((l, i) => [l, i] as const).filter(([l]) => /^# GET http:\/\/edition.cnn.com\/politics .*: 404:/.test(l)).pop();
    expect(last404, "an explanation line for the politics 404").toBeDefined();
    const block = lines.slice(last404![1], last404![1] + 40).join("\n");
    expect(block).toMatch(/denied by Mixer: path-checker\.listchecker\.istio-system/);
    expect(block).toMatch(/1\. sidecar sleep-[a-z0-9-]+\.default: listener 0\.0\.0\.0_80, routes 80, vhost edition\.cnn\.com:80, route direct-through-egress-gateway\.default http\[0\]\.match\[0\]/);
    expect(block).toMatch(/Mixer check: NOT_FOUND NOT_FOUND:path-checker\.listchecker\.istio-system:\/politics is not whitelisted/);
    expect(block).toMatch(/matched {2}handle-cnn-access\.rule\.istio-system {2}match: request\.host\.endsWith\("\.cnn\.com"\) {2}\[request\.host="edition\.cnn\.com"\]/);
    expect(block).toMatch(/path-checker\.listchecker\.istio-system <- request-path\.listentry\.istio-system: NOT_FOUND \/politics is not whitelisted/);
  });
});
