// Figures from one page view's DevTools trace, with Lighthouse's own trace processing
// (the same functions its audits use, so both benchmarks count alike): the navigation's
// FCP and LCP, main-thread time (every top-level task: Lighthouse's
// mainthread-work-breakdown), TBT, and the time attributable to given scripts (as its
// bootup-time audit attributes it). Times are ms from the navigation's start, the page's
// own `performance.now()` clock.
import { MainThreadTasks } from 'lighthouse/core/computed/main-thread-tasks.js';
import { ProcessedNavigation } from 'lighthouse/core/computed/processed-navigation.js';
import { ProcessedTrace } from 'lighthouse/core/computed/processed-trace.js';
import Trace from 'lighthouse/core/gather/gatherers/trace.js';
import * as Lantern from 'lighthouse/core/lib/lantern/lantern.js';
import { TraceProcessor } from 'lighthouse/core/lib/tracehouse/trace-processor.js';

/** The categories Lighthouse records. */
export const TRACE_CATEGORIES = Trace.getDefaultTraceCategories().filter(
  (c) => c !== 'disabled-by-default-devtools.screenshot',
);

/**
 * Σ (task − 50 ms) over the main thread's top-level tasks between `fromMs` and `toMs`:
 * Lighthouse's own sum (Lantern.Metrics.TBTUtils), as in its timespan mode.
 * @param {LH.Artifacts.ProcessedTrace} processed
 */
export function blockingTime(processed, fromMs, toMs) {
  const events = TraceProcessor.getMainThreadTopLevelEvents(processed);
  return Lantern.Metrics.TBTUtils.calculateSumOfBlockingTime(events, fromMs, toMs);
}

/**
 * @param {{ traceEvents: object[] }} trace
 * @param {{ endMs?: number, scripts?: Record<string, (url: string) => boolean> }} [options]
 *   `endMs`: count tasks that start before it (default: the whole trace); `scripts`: name →
 *   which URLs are that script's, for the time attributable to it
 */
export async function traceFigures(trace, { endMs = Infinity, scripts = {} } = {}) {
  const context = { computedCache: new Map() };
  const processed = await ProcessedTrace.request(trace, context);
  const navigation = await ProcessedNavigation.request(processed, context);
  const tasks = (await MainThreadTasks.request(trace, context)).filter((t) => t.startTime < endMs);
  const topLevel = tasks.filter((t) => !t.parent);
  const fcp = navigation.timings.firstContentfulPaint ?? null;
  const end = Math.min(endMs, processed.timings.traceEnd);
  const byScript = {};
  for (const [name, owns] of Object.entries(scripts)) {
    const mine = (t) => t.attributableURLs.some(owns);
    byScript[name] = {
      // every task's self time whose stack holds one of its URLs (Lighthouse bootup-time)
      ms: tasks.filter(mine).reduce((sum, t) => sum + t.selfTime, 0),
      // the top-level tasks that ran its code
      tasks: topLevel.filter(mine).map((t) => ({ start: t.startTime, end: t.endTime })),
    };
  }
  return {
    timeOriginMs: processed.timestamps.timeOrigin / 1000,
    fcp,
    lcp: navigation.timings.largestContentfulPaint ?? null,
    load: navigation.timings.load ?? null,
    mainThreadMs: topLevel.reduce((sum, t) => sum + t.duration, 0),
    tbt: fcp === null ? null : blockingTime(processed, fcp, end),
    tasks: topLevel.map((t) => ({ start: t.startTime, end: t.endTime })),
    longTasks: topLevel
      .filter((t) => t.duration >= 50)
      .map((t) => ({ start: t.startTime, ms: t.duration, urls: t.attributableURLs.slice(0, 3) })),
    scripts: byScript,
  };
}
