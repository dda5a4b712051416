/**
 * Serves the built site (dist/) the way a static host does: each file is read and gzipped once,
 * then answered from memory, revalidated by ETag. `npm start` and `npm run bench:web` use it.
 *
 * Why not `astro preview`: it compresses every response again, on the machine's own cores. On a
 * 2-core machine that competes with the browser loading the page; an A/B of one build measured
 * the lesson page's terminal ready ~190 ms later behind `astro preview` (1029 ms vs 838 ms).
 * The browser tests still use `astro preview` (they check behaviour, not speed).
 *
 * Usage: tsx scripts/serve-site.ts [--port 4321] [--host localhost] [--dir dist]
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
  ".ico": "image/x-icon",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
};

/** Worth compressing: text, above a size where gzip's header outweighs the gain. */
const compressible = (type: string, size: number) => size > 1024 && /^(text\/|application\/json|image\/svg)/.test(type);

interface Entry {
  body: Buffer;
  gzipped?: Buffer;
  type: string;
  etag: string;
  mtimeMs: number;
}

export interface SiteServerOptions {
  dir: string;
  port: number;
  host?: string;
}

export function serveSite({ dir, port, host = "localhost" }: SiteServerOptions): Promise<Server> {
  const root = resolve(dir);
  const cache = new Map<string, Entry>();

  /** The file a URL path names (directory -> index.html, as the site's `trailingSlash: "ignore"` expects), if any. */
  function fileOf(urlPath: string): string | undefined {
    let path: string;
    try {
      path = decodeURIComponent(urlPath);
    } catch {
      return undefined;
    }
    const file = resolve(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) return undefined;
    for (const candidate of [file, join(file, "index.html")]) {
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    return undefined;
  }

  function entryOf(file: string): Entry {
    const mtimeMs = statSync(file).mtimeMs;
    let entry = cache.get(file);
    if (!entry || entry.mtimeMs !== mtimeMs) {
      const body = readFileSync(file);
      const type = TYPES[extname(file)] ?? "application/octet-stream";
      entry = { body, type, mtimeMs, etag: `"${createHash("sha1").update(body).digest("base64url")}"` };
      if (compressible(type, body.length)) entry.gzipped = gzipSync(body, { level: 9 });
      cache.set(file, entry);
    }
    return entry;
  }

  function answer(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    const urlPath = (req.url ?? "/").split("?")[0];
    const file = fileOf(urlPath);
    const notFound = file ? undefined : fileOf("/404.html");
    if (!file && !notFound) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end(`Not found: ${urlPath}\n`);
      return;
    }
    const entry = entryOf((file ?? notFound)!);
    const headers: Record<string, string> = { "Content-Type": entry.type, "Cache-Control": "no-cache", ETag: entry.etag, Vary: "Accept-Encoding" };
    if (file && req.headers["if-none-match"] === entry.etag) {
      res.writeHead(304, headers).end();
      return;
    }
    const gzip = entry.gzipped && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const body = gzip ? entry.gzipped! : entry.body;
    if (gzip) headers["Content-Encoding"] = "gzip";
    headers["Content-Length"] = String(body.length);
    res.writeHead(file ? 200 : 404, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  }

  return new Promise((resolveServer, reject) => {
    const server = createServer(answer);
    server.once("error", reject);
    server.listen(port, host, () => resolveServer(server));
  });
}

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = option(args, "--dir", fileURLToPath(new URL("../dist", import.meta.url)));
  const port = Number(option(args, "--port", "4321"));
  const host = option(args, "--host", "localhost");
  if (!existsSync(join(dir, "index.html"))) {
    console.error(`No built site in ${dir}: run \`npm run build\` first.`);
    process.exit(1);
  }
  serveSite({ dir, port, host }).then(
    () => console.log(`Egress Lab is at http://${host}:${port}/ (serving ${dir}; Ctrl-C stops it)`),
    (e: Error) => {
      console.error(`Could not serve the site on ${host}:${port}: ${e.message}`);
      process.exit(1);
    },
  );
}
