// One small static file server for the examples' tests and the benchmark (node:http or
// node:http2, no dependencies). It listens on 127.0.0.1, on a free port unless told.
//
//   const server = await startStaticServer({ root: 'examples/react/dist' });
//   server.url     // 'http://127.0.0.1:PORT/'   (server.origin without the slash)
//   await server.close();
//
// Options (all optional but `root`):
//   root            directory served; `/` and `/dir/` serve index.html
//   port            0 = a free one
//   gzip            compress text files for clients that accept it, as a CDN does
//   latencyMs       { '/path/prefix/': ms }: wait that long before answering requests
//                   under the prefix (the longest matching prefix wins)
//   connectDelayMs  hold every new connection that long before the server sees it: a
//                   stand-in for DNS + TCP (+ TLS) set-up to a far origin, which a
//                   `preconnect` can hide and DevTools' per-request throttling does not
//                   model. Given (even 0), `setConnectDelayMs(ms)` changes it later.
//   tls             { key, cert }: serve HTTPS over HTTP/2 (HTTP/1.1 allowed too)
//   cors            send `Access-Control-Allow-Origin: *` (module scripts, fonts and
//                   fetches from another origin need it)
//   cacheControl    a Cache-Control value, or (pathname) => value; default 'no-store'.
//                   Responses carry an ETag; If-None-Match gets a 304.
//   aliases         { '/url/path': '/file/on/disk' } served instead of the root's file
//   headScript      JavaScript put first in the <head> of every HTML page, as an inline
//                   script (a test probe that must run before the page's own scripts)
//   log             one line per request on stdout
import { createServer as createHttpServer } from 'node:http';
import { createSecureServer } from 'node:http2';
import { createServer as createTcpServer } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const CONTENT_TYPES = {
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

/** The compression the server applies (level 6, like most CDNs); callers size files with it. */
export const gzip = (buf) => gzipSync(buf, { level: 6 });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @param {{
 *   root: string | URL, port?: number, gzip?: boolean, latencyMs?: Record<string, number>,
 *   connectDelayMs?: number, tls?: { key: string | Buffer, cert: string | Buffer }, cors?: boolean,
 *   cacheControl?: string | ((pathname: string) => string), aliases?: Record<string, string>, log?: boolean,
 *   headScript?: string,
 * }} options
 * @returns {Promise<{
 *   origin: string, url: string, port: number, close: () => Promise<void>,
 *   dropConnections: () => void, setConnectDelayMs: (ms: number) => void,
 * }>}
 */
export async function startStaticServer({
  root,
  port = 0,
  gzip: compress = false,
  latencyMs = {},
  connectDelayMs,
  tls,
  cors = false,
  cacheControl = 'no-store',
  aliases = {},
  log = false,
  headScript,
}) {
  const rootDir = resolve(root instanceof URL ? fileURLToPath(root) : root);
  const prefixes = Object.entries(latencyMs).sort(([a], [b]) => b.length - a.length);
  /** file → { mtimeMs, size, raw, gz, etag } */
  const cache = new Map();

  async function load(file) {
    const info = await stat(file);
    if (info.isDirectory()) return load(join(file, 'index.html'));
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return { file, ...hit };
    let raw = await readFile(file);
    if (headScript !== undefined && extname(file) === '.html') {
      raw = Buffer.from(String(raw).replace(/<head[^>]*>/i, (head) => `${head}<script>${headScript}</script>`));
    }
    const entry = {
      mtimeMs: info.mtimeMs,
      size: info.size,
      raw,
      gz: compress && COMPRESSIBLE.has(extname(file)) ? gzip(raw) : null,
      etag: `"${info.size.toString(36)}-${Math.round(info.mtimeMs).toString(36)}"`,
    };
    cache.set(file, entry);
    return { file, ...entry };
  }

  async function handle(req, res) {
    try {
      let pathname;
      try {
        pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      } catch {
        res.writeHead(400).end('bad path');
        return;
      }
      const file = aliases[pathname] ?? normalize(join(rootDir, pathname));
      if (!aliases[pathname] && file !== rootDir && !file.startsWith(rootDir + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      const delay = prefixes.find(([prefix]) => pathname.startsWith(prefix));
      if (delay && delay[1] > 0) await sleep(delay[1]);
      const common = cors ? { 'access-control-allow-origin': '*' } : {};
      let entry;
      try {
        entry = await load(file);
      } catch {
        res.writeHead(404, { ...common, 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${pathname}`);
        if (log) console.log(`404 ${pathname}`);
        return;
      }
      const headers = {
        ...common,
        'content-type': CONTENT_TYPES[extname(entry.file)] ?? 'application/octet-stream',
        'cache-control': typeof cacheControl === 'function' ? cacheControl(pathname) : cacheControl,
        etag: entry.etag,
      };
      if (entry.gz) headers.vary = 'accept-encoding';
      if (req.headers['if-none-match'] === entry.etag) {
        res.writeHead(304, headers).end();
        if (log) console.log(`304 ${pathname}`);
        return;
      }
      const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const body = entry.gz && acceptsGzip ? entry.gz : entry.raw;
      if (body === entry.gz) headers['content-encoding'] = 'gzip';
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      if (req.method === 'HEAD') res.end();
      else res.end(body);
      if (log) console.log(`200 ${pathname} ${body.length} B${body === entry.gz ? ' gzip' : ''}`);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    }
  }

  const server = tls
    ? createSecureServer({ key: tls.key, cert: tls.cert, allowHTTP1: true }, handle)
    : createHttpServer(handle);
  if (!tls) server.keepAliveTimeout = 5_000;
  const sockets = new Set();
  // With a connect delay a plain TCP server accepts, waits, then hands the socket over.
  let delay = connectDelayMs ?? 0;
  const listener =
    connectDelayMs !== undefined
      ? createTcpServer({ pauseOnConnect: true }, (socket) => {
          sockets.add(socket);
          socket.once('close', () => sockets.delete(socket));
          setTimeout(() => {
            if (socket.destroyed) return;
            server.emit('connection', socket);
            socket.resume();
          }, delay);
        })
      : server;
  if (listener === server) {
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
  }

  await new Promise((ok, fail) => {
    listener.once('error', fail);
    listener.listen(port, '127.0.0.1', ok);
  });
  const actualPort = listener.address().port;
  const origin = `${tls ? 'https' : 'http'}://127.0.0.1:${actualPort}`;
  return {
    origin,
    url: `${origin}/`,
    port: actualPort,
    dropConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
    setConnectDelayMs: (ms) => {
      delay = ms;
    },
    close: () =>
      new Promise((ok) => {
        for (const socket of sockets) socket.destroy();
        listener.close(() => ok());
        if (listener !== server) server.close();
      }),
  };
}
