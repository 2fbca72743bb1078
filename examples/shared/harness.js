// Test plumbing for the example apps: one headless Chromium per test file
// (playwright-core from the repository root, on the system browser) and a fresh
// browser context per test. A built app is served by tools/static-server.js.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../tools/system-browsers.js';

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
    (target) => target.origin !== origin,
    (route) => {
      problems.push(`request left the test server: ${route.request().url()}`);
      return route.abort();
    },
  );
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const type = message.type();
    if (type !== 'error' && type !== 'warning') return;
    const text = message.text();
    if (EXPECTED_WARNINGS.some((re) => re.test(text))) return;
    problems.push(`console.${type === 'warning' ? 'warn' : type}: ${text}`);
  });
  await page.goto(url);
  return { page, problems, close: () => context.close() };
}
