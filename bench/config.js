// Settings of the benchmark: defaults, then environment variables, then CLI flags.
//
//   node bench/run.js --runs 10 --cpu 4 --network fast4g --widget-script-kb 220 ...
//   BENCH_RUNS=5 BENCH_WIDGET_STARTUP_MS=80 node bench/run.js
//
// Every flag `--foo-bar` has the environment variable `BENCH_FOO_BAR`. Where the stand-in
// widget's defaults come from is explained next to each one and in bench/README.md.
import { EMBEDS } from './pages.js';

/**
 * Network profiles for `Network.emulateNetworkConditions` (bytes/s, ms). They are Chrome
 * DevTools' presets: throughput × 0.9 and RTT × latency factor, as DevTools applies them
 * per request.
 */
export const NETWORK_PROFILES = {
  // DevTools "Fast 4G": 9 Mbps down, 1.5 Mbps up, 60 ms RTT × 2.75 = 165 ms per request.
  fast4g: { latency: 165, downloadThroughput: (9e6 / 8) * 0.9, uploadThroughput: (1.5e6 / 8) * 0.9 },
  // DevTools "Slow 4G" (formerly "Fast 3G", Lighthouse's mobile profile): 1.6 Mbps down,
  // 750 kbps up, 150 ms RTT × 3.75 = 562.5 ms per request. Runs take about twice as long.
  slow4g: { latency: 562.5, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 },
  // no network emulation: localhost speed (plus the server's widget latency)
  none: null,
};

export const PAGES = Object.keys(EMBEDS);

/** name → [default, parser, help] */
const SPEC = {
  runs: [10, int, 'measured runs per page (round-robin over the pages)'],
  pages: [PAGES.join(','), list, 'pages to run, comma-separated'],
  cpu: [4, num, 'CPU slowdown (Emulation.setCPUThrottlingRate); 4 ≈ a mid-range phone (Lighthouse mobile)'],
  network: ['fast4g', str, `network profile: ${Object.keys(NETWORK_PROFILES).join(' | ')}`],
  minAfterLoadMs: [1500, int, 'the window lasts at least this long after the load event'],
  quietMs: [1000, int, '… then ends after this long without network activity or long tasks'],
  maxAfterLoadMs: [8000, int, '… and at the latest this long after the load event'],
  warmup: [1, int, 'unrecorded warm-up loads of each page before the measured runs'],
  out: ['bench/results', str, 'directory for latest.json and latest.md'],

  // ---- the stand-in widget (see bench/README.md, "The stand-in widget", for sources)
  // Transfer size (gzip) of the main widget script. DebugBear's 2025 test of 21 chat
  // widgets on an empty page: total download 67–749 KB, median of the nine best known
  // (Intercom 301, LiveChat 385, Zendesk 533, Crisp 155, Tidio 208, Tawk.to 749,
  // Freshchat 564, LiveAgent 79, Zoho 67) ≈ 300 KB. Script ≈ 220 KB of that; the
  // stylesheet, font, settings and frame below bring the total to ≈ 300 KB.
  widgetScriptKb: [220, num, 'main widget script, KB after gzip (the server gzips it)'],
  // CPU burnt at start-up (script evaluation) and in init, in ms at 1x on this machine
  // (calibrated per run of the benchmark). At 4x they become ≈ 4× longer, on top of the
  // parse/compile of the script. Aim: total widget main-thread time ≈ 400–500 ms at 4x:
  // DebugBear measured JS execution 259–991 ms (median ≈ 360 ms) at Lighthouse's mobile
  // 4x; HTTP Archive / third-party-web (2025-04) averages 400–1300 ms per page
  // (Tawk.to 397, LiveChat 1079, Intercom 1245, Zendesk 1299).
  widgetStartupMs: [60, num, 'busy CPU during script execution, ms at 1x'],
  widgetInitMs: [30, num, 'busy CPU inside closer.init, ms at 1x'],
  widgetModuleRatio: [0.15, num, 'share of the padding modules actually run at start-up'],
  // Extra requests made by init (Crisp's own figures for its widget: scripts 90 KB,
  // stylesheets 45 KB, fonts 10 KB per font group; most widgets add a settings call and
  // an iframe for the chat window).
  widgetCssKb: [20, num, 'stylesheet added by init, KB after gzip (0 = none)'],
  widgetJsonKb: [4, num, 'settings JSON fetched by init, KB after gzip (0 = none)'],
  widgetJsonCount: [1, int, 'how many JSON fetches init makes'],
  widgetFontKb: [40, num, 'font file loaded by init (FontFace), KB (not compressible; 0 = none)'],
  widgetIframe: [1, int, '1: init adds a hidden chat-window iframe (a small same-origin document)'],
  widgetLatencyMs: [50, int, 'extra server latency per widget request (mimics a CDN / other origin)'],
};

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
function list(v) {
  return String(v)
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
}

const kebab = name => name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`);
const envName = name => `BENCH_${kebab(name).replace(/-/g, '_').toUpperCase()}`;

export function usage() {
  const lines = Object.entries(SPEC).map(
    ([name, [def, , help]]) => `  --${kebab(name).padEnd(22)} ${help} (default ${def}; env ${envName(name)})`,
  );
  return `Usage: node bench/run.js [options]\n\n${lines.join('\n')}\n`;
}

/** Reads defaults, env and argv into a plain object. Throws on unknown flags. */
export function readConfig(argv = process.argv.slice(2), env = process.env) {
  const config = {};
  for (const [name, [def, parse]] of Object.entries(SPEC)) {
    const fromEnv = env[envName(name)];
    config[name] = fromEnv !== undefined && fromEnv !== '' ? parse(fromEnv) : typeof def === 'string' ? parse(def) : def;
  }
  const byFlag = new Map(Object.keys(SPEC).map(name => [`--${kebab(name)}`, name]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      config.help = true;
      continue;
    }
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    const name = byFlag.get(flag);
    if (!name) throw new Error(`unknown option ${arg}\n\n${usage()}`);
    const value = inline !== undefined ? inline : argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    config[name] = SPEC[name][1](value);
  }
  const unknownPages = config.pages.filter(p => !PAGES.includes(p));
  if (unknownPages.length) throw new Error(`unknown page(s) ${unknownPages.join(', ')}; pages: ${PAGES.join(', ')}`);
  if (!(config.network in NETWORK_PROFILES)) {
    throw new Error(`unknown network profile ${config.network}; use ${Object.keys(NETWORK_PROFILES).join(', ')}`);
  }
  if (config.runs < 1) throw new Error('--runs must be at least 1');
  return config;
}
