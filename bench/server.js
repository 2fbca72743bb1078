// A tiny static file server for the benchmark (node:http, no dependencies).
//
// Serves the project root on 127.0.0.1 with an ephemeral port, so /dist/closer-chat.bundle.js,
// /bench/.out/pages/*.html and the rest of /bench/.out/ resolve. Text files are sent
// gzip-compressed when the browser accepts it (as a CDN would), and requests under
// /bench/.out/widget/ (the stand-in widget and everything it loads) wait `widgetLatencyMs`
// first, to mimic the extra connection / CDN time of a third-party origin.
//
// Standalone, to look at the pages by hand (run `node bench/make-stand-in.js` first):
//   node bench/server.js [--port 8080]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { EMBEDS } from './pages.js';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const WIDGET_PREFIX = '/bench/.out/widget/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt', '.md']);

/** The same compression the server applies; the generator sizes files with it. */
export const gzip = buf => gzipSync(buf, { level: 6 });

const sleep = ms => new Promise(r => setTimeout(r, ms));

/**
 * Starts the server. Resolves to `{ origin, close() }`.
 * @param {{ root?: string, port?: number, widgetLatencyMs?: number, log?: boolean, aliases?: Record<string, string> }} [options]
 */
export async function startServer({ root = PROJECT_ROOT, port = 0, widgetLatencyMs = 0, log = false, aliases = {} } = {}) {
  const rootDir = resolve(root);
  /** path → { mtimeMs, raw, gz } */
  const cache = new Map();

  async function load(file) {
    const info = await stat(file);
    if (info.isDirectory()) return load(join(file, 'index.html'));
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return { file, ...hit };
    const raw = await readFile(file);
    const entry = { mtimeMs: info.mtimeMs, size: info.size, raw, gz: COMPRESSIBLE.has(extname(file)) ? gzip(raw) : null };
    cache.set(file, entry);
    return { file, ...entry };
  }

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        res.writeHead(400).end('bad path');
        return;
      }
      // `aliases`: URL path → file served instead (run.js serves a snapshot of the bundle)
      const file = aliases[pathname] ?? normalize(join(rootDir, pathname));
      if (file !== rootDir && !file.startsWith(rootDir + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      if (widgetLatencyMs > 0 && pathname.startsWith(WIDGET_PREFIX)) await sleep(widgetLatencyMs);
      let entry;
      try {
        entry = await load(file);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${pathname}`);
        if (log) console.log(`404 ${pathname}`);
        return;
      }
      const type = TYPES[extname(entry.file)] ?? 'application/octet-stream';
      const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const body = entry.gz && acceptsGzip ? entry.gz : entry.raw;
      const headers = { 'content-type': type, 'content-length': body.length };
      if (entry.gz) headers.vary = 'accept-encoding';
      if (body === entry.gz) headers['content-encoding'] = 'gzip';
      res.writeHead(200, headers);
      if (req.method === 'HEAD') res.end();
      else res.end(body);
      if (log) console.log(`200 ${pathname} ${body.length} B${body === entry.gz ? ' gzip' : ''}`);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    }
  });
  server.keepAliveTimeout = 5_000;

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  const { port: actualPort } = server.address();
  return {
    origin: `http://127.0.0.1:${actualPort}`,
    close: () =>
      new Promise(ok => {
        server.close(() => ok());
        server.closeAllConnections?.();
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 0;
  const { origin } = await startServer({ port, widgetLatencyMs: 50, log: true });
  console.log(`Serving ${PROJECT_ROOT} at ${origin}`);
  for (const page of Object.keys(EMBEDS)) console.log(`  ${origin}/bench/.out/pages/${page}.html`);
}
