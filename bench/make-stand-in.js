// Generates the benchmark's stand-in for https://widget.closer.app/widget.js and the
// files it loads into bench/.out/widget/ (git-ignored), then the five pages:
//
//   widget.js          the stand-in: generated weight + dev/simulator/widget.js verbatim
//   panel.js           dev/simulator/panel.js (the simulator draws with it)
//   widget.css         stylesheet added by init
//   settings-<i>.json  "settings API" responses fetched by init
//   font.woff2         font loaded by init (FontFace)
//   frame.html         hidden chat-window iframe added when the widget draws
//
// The stand-in has no SDK of its own: the SDK contract is the development widget's
// (dev/simulator/widget.js, the one implementation). This file adds only weight, through
// the simulator's documented hook `window.closerSimulatorWeight` (see
// dev/simulator/README.md), set by a generated prefix in the same script:
//   onExecute()      runs a share of ~1,000 generated webpack-style modules and burns
//                    --widget-startup-ms of CPU (the script's start-up);
//   onInit(options)  adds the stylesheet, fetches the settings, loads the font;
//   onDraw(root)     burns --widget-init-ms of CPU and adds the hidden iframe, in the
//                    simulator's drawing task, which is a task of its own after init
//                    whoever calls init (the snippet's queue or the element), so every
//                    page does the same work, split the same way.
//
// run.js calls `generate()` with the CPU calibration it measured in Chromium. By hand
// (to browse the pages with `node bench/serve.js`), `node bench/make-stand-in.js [flags]`
// calibrates the busy loop in Node instead (same V8, roughly the same speed).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzip } from '../tools/static-server.js';
import { readConfig } from './config.js';
import { writePages } from './pages.js';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const OUT_DIR = join(PROJECT_ROOT, 'bench', '.out');
export const WIDGET_DIR = join(OUT_DIR, 'widget');
const SIMULATOR_DIR = join(PROJECT_ROOT, 'dev', 'simulator');

/**
 * The busy loop, as source: run.js times it, warm, in fresh Chromium pages (1x CPU) to turn
 * "ms of CPU" into an iteration count; the stand-in's weight embeds the very same function.
 */
export const BURN_SOURCE = `function burn(n) {
    var x = 0x9e3779b9 | 0, acc = 0;
    for (var i = 0; i < n; i++) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
      acc = (acc + (x & 1023)) | 0;
    }
    return acc;
  }`;

// ------------------------------------------------------------------ deterministic "random"

function rng(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (arr) => arr[int(arr.length)];
  return { next, int, pick };
}

const WORDS = (
  'conversation message agent client visitor attachment upload locale translation status ' +
  'waiting inProgress solved unsolved typing presence online offline away launcher window ' +
  'header footer composer input emoji sticker reaction avatar badge unread counter timeline ' +
  'bubble thread reply quote notification sound vibration session token refresh expire ' +
  'authorize consent cookie storage channel socket reconnect backoff retry queue flush ' +
  'analytics event tracker tag rating survey feedback article search suggestion bot flow ' +
  'intent entity context lekta handover transcript email phone name company department ' +
  'schedule business hours holiday timezone theme color radius shadow animation transition'
).split(' ');
const TEXTS = [
  'Hi! How can we help you today?',
  'Our team usually replies in a few minutes.',
  'Type your message…',
  'Send',
  'Attach a file',
  'The conversation has ended.',
  'Rate this conversation',
  'Cześć! W czym możemy pomóc?',
  'Napisz wiadomość…',
  'Wyślij',
  'Hallo! Wie können wir helfen?',
  'Nachricht senden',
  '¡Hola! ¿En qué podemos ayudarte?',
  'Escribe un mensaje…',
  'Bonjour ! Comment pouvons-nous vous aider ?',
  'Session expired. Please start a new conversation.',
  'We are offline right now. Leave us a message.',
  'Connection lost. Reconnecting…',
  'File too large (max 10 MB).',
  'Powered by Closer',
];

function camel(r, n = 2) {
  let s = r.pick(WORDS);
  for (let i = 1; i < n; i++) {
    const w = r.pick(WORDS);
    s += w[0].toUpperCase() + w.slice(1);
  }
  return s;
}
const RESERVED = new Set(['do', 'if', 'in', 'n', 'e', 't']);
function shortId(r) {
  for (;;) {
    const id = 'abcdefghijklmnopqrstuvwxyz'[r.int(26)] + 'abcdefghijklmnopqrstuvwxyz0123456789_$'[r.int(38)];
    if (!RESERVED.has(id)) return id;
  }
}

