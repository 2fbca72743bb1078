// @web/test-runner config: test/**/*.test.ts in the system Chromium, Firefox ESR and WebKit
// (see tools/browsers.js; BROWSERS=chromium,firefox,webkit picks any of them).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { browsers } from './tools/browsers.js';
import { countReporter } from './test/count-reporter.js';
import { faultsMiddleware } from './test/faults-server.js';
import { ssrPageMiddleware } from './test/ssr/middleware.js';

const rootDir = fileURLToPath(new URL('.', import.meta.url));
const MAX_DELAY_MS = 5000;
const HANG_MS = 30_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

// `?delay=N` on any URL: answer N ms later (N capped at 5000), e.g.
// /dev/simulator/widget.js?delay=300 keeps the widget script "still loading".
async function delayMiddleware(ctx, next) {
  const raw = ctx.query.delay;
  if (raw !== undefined) {
    const ms = Math.min(Math.max(Number(Array.isArray(raw) ? raw[0] : raw) || 0, 0), MAX_DELAY_MS);
    if (ms > 0) await sleep(ms);
  }
  return next();
}

// Any path ending in /hang.js never answers (until the server stops, or 30 s):
// used to test script load timeouts.
const hanging = new Set();
async function hangMiddleware(ctx, next) {
  if (!ctx.path.endsWith('/hang.js')) return next();
  await new Promise((resolve) => {
    const release = () => {
      clearTimeout(timer);
      hanging.delete(release);
      resolve();
    };
    const timer = setTimeout(release, HANG_MS);
    timer.unref();
    hanging.add(release);
  });
  ctx.status = 504;
  ctx.type = 'text/javascript';
  ctx.body = '// hang.js: released\n';
}
const hangReleasePlugin = {
  name: 'hang-release',
  serverStop() {
    for (const release of [...hanging]) release();
  },
};

// /test/fixtures/policy.html?csp=… (and boot.html?csp=…): the page's Content Security Policy
// as a real response header (a <meta> cannot carry every directive, and pages send headers).
async function policyHeaderMiddleware(ctx, next) {
  await next();
  const policy = ['/test/fixtures/policy.html', '/test/fixtures/boot.html'].includes(ctx.path)
    ? ctx.query.csp
    : undefined;
  if (typeof policy === 'string') ctx.set('Content-Security-Policy', policy);
}

// /__cdn/closer-chat.boot.js and closer-chat.bundle.js: the built files byte for byte, as
// a CDN serves them (the dev server's own transform would change them, and their
// integrity hashes with them). /__tampered/: the same boot beside a bundle that is not the
// one it was built with (one byte more), whose integrity check must fail. /__slow-cdn/:
// the bundle 400 ms late (the boot computes its URL, so a `?delay=` cannot reach it).
async function cdnMiddleware(ctx, next) {
  const [, folder, file] = ctx.path.match(/^\/__(cdn|tampered|slow-cdn)\/([\w.-]+)$/) ?? [];
  if (!['closer-chat.boot.js', 'closer-chat.bundle.js'].includes(file)) return next();
  if (folder === 'slow-cdn' && file === 'closer-chat.bundle.js') await sleep(400);
  const code = await readFile(new URL(`./dist/${file}`, import.meta.url), 'utf8');
  ctx.type = 'text/javascript';
  ctx.body = folder === 'tampered' && file === 'closer-chat.bundle.js' ? `${code}\n` : code;
}

// /__property-config: how long test/lifecycle.property.test.ts runs, from the environment
// (scripts/fuzz.js sets it; CI leaves it empty and the test's fixed seed applies).
async function propertyConfigMiddleware(ctx, next) {
  if (ctx.path !== '/__property-config') return next();
  const number = (name) => (process.env[name] ? Number(process.env[name]) : undefined);
  ctx.type = 'application/json';
  ctx.body = JSON.stringify({
    runs: number('PROPERTY_RUNS'),
    seed: number('PROPERTY_SEED'),
    path: process.env.PROPERTY_PATH || undefined,
    trace: process.env.PROPERTY_TRACE === '1' || undefined,
  });
}

// Lit's dev-build notices (matched case-insensitively)
const QUIET_LOGS = ['lit is in dev mode', 'multiple versions of lit'];

export default {
  rootDir,
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development'] },
  browsers: browsers(),
  // One file at a time per browser, two browsers at a time (2 cores): WebKit starts
  // when Chromium or Firefox is done.
  concurrency: 1,
  concurrentBrowsers: 2,
  // A page stuck in a loop fails its file in minutes, not never; the property test runs
  // its CI seed in 90 s (Chromium) to about 4 min (Firefox on a loaded machine); `npm run fuzz` sets a longer limit.
  testsFinishTimeout: Number(process.env.TESTS_FINISH_TIMEOUT_MS) || 14 * 60_000,
  // TEST_GREP=<text> runs only the tests whose full title contains it (mocha's grep), for
  // working on one test: the runner then counts every test left out as failed.
  testFramework: { config: { timeout: 5000, ...(process.env.TEST_GREP && { grep: process.env.TEST_GREP }) } },
  filterBrowserLogs: ({ args }) =>
    !args.some((a) => typeof a === 'string' && QUIET_LOGS.some((q) => a.toLowerCase().includes(q))),
  // /ssr/page.html: a page server-rendered by @lit-labs/ssr from dist/ (test/ssr/).
  // /test/faults/widget.js: a widget script that fails on purpose (test/faults-server.js).
  middleware: [
    delayMiddleware,
    faultsMiddleware,
    hangMiddleware,
    policyHeaderMiddleware,
    propertyConfigMiddleware,
    ssrPageMiddleware,
    cdnMiddleware,
  ],
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
    hangReleasePlugin,
  ],
  reporters: [
    defaultReporter(),
    countReporter({ outFile: `${process.env.TEST_RESULTS_DIR ?? '.test-results'}/wtr.json` }),
  ],
};
