// Settings of the benchmark: defaults, then environment variables, then CLI flags.
//
//   node bench/run.js --runs 5 --extra-runs 3 --cpu 4 --widget-script-kb 220 ...
//   BENCH_RUNS=3 BENCH_WIDGET_STARTUP_MS=80 node bench/run.js
//   node bench/run.js --quick            (= --runs 2 --extra-runs 1)
//
// Every flag `--foo-bar` has the environment variable `BENCH_FOO_BAR`. Where the stand-in
// widget's defaults come from is explained next to each one and in bench/README.md.
import { LIGHTHOUSE_PAGES } from './pages.js';

/**
 * Network profiles. `rttMs` is the round trip a new connection costs per step (DNS, TCP,
 * TLS: see `connectRtts`); the rest is Chrome DevTools' preset as Lighthouse's `devtools`
 * throttling applies it per request (throughput × 0.9, RTT × the preset's latency factor).
 */
export const NETWORK_PROFILES = {
  // DevTools "Fast 4G": 9 Mbps down, 1.5 Mbps up, 60 ms RTT × 2.75 = 165 ms per request.
  fast4g: {
    label: 'Fast 4G',
    rttMs: 60,
    requestLatencyMs: 165,
    downloadThroughputKbps: 9000 * 0.9,
    uploadThroughputKbps: 1500 * 0.9,
  },
  // DevTools "Slow 4G" (formerly "Fast 3G"; Lighthouse's mobile profile): 1.6 Mbps down,
  // 750 kbps up, 150 ms RTT × 3.75 = 562.5 ms per request.
  slow4g: {
    label: 'Slow 4G',
    rttMs: 150,
    requestLatencyMs: 562.5,
    downloadThroughputKbps: 1638.4 * 0.9,
    uploadThroughputKbps: 750 * 0.9,
  },
};

/**
 * The scenarios every page is measured in. `runs: 'runs'` takes --runs, `'extraRuns'`
 * takes --extra-runs (the headline gets more runs than the variations).
 */
export const SCENARIOS = {
  first: { label: 'first view, Fast 4G', network: 'fast4g', visit: 'first', saveData: false, runs: 'runs' },
  slow: { label: 'first view, Slow 4G', network: 'slow4g', visit: 'first', saveData: false, runs: 'extraRuns' },
  repeat: {
    label: 'returning visitor, Fast 4G',
    network: 'fast4g',
    visit: 'repeat',
    saveData: false,
    runs: 'extraRuns',
  },
  // Save-Data changes only what `idle` and `interaction` do (the snippet, `eager` and the
  // page without chat ignore it): those two are measured, against (a) and (b) of `first`.
  saveData: {
    label: 'first view, Save-Data, Fast 4G',
    network: 'fast4g',
    visit: 'first',
    saveData: true,
    runs: 'extraRuns',
    pages: ['idle', 'interaction'],
    base: 'first',
  },
};

export const PAGES = LIGHTHOUSE_PAGES;

/** name → [default, parser, help] */
const SPEC = {
  runs: [5, int, 'runs per page in the headline scenario (first view, Fast 4G)'],
  extraRuns: [2, int, 'runs per page in each other scenario (Slow 4G, returning visitor, Save-Data)'],
  scenarios: [
    Object.keys(SCENARIOS).join(','),
    list,
    `scenarios to run, comma-separated: ${Object.keys(SCENARIOS).join(', ')}`,
  ],
  pages: [PAGES.join(','), list, 'pages to run, comma-separated'],
  cpu: [4, num, 'CPU slowdown (Lighthouse cpuSlowdownMultiplier); 4 ≈ a mid-range phone (Lighthouse mobile)'],
  connectRtts: [3, num, 'round trips a new HTTPS connection costs (DNS + TCP + TLS 1.3); plain HTTP pays one less'],
  tapTimeoutMs: [20000, int, 'how long to wait for the chat panel after the tap'],
  readMs: [3000, int, 'before the tap, on every page: a scroll, then this long reading (0: tap an untouched page)'],
  warmup: [1, int, 'unrecorded warm-up loads of each page before the measured runs'],
  lighthouseWindows: [
    'bench',
    str,
    "Lighthouse's quiet windows: bench (1.5 s after load, 1 s network quiet) or stock (5.25 s each)",
  ],
  retries: [0, int, 'how often a run whose CPU slowdown was visibly off is measured again'],
  out: ['bench/results', str, 'directory for latest.json and latest.md'],
  quick: [false, bool, 'a short run: --runs 2 --extra-runs 1, no warm-up'],
  ...standInSpec(),
};

/**
 * The stand-in widget's settings, shared by the benchmarks (see bench/README.md, "The
 * stand-in widget", for sources). `defaults` changes a default, e.g. `{ widgetScriptKb: 95 }`.
 * @param {Record<string, unknown>} [defaults]
 */