/** One webpack-style module of plausible minified code. Requires only lower ids. */
function padModule(r, id) {
  const deps = [];
  const depCount = id > 3 ? 1 + r.int(3) : 0;
  for (let i = 0; i < depCount; i++) deps.push(r.int(id));
  const v = () => shortId(r);
  const names = deps.map(() => v());
  const cfg = v();
  const fields = [];
  const fieldCount = 2 + r.int(5);
  for (let i = 0; i < fieldCount; i++) {
    const roll = r.int(5);
    const key = camel(r, 1 + r.int(2));
    if (roll === 0) fields.push(`${key}:${JSON.stringify(r.pick(TEXTS))}`);
    else if (roll === 1) fields.push(`${key}:${r.int(100000)}`);
    else if (roll === 2) fields.push(`${key}:[${[r.int(999), r.int(9999), r.int(99)].join(',')}]`);
    else if (roll === 3) fields.push(`${key}:${r.next() < 0.5 ? '!0' : '!1'}`);
    else fields.push(`${key}:"${camel(r, 2)}-${r.int(4096).toString(16)}"`);
  }
  const fns = [];
  const fnCount = 1 + r.int(4);
  for (let i = 0; i < fnCount; i++) {
    const a = v();
    let b = v();
    while (b === a) b = v();
    const c = v();
    const dep = names.length ? r.pick(names) : cfg;
    const prop = camel(r, 2);
    const body = [
      `if(!${a})return null`,
      `var ${c}=${dep}.${camel(r, 1)}(${a}.${prop},${b})`,
      r.next() < 0.5
        ? `return ${c}&&${c}.length>${r.int(64)}?${c}.slice(0,${r.int(64)})+"…":${c}`
        : `for(var i=0;i<${a}.length;i++)if(${a}[i].${camel(r, 1)}===${JSON.stringify(camel(r, 1))})return ${a}[i]`,
      r.next() < 0.5 ? `return{type:"${camel(r, 2)}",at:Date.now(),payload:${c},${cfg}:${cfg}}` : `return ${c}`,
    ];
    fns.push(`function ${camel(r, 2)}(${a},${b}){${body.join(';')}}`);
  }
  const exportsList = fns.map((f, i) => `t.${camel(r, 1)}${i}=${f.slice(9, f.indexOf('('))}`).join(',');
  const requires = names.length ? `var ${names.map((n, i) => `${n}=n(${deps[i]})`).join(',')};` : '';
  return `__m[${id}]=function(e,t,n){"use strict";${requires}var ${cfg}={${fields.join(',')}};${fns.join('')}${exportsList};t.cfg=${cfg}};\n`;
}

/** Adds padding modules until `gzip(prefix + modules + suffix)` reaches `targetBytes`. */
function buildPadding(r, targetGzBytes, prefix, suffix) {
  const chunks = [];
  let id = 0;
  let text = '';
  // grow in blocks, re-measuring the compressed size of the whole script
  for (;;) {
    const current = gzip(Buffer.from(prefix + text + suffix)).length;
    if (current >= targetGzBytes) break;
    const missing = targetGzBytes - current;
    // ~ 4 raw bytes per compressed byte: add a block sized for about 80% of what is missing
    const block = [];
    let blockBytes = 0;
    const want = Math.max(2_000, missing * 4 * 0.8);
    while (blockBytes < want) {
      const m = padModule(r, id++);
      block.push(m);
      blockBytes += m.length;
    }
    chunks.push(block.join(''));
    text = chunks.join('');
    if (missing < 600) break;
  }
  return { text, modules: id };
}

// ------------------------------------------------------------------ the widget script

