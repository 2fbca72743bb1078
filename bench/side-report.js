// Statistics and tables of bench/side-by-side.js: medians with p25–p75 of each page's
// views, and paired differences: in each round, a page's figure minus the baseline's
// figure of the same round (no chat, or the compared build of the same page), then the
// median and p25–p75 of those differences. Pairing by round cancels what the shared
// machine did to the whole round. Numerics are simple-statistics' (via report.js).
import { fmt, round, summarize } from './report.js';

export const SIDE_LABELS = {
  none: 'no chat',
  snippet: 'official snippet',
  launcher: 'hand-written 1 kB launcher (snippet on click)',
  eager: '`eager`',
  idle: '`idle`',
  interaction: '`interaction`',
  manual: '`manual` (page button → open())',
  consent: '`interaction`, consent pending',
  'interaction-no-low': 'probe: `interaction` without fetchpriority',
  'interaction-same-origin': '`interaction`, self-hosted (element from the page origin)',
  'bytes-only': 'probe: a module of the same size that runs nothing',
};
export const labelOf = (id) =>
  id.endsWith('@compared')
    ? `${SIDE_LABELS[id.slice(0, -9)] ?? id.slice(0, -9)} (compared build)`
    : (SIDE_LABELS[id] ?? id);

const views = (runs, page, visit) => runs.filter((r) => r.page === page && r.visit === visit && !r.error);

/** Per round: `metric` of `page` minus `metric` of `base`, both in the same round and visit. */
export function pairedDifferences(runs, page, base, visit, metric) {
  const diffs = [];
  for (const r of views(runs, page, visit)) {
    const b = views(runs, base, visit).find((x) => x.round === r.round);
    if (b && typeof r[metric] === 'number' && typeof b[metric] === 'number') diffs.push(r[metric] - b[metric]);
  }
  return summarize(diffs);
}

/** Median and spread of `metric` over a page's views. */
export const stats = (runs, page, visit, metric) => summarize(views(runs, page, visit).map((r) => r[metric]));

