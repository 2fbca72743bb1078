// The side-by-side benchmark: what each way of embedding the chat costs a visitor before
// any input, and what the visitor waits for after intent, with applied DevTools
// throttling (CDP network and CPU emulation, no Lighthouse), every page in every round.
//
//   npm run bench:side-by-side                 (= npm run build && node bench/side-by-side.js)
//   node bench/side-by-side.js --quick         2 rounds, first views only
//   node bench/side-by-side.js --rounds 15 --compare /tmp/today/dist
//   node bench/side-by-side.js --lcp-probes    adds the pages that tell why LCP moves
//   node bench/side-by-side.js --help
//
// Each round shows every page (first view and returning view) in a random order, each
// view in a fresh Chromium on a fresh profile (bench/applied-view.js). The pages are one
// template (bench/pages.js) with: no chat, the official snippet, a 1 kB hand-written
// launcher that loads the snippet on click, and the element with each strategy; with
// --compare, the element's pages again on another build, in the same rounds. The
// origins, the stand-in widget and the tap are bench/run.js's (bench/origins.js,
// make-stand-in.js, tap.js). Writes <out>/side-by-side.json and .md. bench/README.md
// explains what is measured.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { findChromium } from '../tools/browser-paths.js';
import { appliedView, DEVICE } from './applied-view.js';
import { calibrate, launch } from './browser.js';
import { snapshotBuild, sourceState, writeBytesOnly } from './builds.js';
import { NETWORK_PROFILES, optionsUsage, parseOptions, parsers, standInSpec } from './config.js';
import { OUT_DIR, PROJECT_ROOT, generate } from './make-stand-in.js';
import { BUNDLE_ORIGIN, URLS, WIDGET_ORIGIN, startOrigins } from './origins.js';
import { EMBEDS, renderPage } from './pages.js';
import { mdTable, round, seeded, stringifyReport, textTable } from './report.js';
import {
  afterIntentTable,
  aggregate,
  beforeInputTable,
  byUrlTable,
  comparedTable,
  labelOf,
  waterfallTable,
} from './side-report.js';

const { int, num, str, bool, list } = parsers;
const PAGES = [
  'none',
  'snippet',
  'launcher',
  'eager',
  'idle',
  'interaction',
  'interaction-same-origin',
  'manual',
  'consent',
];
const ELEMENT_PAGES = ['eager', 'idle', 'interaction', 'manual', 'consent'];
const LCP_PROBES = ['interaction-no-low', 'interaction-same-origin', 'bytes-only'];
/** No tap: nothing to open (no chat, or consent withheld). */
const NO_TAP = new Set(['none', 'consent', 'bytes-only']);
const COMMAND = 'node bench/side-by-side.js';

const SPEC = {
  rounds: [7, int, 'rounds; each shows every page once per visit, in a random order'],
  visits: [
    'first,returning',
    list,
    'first (empty cache, fresh profile) and/or returning (viewed once before, no chat)',
  ],
  pages: [PAGES.join(','), list, `pages, comma-separated, of: ${Object.keys(EMBEDS).join(', ')}`],
  lcpProbes: [false, bool, `add the LCP probes: ${LCP_PROBES.join(', ')}`],
  build: ['dist', str, 'the build to measure: a directory (its --entry is the module the pages load) or one file'],
  entry: ['closer-chat.bundle.js', str, 'the module a page embeds, inside --build'],
  compare: ['', str, 'another build (a directory or one file) of the element pages, measured in the same rounds'],
  compareEntry: ['closer-chat.bundle.js', str, 'the module a page embeds, inside --compare (a directory)'],
  comparePages: [ELEMENT_PAGES.join(','), list, 'the pages measured on the --compare build too'],
  cpu: [4, num, 'CPU slowdown (CDP Emulation.setCPUThrottlingRate)'],
  network: ['fast4g', str, `network profile: ${Object.keys(NETWORK_PROFILES).join(', ')}`],
  connectRtts: [3, num, 'round trips a new HTTPS connection costs (DNS + TCP + TLS 1.3); plain HTTP pays one less'],
  quietMs: [1000, int, 'settled: this long without a request starting or ending and without a long task'],
  minAfterLoadMs: [1000, int, 'settled: at least this long after the load event'],
  maxSettleMs: [15000, int, 'settled: give up waiting after this long (the view is kept and flagged)'],
  tap: [true, bool, 'after the settled view, scroll, read and tap the launcher (--tap=false: no taps)'],
  tapVisits: ['first', list, 'the visits that end with the tap (first, returning)'],
  readMs: [3000, int, 'reading time between the scroll (first activity) and the tap'],
  tapTimeoutMs: [20000, int, 'how long to wait for the chat panel after the tap'],
  waitLoad: [
    0,
    num,
    "before each round, wait (10 min at most) for the 1-minute load average to drop below this (0: don't)",
  ],
  seed: [0, int, 'seed of the page order (0: a new one, printed)'],
  trace: [false, bool, 'keep each view’s DevTools trace in bench/.out/side-by-side/traces/'],
  out: ['bench/results', str, 'directory for side-by-side.json and side-by-side.md'],
  quick: [false, bool, 'a short run: --rounds 2 --visits first, results into bench/.out/side-by-side/'],
  // The stand-in of issue 18's independent run: 95 kB gzip, 150 ms of start-up CPU at 1x.
  ...standInSpec({ widgetScriptKb: 95, widgetStartupMs: 150 }),
};

