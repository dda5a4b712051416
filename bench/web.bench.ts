/**
 * `npm run bench:web`: the lesson page in headless Chromium against the built, previewed site,
 * median over cold loads (a new browser context each time: empty cache and storage) of
 *   terminal ready    navigation -> the worker answered init and the prompt is drawn (the
 *                     page's `terminal-ready` performance mark);
 *   first-paint JS    gzipped bytes of the JavaScript responses that finished before the first
 *                     (contentful) paint;
 *   lesson page total transfer bytes of every response, once the editor is loaded and the
 *                     network is idle;
 *   reset             click on "Reset lesson" -> fresh prompt (the page's `reset` measure).
 * Targets on a CI-sized machine: terminal ready < 800 ms, first-paint JS < 50 KB gzipped,
 * reset < 100 ms. Reported, not asserted. Uses Chromium from PLAYWRIGHT_CHROMIUM or /usr/bin/chromium.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type Request, type Response } from "@playwright/test";
import { buildIfStale } from "../scripts/build-if-stale.ts";

const LOADS = Number(process.env.BENCH_LOADS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 4322);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const LESSON = `${ORIGIN}/lessons/before-you-begin/`;

interface Load {
  terminalReadyMs: number;
  firstPaintJsBytes: number;
  totalBytes: number;
  resetMs: number;
}

async function startPreview(): Promise<ChildProcess> {
  const server = spawn("npx", ["astro", "preview", "--port", String(PORT), "--host", "127.0.0.1"], {
    stdio: "ignore",
    detached: true,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" },
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(ORIGIN)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stopPreview(server);
  throw new Error(`astro preview did not answer on ${ORIGIN}`);
}

function stopPreview(server: ChildProcess): void {
  // npx starts astro as a child: end the whole process group we started.
  if (server.pid) {
    try {
      process.kill(-server.pid);
    } catch {
      // already gone
    }
  }
}

function isJavaScript(response: Response): boolean {
  const type = response.headers()["content-type"] ?? "";
  return response.request().resourceType() === "script" || /javascript|ecmascript/.test(type);
}

/**
 * Bytes on the wire for one response. Chromium does not report body sizes for a worker's own
 * script (0): for those, count the body as gzip would send it (the preview server compresses).
 */
async function transferSize(request: Request): Promise<number> {
  try {
    const sizes = await request.sizes();
    let body = sizes.responseBodySize;
    if (body === 0) {
      const response = await request.response();
      body = response && response.status() === 200 ? gzipSync(await response.body()).length : 0;
    }
    return sizes.responseHeadersSize + body;
  } catch {
    return 0;
  }
}

async function coldLoad(browser: Browser): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const scripts: Promise<{ url: string; gzipped: number }>[] = [];
  const transfers: Promise<number>[] = [];
  page.on("response", (response) => {
    if (!isJavaScript(response)) return;
    scripts.push(response.body().then((body) => ({ url: response.url(), gzipped: gzipSync(body).length }), () => ({ url: response.url(), gzipped: 0 })));
  });
  page.on("requestfinished", (request) => {
    transfers.push(transferSize(request));
  });

  await page.goto(LESSON);
  await page.waitForFunction(() => performance.getEntriesByName("terminal-ready", "mark").length > 0);
  const timing = await page.evaluate(() => {
    // (getEntries() and casts: this file is typed with Node's lib, which lacks the paint types.)
    const paints = performance.getEntries().filter((e) => (e.entryType as string) === "paint");
    const paint = paints.find((p) => p.name === "first-contentful-paint") ?? paints.find((p) => p.name === "first-paint");
    return {
      ready: performance.getEntriesByName("terminal-ready", "mark")[0].startTime,
      paint: paint?.startTime ?? Infinity,
      // Resource Timing: when each response of the page finished, on the same clock as paint.
      finished: performance.getEntriesByType("resource").map((r) => [r.name, (r as unknown as { responseEnd: number }).responseEnd] as const),
    };
  });

  await page.getByRole("tab", { name: "Editor" }).click();
  await page.getByRole("combobox", { name: "Open a file" }).waitFor();
  await page.waitForLoadState("networkidle");

  const resetsBefore = await page.evaluate(() => performance.getEntriesByName("reset", "measure").length);
  await page.getByRole("tab", { name: "Terminal" }).click();
  await page.getByRole("button", { name: "Reset lesson" }).click();
  await page.waitForFunction((n) => performance.getEntriesByName("reset", "measure").length > n, resetsBefore);
  const resetMs = await page.evaluate(() => performance.getEntriesByName("reset", "measure").at(-1)!.duration);

  const finishedAt = new Map(timing.finished);
  const beforePaint = (await Promise.all(scripts)).filter((s) => (finishedAt.get(s.url) ?? Infinity) <= timing.paint);
  const totalBytes = (await Promise.all(transfers)).reduce((a, b) => a + b, 0);
  await context.close();
  return {
    terminalReadyMs: timing.ready,
    firstPaintJsBytes: beforePaint.reduce((a, s) => a + s.gzipped, 0),
    totalBytes,
    resetMs,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
  if (!buildIfStale()) throw new Error("the site did not build");
  const server = await startPreview();
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });
  try {
    const loads: Load[] = [];
    for (let i = 0; i < LOADS; i++) loads.push(await coldLoad(browser));
    const of = (pick: (l: Load) => number) => median(loads.map(pick));
    console.log(`cold loads: ${LOADS} (median)`);
    console.log(`terminal ready: ${Math.round(of((l) => l.terminalReadyMs))} ms`);
    console.log(`first-paint JS: ${(of((l) => l.firstPaintJsBytes) / 1024).toFixed(1)} KB gzipped`);
    console.log(`lesson page total: ${Math.round(of((l) => l.totalBytes) / 1024)} KB`);
    console.log(`reset: ${Math.round(of((l) => l.resetMs))} ms`);
  } finally {
    await browser.close();
    stopPreview(server);
  }
}

await main();
