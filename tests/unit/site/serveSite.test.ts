/** scripts/serve-site.ts: the static server of `npm start`, the browser tests and bench:web. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveSite } from "../../../scripts/serve-site.ts";

let server: Server;
let origin: string;
const script = `console.log(${JSON.stringify("x".repeat(5000))});\n`;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "serve-site-"));
  mkdirSync(join(dir, "lessons", "one"), { recursive: true });
  writeFileSync(join(dir, "index.html"), "<h1>home</h1>");
  writeFileSync(join(dir, "lessons", "one", "index.html"), "<h1>one</h1>");
  writeFileSync(join(dir, "app.js"), script);
  writeFileSync(join(tmpdir(), "serve-site-secret.txt"), "secret");
  server = await serveSite({ dir, port: 0, host: "127.0.0.1" });
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("serveSite", () => {
  it("serves directories by their index.html, with or without the trailing slash", async () => {
    for (const path of ["/", "/lessons/one/", "/lessons/one"]) {
      const response = await fetch(origin + path);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    }
    expect(await (await fetch(`${origin}/lessons/one`)).text()).toBe("<h1>one</h1>");
  });

  it("sends text gzipped when the client accepts it, the same bytes otherwise", async () => {
    const { request } = await import("node:http");
    const get = (encoding: string) => new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      request(`${origin}/app.js`, { headers: { "Accept-Encoding": encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on("error", reject).end();
    });
    const gzipped = await get("gzip, deflate, br");
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.body.length).toBeLessThan(script.length / 10);
    expect(gunzipSync(gzipped.body).toString()).toBe(script);
    const plain = await get("identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it("answers a revalidation with 304 when the file did not change", async () => {
    const first = await fetch(`${origin}/app.js`);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    expect((await fetch(`${origin}/app.js`, { headers: { "If-None-Match": etag } })).status).toBe(304);
  });

  it("answers 404 for missing files and for paths outside the site", async () => {
    expect((await fetch(`${origin}/nope.js`)).status).toBe(404);
    expect((await fetch(`${origin}/..%2Fserve-site-secret.txt`)).status).toBe(404);
    expect((await fetch(`${origin}/%E0%A4%A`)).status).toBe(404);
  });
});
