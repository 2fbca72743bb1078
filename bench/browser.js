// The benchmarks' browser: Debian's Chromium, a fresh one on a fresh profile for each
// page view (chrome-launcher makes a new temporary profile per launch), driven by
// puppeteer-core; the warm-up a fresh browser needs; and the calibration of the stand-in
// widget's busy loop. Used by bench/run.js and bench/side-by-side.js.
import * as chromeLauncher from 'chrome-launcher';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS } from '../tools/browser-paths.js';
import { BURN_SOURCE } from './make-stand-in.js';

/**
 * A headless Chromium of its own. Not an incognito context of a shared browser:
 * Chromium ignores `<link rel="preconnect">` there, and would hide what a preconnect
 * saves a visitor.
 * @param {string} chromePath @param {string[]} extraFlags
 */
export async function launch(chromePath, extraFlags) {
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS, ...extraFlags],
    logLevel: 'error',
  });
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null });
  return {
    browser,
    close: async () => {
      await browser.disconnect().catch(() => {});
      await chrome.kill();
    },
  };
}

/**
 * Iterations of the stand-in's busy loop per ms of CPU at 1x. Timed warm: in each fresh
 * page the loop runs three times and only the second and third count. The first run in a
 * page is about half as fast (V8 optimises the loop while it runs), yet the stand-in's own
 * loop, in a page that has settled, runs at the warm speed: timed cold, the stand-in did
 * about half the CPU work it is meant to, and a view at `--cpu 1` read ×0.48.
 * Noise only ever makes a trial slower (on this shared machine whole pages run at half
 * speed now and then): take the second fastest against a lucky outlier.
 */
export async function calibrate(browser) {
  const timeBurn = async (n) => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const ms = await page.evaluate(
      `(() => { ${BURN_SOURCE}; const ms = []; for (let k = 0; k < 3; k++) { const t0 = performance.now(); ` +
        `window.__sink = burn(${n}); ms.push(performance.now() - t0); } return ms.slice(1); })()`,
    );
    await context.close();
    return ms;
  };
  const probe = 5_000_000;
  await timeBurn(probe); // the first pages of a fresh browser are slower
  const [first] = await timeBurn(probe);
  const n = Math.max(1_000_000, Math.round((probe / first) * 60)); // ≈ 60 ms
  const rates = [];
  for (let i = 0; i < 7; i++) rates.push(...(await timeBurn(n)).map((ms) => n / ms));
  rates.sort((a, b) => b - a);
  return { itersPerMs: rates[1], samples: rates.map((r) => Math.round(r)) };
}

/**
 * A fresh browser's first page waits for its start-up (the GPU process, fonts, the
 * network service): an unmeasured page of another origin first, as a visitor's browser
 * has been running before they come. It shares nothing with the measured pages.
 */
export async function warmUp(page) {
  await page.goto('data:text/html,<title>warm-up</title><p>warm-up', { waitUntil: 'load' });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
}
