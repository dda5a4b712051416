/** Tab completion after `kubectl exec POD -c sleep --`: the container's commands, fortio's subcommands and flags. */
import { describe, expect, it } from "vitest";
import { complete, type CompletionSource } from "../../../src/worker/completion.ts";

const source: CompletionSource = {
  objectNames: () => [],
  env: () => ({}),
  listDirectory: async () => [],
  cwd: () => "/",
};
const c = async (line: string): Promise<string[]> => (await complete(source, line, line.length)).candidates;

describe("completion inside kubectl exec", () => {
  it("offers fortio as a command of the container", async () => {
    expect(await c("kubectl exec $SOURCE_POD -c sleep -- fo")).toEqual(["fortio"]);
    expect(await c("kubectl exec $SOURCE_POD -c sleep -- ")).toEqual(["bash", "curl", "fortio", "sh"]);
  });

  it("completes fortio's subcommands and flags", async () => {
    expect(await c("kubectl exec $SOURCE_POD -c sleep -- fortio lo")).toEqual(["load"]);
    expect(await c("kubectl exec $SOURCE_POD -c sleep -- fortio load -q")).toEqual(["-qps", "-quiet"]);
  });

  it("still completes kubectl itself before the --", async () => {
    expect(await c("kubectl ex")).toEqual(["exec"]);
  });
});
