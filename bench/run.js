// Benchmark: what embedding the Closer chat costs a page, five ways, in four scenarios.
//
//   npm run bench          (= npm run build && node bench/run.js; node bench/run.js --help)
//   node bench/run.js --quick
//
// Not part of CI or the tests. Everything runs on this machine: three local origins
// (bench/origins.js: the page, https://widget.closer.app, a CDN for the bundle), a stand-in
// widget of realistic weight (bench/make-stand-in.js: the development widget + generated
// weight) and the system Chromium. Lighthouse measures each page view (bench/lighthouse.js);
// a tap on the launcher is then timed on the same page (bench/tap.js). Views are
// interleaved round-robin over scenarios and pages. Writes bench/results/latest.json and
// latest.md. What is measured and how: bench/README.md.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { cpus, platform, release, totalmem } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { findChromium } from '../tools/browser-paths.js';
import { calibrate, launch, warmUp } from './browser.js';
import { sourceState } from './builds.js';
import { gzip } from '../tools/static-server.js';
import { NETWORK_PROFILES, SCENARIOS, readConfig, usage } from './config.js';
import { lighthouseConfig, runLighthouse, useWindows } from './lighthouse.js';
import { OUT_DIR, PROJECT_ROOT, generate } from './make-stand-in.js';
import { URLS, WIDGET_ORIGIN, startOrigins } from './origins.js';
import {
  METRICS,
  PAGE_LABELS,
  RATIO_METRICS,
  compactTable,
  fmt,
  mdTable,
  ratio,
  ratioInterval,
  round,
  scenarioTables,
  stringifyReport,
  summarize,
  textTable,
} from './report.js';
import { measureTap } from './tap.js';

