// Startup benchmark: how long `<closer-chat loading="eager">` takes from connect to the
// widget's <script> in the document, against the vendor snippet doing the same, in
// Debian's Chromium with the CPU throttled 4× (CDP `Emulation.setCPUThrottlingRate`).
//
//   npm run bench:startup                     (= npm run build && node bench/startup.js)
//   node bench/startup.js --runs 31 --cpu 4
//   node bench/startup.js --trace             also writes one DevTools trace per page
//   node bench/startup.js --bundle path.js    another build of the bundle (e.g. unminified)
//   node bench/startup.js --compare old.js    also an `eager` page on another build (e.g.
//                                             the bundle before a change), in the same run
//
// Not a test: timings vary with the machine. Two pages, views interleaved, each in a
// fresh browser context, the page and the bundle from one local origin:
//  - `snippet` (the baseline): an inline script in <body> marks `bench:snippet-start`,
//    then runs the official snippet (tools/official-snippet.js), which inserts the script.
//  - `eager`: dist/closer-chat.bundle.js as a module in <head>, `<closer-chat
//    loading="eager">` in <body>. The module runs after parsing, so `define()` upgrades
//    the parsed element: constructor and connectedCallback run inside it.
//  - `eager (compared)`, with --compare: the same page on the other build.
// Marks (bench/instrument.js, plus the element's connect and first update below):
//  - bundle loaded → define: from the bundle's last byte (resource timing) to the
//    `define()` call at its end: compiling and running the bundle's top level.
//  - define → first update: `define('closer-chat')` until the element's `firstUpdated`.
//  - connect → script inserted: its first connectedCallback until the widget's <script>
//    is in the document (a MutationObserver, as bench/instrument.js marks it).
//  - snippet → script inserted: the baseline.
// The widget host resolves to this machine, where nothing listens: the script is
// inserted, then fails to load, after the measured span.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../tools/browser-paths.js';
import { officialSnippet } from '../tools/official-snippet.js';
import { startStaticServer } from '../tools/static-server.js';

const ROOT = new URL('..', import.meta.url).pathname;
const OUT = join(ROOT, 'bench', '.out', 'startup');
const WIDGET_URL = 'https://widget.closer.app/widget.js';
const ORG_ID = '6f9619ff-8b86-d011-b42d-00cf4fc964ff';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '21' },
    cpu: { type: 'string', default: '4' },
    bundle: { type: 'string', default: join(ROOT, 'dist', 'closer-chat.bundle.js') },
    compare: { type: 'string' },
    trace: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(
    'node bench/startup.js [--runs 21] [--cpu 4] [--bundle dist/closer-chat.bundle.js] [--compare old.js] [--trace]',
  );
  process.exit(0);
}
const RUNS = Number(args.runs);
const CPU = Number(args.cpu);

/**
 * The element's own moments, marked by wrapping its class before it is defined, and the
 * moment the widget's <script> is handed to the DOM: inserting a script that has a
 * `src` costs the browser milliseconds (it starts the fetch), on both pages alike.
 */
const ELEMENT_MARKS = `(() => {
  const isWidgetScript = (node) => node && node.nodeName === 'SCRIPT' && String(node.src).startsWith('${WIDGET_URL}');
  for (const [proto, method] of [[Node.prototype, 'appendChild'], [Element.prototype, 'append']]) {
    const original = proto[method];
    proto[method] = function (...nodes) {
      if (nodes.some(isWidgetScript)) performance.mark('bench:widget-script-append');
      return original.apply(this, nodes);
    };
  }
  const define = CustomElementRegistry.prototype.define;
  CustomElementRegistry.prototype.define = function (name, cls, ...rest) {
    if (name === 'closer-chat') {
      const proto = cls.prototype;
      const connected = proto.connectedCallback;
      proto.connectedCallback = function () {
        if (!performance.getEntriesByName('bench:connect').length) performance.mark('bench:connect');
        return connected.call(this);
      };
      const firstUpdated = proto.firstUpdated;
      proto.firstUpdated = function (...a) {
        performance.mark('bench:first-updated');
        return firstUpdated.apply(this, a);
      };
    }
    return define.call(this, name, cls, ...rest);
  };
})();`;