/** The most frequent value (priorities). */
function mode(values) {
  const counts = new Map();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

const cell = (s, d = 0) =>
  !s || s.median === null
    ? '—'
    : s.n === 1
      ? fmt(s.median, d)
      : `${fmt(s.median, d)} (${fmt(s.p25, d)}–${fmt(s.p75, d)})`;
const signed = (x, d) => (x === null ? '—' : `${x > 0 ? '+' : ''}${x.toFixed(d)}`);
const dcell = (s, d = 0) =>
  !s || s.median === null
    ? '—'
    : s.n === 1
      ? signed(s.median, d)
      : `${signed(s.median, d)} (${signed(s.p25, d)} to ${signed(s.p75, d)})`;
const kb = (bytes) => (bytes === null || bytes === undefined ? null : bytes / 1024);

/** Everything the tables show, as numbers (the JSON keeps it). */
export function aggregate(runs, pages, visits) {
  const out = {};
  for (const visit of visits) {
    out[visit] = {};
    for (const page of pages) {
      const list = views(runs, page, visit);
      if (!list.length) continue;
      const s = (metric) => stats(runs, page, visit, metric);
      const d = (metric, base = 'none') => pairedDifferences(runs, page, base, visit, metric);
      const noneLcp = stats(runs, 'none', visit, 'lcp').median;
      out[visit][page] = {
        n: list.length,
        elementKb: summarize(list.map((r) => kb(r.elementBytes))),
        widgetKb: summarize(list.map((r) => kb(r.widgetBytes))),
        mainThreadMs: s('mainThreadMs'),
        mainThreadVsNone: d('mainThreadMs'),
        elementScriptMs: s('elementScriptMs'),
        tbt: s('tbt'),
        fcp: s('fcp'),
        fcpVsNone: d('fcp'),
        lcp: s('lcp'),
        lcpVsNone: d('lcp'),
        lcpRatio: noneLcp && s('lcp').median !== null ? round(s('lcp').median / noneLcp, 3) : null,
        feedbackMs: s('feedbackMs'),
        tapMs: s('tapMs'),
        initAt: s('initAt'),
        // the LCP waterfall
        htmlEnd: s('htmlEnd'),
        heroStart: s('heroStart'),
        heroFirstByte: s('heroFirstByte'),
        heroEnd: s('heroEnd'),
        heroPriority: mode(list.map((r) => r.heroPriority)),
        elementStart: s('elementStart'),
        elementEnd: s('elementEnd'),
        elementPriority: mode(list.map((r) => r.elementPriority)),
        elementRunStart: s('elementRunStart'),
        elementRunEnd: s('elementRunEnd'),
        lcpAfterHeroMs: s('lcpAfterHeroMs'),
        busyHeroToLcpMs: s('busyHeroToLcpMs'),
        elementHeroToLcpMs: s('elementHeroToLcpMs'),
        byUrl: bytesByUrl(list),
      };
      if (page.endsWith('@compared')) {
        const current = page.slice(0, -9);
        out[visit][page].vsCurrent = Object.fromEntries(
          COMPARED_METRICS.map((m) => [m, pairedDifferences(runs, current, page, visit, m)]),
        );
      }
    }
  }
  return out;
}

const COMPARED_METRICS = ['elementBytes', 'mainThreadMs', 'tbt', 'lcp', 'feedbackMs', 'tapMs', 'initAt'];

/** Median body bytes per element-code URL (path only), over a page's views. */
function bytesByUrl(list) {
  const byUrl = {};
  for (const r of list)
    for (const q of r.elementRequests) (byUrl[new URL(q.url).pathname] ??= []).push(q.fromCache ? 0 : q.bodyBytes);
  return Object.fromEntries(Object.entries(byUrl).map(([url, xs]) => [url, summarize(xs).median]));
}

// ------------------------------------------------------------------ tables

/** Before any input: what each page costs, against no chat in the same round. */
export function beforeInputTable(agg, visit) {
  const pages = Object.keys(agg[visit] ?? {});
  return {
    head: [
      'page',
      'element code (kB gzip)',
      'widget (kB gzip)',
      'main thread (ms)',
      'main thread Δ no chat (ms)',
      'TBT (ms)',
      'FCP (ms)',
      'LCP (ms)',
      'LCP ÷ no chat',
      'LCP Δ no chat (ms)',
    ],
    rows: pages.map((p) => {
      const a = agg[visit][p];
      return [
        labelOf(p),
        cell(a.elementKb, 1),
        cell(a.widgetKb, 1),
        cell(a.mainThreadMs),
        p === 'none' ? '0' : dcell(a.mainThreadVsNone),
        cell(a.tbt),
        cell(a.fcp),
        cell(a.lcp),
        a.lcpRatio === null ? '—' : `${a.lcpRatio.toFixed(2)}×`,
        p === 'none' ? '0' : dcell(a.lcpVsNone),
      ];
    }),
  };
}

/** After intent: the tap, and when the widget was initialised on the pages that do it on their own. */
export function afterIntentTable(agg, visit) {
  const pages = Object.keys(agg[visit] ?? {}).filter((p) => p !== 'none');
  return {
    head: ['page', 'release → visible feedback (ms)', 'tap → panel drawn (ms)', 'widget init at (ms, no input)'],
    rows: pages
      .map((p) => {
        const a = agg[visit][p];
        return [labelOf(p), cell(a.feedbackMs), cell(a.tapMs), cell(a.initAt)];
      })
      .filter((row) => row.slice(1).some((c) => c !== '—')),
  };
}

const COMPARED_LABELS = {
  elementBytes: ['element code before input (B gzip)', 0],
  mainThreadMs: ['main thread (ms)', 0],
  tbt: ['TBT (ms)', 0],
  lcp: ['LCP (ms)', 0],
  feedbackMs: ['release → feedback (ms)', 0],
  tapMs: ['tap → panel (ms)', 0],
  initAt: ['widget init at (ms)', 0],
};

/** The current build against the compared one, page by page: paired Δ = current − compared. */
export function comparedTable(agg, visit, runs) {
  const rows = [];
  for (const page of Object.keys(agg[visit] ?? {}).filter((p) => p.endsWith('@compared'))) {
    const current = page.slice(0, -9);
    for (const [metric, [label, d]] of Object.entries(COMPARED_LABELS)) {
      const now = stats(runs, current, visit, metric);
      const then = stats(runs, page, visit, metric);
      if (now.median === null && then.median === null) continue;
      rows.push([labelOf(current), label, cell(now, d), cell(then, d), dcell(agg[visit][page].vsCurrent[metric], d)]);
    }
  }
  return { head: ['page', 'figure', 'current build', 'compared build', 'paired Δ current − compared'], rows };
}

/** When the hero and the element's code travelled and ran, against the LCP (medians, ms). */
export function waterfallTable(agg, visit) {
  const pages = Object.keys(agg[visit] ?? {});
  const span = (a, b) => (a.median === null ? '—' : `${fmt(a.median)} → ${fmt(b.median)}`);
  return {
    head: [
      'page',
      'HTML last byte',
      'hero request → first byte → last byte',
      'hero priority',
      'element code request → last byte',
      'element code priority',
      'element code runs (first → last task)',
      'hero last byte → LCP',
      'of it main thread busy',
      'of it element code',
      'FCP',
      'LCP',
    ],
    rows: pages.map((p) => {
      const a = agg[visit][p];
      return [
        labelOf(p),
        fmt(a.htmlEnd.median),
        a.heroStart.median === null
          ? '—'
          : `${fmt(a.heroStart.median)} → ${fmt(a.heroFirstByte.median)} → ${fmt(a.heroEnd.median)}`,
        a.heroPriority ?? '—',
        span(a.elementStart, a.elementEnd),
        a.elementPriority ?? '—',
        span(a.elementRunStart, a.elementRunEnd),
        cell(a.lcpAfterHeroMs),
        cell(a.busyHeroToLcpMs),
        cell(a.elementHeroToLcpMs),
        fmt(a.fcp.median),
        fmt(a.lcp.median),
      ];
    }),
  };
}

/** Element code transferred before any input, by URL (median bytes of gzip body). */
export function byUrlTable(agg, visit) {
  const rows = [];
  for (const [p, a] of Object.entries(agg[visit] ?? {}))
    for (const [url, bytes] of Object.entries(a.byUrl)) rows.push([labelOf(p), url, fmt(bytes)]);
  return { head: ['page', 'URL', 'bytes (gzip body)'], rows };
}
