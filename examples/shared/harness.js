// Test plumbing for the example apps: a tiny static server for a built app, one
// headless Chromium per test file (playwright-core from the repository root, on the
// system browser), and a fresh browser context per test.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../test/browsers.js';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/**
 * Serves `dir` (a URL or path of a `vite build` output) on 127.0.0.1, on a free port.
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveStatic(dir) {
  const root = normalize(dir instanceof URL ? fileURLToPath(dir) : dir).replace(/[\\/]$/, '') + sep;
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Console warnings that are no problem: Lit's notice in a development build. */
const EXPECTED_WARNINGS = [/^Lit is in dev mode\./];

/** @type {Promise<import('playwright-core').Browser> | undefined} */
let browserPromise;

/** The file's one headless Chromium (launched on first use). */
export function browser() {
  browserPromise ??= chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  return browserPromise;
}

export async function closeBrowser() {
  if (!browserPromise) return;
  const b = await browserPromise.catch(() => undefined);
  browserPromise = undefined;
  await b?.close();
}

/**
 * A fresh context (empty localStorage) and page on `url`. Requests that leave
 * 127.0.0.1 are aborted and reported, as are page errors and console errors and
 * warnings (a framework's development warnings, the development widget's complaints).
 */
export async function openPage(url) {
  const context = await (await browser()).newContext();
  const problems = [];
  const origin = new URL(url).origin;
  await context.route(
    target => target.origin !== origin,
    route => {
      problems.push(`request left the test server: ${route.request().url()}`);
      return route.abort();
    },
  );
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', error => problems.push(`page error: ${error.message}`));
  page.on('console', message => {
    const type = message.type();
    if (type !== 'error' && type !== 'warning') return;
    const text = message.text();
    if (EXPECTED_WARNINGS.some(re => re.test(text))) return;
    problems.push(`console.${type === 'warning' ? 'warn' : type}: ${text}`);
  });
  await page.goto(url);
  return { page, problems, close: () => context.close() };
}