function standInScript({ r, startupIters, initIters, config, targetGzBytes, simulator }) {
  const settings = {
    startupIters,
    initIters,
    moduleRatio: config.widgetModuleRatio,
    css: config.widgetCssKb > 0,
    jsonCount: config.widgetJsonKb > 0 ? config.widgetJsonCount : 0,
    font: config.widgetFontKb > 0,
    iframe: config.widgetIframe > 0,
  };
  const prefix = `/*! Closer widget stand-in for the closer-chat benchmark: generated weight, then
 * dev/simulator/widget.js verbatim. Generated by bench/make-stand-in.js; do not edit.
 * settings: ${JSON.stringify(settings)} */
(function () {
  'use strict';
  var w = window, d = document, perf = w.performance;
  var CFG = ${JSON.stringify(settings)};
  var BASE = (function () {
    var s = d.currentScript && d.currentScript.src;
    return s ? s.slice(0, s.lastIndexOf('/') + 1) : '/bench/.out/widget/';
  })();
  ${BURN_SOURCE}
  var __m = {};
`;
  const suffix = `
  var cache = {};
  function n(id) {
    if (cache[id]) return cache[id].exports;
    var mod = (cache[id] = { exports: {} });
    var f = __m[id];
    if (f) f.call(mod.exports, mod, mod.exports, n);
    return mod.exports;
  }
  var state = (w.closerStandIn = {
    modules: Object.keys(__m).length,
    modulesRun: 0,
    startupWorkMs: null,
    drawWorkMs: null,
    sink: 0,
    settings: null,
  });

  // The weight hook of dev/simulator/widget.js (read when it executes, just below).
  w.closerSimulatorWeight = {
    onExecute: function () {
      var ids = Object.keys(__m);
      var step = Math.max(1, Math.round(1 / Math.max(0.0001, CFG.moduleRatio)));
      for (var i = ids.length - 1; i >= 0; i -= step) { n(Number(ids[i])); state.modulesRun++; }
      var t0 = perf.now();
      state.sink ^= burn(CFG.startupIters);
      state.startupWorkMs = perf.now() - t0;
    },
    onInit: function (options) {
      if (CFG.css) {
        var link = d.createElement('link');
        link.rel = 'stylesheet';
        link.href = BASE + 'widget.css';
        d.head.appendChild(link);
      }
      for (var j = 0; j < CFG.jsonCount; j++) {
        w.fetch(BASE + 'settings-' + j + '.json?org=' + encodeURIComponent(options.orgId))
          .then(function (res) { return res.json(); })
          .then(function (s) { state.settings = s; }, function () { /* keep defaults */ });
      }
      if (CFG.font && w.FontFace && d.fonts) {
        // random bytes, not a real font: the request is what we want; decoding then fails
        new w.FontFace('Closer Stand-in', 'url(' + BASE + 'font.woff2)').load().then(function (f) { d.fonts.add(f); }, function () {});
      }
    },
    onDraw: function (root) {
      var t0 = perf.now();
      state.sink ^= burn(CFG.initIters);
      state.drawWorkMs = perf.now() - t0;
      if (CFG.iframe && root.shadowRoot) {
        var frame = d.createElement('iframe');
        frame.title = 'Chat';
        frame.hidden = true;
        frame.src = BASE + 'frame.html';
        root.shadowRoot.appendChild(frame);
      }
    },
  };
})();
`;
  const { text, modules } = buildPadding(r, targetGzBytes, prefix, suffix + simulator);
  return { source: prefix + text + suffix + simulator, modules };
}

// ------------------------------------------------------------------ the files init loads

function widgetCss(r, targetGzBytes) {
  const props = [
    () => `display:${r.pick(['flex', 'grid', 'block', 'inline-flex', 'none'])}`,
    () => `padding:${r.int(24)}px ${r.int(32)}px`,
    () => `margin:${r.int(16)}px 0 ${r.int(16)}px`,
    () => `color:#${r.int(0xffffff).toString(16).padStart(6, '0')}`,
    () => `background:#${r.int(0xffffff).toString(16).padStart(6, '0')}`,
    () => `border-radius:${r.int(24)}px`,
    () =>
      `font:${r.pick(['400', '500', '600', '700'])} ${12 + r.int(8)}px/${(1.2 + r.int(5) / 10).toFixed(1)} "Closer Stand-in",system-ui,sans-serif`,
    () => `box-shadow:0 ${r.int(12)}px ${r.int(32)}px rgba(0,0,0,.${1 + r.int(4)})`,
    () => `transition:${r.pick(['opacity', 'transform', 'background-color', 'box-shadow'])} ${r.int(400)}ms ease`,
    () => `gap:${r.int(16)}px`,
    () => `align-items:${r.pick(['center', 'flex-start', 'flex-end', 'stretch'])}`,
    () => `max-width:${120 + r.int(300)}px`,
  ];
  let css = '/* Closer widget stand-in stylesheet (generated) */\n';
  for (;;) {
    let block = '';
    for (let i = 0; i < 60; i++) {
      const sel = `[data-closer-widget] .cw-${camel(r, 2)}${r.next() < 0.3 ? `:${r.pick(['hover', 'focus-visible', 'disabled', 'first-child'])}` : ''}`;
      const decls = Array.from({ length: 2 + r.int(5) }, () => r.pick(props)()).join(';');
      block += `${sel}{${decls}}\n`;
    }
    css += block;
    if (gzip(Buffer.from(css)).length >= targetGzBytes) break;
  }
  return css;
}