export function standInSpec(defaults = {}) {
  const spec = {
    // Transfer size (gzip) of the main widget script. DebugBear's 2025 test of 21 chat
    // widgets on an empty page: total download 67–749 KB, median of the nine best known
    // (Intercom 301, LiveChat 385, Zendesk 533, Crisp 155, Tidio 208, Tawk.to 749,
    // Freshchat 564, LiveAgent 79, Zoho 67) ≈ 300 KB. Script ≈ 220 KB of that; the
    // stylesheet, font, settings, frame and panel below bring the total to ≈ 300 KB.
    widgetScriptKb: [220, num, 'main widget script, KB after gzip (the server gzips it)'],
    // CPU burnt at start-up (script evaluation) and when the widget draws, in ms at 1x on
    // this machine (calibrated per run of the benchmark). At 4x they become ≈ 4× longer, on
    // top of the parse/compile of the script. Aim: total widget main-thread time ≈ 400–500
    // ms at 4x: DebugBear measured JS execution 259–991 ms (median ≈ 360 ms) at
    // Lighthouse's mobile 4x; HTTP Archive / third-party-web (2025-04) averages 400–1300 ms
    // per page (Tawk.to 397, LiveChat 1079, Intercom 1245, Zendesk 1299).
    widgetStartupMs: [60, num, 'busy CPU during script execution, ms at 1x'],
    widgetInitMs: [30, num, 'busy CPU when the widget draws after closer.init, ms at 1x'],
    widgetModuleRatio: [0.15, num, 'share of the padding modules actually run at start-up'],
    // Extra requests made by init (Crisp's own figures for its widget: scripts 90 KB,
    // stylesheets 45 KB, fonts 10 KB per font group; most widgets add a settings call and
    // an iframe for the chat window).
    widgetCssKb: [20, num, 'stylesheet added by init, KB after gzip (0 = none)'],
    widgetJsonKb: [4, num, 'settings JSON fetched by init, KB after gzip (0 = none)'],
    widgetJsonCount: [1, int, 'how many JSON fetches init makes'],
    widgetFontKb: [40, num, 'font file loaded by init (FontFace), KB (not compressible; 0 = none)'],
    widgetIframe: [1, int, '1: the widget adds a hidden chat-window iframe when it draws'],
    widgetLatencyMs: [0, int, 'extra server time per widget request, on top of the network profile'],
  };
  for (const [name, value] of Object.entries(defaults)) spec[name] = [value, ...spec[name].slice(1)];
  return spec;
}

function int(v) {
  const n = Number.parseInt(v, 10);
  if (!Number.isFinite(n)) throw new Error(`expected an integer, got ${v}`);
  return n;
}
function num(v) {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`expected a number, got ${v}`);
  return n;
}
function str(v) {
  return String(v);
}
function bool(v) {
  return v === true || v === '' || v === '1' || v === 'true';
}
function list(v) {
  return String(v)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const kebab = (name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const envName = (name) => `BENCH_${kebab(name).replace(/-/g, '_').toUpperCase()}`;

export const parsers = { int, num, str, bool, list };

/** The --help text of a spec. */
export function optionsUsage(spec, command) {
  const lines = Object.entries(spec).map(
    ([name, [def, , help]]) => `  --${kebab(name).padEnd(22)} ${help} (default ${def}; env ${envName(name)})`,
  );
  return `Usage: ${command} [options]\n\n${lines.join('\n')}\n`;
}

/**
 * Reads a spec's defaults, then `BENCH_*` environment variables, then `--flags` into a
 * plain object; `given` holds the names set by a flag. Throws on an unknown flag.
 * @param {Record<string, [unknown, (v: any) => unknown, string]>} spec name → [default, parser, help]
 */
export function parseOptions(spec, command, argv = process.argv.slice(2), env = process.env) {
  const config = {};
  for (const [name, [def, parse]] of Object.entries(spec)) {
    const fromEnv = env[envName(name)];
    config[name] =
      fromEnv !== undefined && fromEnv !== '' ? parse(fromEnv) : typeof def === 'string' ? parse(def) : def;
  }
  const byFlag = new Map(Object.keys(spec).map((name) => [`--${kebab(name)}`, name]));
  const given = new Set();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      config.help = true;
      continue;
    }
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    const name = byFlag.get(flag);
    if (!name) throw new Error(`unknown option ${arg}\n\n${optionsUsage(spec, command)}`);
    given.add(name);
    if (spec[name][1] === bool && inline === undefined) {
      config[name] = true;
      continue;
    }
    const value = inline !== undefined ? inline : argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    config[name] = spec[name][1](value);
  }
  return { config, given };
}

export const usage = () => optionsUsage(SPEC, 'node bench/run.js');

/** bench/run.js's settings: defaults, env and argv into a plain object. Throws on unknown flags. */
export function readConfig(argv = process.argv.slice(2), env = process.env) {
  const { config, given } = parseOptions(SPEC, 'node bench/run.js', argv, env);
  if (config.quick) {
    if (!given.has('runs')) config.runs = 2;
    if (!given.has('extraRuns')) config.extraRuns = 1;
    if (!given.has('warmup')) config.warmup = 0;
  }
  const unknownPages = config.pages.filter((p) => !PAGES.includes(p));
  if (unknownPages.length) throw new Error(`unknown page(s) ${unknownPages.join(', ')}; pages: ${PAGES.join(', ')}`);
  const unknownScenarios = config.scenarios.filter((s) => !(s in SCENARIOS));
  if (unknownScenarios.length)
    throw new Error(
      `unknown scenario(s) ${unknownScenarios.join(', ')}; scenarios: ${Object.keys(SCENARIOS).join(', ')}`,
    );
  if (!['bench', 'stock'].includes(config.lighthouseWindows)) throw new Error('--lighthouse-windows is bench or stock');
  if (config.runs < 1 || config.extraRuns < 0) throw new Error('--runs must be at least 1 and --extra-runs at least 0');
  return config;
}
