// One page view under applied DevTools throttling, for bench/side-by-side.js: a fresh
// Chromium on a fresh profile (bench/browser.js), CDP `Network.emulateNetworkConditions`
// and `Emulation.setCPUThrottlingRate` set before the navigation, so the page really
// loads under them (no Lighthouse, no simulation). It records the network (with the
// priority Chromium gave each request: bench/network-log.js) and a DevTools trace until
// the page has settled, before any input; then, optionally, the visitor reads and taps
// the launcher (bench/tap.js).
//
// "Settled": the load event has fired, and since then nothing has started or ended on
// the network and no long task has run for `quietMs` (at least `minAfterLoadMs` after
// load; at most `maxSettleMs`). So an `idle` page's widget, fetched and run after load,
// falls inside the window, and the window ends before any input.
//
// A returning view first shows the page once in the same browser without any input
// (unthrottled: only the cache and storage it leaves matter), then drops every
// connection, and measures the next view: a visitor who came back and never chatted.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { warmUp } from './browser.js';
import { recordNetwork } from './network-log.js';
import { measureTap } from './tap.js';
import { TRACE_CATEGORIES, traceFigures } from './trace-figures.js';

/** Lighthouse's mobile screen (Moto G Power). */
export const DEVICE = { width: 412, height: 823, deviceScaleFactor: 1.75 };
const INSTRUMENT = readFileSync(new URL('./instrument.js', import.meta.url), 'utf8');
/** The end of the last long task, as the page saw it (the settle rule needs it live). */
const LONG_TASK_WATCH = `window.__benchLongTaskEnd = 0;
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__benchLongTaskEnd = Math.max(window.__benchLongTaskEnd, e.startTime + e.duration);
  }).observe({ type: 'longtask', buffered: true });
} catch {}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The page's own account before any input, in its clock (ms from the navigation's start). */
function readPageState() {
  const el = document.querySelector('closer-chat');
  const sim = window.closerSimulator;
  const lcp = performance.getEntriesByType('largest-contentful-paint').at(-1);
  const marks = {};
  for (const m of performance.getEntriesByType('mark')) if (!(m.name in marks)) marks[m.name] = m.startTime;
  return {
    lcpInPage: lcp ? lcp.startTime : null,
    lcpUrl: lcp ? lcp.url || lcp.element?.tagName || null : null,
    fcpInPage: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    marks,
    executions: sim ? sim.executions : 0,
    initialized: !!(sim && sim.initialized),
    drawn: !!(sim && sim.drawn),
    facade: !!el?.shadowRoot?.querySelector('button[part~="launcher"]'),
    elementState: el ? el.state : null,
    startupWorkMs: window.closerStandIn ? window.closerStandIn.startupWorkMs : null,
    now: performance.now(),
  };
}

async function settle(page, network, { quietMs, minAfterLoadMs, maxSettleMs }) {
  const started = Date.now();
  for (;;) {
    const [now, longTaskEnd, loadEnd] = await page.evaluate(() => [
      performance.now(),
      window.__benchLongTaskEnd ?? 0,
      performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? 0,
    ]);
    const quiet =
      loadEnd > 0 &&
      now - loadEnd >= minAfterLoadMs &&
      network.inFlight() === 0 &&
      network.quietForMs() >= quietMs &&
      now - longTaskEnd >= quietMs;
    if (quiet) return true;
    if (Date.now() - started > maxSettleMs) return false;
    await sleep(100);
  }
}

/**
 * @param {{
 *   openBrowser: () => Promise<{ browser: import('puppeteer-core').Browser, close: () => Promise<void> }>,
 *   dropConnections: () => void,
 *   url: string, visit: 'first' | 'returning',
 *   network: { requestLatencyMs: number, downloadThroughputKbps: number, uploadThroughputKbps: number },
 *   cpu: number, settleOptions: { quietMs: number, minAfterLoadMs: number, maxSettleMs: number },
 *   scripts: Record<string, (url: string) => boolean>,
 *   tap: { readMs: number, timeoutMs: number } | null,
 *   tracePath?: string | null,
 * }} options
 */
export async function appliedView({
  openBrowser,
  dropConnections,
  url,
  visit,
  network,
  cpu,
  settleOptions,
  scripts,
  tap,
  tracePath = null,
}) {
  const session = await openBrowser();
  try {
    const page = await session.browser.newPage();
    const cdp = await page.createCDPSession();
    await cdp.send('Emulation.setDeviceMetricsOverride', { ...DEVICE, mobile: true });
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    await warmUp(page);
    await page.evaluateOnNewDocument(INSTRUMENT);
    await page.evaluateOnNewDocument(LONG_TASK_WATCH);
    const log = await recordNetwork(cdp);
    if (visit === 'returning') {
      await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
      await settle(page, log, settleOptions);
      await page.goto('about:blank');
      dropConnections(); // back later: warm cache and storage, cold connections
      log.clear();
    }
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: network.requestLatencyMs,
      // Lighthouse's conversion (core/lib/emulation.js): Kbps → bytes/s
      downloadThroughput: (network.downloadThroughputKbps * 1024) / 8,
      uploadThroughput: (network.uploadThroughputKbps * 1024) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    await page.tracing.start({ categories: TRACE_CATEGORIES });
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    const settled = await settle(page, log, settleOptions);
    const state = await page.evaluate(readPageState);
    const traceBuffer = await page.tracing.stop();
    if (tracePath && traceBuffer) await writeFile(tracePath, traceBuffer);
    const figures = await traceFigures(JSON.parse(Buffer.from(traceBuffer).toString('utf8')), {
      endMs: state.now,
      scripts,
    });
    const requests = log.requests(figures.timeOriginMs).filter((r) => r.start <= state.now);
    const after = tap
      ? await measureTap(page, { network, cpu, saveData: false, device: DEVICE, ...tap })
      : { tapMs: null, feedbackMs: null, target: null };
    // what ran around the tap (the widget marks its script's execution and init)
    const marksAfter = tap
      ? await page.evaluate(() =>
          Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
        )
      : {};
    return { settled, figures, state, requests, tap: after, marksAfter };
  } finally {
    await session.close().catch(() => {});
  }
}
