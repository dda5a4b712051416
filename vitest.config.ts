import { defineConfig } from "vitest/config";

// CI asks for a JSON report beside the usual output, to print its closing summary line.
const json = process.env.VITEST_JSON;

export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/blog/**/*.test.ts", "tests/lessons/**/*.test.ts"],
    environment: "node",
    // Limits against hangs, not speed targets (those are in bench/): the whole blog runs in
    // ~2 s alone but several times that when the two cores are busy.
    testTimeout: 30_000,
    reporters: json ? ["default", ["json", { outputFile: json }]] : ["default"],
  },
});