function settingsJson(r, index, targetGzBytes) {
  const data = { index, orgId: null, theme: { color: '#3b5bdb', position: 'right' }, business: {}, translations: {} };
  let n = 0;
  for (;;) {
    for (let i = 0; i < 20; i++, n++) {
      data.translations[`${camel(r, 2)}_${n}`] = r.pick(TEXTS);
      data.business[`${camel(r, 1)}_${n}`] = {
        open: r.int(24),
        close: r.int(24),
        tz: r.pick(['Europe/Warsaw', 'Europe/Berlin', 'UTC']),
      };
    }
    const text = JSON.stringify(data);
    if (gzip(Buffer.from(text)).length >= targetGzBytes) return text;
  }
}

function fontBytes(r, bytes) {
  const buf = Buffer.alloc(Math.max(16, Math.round(bytes)));
  buf.write('wOF2', 0, 'latin1');
  for (let i = 4; i < buf.length; i++) buf[i] = r.int(256);
  return buf;
}

const FRAME_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Chat</title>
<style>
  body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #1a1b1e; background: #fff; }
  header { padding: 16px; background: #3b5bdb; color: #fff; }
  header h1 { margin: 0; font-size: 16px; }
  header p { margin: 4px 0 0; opacity: .85; font-size: 12px; }
  ol { list-style: none; margin: 0; padding: 16px; display: grid; gap: 8px; }
  li { max-width: 80%; padding: 8px 12px; border-radius: 12px; background: #f1f3f5; }
  li.me { justify-self: end; background: #dbe4ff; }
  form { display: flex; gap: 8px; padding: 12px; border-top: 1px solid #e9ecef; }
  input { flex: 1; padding: 8px; border: 1px solid #ced4da; border-radius: 8px; }
  button { padding: 8px 12px; border: 0; border-radius: 8px; background: #3b5bdb; color: #fff; }
</style>
</head>
<body>
<header><h1>Chat with us</h1><p>Our team usually replies in a few minutes.</p></header>
<ol aria-live="polite">
  <li>Hi! How can we help you today?</li>
</ol>
<form onsubmit="return false"><input aria-label="Message" placeholder="Type your message…"><button>Send</button></form>
<script>
  parent.postMessage({ closerStandIn: 'frame-ready' }, '*');
</script>
</body>
</html>
`;

// ------------------------------------------------------------------ entry points

/** Iterations of `burn` per ms, measured in this Node process (fallback for manual use). */
export function calibrateInNode() {
  const burn = new Function(`return (${BURN_SOURCE})`)();
  const rates = [];
  for (let i = 0; i < 5; i++) {
    const n = 5_000_000;
    const t0 = performance.now();
    burn(n);
    rates.push(n / (performance.now() - t0));
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)];
}

/**
 * Writes the stand-in and its files, then the pages. Returns what was generated (sizes,
 * iterations).
 * @param {ReturnType<typeof readConfig>} config
 * @param {{ itersPerMs: number }} calibration
 * @param {import('./pages.js').PageUrls} [urls] where the pages find the widget and the bundle
 */
export async function generate(config, { itersPerMs }, urls) {
  const r = rng(0xc105e7);
  await rm(WIDGET_DIR, { recursive: true, force: true });
  await mkdir(WIDGET_DIR, { recursive: true });
  const startupIters = Math.round(config.widgetStartupMs * itersPerMs);
  const initIters = Math.round(config.widgetInitMs * itersPerMs);
  const files = {};
  const put = async (name, content, compressible = true) => {
    const buf = Buffer.isBuffer(content) ? content : Buffer.from(content);
    await writeFile(join(OUT_DIR, name), buf);
    files[name] = { bytes: buf.length, gzipBytes: compressible ? gzip(buf).length : buf.length };
  };

  const simulator = await readFile(join(SIMULATOR_DIR, 'widget.js'), 'utf8');
  const { source, modules } = standInScript({
    r,
    startupIters,
    initIters,
    config,
    simulator,
    targetGzBytes: config.widgetScriptKb * 1024,
  });
  await put('widget/widget.js', source);
  await put('widget/panel.js', await readFile(join(SIMULATOR_DIR, 'panel.js')));
  if (config.widgetCssKb > 0) await put('widget/widget.css', widgetCss(r, config.widgetCssKb * 1024));
  if (config.widgetJsonKb > 0) {
    for (let i = 0; i < config.widgetJsonCount; i++)
      await put(`widget/settings-${i}.json`, settingsJson(r, i, config.widgetJsonKb * 1024));
  }
  if (config.widgetFontKb > 0) await put('widget/font.woff2', fontBytes(r, config.widgetFontKb * 1024), false);
  if (config.widgetIframe > 0) await put('widget/frame.html', FRAME_HTML);
  await writePages(OUT_DIR, urls);
  return { itersPerMs, startupIters, initIters, modules, files };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const config = readConfig();
  const itersPerMs = calibrateInNode();
  const result = await generate(config, { itersPerMs });
  console.log(JSON.stringify(result, null, 2));
}