const BUNDLE = join(PROJECT_ROOT, 'dist', 'closer-chat.bundle.js');
const INSTRUMENT = readFileSync(new URL('./instrument.js', import.meta.url), 'utf8');
/** Lighthouse's mobile screen (Moto G Power), for the tap. */
const DEVICE = { width: 412, height: 823, deviceScaleFactor: 1.75 };
const isWidget = (url) => url.startsWith(`${WIDGET_ORIGIN}/`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pkgVersion = (name) =>
  JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;

/** What the element reads on a Save-Data visit (Chromium cannot emulate the flag itself). */
const SAVE_DATA_SCRIPT = `Object.defineProperty(navigator, 'connection', {
  configurable: true,
  value: Object.freeze({ saveData: true, effectiveType: '4g', addEventListener() {}, removeEventListener() {} }),
});`;

/** The page's own account, read after Lighthouse has finished with it. */
function readPageState() {
  const sim = window.closerSimulator;
  const standIn = window.closerStandIn;
  const el = document.querySelector('closer-chat');
  const nav = performance.getEntriesByType('navigation')[0];
  const widgetScript = performance
    .getEntriesByType('resource')
    .find((e) => e.name === 'https://widget.closer.app/widget.js');
  const marks = {};
  for (const m of performance.getEntriesByType('mark')) if (!(m.name in marks)) marks[m.name] = m.startTime;
  return {
    executions: sim ? sim.executions : 0,
    initialized: !!(sim && sim.initialized),
    drawn: !!(sim && sim.drawn),
    calls: sim ? sim.calls.map((c) => c.method) : [],
    widgetRoots: document.querySelectorAll('[data-closer-widget]').length,
    facade: !!(el && el.shadowRoot && el.shadowRoot.querySelector('button[part~="launcher"]')),
    elementState: el ? el.state : null,
    loadEventEnd: nav ? nav.loadEventEnd : null,
    widgetScriptStart: widgetScript ? widgetScript.startTime : null,
    startupWorkMs: standIn ? standIn.startupWorkMs : null,
    drawWorkMs: standIn ? standIn.drawWorkMs : null,
    marks,
    saveData: navigator.connection ? navigator.connection.saveData : null,
    effectiveType: navigator.connection ? navigator.connection.effectiveType : null,
  };
}

/** The first view of a returning visitor: loaded, settled, engaged. */
async function primeView(page, url) {
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  const end = Date.now() + 5000;
  while (Date.now() < end) {
    const settled = await page.evaluate(
      () =>
        !document.querySelector('closer-chat, script[src*="widget.closer.app"]') ||
        !!(window.closerSimulator && window.closerSimulator.drawn) ||
        !!document.querySelector('closer-chat')?.shadowRoot?.querySelector('button[part~="launcher"]'),
    );
    if (settled) break;
    await sleep(100);
  }
  // The visitor opened the chat on that first visit, and closed it again, so the widget
  // ran there (and is in the HTTP cache) on every page, the interaction page's too, and
  // the element remembers the engagement (README, "Returning visitors").
  await page.evaluate(async () => {
    const chat = document.querySelector('closer-chat');
    if (!chat) return;
    await chat.open();
    // closed with the widget's own button, as a visitor does (the SDK has no closeWidget)
    for (let waited = 0; waited < 3000 && chat.opened; waited += 50) {
      document.querySelector('#closer-simulator')?.shadowRoot?.querySelector('button.close')?.click();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  await sleep(500);
}

/**
 * One view of `pageName` in `scenarioId`, in a browser of its own: a fresh Chromium on a
 * fresh profile, as a first-time visitor's. Not an incognito context of a shared browser:
 * Chromium ignores `<link rel="preconnect">` there, and would hide what a preconnect
 * saves a visitor.
 */
async function measure(openBrowser, origins, scenarioId, pageName, config, { warmup = false } = {}) {
  const scenario = SCENARIOS[scenarioId];
  const network = NETWORK_PROFILES[scenario.network];
  const connect = origins.setProfile(network);
  const url = `${origins.pageOrigin}/bench/.out/pages/${pageName}.html`;
  const session = await openBrowser();
  try {
    const page = await session.browser.newPage();
    await warmUp(page);
    if (warmup) {
      await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
      await sleep(1500);
      return null;
    }
    await page.evaluateOnNewDocument(INSTRUMENT);
    if (scenario.saveData) await page.evaluateOnNewDocument(SAVE_DATA_SCRIPT);
    const repeat = scenario.visit === 'repeat';
    if (repeat) {
      await primeView(page, url);
      origins.dropConnections(); // back later: warm cache and storage, cold connections
    }
    const lh = await runLighthouse(
      page,
      url,
      lighthouseConfig({ network, cpu: config.cpu, saveData: scenario.saveData, repeat, windows: config.windows }),
      isWidget,
    );
    const state = await page.evaluate(readPageState);
    const tap =
      pageName === 'none'
        ? { tapMs: null, target: null }
        : await measureTap(page, {
            network,
            cpu: config.cpu,
            saveData: scenario.saveData,
            timeoutMs: config.tapTimeoutMs,
            device: DEVICE,
            readMs: config.readMs,
          });
    const m = state.marks;
    const has = (name) => typeof m[name] === 'number';
    const connectToInsert =
      has('bench:define-closer-chat') && has('bench:widget-script-inserted')
        ? m['bench:widget-script-inserted'] - m['bench:define-closer-chat']
        : null;
    const execEndToInit =
      has('closer-simulator:exec-end') && has('closer-simulator:init-start')
        ? m['closer-simulator:init-start'] - m['closer-simulator:exec-end']
        : null;
    return {
      scenario: scenarioId,
      page: pageName,
      ...lh,
      kb: round(lh.kb, 2),
      tapMs: round(tap.tapMs, 1),
      tapTarget: tap.target,
      tapError: tap.error ?? null,
      connectDelayMs: connect,
      state: { ...state, marks: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, round(v)])) },
      widgetScriptAfterLoadMs:
        state.widgetScriptStart !== null && state.loadEventEnd
          ? round(state.widgetScriptStart - state.loadEventEnd)
          : null,
      elementOwnMs:
        connectToInsert !== null && execEndToInit !== null && execEndToInit >= 0
          ? round(connectToInsert + execEndToInit, 2)
          : null,
      cpuFactor:
        state.startupWorkMs !== null && config.widgetStartupMs > 0
          ? round(state.startupWorkMs / config.widgetStartupMs, 2)
          : null,
    };
  } finally {
    await session.close().catch(() => {});
  }
}

/** The stand-in's own timing of its start-up busy loop was visibly not at the asked slowdown. */
const isSuspect = (r, config) =>
  r.cpuFactor !== null && (r.cpuFactor < config.cpu * 0.6 || r.cpuFactor > config.cpu * 1.8);

// ------------------------------------------------------------------ checks

function sanityChecks(runs, config) {
  const checks = [];
  const check = (ok, message) => checks.push({ ok, message });
  const of = (scenario, page) => runs.filter((r) => r.scenario === scenario && r.page === page);
  const all = (list, f) => list.length > 0 && list.every(f);
  const scenarios = [...new Set(runs.map((r) => r.scenario))];
  check(
    runs.every((r) => !r.lighthouseError),
    `Lighthouse finished every view${runs
      .filter((r) => r.lighthouseError)
      .map((r) => ` (${r.scenario}/${r.page}: ${r.lighthouseError})`)
      .join('')}`,
  );
  for (const s of scenarios) {
    const label = SCENARIOS[s].label;
    if (of(s, 'none').length)
      check(
        all(of(s, 'none'), (r) => r.widgetRequests === 0),
        `${label}, (a): no widget requests`,
      );
    for (const page of ['snippet', 'eager']) {
      if (!of(s, page).length) continue;
      check(
        all(
          of(s, page),
          (r) =>
            r.widgetScriptRequests === 1 &&
            r.state.executions === 1 &&
            r.state.initialized &&
            r.state.widgetRoots === 1,
        ),
        `${label}, ${PAGE_LABELS[page].slice(0, 3)}: widget.js requested once, executed once, initialised, one widget root`,
      );
    }
    const firstView = SCENARIOS[s].visit === 'first';
    if (of(s, 'idle').length && firstView && !SCENARIOS[s].saveData) {
      check(
        all(
          of(s, 'idle'),
          (r) => r.state.initialized && r.widgetScriptAfterLoadMs !== null && r.widgetScriptAfterLoadMs >= 0,
        ),
        `${label}, (d): widget.js fetched after the load event, initialised`,
      );
    }
    if (of(s, 'interaction').length && firstView) {
      check(
        all(of(s, 'interaction'), (r) => r.state.facade && r.widgetRequests === 0),
        `${label}, (e): launcher facade drawn, no widget request before the tap`,
      );
    }
    if (SCENARIOS[s].saveData && of(s, 'idle').length) {
      check(
        all(of(s, 'idle'), (r) => r.state.saveData === true && r.state.facade && r.widgetRequests === 0),
        `${label}, (d): Save-Data seen, facade instead of an idle fetch`,
      );
    }
    if (SCENARIOS[s].visit === 'repeat') {
      if (of(s, 'interaction').length)
        check(
          all(of(s, 'interaction'), (r) => r.widgetScriptRequests === 1 && r.state.initialized),
          `${label}, (e): an engaged visitor gets the widget without a tap`,
        );
      check(
        all(
          runs.filter((r) => r.scenario === s && r.page !== 'none'),
          (r) => r.fromCache > 0,
        ),
        `${label}: responses from the HTTP cache on every page`,
      );
    }
    const tapped = runs.filter((r) => r.scenario === s && r.page !== 'none');
    const missed = tapped.filter((r) => r.tapMs === null);
    check(
      missed.length === 0,
      `${label}: the tap showed the chat panel in every view${missed.map((r) => ` (${r.page}: ${r.tapError})`).join('')}`,
    );
  }
  const suspect = runs.filter((r) => r.suspect);
  check(
    suspect.length <= Math.floor(runs.length * 0.1),
    `CPU slowdown held: ${suspect.length} of ${runs.length} views still off after retries (${runs.filter((r) => r.retries > 0).length} measured again); ` +
      `the stand-in's start-up loop ran at ×${summarize(runs.map((r) => r.cpuFactor)).median} (asked ×${config.cpu})`,
  );
  const failed = [...new Set(runs.flatMap((r) => r.failedRequests))];
  check(failed.length === 0, failed.length ? `failed requests: ${failed.join(', ')}` : 'no failed requests');
  return checks;
}

// ------------------------------------------------------------------ report

function aggregate(runs, config, scenarioIds) {
  const scenarios = {};
  for (const id of scenarioIds) {
    const scenario = SCENARIOS[id];
    const pages = scenario.pages ?? config.pages;
    const byPage = Object.fromEntries(
      pages
        .filter((p) => config.pages.includes(p))
        .map((p) => [p, runs.filter((r) => r.scenario === id && r.page === p)]),
    );
    const summaries = Object.fromEntries(
      Object.entries(byPage).map(([p, list]) => [
        p,
        Object.fromEntries(
          [
            ...Object.keys(METRICS),
            'tti',
            'styleLayoutMs',
            'widgetScriptMs',
            'widgetRequests',
            'elementOwnMs',
            'cpuFactor',
          ].map((k) => [k, summarize(list.map((r) => r[k]))]),
        ),
      ]),
    );
    scenarios[id] = {
      label: scenario.label,
      network: scenario.network,
      visit: scenario.visit,
      saveData: scenario.saveData,
      base: scenario.base ?? id,
      pages: summaries,
      byPage,
      ratios: {},
    };
  }
  for (const scenario of Object.values(scenarios)) {
    const base = scenarios[scenario.base];
    for (const p of Object.keys(scenario.pages)) {
      scenario.ratios[p] = Object.fromEntries(
        RATIO_METRICS.map((k) => {
          const none = base?.pages.none?.[k].median ?? null;
          const snippet = base?.pages.snippet?.[k].median ?? null;
          return [
            k,
            {
              vsNone: ratio(scenario.pages[p][k].median, none),
              vsSnippet: ratio(scenario.pages[p][k].median, snippet),
              vsSnippetInterval90: base?.byPage.snippet
                ? ratioInterval(
                    scenario.byPage[p].map((r) => r[k]),
                    base.byPage.snippet.map((r) => r[k]),
                  )
                : null,
            },
          ];
        }),
      );
    }
  }
  for (const scenario of Object.values(scenarios)) delete scenario.byPage;
  return scenarios;
}

function describeBuild(snapshot) {
  const bundle = readFileSync(snapshot);
  return {
    bundle: relative(PROJECT_ROOT, BUNDLE),
    bundleBytes: bundle.length,
    bundleGzipBytes: gzip(bundle).length,
    bundleBuiltAt: statSync(BUNDLE).mtime.toISOString(),
    ...sourceState(),
  };
}

function markdown(report) {
  const s = report.settings;
  const head = report.scenarios.first;
  const others = Object.keys(report.scenarios).filter((id) => id !== 'first');
  const lines = [
    `### closer-chat benchmark — ${report.date.slice(0, 10)}`,
    '',
    `${report.machine.cpu} (${report.machine.cores} cores), Chromium ${report.machine.chromium}, Lighthouse ${report.machine.lighthouse} ` +
      `(mobile: Moto G Power screen, CPU ${s.cpu}× slower, devtools throttling), ${s.runs} runs per page in the headline scenario and ${s.extraRuns} in each other one, ` +
      `interleaved; median (p25–p75). Stand-in widget: ${report.standIn.scriptKb} KB gzip script, ${s.widgetStartupMs}+${s.widgetInitMs} ms CPU at 1x, ` +
      `${report.standIn.extraRequests} more requests (${report.standIn.totalKb} KB in all), from https://widget.closer.app; ` +
      `element bundle ${round(report.element.bundleGzipBytes / 1024, 1)} KB gzip from a CDN origin, commit ${report.element.gitCommit ?? '?'}` +
      `${report.element.srcUncommittedChanges ? ' + uncommitted src/ changes' : ''}.`,
    '',
  ];
  if (head) {
    const t = scenarioTables(head);
    lines.push(
      `**${head.label}** (new connections cost ${report.connect.fast4g.https} ms per HTTPS origin):`,
      '',
      mdTable(t.values),
      '',
      'Ratios of medians to (a) no chat / (b) the official snippet, same run:',
      '',
      mdTable(t.ratios),
      '',
    );
  }
  if (others.length) {
    lines.push(
      'Other scenarios, median (ratio to (b) of the same scenario; Save-Data: to (b) of the first view):',
      '',
      mdTable(compactTable(report, others)),
      '',
    );
  }
  const own = report.elementOwnTime;
  if (own.median !== null)
    lines.push(
      `Element's own time, connect → \`closer.init\` (eager, first view): ${fmt(own.median, 1)} ms median (${fmt(own.p25, 1)}–${fmt(own.p75, 1)}).`,
      '',
    );
  lines.push(...report.checks.map((c) => `- ${c.ok ? '✔' : '✘'} ${c.message}`), '');
  for (const id of others) {
    const t = scenarioTables(report.scenarios[id]);
    lines.push(`#### ${report.scenarios[id].label}`, '', mdTable(t.values), '', mdTable(t.ratios), '');
  }
  return lines.join('\n');
}

// ------------------------------------------------------------------ main

async function main() {
  const config = readConfig();
  if (config.help) {
    process.stdout.write(usage());
    return;
  }
  if (!existsSync(BUNDLE))
    throw new Error(`${relative(PROJECT_ROOT, BUNDLE)} is missing: run \`npm run build\` first.`);
  const started = Date.now();
  config.windows = useWindows(config.lighthouseWindows);
  await mkdir(OUT_DIR, { recursive: true });
  const snapshot = join(OUT_DIR, 'closer-chat.bundle.js');
  await copyFile(BUNDLE, snapshot); // a rebuild during the run cannot mix two builds
  const build = describeBuild(snapshot);
  const chromePath = findChromium();
  const origins = await startOrigins({
    bundle: snapshot,
    connectRtts: config.connectRtts,
    widgetLatencyMs: config.widgetLatencyMs,
  });
  const openBrowser = () => launch(chromePath, origins.chromeFlags);
  const session = await openBrowser(); // for the version and the calibration
  try {
    const chromium = (await session.browser.version()).replace(/^\D+/, '');
    process.stdout.write(
      `Chromium ${chromium} · Lighthouse ${pkgVersion('lighthouse')} · ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}\n`,
    );
    const calibration = await calibrate(session.browser);
    await session.close();
    const standIn = await generate(config, calibration, URLS);
    const script = standIn.files['widget/widget.js'];
    const extras = Object.entries(standIn.files).filter(
      ([name]) => name.startsWith('widget/') && name !== 'widget/widget.js',
    );
    const standInSummary = {
      scriptKb: round(script.gzipBytes / 1024, 1),
      scriptRawKb: round(script.bytes / 1024, 1),
      extraRequests: extras.length,
      totalKb: round([script, ...extras.map(([, f]) => f)].reduce((s, f) => s + f.gzipBytes, 0) / 1024, 1),
      modules: standIn.modules,
      startupIters: standIn.startupIters,
      initIters: standIn.initIters,
      files: standIn.files,
    };
    process.stdout.write(
      `Busy loop: ${Math.round(calibration.itersPerMs)} iterations/ms at 1x. Stand-in: ${standInSummary.scriptKb} KB gzip ` +
        `(${standInSummary.scriptRawKb} KB raw) + ${extras.length} files, ${standInSummary.totalKb} KB in all.\n`,
    );
    for (let w = 0; w < config.warmup; w++)
      for (const p of config.pages) await measure(openBrowser, origins, 'first', p, config, { warmup: true });

    // The plan: round-robin. Each round visits every scenario that still needs runs, and
    // its pages starting one page later than the round before.
    const scenarioIds = config.scenarios;
    const runsOf = (id) => (SCENARIOS[id].runs === 'runs' ? config.runs : config.extraRuns);
    const pagesOf = (id) => (SCENARIOS[id].pages ?? config.pages).filter((p) => config.pages.includes(p));
    const rounds = Math.max(...scenarioIds.map(runsOf));
    const total = scenarioIds.reduce((n, id) => n + runsOf(id) * pagesOf(id).length, 0);
    const runs = [];
    for (let round_ = 0; round_ < rounds; round_++) {
      for (const id of scenarioIds) {
        if (round_ >= runsOf(id)) continue;
        const pages = pagesOf(id);
        for (const p of pages.map((_, i) => pages[(i + round_) % pages.length])) {
          let r;
          for (let attempt = 0; ; attempt++) {
            r = await measure(openBrowser, origins, id, p, config);
            r.suspect = isSuspect(r, config);
            r.retries = attempt;
            if (!r.suspect || attempt >= config.retries) break;
            process.stdout.write(`\n  ${id}/${p}: the CPU slowdown looked off (×${r.cpuFactor}); measuring again\n`);
          }
          r.round = round_;
          runs.push(r);
          process.stdout.write(
            `[${String(runs.length).padStart(String(total).length)}/${total}] ${id.padEnd(8)} ${p.padEnd(11)} ` +
              `FCP ${fmt(r.fcp)} LCP ${fmt(r.lcp)} TBT ${fmt(r.tbt)} main ${fmt(r.mainThreadMs)} script ${fmt(r.scriptMs)} ms, ` +
              `${fmt(r.kb, 0)} KB, ${r.requests} req, tap ${fmt(r.tapMs)} ms  (${Math.round((Date.now() - started) / 1000)} s)\n`,
          );
        }
      }
    }
    process.stdout.write('\n');

    const eagerFirst = runs.filter((r) => r.scenario === 'first' && r.page === 'eager');
    const report = {
      date: new Date().toISOString(),
      durationS: null,
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        memoryGb: round(totalmem() / 2 ** 30, 1),
        os: `${platform()} ${release()}`,
        node: process.version,
        chromium,
        lighthouse: pkgVersion('lighthouse'),
        simpleStatistics: pkgVersion('simple-statistics'),
        puppeteerCore: pkgVersion('puppeteer-core'),
      },
      settings: { ...config, networkProfiles: NETWORK_PROFILES, scenarioDefinitions: SCENARIOS, device: DEVICE },
      connect: Object.fromEntries(
        Object.keys(NETWORK_PROFILES).map((n) => [n, origins.setProfile(NETWORK_PROFILES[n])]),
      ),
      element: build,
      calibration,
      standIn: standInSummary,
      scenarios: aggregate(runs, config, scenarioIds),
      elementOwnTime: {
        formula:
          '(bench:widget-script-inserted − bench:define-closer-chat) + (closer-simulator:init-start − closer-simulator:exec-end), eager page, first view',
        ...summarize(eagerFirst.map((r) => r.elementOwnMs)),
      },
      checks: sanityChecks(runs, config),
      runs,
    };
    report.durationS = Math.round((Date.now() - started) / 1000);
    delete report.settings.help;

    for (const [id, scenario] of Object.entries(report.scenarios)) {
      const t = scenarioTables(scenario);
      process.stdout.write(
        `${scenario.label} — ${id === 'first' ? config.runs : config.extraRuns} runs per page, median (p25–p75):\n\n${textTable(t.values)}\n\n`,
      );
      process.stdout.write(
        `Ratio of medians to (a) no chat / (b) official snippet${scenario.base !== id ? ` (of ${report.scenarios[scenario.base].label})` : ''}:\n\n${textTable(t.ratios)}\n\n`,
      );
    }
    for (const c of report.checks) process.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'} ${c.message}\n`);

    const outDir = isAbsolute(config.out) ? config.out : join(PROJECT_ROOT, config.out);
    await mkdir(outDir, { recursive: true });
    const md = markdown(report);
    await writeFile(join(outDir, 'latest.json'), stringifyReport(report));
    await writeFile(join(outDir, 'latest.md'), md);
    process.stdout.write(
      `\nWrote ${relative(PROJECT_ROOT, join(outDir, 'latest.md'))} and latest.json in ${report.durationS} s.\n`,
    );
    if (report.checks.some((c) => !c.ok)) process.exitCode = 1;
  } finally {
    await session.close().catch(() => {}); // closed already, unless the calibration failed
    await origins.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