function readOptions() {
  const { config, given } = parseOptions(SPEC, COMMAND);
  if (config.quick) {
    if (!given.has('rounds')) config.rounds = 2;
    if (!given.has('visits')) config.visits = ['first'];
    if (!given.has('out')) config.out = 'bench/.out/side-by-side';
  }
  const pages = [...new Set([...config.pages, ...(config.lcpProbes ? LCP_PROBES : [])])];
  const unknown = pages.filter((p) => !(p in EMBEDS));
  if (unknown.length)
    throw new Error(`unknown page(s) ${unknown.join(', ')}; pages: ${Object.keys(EMBEDS).join(', ')}`);
  if (!pages.includes('none')) pages.unshift('none'); // every difference is to it
  config.pageList = pages;
  if (config.visits.some((v) => !['first', 'returning'].includes(v))) throw new Error('--visits: first, returning');
  if (!(config.network in NETWORK_PROFILES)) throw new Error(`--network: ${Object.keys(NETWORK_PROFILES).join(', ')}`);
  if (config.rounds < 1) throw new Error('--rounds must be at least 1');
  return config;
}

/** A shuffle from a seeded generator, so a run's page order can be given again (--seed). */
function shuffler(seed) {
  const next = seeded(seed);
  return (items) => {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
}

const isElementCode = (url) =>
  url.startsWith(`${BUNDLE_ORIGIN}/`) || (/^https?:/.test(url) && new URL(url).pathname.startsWith('/bench/.out/cdn/'));
const isWidget = (url) => url.startsWith(`${WIDGET_ORIGIN}/`);
const isHero = (url) => url.endsWith('/bench/assets/hero.jpg');
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
/** How long `tasks` ran inside [from, to] (ms). */
const overlap = (tasks, from, to) =>
  from === null || to === null
    ? null
    : sum(tasks.map((t) => Math.max(0, Math.min(t.end, to) - Math.max(t.start, from))));

/** One view's record: the figures the tables use, flat, plus what the checks need. */
function record(page, visit, roundIndex, view, config) {
  const { figures, state, requests, tap } = view;
  const element = requests.filter((r) => isElementCode(r.url));
  const widget = requests.filter((r) => isWidget(r.url));
  const hero = requests.find((r) => isHero(r.url));
  const html = requests.find((r) => r.type === 'Document');
  const entry = element[0];
  const m = state.marks;
  const run = figures.scripts.element;
  const heroEnd = hero?.end ?? null;
  return {
    page,
    visit,
    round: roundIndex,
    settled: view.settled,
    fcp: round(figures.fcp),
    lcp: round(figures.lcp),
    lcpInPage: round(state.lcpInPage),
    lcpUrl: state.lcpUrl,
    tbt: round(figures.tbt),
    mainThreadMs: round(figures.mainThreadMs),
    elementScriptMs: round(run.ms),
    widgetScriptMs: round(figures.scripts.widget.ms),
    elementBytes: sum(element.filter((r) => !r.fromCache).map((r) => r.bodyBytes)),
    widgetBytes: sum(widget.filter((r) => !r.fromCache).map((r) => r.bodyBytes)),
    elementRequests: element.map((r) => ({
      url: r.url,
      bodyBytes: r.bodyBytes,
      transferBytes: r.transferBytes,
      fromCache: r.fromCache,
      priority: r.initialPriority === r.priority ? r.priority : `${r.initialPriority}→${r.priority}`,
      start: round(r.start),
      end: round(r.end),
    })),
    widgetRequests: widget.length,
    htmlEnd: round(html?.end),
    heroStart: round(hero?.start),
    heroFirstByte: round(hero?.responseAt),
    heroEnd: round(hero?.end),
    heroPriority: hero ? hero.priority : null,
    elementStart: round(entry?.start),
    elementEnd: entry ? round(Math.max(...element.map((r) => r.end ?? 0))) : null,
    elementPriority: entry
      ? entry.initialPriority === entry.priority
        ? entry.priority
        : `${entry.initialPriority}→${entry.priority}`
      : null,
    elementRunStart: run.tasks.length ? round(run.tasks[0].start) : null,
    elementRunEnd: run.tasks.length ? round(run.tasks.at(-1).end) : null,
    elementTaskMs: round(sum(run.tasks.map((t) => t.end - t.start))),
    // the main thread between the hero's last byte and the LCP: busy, and busy with the element's code
    lcpAfterHeroMs: heroEnd !== null && figures.lcp !== null ? round(figures.lcp - heroEnd) : null,
    busyHeroToLcpMs: round(overlap(figures.tasks, heroEnd, figures.lcp)),
    elementHeroToLcpMs: round(overlap(run.tasks, heroEnd, figures.lcp)),
    longTasks: figures.longTasks.map((t) => ({ ...t, start: round(t.start), ms: round(t.ms) })),
    initAt: round(m['closer-simulator:init-start'] ?? null),
    defineAt: round(m['bench:define-closer-chat'] ?? null),
    initialized: state.initialized,
    facade: state.facade,
    feedbackMs: round(tap.feedbackMs),
    tapMs: round(tap.tapMs),
    tapTarget: tap.target,
    // the widget script's execution relative to the finger's touch (ms; null: it did not run in the tap)
    widgetExecAfterTouch:
      tap.at && typeof view.marksAfter['closer-simulator:exec-start'] === 'number'
        ? round(view.marksAfter['closer-simulator:exec-start'] - tap.at.start)
        : null,
    widgetExecMs:
      tap.at && typeof view.marksAfter['closer-simulator:exec-end'] === 'number'
        ? round(view.marksAfter['closer-simulator:exec-end'] - view.marksAfter['closer-simulator:exec-start'])
        : null,
    tapError: tap.error ?? null,
    cpuFactor:
      state.startupWorkMs !== null && config.widgetStartupMs > 0
        ? round(state.startupWorkMs / config.widgetStartupMs, 2)
        : null,
    failedRequests: requests.filter((r) => r.failed && r.failed !== 'canceled').map((r) => `${r.url}: ${r.failed}`),
  };
}

/** Waits, 10 min at most, for this shared machine's 1-minute load average to drop below `limit`. */
async function quieter(limit) {
  const until = Date.now() + 600_000;
  while (loadavg()[0] >= limit && Date.now() < until) {
    process.stdout.write(`  load ${loadavg()[0].toFixed(2)} ≥ ${limit}: waiting\n`);
    await new Promise((r) => setTimeout(r, 15_000));
  }
}

function checks(runs, config) {
  const out = [];
  const check = (ok, message) => out.push({ ok, message });
  const of = (page, visit) =>
    runs.filter((r) => r.page.replace(/@compared$/, '') === page && (!visit || r.visit === visit));
  const all = (list, f) => list.length > 0 && list.every(f);
  const errors = runs.filter((r) => r.error);
  check(errors.length === 0, `every view finished${errors.map((r) => ` (${r.page}/${r.visit}: ${r.error})`).join('')}`);
  const ok = runs.filter((r) => !r.error);
  const unsettled = ok.filter((r) => !r.settled);
  check(
    unsettled.length <= Math.floor(ok.length * 0.1),
    `${ok.length - unsettled.length} of ${ok.length} views settled within ${config.maxSettleMs} ms`,
  );
  if (of('none').length)
    check(
      all(of('none'), (r) => r.widgetRequests === 0 && r.elementRequests.length === 0),
      'no chat: no chat requests',
    );
  for (const page of ['launcher', 'interaction', 'manual', 'consent'])
    if (of(page, 'first').length)
      check(
        all(of(page, 'first'), (r) => r.widgetRequests === 0),
        `${page}: no widget request before any input (first view)`,
      );
  for (const page of ['snippet', 'eager', 'idle'])
    if (of(page).length)
      check(
        all(of(page), (r) => r.initialized),
        `${page}: the widget initialised before any input`,
      );
  for (const page of ['interaction', 'consent'])
    if (of(page).length)
      check(
        all(of(page), (r) => r.facade),
        `${page}: the launcher facade drawn`,
      );
  const heroLcp = ok.filter((r) => r.lcpUrl && !String(r.lcpUrl).endsWith('/bench/assets/hero.jpg'));
  check(
    heroLcp.length === 0,
    `the LCP element is the hero on every page${heroLcp.map((r) => ` (${r.page}: ${r.lcpUrl})`).join('')}`,
  );
  if (config.tap) {
    const tapped = ok.filter(
      (r) => config.tapVisits.includes(r.visit) && !NO_TAP.has(r.page.replace(/@compared$/, '')),
    );
    const missed = tapped.filter((r) => r.tapMs === null || r.feedbackMs === null);
    check(
      missed.length === 0,
      `the tap gave feedback and showed the panel in every view${missed.map((r) => ` (${r.page}/${r.visit}: ${r.tapError ?? 'no feedback'})`).join('')}`,
    );
  }
  const factors = ok.map((r) => r.cpuFactor).filter((x) => x !== null);
  const off = factors.filter((f) => f < config.cpu * 0.6 || f > config.cpu * 1.8);
  check(
    off.length <= Math.floor(factors.length * 0.1),
    `CPU slowdown held: the stand-in's start-up loop ran at ×${factors.length ? factors.sort((a, b) => a - b)[factors.length >> 1] : '—'} (asked ×${config.cpu}); ${off.length} of ${factors.length} views off`,
  );
  const failed = [...new Set(ok.flatMap((r) => r.failedRequests))];
  check(failed.length === 0, failed.length ? `failed requests: ${failed.join(', ')}` : 'no failed requests');
  return out;
}

function markdown(report, tables) {
  const s = report.settings;
  const m = report.machine;
  const lines = [
    `### Side by side, before and after intent — ${report.date.slice(0, 10)}`,
    '',
    `${m.cpu} (${m.cores} cores), Chromium ${m.chromium}; load average ${m.loadStart.join(' / ')} at the start, ` +
      `${m.loadEnd.join(' / ')} at the end (1 / 5 / 15 min); the busy loop ran ${m.calibrationStart} iterations/ms at the start and ` +
      `${m.calibrationEnd ?? '—'} at the end (higher is a less loaded machine). Applied throttling: ${NETWORK_PROFILES[s.network].label} ` +
      `(CDP Network.emulateNetworkConditions), CPU ${s.cpu}× (Emulation.setCPUThrottlingRate), mobile screen; new connections cost ` +
      `${report.connect.https} ms (HTTPS) / ${report.connect.http} ms (HTTP). ${s.rounds} rounds, each page once per visit and round in a random order ` +
      `(seed ${s.seed}), each view in a fresh browser and profile. Stand-in widget: ${report.standIn.scriptKb} kB gzip, ` +
      `${s.widgetStartupMs}+${s.widgetInitMs} ms CPU at 1×. Element: ${report.builds.current.source} (${report.builds.current.entry}, ` +
      `${report.builds.current.entryGzipBytes} B gzip), commit ${report.builds.current.gitCommit ?? '?'}` +
      `${report.builds.current.srcUncommittedChanges ? ' + uncommitted src/ changes' : ''}` +
      `${report.builds.compared ? `; compared build: ${report.builds.compared.source} (${report.builds.compared.entry}, ${report.builds.compared.entryGzipBytes} B gzip)` : ''}.`,
    '',
    'Median (p25–p75); Δ: the paired difference to no chat in the same round, median (p25 to p75).',
    '',
  ];
  for (const [title, table] of tables) lines.push(`**${title}**`, '', mdTable(table), '');
  lines.push(...report.checks.map((c) => `- ${c.ok ? '✔' : '✘'} ${c.message}`), '');
  return lines.join('\n');
}

function tablesOf(agg, runs, visits) {
  const tables = [];
  const name = { first: 'first view', returning: 'returning view (seen once before, never chatted)' };
  for (const visit of visits) tables.push([`Before any input, ${name[visit]}`, beforeInputTable(agg, visit)]);
  for (const visit of visits) {
    const t = afterIntentTable(agg, visit);
    if (t.rows.length) tables.push([`After intent, ${name[visit]}`, t]);
  }
  for (const visit of visits) {
    const t = comparedTable(agg, visit, runs);
    if (t.rows.length) tables.push([`Current build against the compared build, ${name[visit]}`, t]);
  }
  tables.push(['LCP waterfall, first view (ms from navigation start, medians)', waterfallTable(agg, 'first')]);
  tables.push(['Element code transferred before any input, by URL, first view', byUrlTable(agg, 'first')]);
  return tables;
}

async function main() {
  const config = readOptions();
  if (config.help) {
    process.stdout.write(optionsUsage(SPEC, COMMAND));
    return;
  }
  if (!config.seed) config.seed = Math.floor(Math.random() * 2 ** 31) + 1;
  const started = Date.now();
  const loadStart = loadavg().map((x) => round(x, 2));
  const fromRoot = (p) => (isAbsolute(p) ? p : join(PROJECT_ROOT, p));

  const builds = {
    current: { ...(await snapshotBuild(fromRoot(config.build), 'current', config.entry)), ...sourceState() },
  };
  if (config.compare) builds.compared = await snapshotBuild(fromRoot(config.compare), 'compared', config.compareEntry);
  const bytesOnly = await writeBytesOnly(builds.current.entryGzipBytes);

  const pages = [
    ...config.pageList,
    ...(builds.compared
      ? config.comparePages.filter((p) => config.pageList.includes(p)).map((p) => `${p}@compared`)
      : []),
  ];
  const pagesDir = join(OUT_DIR, 'side-by-side', 'pages');
  const tracesDir = join(OUT_DIR, 'side-by-side', 'traces');
  await mkdir(pagesDir, { recursive: true });
  if (config.trace) await mkdir(tracesDir, { recursive: true });
  for (const id of pages) {
    const build = id.endsWith('@compared') ? builds.compared : builds.current;
    const urls = {
      widgetUrl: URLS.widgetUrl,
      bundleUrl: `${BUNDLE_ORIGIN}${build.path}`,
      sameOriginBundleUrl: `/bench/.out/cdn${build.path}`,
      bytesOnlyUrl: `${BUNDLE_ORIGIN}${bytesOnly}`,
    };
    await writeFile(join(pagesDir, `${id}.html`), await renderPage(EMBEDS[id.replace(/@compared$/, '')], urls));
  }

  const network = NETWORK_PROFILES[config.network];
  const origins = await startOrigins({ connectRtts: config.connectRtts, widgetLatencyMs: config.widgetLatencyMs });
  const connect = origins.setProfile(network);
  const chromePath = findChromium();
  const openBrowser = () => launch(chromePath, origins.chromeFlags);
  try {
    const first = await openBrowser();
    const chromium = (await first.browser.version()).replace(/^\D+/, '');
    const calibration = await calibrate(first.browser);
    await first.close();
    const standIn = await generate(config, calibration, URLS);
    const script = standIn.files['widget/widget.js'];
    process.stdout.write(
      `Chromium ${chromium} · ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length} · load ${loadStart.join(' ')} · ` +
        `busy loop ${Math.round(calibration.itersPerMs)} it/ms at 1x · stand-in ${round(script.gzipBytes / 1024, 1)} kB gzip · seed ${config.seed}\n`,
    );

    const shuffle = shuffler(config.seed);
    const items = pages.flatMap((page) => config.visits.map((visit) => ({ page, visit })));
    const total = items.length * config.rounds;
    const runs = [];
    const loads = [];
    for (let r = 0; r < config.rounds; r++) {
      if (config.waitLoad > 0) await quieter(config.waitLoad);
      loads.push(round(loadavg()[0], 2));
      for (const { page, visit } of shuffle(items)) {
        const base = page.replace(/@compared$/, '');
        let entry;
        // a view that fails (now and then the trace misses the navigation's start) is measured once more
        for (let attempt = 0; attempt < 2 && !entry?.lcp; attempt++) {
          try {
            const view = await appliedView({
              openBrowser,
              dropConnections: origins.dropConnections,
              url: `${origins.pageOrigin}/bench/.out/side-by-side/pages/${page}.html`,
              visit,
              network,
              cpu: config.cpu,
              settleOptions: config,
              scripts: { element: isElementCode, widget: isWidget },
              tap:
                config.tap && config.tapVisits.includes(visit) && !NO_TAP.has(base)
                  ? { readMs: config.readMs, timeoutMs: config.tapTimeoutMs }
                  : null,
              tracePath: config.trace ? join(tracesDir, `${page}.${visit}.${r}.json`) : null,
            });
            entry = { ...record(page, visit, r, view, config), attempts: attempt + 1 };
          } catch (error) {
            entry = {
              page,
              visit,
              round: r,
              attempts: attempt + 1,
              error: String(error?.message ?? error).split('\n')[0],
            };
          }
        }
        runs.push(entry);
        const f = (x) => (x === null || x === undefined ? '—' : Math.round(x));
        process.stdout.write(
          `[${String(runs.length).padStart(String(total).length)}/${total}] r${r + 1} ${visit.padEnd(9)} ${page.padEnd(24)} ` +
            (entry.error
              ? `ERROR ${entry.error}`
              : `LCP ${f(entry.lcp)} FCP ${f(entry.fcp)} TBT ${f(entry.tbt)} main ${f(entry.mainThreadMs)} ms, element ${f(entry.elementBytes)} B, ` +
                `feedback ${f(entry.feedbackMs)} panel ${f(entry.tapMs)} ms`) +
            `  (${Math.round((Date.now() - started) / 1000)} s)\n`,
        );
      }
    }

    const end = await openBrowser();
    const calibrationEnd = await calibrate(end.browser).catch(() => null);
    await end.close();
    const agg = aggregate(runs, pages, config.visits);
    const report = {
      date: new Date().toISOString(),
      durationS: Math.round((Date.now() - started) / 1000),
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        os: `${platform()} ${release()}`,
        node: process.version,
        chromium,
        loadStart,
        loadEnd: loadavg().map((x) => round(x, 2)),
        loadPerRound: loads,
        calibrationStart: Math.round(calibration.itersPerMs),
        calibrationEnd: calibrationEnd ? Math.round(calibrationEnd.itersPerMs) : null,
      },
      settings: { ...config, networkProfile: network, device: DEVICE },
      connect,
      builds,
      standIn: { scriptKb: round(script.gzipBytes / 1024, 1), files: standIn.files },
      pages: Object.fromEntries(pages.map((p) => [p, labelOf(p)])),
      aggregate: agg,
      checks: checks(runs, config),
      runs,
    };
    delete report.settings.help;
    const tables = tablesOf(agg, runs, config.visits);
    process.stdout.write('\n');
    for (const [title, table] of tables) process.stdout.write(`${title}:\n\n${textTable(table)}\n\n`);
    for (const c of report.checks) process.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'} ${c.message}\n`);

    const outDir = fromRoot(config.out);
    await mkdir(outDir, { recursive: true });
    await writeFile(join(outDir, 'side-by-side.json'), stringifyReport(report));
    await writeFile(join(outDir, 'side-by-side.md'), markdown(report, tables));
    process.stdout.write(
      `\nWrote ${relative(PROJECT_ROOT, join(outDir, 'side-by-side.md'))} and side-by-side.json in ${report.durationS} s.\n`,
    );
    if (report.checks.some((c) => !c.ok)) process.exitCode = 1;
  } finally {
    await origins.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
