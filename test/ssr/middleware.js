// @web/test-runner middleware: GET /ssr/page.html?… answers with a page server-rendered
// by ./render-page.js (same query). It runs in a child process, so the DOM shim that
// @lit-labs/ssr installs never enters the test runner's own process. Needs dist/ built.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const script = fileURLToPath(new URL('./render-page.js', import.meta.url));

export async function ssrPageMiddleware(ctx, next) {
  if (ctx.path !== '/ssr/page.html') return next();
  const { stdout, stderr, error } = await new Promise((resolve) =>
    execFile(process.execPath, [script, ctx.querystring], { cwd: root, timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ error, stdout, stderr }),
    ),
  );
  ctx.set('Cache-Control', 'no-store');
  if (error) {
    ctx.status = 500;
    ctx.type = 'text/plain';
    ctx.body = `render-page.js failed (is dist/ built? npm run build)\n${stderr || error.message}`;
    return;
  }
  ctx.type = 'html';
  ctx.body = stdout;
}