const page = (head, body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>startup</title>${head}</head>` +
  `<body><h1>Startup</h1><p>Same page, two embeddings.</p>${body}</body></html>\n`;

const eagerPage = (bundleUrl) =>
  page(
    `<script type="module" src="${bundleUrl}"></script>`,
    `<closer-chat loading="eager" org-id="${ORG_ID}"></closer-chat>`,
  );
const snippetPage = page(
  '',
  `<script>performance.mark('bench:snippet-start');\n${officialSnippet(WIDGET_URL, { init: { orgId: ORG_ID } })}</script>`,
);

/** What each page reports, in ms, from its marks. */
const ELEMENT_SPANS = {
  'bundle loaded → define': ['bench:bundle-loaded', 'bench:define-closer-chat'],
  'define → first update': ['bench:define-closer-chat', 'bench:first-updated'],
  'connect → script inserted': ['bench:connect', 'bench:widget-script-inserted'],
  'connect → append called': ['bench:connect', 'bench:widget-script-append'],
  'append called → inserted': ['bench:widget-script-append', 'bench:widget-script-inserted'],
};
const PAGES = {
  snippet: {
    html: snippetPage,
    spans: {
      'snippet → script inserted': ['bench:snippet-start', 'bench:widget-script-inserted'],
      'snippet → append called': ['bench:snippet-start', 'bench:widget-script-append'],
      'append called → inserted': ['bench:widget-script-append', 'bench:widget-script-inserted'],
    },
  },
  eager: { html: eagerPage('/bundle.js'), spans: ELEMENT_SPANS },
  ...(args.compare && { 'eager (compared)': { html: eagerPage('/compared.js'), spans: ELEMENT_SPANS } }),
};
const fileOf = (name) => `${name.replace(/\W+/g, '-').replace(/-$/, '')}.html`;

/** What DevTools' Performance panel records, with V8's compile and sampling events. */
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.compile',
  'disabled-by-default-v8.cpu_profiler',
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

async function view(browser, origin, name, { trace = false } = {}) {
  const context = await browser.newContext();
  try {
    await context.addInitScript({ content: await readFile(join(ROOT, 'bench', 'instrument.js'), 'utf8') });
    await context.addInitScript({ content: ELEMENT_MARKS });
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
    const file = fileOf(name);
    if (trace)
      await browser.startTracing(tab, {
        path: join(OUT, file.replace(/html$/, 'trace.json')),
        categories: TRACE_CATEGORIES,
      });
    await tab.goto(`${origin}/${file}`, { waitUntil: 'load' });
    await tab.waitForFunction(() => performance.getEntriesByName('bench:widget-script-inserted').length > 0, null, {
      timeout: 30_000,
    });
    if (trace) await browser.stopTracing();
    const marks = await tab.evaluate(() => {
      const bundle = performance
        .getEntriesByType('resource')
        .find((entry) => /\/(bundle|compared)\.js$/.test(entry.name));
      return {
        'bench:bundle-loaded': bundle?.responseEnd,
        ...Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
      };
    });
    return Object.fromEntries(
      Object.entries(PAGES[name].spans).map(([label, [from, to]]) => [label, marks[to] - marks[from]]),
    );
  } finally {
    await context.close();
  }
}

await mkdir(OUT, { recursive: true });
for (const [name, { html }] of Object.entries(PAGES)) await writeFile(join(OUT, fileOf(name)), html);
const aliases = { '/bundle.js': args.bundle, ...(args.compare && { '/compared.js': args.compare }) };
const server = await startStaticServer({ root: OUT, aliases });
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP widget.closer.app 127.0.0.1'],
});
try {
  for (const name of Object.keys(PAGES)) await view(browser, server.origin, name); // warm-up
  const samples = Object.fromEntries(Object.keys(PAGES).map((name) => [name, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const name of Object.keys(PAGES)) samples[name].push(await view(browser, server.origin, name));
  }
  if (args.trace) for (const name of Object.keys(PAGES)) await view(browser, server.origin, name, { trace: true });

  console.log(`CPU ${CPU}× slower, ${RUNS} runs per page, median (p25–p75), ratio to the snippet's median\n`);
  let baseline;
  for (const [name, views] of Object.entries(samples)) {
    console.log(`${name}${name === 'snippet' ? ' (baseline)' : ''}`);
    for (const label of Object.keys(PAGES[name].spans)) {
      const xs = views.map((v) => v[label]);
      const m = median(xs);
      baseline ??= m;
      const spread = `(${quantile(xs, 0.25).toFixed(1)}–${quantile(xs, 0.75).toFixed(1)})`;
      console.log(
        `  ${label.padEnd(28)} ${m.toFixed(1).padStart(7)} ms  ${spread.padEnd(13)} ${(m / baseline).toFixed(2).padStart(6)}×`,
      );
    }
  }
  if (args.trace) console.log(`\ntraces: ${OUT}/*.trace.json (open in DevTools, Performance panel)`);
} finally {
  await browser.close();
  await server.close();
}
