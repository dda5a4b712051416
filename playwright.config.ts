/**
 * Browser tests (tests/e2e) against the BUILT site, as readers get it: the web server builds
 * dist/ when it is missing or older than its sources (scripts/build-if-stale.ts), then serves it
 * with `astro preview`. Chromium is the system's (Debian's `chromium` package) or the one named
 * by PLAYWRIGHT_CHROMIUM; Playwright's own browser downloads are not used.
 */
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 4321);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  // Two cores: one test at a time keeps the worker-heavy pages from starving each other.
  workers: 1,
  retries: 0,
  reporter: "list",
  // Generous: a test that scans four views with axe or loads Monaco cold takes ~25 s on a busy
  // 2-core machine. These are limits against hangs, not speed targets (bench:web measures speed).
  timeout: 90_000,
  expect: { timeout: 20_000 },
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    trace: "off",
  },
  projects: [
    {
      name: "chromium",
      use: {
        browserName: "chromium",
        launchOptions: {
          executablePath: process.env.PLAYWRIGHT_CHROMIUM || "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    // The same server as `npm start` (scripts/serve-site.ts): the tests load the site as readers do.
    command: `npx tsx scripts/build-if-stale.ts && npx tsx scripts/serve-site.ts --port ${port} --host 127.0.0.1`,
    url: baseURL,
    // A cold build takes about a minute on a 2-core machine.
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: { ASTRO_TELEMETRY_DISABLED: "1" },
  },
});
