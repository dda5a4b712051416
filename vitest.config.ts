import { defineConfig } from "vitest/config";

// CI asks for a JSON report beside the usual output, to print its closing summary line.
const json = process.env.VITEST_JSON;

export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/blog/**/*.test.ts", "tests/lessons/**/*.test.ts"],
    environment: "node",
    reporters: json ? ["default", ["json", { outputFile: json }]] : ["default"],
  },
});
