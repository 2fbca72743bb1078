// Test plumbing for the example apps, in each browser BROWSERS asks for that can drive
// them: Chromium through playwright-core (from the repository root, on the system
// browser), WebKit through WebDriver (webdriver-page.js, on tools/webkit.js). Firefox
// runs the element's own suites but not these: Playwright cannot drive stock Firefox.
// Each test gets a fresh browser context (Chromium) or session (WebKit): empty storage.
// A built app is served by tools/static-server.js, with serverOptions(browser).
import { chromium } from 'playwright-core';
import { remote } from 'webdriverio';
import { BROWSERS, CHROMIUM_ARGS, findChromium, requestedBrowsers } from '../../tools/browser-paths.js';
import { startWebKitDriver, webkitCapabilities } from '../../tools/webkit.js';
import { PROBE, WebDriverPage } from './webdriver-page.js';

/** The browsers these tests can drive. */
export const EXAMPLE_BROWSERS = ['chromium', 'webkit'];

/** Those of them BROWSERS asks for. */
export const exampleBrowsers = () => requestedBrowsers().filter((name) => EXAMPLE_BROWSERS.includes(name));

export const browserLabel = (name) => BROWSERS[name].label;

/** Console warnings that are no problem: Lit's notice in a development build. */
const EXPECTED_WARNINGS = [/^Lit is in dev mode\./];
const expected = (problem) => EXPECTED_WARNINGS.some((re) => re.test(problem.replace(/^console\.warn: /, '')));

/** The static server's options for a browser: WebKit's pages carry the problem probe. */
export const serverOptions = (name) => (name === 'webkit' ? { headScript: PROBE } : {});

/** Chromium: one browser per test file, launched on first use. */
let chromiumPromise;
/** WebKit: one Xvfb + WebKitWebDriver per test file, started on first use. */
let webkitDriverPromise;

/**
 * A fresh context (empty localStorage) and page on `url`, in `browser`. Requests that
 * leave 127.0.0.1 are reported, as are page errors and console errors and warnings (a
 * framework's development warnings, the development widget's complaints):
 * `await problems()`.
 * @returns {Promise<{ page: any, problems: () => Promise<string[]>, close: () => Promise<void> }>}
 */
export async function openPage(browser, url) {
  return browser === 'webkit' ? openWebKitPage(url) : openChromiumPage(url);
}

async function openChromiumPage(url) {
  chromiumPromise ??= chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  const context = await (await chromiumPromise).newContext();
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
    const problem = `console.${type === 'warning' ? 'warn' : type}: ${message.text()}`;
    if (!expected(problem)) problems.push(problem);
  });
  await page.goto(url);
  return { page, problems: async () => problems, close: () => context.close() };
}

async function openWebKitPage(url) {
  webkitDriverPromise ??= startWebKitDriver();
  const driver = await webkitDriverPromise;
  const session = await remote({
    hostname: '127.0.0.1',
    port: driver.port,
    capabilities: webkitCapabilities(),
    logLevel: 'error',
  });
  const page = new WebDriverPage(session);
  page.setDefaultTimeout(10_000);
  await page.goto(url);
  return {
    page,
    problems: async () => (await page.problems()).filter((problem) => !expected(problem)),
    close: () => session.deleteSession(),
  };
}

/** Ends this file's browsers (and WebKit's display and driver). */
export async function closeBrowsers() {
  const chromiumBrowser = await chromiumPromise?.catch(() => undefined);
  const webkitDriver = await webkitDriverPromise?.catch(() => undefined);
  chromiumPromise = webkitDriverPromise = undefined;
  await chromiumBrowser?.close();
  await webkitDriver?.stop();
}
