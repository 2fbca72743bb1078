// Statistics and tables for bench/run.js. The statistics are simple-statistics' (median,
// quantiles, resampling); nothing here is hand-written numerics beyond ratios.
import { median, quantile, sampleWithReplacement } from 'simple-statistics';

export const PAGE_LABELS = {
  none: '(a) no chat',
  snippet: '(b) official snippet',
  eager: '(c) <closer-chat loading="eager">',
  idle: '(d) <closer-chat loading="idle">',
  interaction: '(e) <closer-chat loading="interaction">',
};

/** Metrics per page: key → [label, unit, decimals]. */
export const METRICS = {
  fcp: ['FCP', 'ms', 0],
  lcp: ['LCP', 'ms', 0],
  tbt: ['TBT', 'ms', 0],
  mainThreadMs: ['Main thread', 'ms', 0],
  scriptMs: ['Script', 'ms', 0],
  kb: ['Bytes', 'KB', 1],
  requests: ['Requests', '', 0],
  tapMs: ['Tap → chat', 'ms', 0],
};
export const RATIO_METRICS = ['fcp', 'lcp', 'tbt', 'mainThreadMs', 'scriptMs', 'kb', 'requests', 'tapMs'];
/** The other scenarios' compact table. */
const COMPACT_METRICS = ['lcp', 'tbt', 'mainThreadMs', 'kb', 'tapMs'];

const round = (x, d = 1) =>
  x === null || x === undefined || Number.isNaN(x) ? null : Math.round(x * 10 ** d) / 10 ** d;
const numbers = (values) => values.filter((v) => typeof v === 'number' && Number.isFinite(v));

export function summarize(values) {
  const xs = numbers(values);
  if (!xs.length) return { n: 0, median: null, p25: null, p75: null, min: null, max: null };
  return {
    n: xs.length,
    median: round(median(xs), 2),
    p25: round(quantile(xs, 0.25), 2),
    p75: round(quantile(xs, 0.75), 2),
    min: round(Math.min(...xs), 2),
    max: round(Math.max(...xs), 2),
  };
}

export const ratio = (a, b) => (a === null || b === null || b === 0 ? null : round(a / b, 2));

/** A seeded generator, so the same runs always give the same interval (and a run's page order can be given again). */
export function seeded(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 90 % bootstrap interval of median(xs) / median(ys): resample each page's runs with
 * replacement (simple-statistics' sampleWithReplacement), 2,000 times.
 */
export function ratioInterval(xs, ys, resamples = 2000) {
  const a = numbers(xs);
  const b = numbers(ys);
  if (a.length < 2 || b.length < 2) return null;
  const random = seeded(0xc105e);
  const ratios = [];
  for (let i = 0; i < resamples; i++) {
    const mb = median(sampleWithReplacement(b, b.length, random));
    if (mb !== 0) ratios.push(median(sampleWithReplacement(a, a.length, random)) / mb);
  }
  return ratios.length ? [round(quantile(ratios, 0.05), 2), round(quantile(ratios, 0.95), 2)] : null;
}

const fmt = (x, d = 0) => (x === null || x === undefined ? '—' : x.toFixed(d));
const cell = (s, d) =>
  !s || s.median === null
    ? '—'
    : s.n === 1
      ? fmt(s.median, d)
      : `${fmt(s.median, d)} (${fmt(s.p25, d)}–${fmt(s.p75, d)})`;
const rcell = (x) => (x === null || x === undefined ? '—' : `${x.toFixed(2)}×`);
const head = (key) => `${METRICS[key][0]}${METRICS[key][1] ? ` (${METRICS[key][1]})` : ''}`;

/** The value and ratio tables of one scenario, as rows of strings. */
export function scenarioTables(scenario) {
  const pages = Object.keys(scenario.pages);
  const keys = Object.keys(METRICS);
  const values = {
    head: ['page', ...keys.map(head)],
    rows: pages.map((p) => [PAGE_LABELS[p], ...keys.map((k) => cell(scenario.pages[p][k], METRICS[k][2]))]),
  };
  const ratios = {
    head: ['page', ...RATIO_METRICS.map((k) => `${METRICS[k][0]} ÷a / ÷b`)],
    rows: pages.map((p) => [
      PAGE_LABELS[p],
      ...RATIO_METRICS.map((k) => {
        const r = scenario.ratios[p]?.[k] ?? {};
        return k === 'tapMs' ? `— / ${rcell(r.vsSnippet)}` : `${rcell(r.vsNone)} / ${rcell(r.vsSnippet)}`;
      }),
    ]),
  };
  return { values, ratios };
}

/** The other scenarios in one table: a few metrics, median and ÷b. */
export function compactTable(report, ids) {
  const rows = [];
  for (const id of ids) {
    const scenario = report.scenarios[id];
    for (const p of Object.keys(scenario.pages)) {
      rows.push([
        scenario.label,
        PAGE_LABELS[p],
        ...COMPACT_METRICS.map((k) => {
          const s = scenario.pages[p][k];
          const r = scenario.ratios[p]?.[k]?.vsSnippet;
          return s.median === null ? '—' : `${fmt(s.median, METRICS[k][2])} (${rcell(r ?? null)})`;
        }),
      ]);
    }
  }
  return { head: ['scenario', 'page', ...COMPACT_METRICS.map((k) => `${head(k)} (÷b)`)], rows };
}

export function textTable({ head: h, rows }) {
  const widths = h.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (r) =>
    r.map((c, i) => (i <= 1 && !/^\d/.test(c) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(h), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function mdTable({ head: h, rows }) {
  // page labels become code spans; nothing else in the cells is markup
  const esc = (s) => (s.includes('<') ? s.replace(/^(\(\w\)) (.*)$/, '$1 `$2`') : s).replace(/\|/g, '\\|');
  const textColumns = h.filter((c) => c === 'page' || c === 'scenario').length;
  return [
    `| ${h.map(esc).join(' | ')} |`,
    `|${h.map((_, i) => (i < textColumns ? ' --- ' : ' ---: ')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

/** Pretty JSON, but one line per raw run, so that a new result diffs readably. */
export function stringifyReport(report) {
  const { runs, ...rest } = report;
  const pretty = JSON.stringify({ ...rest, runs: '@@RUNS@@' }, null, 2);
  return `${pretty.replace('"@@RUNS@@"', `[\n${runs.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`)}\n`;
}

export { fmt, round };
