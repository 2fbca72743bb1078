#!/usr/bin/env node
// Leak check: mounts and unmounts <closer-chat> 1,000 times on one page in the system
// Chromium, with the development widget really initialised and torn down each time
// (`loading="eager"`, `grace-period="0"`; bench/leaks-page.html), and reports what the
// page holds after a forced garbage collection: DOM nodes, JS event listeners, documents
// and the JS heap (CDP `HeapProfiler.collectGarbage`, then `Performance.getMetrics`).
//
//   npm run leaks                 (= npm run build && node bench/leaks.js)
//   node bench/leaks.js --cycles 1000 --json bench/.out/leaks.json
//
// Checkpoints: the page loaded with nothing mounted, after the first cycle (the widget
// script and its panel module now loaded: the baseline), after 100 and after the last
// cycle. Ratios of the end to the start, to the baseline, and to 100 cycles, from where
// steady use should add nothing. Exits 1 if nodes, listeners or documents grew by more than 10 %
// between 100 cycles and the end. Not part of CI or the tests: a report, not a timed test.
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../tools/browser-paths.js';
import { startStaticServer } from '../tools/static-server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** CDP metric → the name in the report. */
const METRICS = {
  Nodes: 'DOM nodes',
  JSEventListeners: 'JS event listeners',
  Documents: 'documents',
  JSHeapUsedSize: 'JS heap used (KB)',
};
/** Counts that steady use must not grow (the heap may, a little: compiled code, caches). */
const MUST_NOT_GROW = ['Nodes', 'JSEventListeners', 'Documents'];
const GROWTH_LIMIT = 1.1;

const { values: options } = parseArgs({
  options: {
    cycles: { type: 'string', default: '1000' },
    json: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (options.help) {
  console.log('node bench/leaks.js [--cycles 1000] [--json out.json]   (needs dist/: npm run build)');
  process.exit(0);
}
const CYCLES = Number(options.cycles);
if (!Number.isInteger(CYCLES) || CYCLES <= 100) throw new Error('--cycles: a whole number above 100');

/** What the page holds once garbage is collected. */
async function measure(cdp) {
  // Twice: objects freed by the first collection's finalizers go in the second.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name) => metrics.find((metric) => metric.name === name)?.value;
  return Object.fromEntries(
    Object.keys(METRICS).map((name) => [
      name,
      name === 'JSHeapUsedSize' ? Math.round(value(name) / 1024) : value(name),
    ]),
  );
}

const server = await startStaticServer({ root: ROOT });
const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  await page.goto(`${server.url}bench/leaks-page.html`);
  await page.waitForFunction(() => customElements.get('closer-chat'));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');

  const checkpoints = [];
  const started = Date.now();
  let done = 0;
  const runTo = async (label, total) => {
    if (total > done) await page.evaluate((count) => window.cycles(count), total - done);
    done = total;
    checkpoints.push({ label, cycles: done, ...(await measure(cdp)) });
    process.stdout.write(`  ${label}: ${done} cycles, ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  };
  console.log(`closer-chat leak check: ${CYCLES} mounts and unmounts (${server.url}bench/leaks-page.html)`);
  await runTo('start, nothing mounted', 0);
  await runTo('after 1 cycle (baseline)', 1);
  await runTo('after 100 cycles', 100);
  await runTo(`after ${CYCLES} cycles`, CYCLES);
  if (problems.length) throw new Error(`the page reported problems:\n${problems.join('\n')}`);

  const [start, base, hundred, end] = checkpoints;
  const ratio = (a, b) => (b ? `${(a / b).toFixed(2)}×` : '—');
  const rows = Object.entries(METRICS).map(([name, label]) => [
    label,
    ...checkpoints.map((checkpoint) => String(checkpoint[name])),
    ratio(end[name], start[name]),
    ratio(end[name], base[name]),
    ratio(end[name], hundred[name]),
  ]);
  const header = [
    'metric',
    ...checkpoints.map((checkpoint) => checkpoint.label),
    'end ÷ start',
    'end ÷ baseline',
    'end ÷ 100',
  ];
  console.log(`\n| ${header.join(' | ')} |\n|${header.map((_, i) => (i ? ' ---: ' : ' --- ')).join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  const seconds = (Date.now() - started) / 1000;
  const perCycleKb = (end.JSHeapUsedSize - hundred.JSHeapUsedSize) / (CYCLES - 100);
  console.log(
    `\n${CYCLES} cycles in ${seconds.toFixed(1)} s (${((seconds * 1000) / CYCLES).toFixed(1)} ms each); ` +
      `heap from 100 cycles to the end: ${perCycleKb >= 0 ? '+' : ''}${(perCycleKb * 1024).toFixed(0)} B per cycle.`,
  );
  const machine = `${cpus()[0]?.model.trim()} (${cpus().length} cores), Chromium ${browser.version()}`;
  console.log(`${new Date().toISOString().slice(0, 10)}, ${machine}`);

  const grew = MUST_NOT_GROW.filter((name) => end[name] > hundred[name] * GROWTH_LIMIT);
  if (options.json) {
    const report = { date: new Date().toISOString(), machine, cycles: CYCLES, seconds, checkpoints, grew };
    await writeFile(options.json, `${JSON.stringify(report, null, 2)}\n`);
  }
  if (grew.length) {
    console.log(`\nLEAK? ${grew.map((name) => METRICS[name]).join(', ')} grew by more than 10 % after 100 cycles.`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await server.close();
}
