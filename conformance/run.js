// The conformance probe's engine: probes one or more widget.js URLs in one headless
// browser session and returns one finding per URL. cli.js turns a finding into the
// report users attach to a bug; the tests call `probeWidgets` with many simulator points.
import { officialSnippet } from '../tools/official-snippet.js';
import { browserExecutable, browserVersion, launchBrowser } from './browser.js';
import { startProbeServer } from './server.js';

export const DEFAULTS = Object.freeze({
  widget: 'https://widget.closer.app/widget.js',
  browser: 'chromium',
  settleMs: 1500,
  installWaitMs: 5000,
  timeoutMs: 120_000,
});

/**
 * @param {{ widgets: string[], org?: string, browser?: string, browserPath?: string, settleMs?: number,
 *   installWaitMs?: number, timeoutMs?: number, lanes?: number }} options
 *   `lanes`: how many widgets are probed side by side (each on an origin of its own)
 * @returns {Promise<{ browser: { name: string, version: string, userAgent?: string }, findings: any[] }>}
 *   `findings[i]` for `widgets[i]`: `{ point, dimensions, notes, pageErrors, userAgent }`, or `{ failure }`
 */
export async function probeWidgets({
  widgets,
  org,
  browser = DEFAULTS.browser,
  browserPath,
  settleMs = DEFAULTS.settleMs,
  installWaitMs = DEFAULTS.installWaitMs,
  timeoutMs = DEFAULTS.timeoutMs,
  lanes = 1,
}) {
  const executable = browserExecutable(browser, browserPath);
  const jobs = widgets.map((widget, id) => {
    const widgetUrl = new URL(widget).href;
    return { id, widgetUrl, org: org ?? null, snippet: officialSnippet(widgetUrl), settleMs, installWaitMs };
  });
  const server = await startProbeServer({ jobs, lanes: Math.min(lanes, jobs.length) });
  let launched;
  let timer;
  try {
    launched = await launchBrowser({ name: browser, executable, url: server.runnerUrl });
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the probe did not finish within ${timeoutMs} ms`)), timeoutMs);
    });
    const reports = await Promise.race([server.reports, launched.exited, timeout]);
    const findings = jobs.map((job) => reports.get(job.id));
    const userAgent = findings.find((finding) => finding?.userAgent)?.userAgent;
    return { browser: { name: browser, version: await browserVersion(executable), userAgent }, findings };
  } finally {
    clearTimeout(timer);
    await launched?.close();
    await server.close();
  }
}
