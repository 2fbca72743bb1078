// One page view measured by Lighthouse (its Node API, on a puppeteer-core page of the
// benchmark's own Chromium), and the figures the benchmark reads from its report.
//
// Settings: Lighthouse's default (mobile) config — Moto G Power screen (412×823, DPR
// 1.75), mobile user agent, CPU 4× slower — with `throttlingMethod: 'devtools'`: the page
// really loads under DevTools' CPU and network throttling, so what is measured is what
// ran (the `simulate` default would model it with Lantern instead, which does not credit
// a `preconnect`). Network: the scenario's profile (bench/config.js).
//
// Observation windows. For observed (non-simulated) runs Lighthouse raises its quiet
// windows to 5.25 s each (`nonSimulatedSettingsOverrides` in core/config/constants.js).
// The CPU-quiet one is what TTI, and so TBT, need; we keep it. The pause after load and
// the network-quiet window we lower to 1.5 s and 1 s, the windows this benchmark has
// always used, which saves ~5 s per view and keeps a default run under 15 minutes.
// `--lighthouse-windows stock` restores Lighthouse's values.
//
// TBT. Lighthouse's observed TBT runs from FCP to TTI, and has no value when the trace
// holds no 5 s quiet window after the last long task (NO_TTI_CPU_IDLE_PERIOD: it happens
// now and then on the pages that fetch the widget after load). The TBT reported here is
// Lighthouse's own sum (Lantern.Metrics.TBTUtils.calculateSumOfBlockingTime over its
// top-level main-thread tasks) from FCP to the end of the trace, which is what Lighthouse
// does in timespan mode; where TTI exists the two agree (the JSON keeps both).
//
// Lighthouse is pinned to an exact version in package.json because of these internals.
import lighthouse from 'lighthouse';
import { ProcessedTrace } from 'lighthouse/core/computed/processed-trace.js';
import { nonSimulatedSettingsOverrides } from 'lighthouse/core/config/constants.js';
import { blockingTime } from './trace-figures.js';

const WINDOWS = {
  pauseAfterFcpMs: 1000,
  pauseAfterLoadMs: 1500,
  networkQuietThresholdMs: 1000,
  cpuQuietThresholdMs: 5250,
};
const STOCK_WINDOWS = { ...nonSimulatedSettingsOverrides };

/** @param {'bench' | 'stock'} which */
export function useWindows(which) {
  const expected = ['pauseAfterFcpMs', 'pauseAfterLoadMs', 'networkQuietThresholdMs', 'cpuQuietThresholdMs'];
  if (expected.some((key) => typeof nonSimulatedSettingsOverrides[key] !== 'number')) {
    throw new Error(
      'this Lighthouse version has no nonSimulatedSettingsOverrides as 12.x had: see bench/lighthouse.js',
    );
  }
  Object.assign(nonSimulatedSettingsOverrides, which === 'stock' ? STOCK_WINDOWS : WINDOWS);
  return which === 'stock' ? STOCK_WINDOWS : WINDOWS;
}

const AUDITS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'interactive',
  'mainthread-work-breakdown',
  'bootup-time',
  'network-requests',
  'total-byte-weight',
  'metrics',
];

/**
 * @param {{ network: { requestLatencyMs: number, downloadThroughputKbps: number, uploadThroughputKbps: number, rttMs: number },
 *   cpu: number, saveData: boolean, repeat: boolean, windows: Record<string, number> }} options
 */
export function lighthouseConfig({ network, cpu, saveData, repeat, windows }) {
  return {
    extends: 'lighthouse:default',
    settings: {
      onlyAudits: AUDITS,
      throttlingMethod: 'devtools',
      throttling: {
        rttMs: network.rttMs,
        throughputKbps: network.downloadThroughputKbps / 0.9,
        requestLatencyMs: network.requestLatencyMs,
        downloadThroughputKbps: network.downloadThroughputKbps,
        uploadThroughputKbps: network.uploadThroughputKbps,
        cpuSlowdownMultiplier: cpu,
      },
      ...windows,
      // a returning visitor: keep the HTTP cache and the storage of the view before
      disableStorageReset: repeat,
      extraHeaders: saveData ? { 'Save-Data': 'on' } : null,
      disableFullPageScreenshot: true,
      skipAboutBlank: true,
      maxWaitForLoad: 60_000,
    },
  };
}

const groupMs = (items, group) => items.find((i) => i.group === group)?.duration ?? 0;

/**
 * Runs Lighthouse on `page` and returns the benchmark's figures (ms, KB, counts).
 * @param {import('puppeteer-core').Page} page
 * @param {string} url
 * @param {ReturnType<typeof lighthouseConfig>} config
 * @param {(url: string) => boolean} isWidget requests to the widget's origin
 */
export async function runLighthouse(page, url, config, isWidget) {
  const result = await lighthouse(url, { logLevel: 'error' }, config, page);
  const lhr = result?.lhr;
  if (!lhr) throw new Error(`Lighthouse returned no result for ${url}`);
  const audit = (id) => lhr.audits[id];
  const value = (id) => (typeof audit(id)?.numericValue === 'number' ? audit(id).numericValue : null);
  let tbtToEnd = null;
  const fcp = value('first-contentful-paint');
  if (fcp !== null && result.artifacts?.Trace) {
    const processed = await ProcessedTrace.request(result.artifacts.Trace, { computedCache: new Map() });
    tbtToEnd = blockingTime(processed, fcp, processed.timings.traceEnd);
  }
  const breakdown = audit('mainthread-work-breakdown')?.details?.items ?? [];
  const requests = audit('network-requests')?.details?.items ?? [];
  const bootup = audit('bootup-time')?.details?.items ?? [];
  const widgetBootup = bootup.filter((i) => typeof i.url === 'string' && isWidget(i.url));
  return {
    lighthouseError: lhr.runtimeError?.code ?? null,
    warnings: lhr.runWarnings ?? [],
    fcp: value('first-contentful-paint'),
    lcp: value('largest-contentful-paint'),
    tbt: tbtToEnd,
    tbtLighthouse: value('total-blocking-time'),
    tti: value('interactive'),
    metricErrors: ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'interactive']
      .filter((id) => audit(id)?.errorMessage)
      .map((id) => `${id}: ${audit(id).errorMessage}`),
    // trace-based: every main-thread task, microtasks included (they run inside tasks)
    mainThreadMs: value('mainthread-work-breakdown'),
    scriptMs: groupMs(breakdown, 'scriptEvaluation') + groupMs(breakdown, 'scriptParseCompile'),
    styleLayoutMs: groupMs(breakdown, 'styleLayout'),
    breakdown: Object.fromEntries(breakdown.map((i) => [i.group, Math.round(i.duration)])),
    widgetScriptMs: widgetBootup.reduce((s, i) => s + (i.scripting ?? 0) + (i.scriptParseCompile ?? 0), 0),
    kb: value('total-byte-weight') === null ? null : value('total-byte-weight') / 1024,
    requests: requests.length,
    widgetRequests: requests.filter((r) => isWidget(r.url)).length,
    widgetScriptRequests: requests.filter((r) => isWidget(r.url) && new URL(r.url).pathname === '/widget.js').length,
    fromCache: requests.filter((r) => r.transferSize === 0 || r.statusCode === 304).length,
    failedRequests: requests
      .filter((r) => !(r.statusCode >= 200 && r.statusCode < 400) && !r.url.endsWith('/favicon.ico'))
      .map((r) => r.url),
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
    lighthouseVersion: lhr.lighthouseVersion,
  };
}
