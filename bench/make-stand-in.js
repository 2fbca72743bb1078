// Generates the benchmark's stand-in for https://widget.closer.app/widget.js, the files
// it loads, and the pages' hero image, into bench/.out/ (git-ignored):
//
//   bench/.out/widget/stand-in-widget.js   the widget script (SDK contract + weight)
//   bench/.out/widget/widget.css           stylesheet added by init
//   bench/.out/widget/settings-<i>.json    "settings API" responses fetched by init
//   bench/.out/widget/font.woff2           font loaded by init (FontFace)
//   bench/.out/widget/frame.html           hidden chat-window iframe added by init
//   bench/.out/hero.png                    the pages' hero image (LCP element)
//
// run.js calls `generate()` with the CPU calibration it measured in Chromium. By hand
// (to browse the pages with `node bench/server.js`), `node bench/make-stand-in.js [flags]`
// calibrates the busy loop in Node instead (same V8, roughly the same speed).
//
// The stand-in honours the SDK contract like dev/simulator/widget.js: it reuses an
// existing `window.closer` (the official snippet's stub `{ q: [], scriptUrl }`) or creates
// `{}`, installs `init`, `deinit`, `identify` and `openWidget` on that same object, replays
// `closer.q` in order, then sets `closer.q = []`. `init` appends ONE root element
// `<div data-closer-widget>` with a launcher button to document.body (bottom-right).
//
// Performance marks (names prefixed `closer-standin:`): `exec-start` / `exec-end` around
// the script's execution, `init-start` / `init-end` around `closer.init`.
import { mkdir, writeFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { PROJECT_ROOT, gzip } from './server.js';
import { readConfig } from './config.js';
import { writePages } from './pages.js';

export const OUT_DIR = join(PROJECT_ROOT, 'bench', '.out');
export const WIDGET_DIR = join(OUT_DIR, 'widget');
export const STAND_IN_URL = '/bench/.out/widget/stand-in-widget.js';

/**
 * The busy loop, as source: run.js times it in a fresh Chromium page (1x CPU) to turn
 * "ms of CPU" into an iteration count; the stand-in embeds the very same function.
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
  const int = n => Math.floor(next() * n);
  const pick = arr => arr[int(arr.length)];
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

function widgetScript({ r, startupIters, initIters, config, targetGzBytes }) {
  const settings = {
    startupIters,
    initIters,
    moduleRatio: config.widgetModuleRatio,
    css: config.widgetCssKb > 0,
    jsonCount: config.widgetJsonKb > 0 ? config.widgetJsonCount : 0,
    font: config.widgetFontKb > 0,
    iframe: config.widgetIframe > 0,
  };
  const prefix = `/*! Closer widget stand-in for the closer-chat benchmark. Generated by bench/make-stand-in.js; do not edit.
 * settings: ${JSON.stringify(settings)} */
(function () {
  'use strict';
  var w = window, d = document, perf = w.performance;
  function mark(name) { try { perf.mark('closer-standin:' + name); } catch (e) { /* old browser */ } }
  mark('exec-start');
  var CFG = ${JSON.stringify(settings)};
  var LOG = '[closer stand-in]';
  var BASE = (function () {
    var s = d.currentScript && d.currentScript.src;
    return s ? s.slice(0, s.lastIndexOf('/') + 1) : '/bench/.out/widget/';
  })();
  ${BURN_SOURCE}
  var __m = {};
`;
  const suffix = `
  // ---------------------------------------------------------------- start-up work
  var cache = {};
  function n(id) {
    if (cache[id]) return cache[id].exports;
    var mod = (cache[id] = { exports: {} });
    var f = __m[id];
    if (f) f.call(mod.exports, mod, mod.exports, n);
    return mod.exports;
  }
  var ids = Object.keys(__m);
  var step = Math.max(1, Math.round(1 / Math.max(0.0001, CFG.moduleRatio)));
  var ran = 0;
  for (var i = ids.length - 1; i >= 0; i -= step) { n(Number(ids[i])); ran++; }
  var t0 = perf.now();
  var sink = burn(CFG.startupIters);
  var state = {
    executions: ((w.closerStandIn && w.closerStandIn.executions) || 0) + 1,
    modules: ids.length,
    modulesRun: ran,
    startupWorkMs: perf.now() - t0,
    initWorkMs: null,
    calls: [],
    initialized: false,
    options: null,
    identity: null,
    isOpen: false,
    sink: sink,
    settings: null,
  };
  w.closerStandIn = state;
  if (state.executions > 1) console.warn(LOG + ' the widget script executed ' + state.executions + ' times; it must be loaded once');

  // ---------------------------------------------------------------- the SDK
  var closer = w.closer || (w.closer = {});
  var ui = null;

  function call(name, args) { state.calls.push({ method: name, args: Array.prototype.slice.call(args) }); }
  function callback(name) {
    var f = state.options && state.options[name];
    if (typeof f === 'function') {
      try { f.apply(null, Array.prototype.slice.call(arguments, 1)); } catch (e) { console.error(LOG + ' ' + name + ' threw', e); }
    }
  }
  function setOpen(open) {
    if (!ui || state.isOpen === open) return;
    state.isOpen = open;
    if (ui.frame) ui.frame.style.display = open ? 'block' : 'none';
    ui.launcher.setAttribute('aria-expanded', String(open));
    callback(open ? 'onOpen' : 'onClose');
  }

  function render(options) {
    var root = d.createElement('div');
    root.setAttribute('data-closer-widget', '');
    root.style.cssText = 'position:fixed;right:16px;bottom:16px;z-index:2147483000;display:flex;flex-direction:column;align-items:flex-end;gap:12px';
    var launcher = d.createElement('button');
    launcher.type = 'button';
    launcher.className = 'closer-standin-launcher';
    launcher.setAttribute('aria-label', 'Open chat');
    launcher.setAttribute('aria-expanded', 'false');
    launcher.style.cssText = 'width:56px;height:56px;border-radius:50%;border:0;padding:0;background:#3b5bdb;color:#fff;box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer;display:grid;place-items:center';
    launcher.innerHTML = '<svg width="28" height="28" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';
    if (options.showButton === false) launcher.hidden = true;
    launcher.addEventListener('click', function () { setOpen(!state.isOpen); });
    var frame = null;
    if (CFG.iframe) {
      frame = d.createElement('iframe');
      frame.title = 'Chat';
      frame.src = BASE + 'frame.html';
      frame.style.cssText = 'display:none;width:360px;height:520px;max-width:calc(100vw - 32px);border:0;border-radius:12px;box-shadow:0 8px 28px rgba(0,0,0,.25);background:#fff';
      root.appendChild(frame);
    }
    root.appendChild(launcher);
    d.body.appendChild(root);
    return { root: root, launcher: launcher, frame: frame, link: null };
  }

  function loadExtras(options) {
    if (CFG.css) {
      var link = d.createElement('link');
      link.rel = 'stylesheet';
      link.href = BASE + 'widget.css';
      d.head.appendChild(link);
      ui.link = link;
    }
    for (var j = 0; j < CFG.jsonCount; j++) {
      w.fetch(BASE + 'settings-' + j + '.json?org=' + encodeURIComponent(options.orgId))
        .then(function (r) { return r.json(); })
        .then(function (s) { state.settings = s; }, function () { /* offline: keep defaults */ });
    }
    if (CFG.font && w.FontFace && d.fonts) {
      // random bytes, not a real font: the request is what we want; decoding then fails
      new w.FontFace('Closer Stand-in', 'url(' + BASE + 'font.woff2)').load().then(function (f) { d.fonts.add(f); }, function () {});
    }
  }

  function init(options) {
    call('init', arguments);
    mark('init-start');
    if (!options || typeof options !== 'object') throw new TypeError(LOG + ' closer.init(options): options must be an object');
    if (typeof options.orgId !== 'string' || !options.orgId) throw new TypeError(LOG + ' closer.init(options): options.orgId is required');
    if (state.initialized) console.warn(LOG + ' init called twice without deinit');
    state.initialized = true;
    state.options = options;
    var t = perf.now();
    state.sink ^= burn(CFG.initIters);
    state.initWorkMs = perf.now() - t;
    mark('init-worked');
    if (!ui) ui = render(options);
    mark('init-rendered');
    loadExtras(options);
    mark('init-extras');
    callback('onUserAuthorized');
    mark('init-end');
  }

  function deinit() {
    call('deinit', arguments);
    if (ui) {
      ui.root.remove();
      if (ui.link) ui.link.remove();
      ui = null;
    }
    state.initialized = false;
    state.options = null;
    state.identity = null;
    state.isOpen = false;
  }

  function identify(data) {
    call('identify', arguments);
    state.identity = data && typeof data === 'object' ? Object.assign({}, data) : null;
  }

  function openWidget() {
    call('openWidget', arguments);
    if (!state.initialized) throw new Error(LOG + ' closer.openWidget() called before closer.init()');
    setOpen(true);
  }

  closer.init = init;
  closer.deinit = deinit;
  closer.identify = identify;
  closer.openWidget = openWidget;

  // ---------------------------------------------------------------- replay the stub's queue
  var queue = Array.isArray(closer.q) ? closer.q.slice() : [];
  for (var k = 0; k < queue.length; k++) {
    var item = queue[k];
    var method = item && item.method;
    var fn = typeof method === 'string' ? closer[method] : undefined;
    if (typeof fn !== 'function') { console.warn(LOG + ' ignoring queued call to unknown method ' + String(method)); continue; }
    try { fn.apply(closer, item.args || []); } catch (e) { console.error(LOG + ' queued closer.' + method + '() failed:', e); }
  }
  closer.q = [];
  mark('exec-end');
})();
`;
  const { text, modules } = buildPadding(r, targetGzBytes, prefix, suffix);
  return { source: prefix + text + suffix, modules };
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
    () => `font:${r.pick(['400', '500', '600', '700'])} ${12 + r.int(8)}px/${(1.2 + r.int(5) / 10).toFixed(1)} "Closer Stand-in",system-ui,sans-serif`,
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
      data.business[`${camel(r, 1)}_${n}`] = { open: r.int(24), close: r.int(24), tz: r.pick(['Europe/Warsaw', 'Europe/Berlin', 'UTC']) };
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
  parent.postMessage({ closerStandIn: 'frame-ready' }, location.origin);
</script>
</body>
</html>
`;

// ------------------------------------------------------------------ hero image (PNG)

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A landscape-ish illustration: sky gradient, sun, hills; grain on a share of pixels. */
function heroPng(width, height, grain, seed) {
  const r = rng(seed);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const fy = y / height;
      let R = 40 + 120 * fy;
      let G = 90 + 100 * fy;
      let B = 200 - 40 * fy;
      const dx = x - width * 0.72;
      const dy = y - height * 0.3;
      if (dx * dx + dy * dy < (height * 0.12) ** 2) [R, G, B] = [255, 214, 102];
      const hill1 = height * (0.62 + 0.08 * Math.sin(x / (width / 5)));
      const hill2 = height * (0.75 + 0.05 * Math.sin(x / (width / 9) + 1.3));
      if (y > hill1) [R, G, B] = [60 + 30 * fy, 140 - 40 * fy, 70];
      if (y > hill2) [R, G, B] = [34 + 20 * fy, 100 - 30 * fy, 50];
      if (r.next() < grain) {
        const g = r.int(48) - 24;
        R += g;
        G += g;
        B += g;
      }
      const p = row + 1 + x * 3;
      raw[p] = Math.max(0, Math.min(255, R));
      raw[p + 1] = Math.max(0, Math.min(255, G));
      raw[p + 2] = Math.max(0, Math.min(255, B));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Finds the grain that makes the PNG about `targetBytes`. */
function heroOfSize(targetBytes) {
  const [w, h] = [960, 720];
  let lo = 0;
  let hi = 0.6;
  let best = heroPng(w, h, 0, 1);
  for (let i = 0; i < 9; i++) {
    const mid = (lo + hi) / 2;
    const png = heroPng(w, h, mid, 1);
    best = png;
    if (png.length < targetBytes) lo = mid;
    else hi = mid;
    if (Math.abs(png.length - targetBytes) < targetBytes * 0.03) break;
  }
  return best;
}

// ------------------------------------------------------------------ entry points

/** Iterations of `burn` per ms, measured in this Node process (fallback for manual use). */
export function calibrateInNode() {
  // eslint-disable-next-line no-new-func
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
 * Writes the stand-in and its files. Returns what was generated (sizes, iterations).
 * @param {ReturnType<typeof readConfig>} config
 * @param {{ itersPerMs: number }} calibration
 */
export async function generate(config, { itersPerMs }) {
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

  const { source, modules } = widgetScript({ r, startupIters, initIters, config, targetGzBytes: config.widgetScriptKb * 1024 });
  await put('widget/stand-in-widget.js', source);
  if (config.widgetCssKb > 0) await put('widget/widget.css', widgetCss(r, config.widgetCssKb * 1024));
  if (config.widgetJsonKb > 0) {
    for (let i = 0; i < config.widgetJsonCount; i++) await put(`widget/settings-${i}.json`, settingsJson(r, i, config.widgetJsonKb * 1024));
  }
  if (config.widgetFontKb > 0) await put('widget/font.woff2', fontBytes(r, config.widgetFontKb * 1024), false);
  if (config.widgetIframe > 0) await put('widget/frame.html', FRAME_HTML);
  await put('hero.png', heroOfSize(config.heroKb * 1024), false);
  await writePages(OUT_DIR);
  return { itersPerMs, startupIters, initIters, modules, files };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const config = readConfig();
  const itersPerMs = calibrateInNode();
  const result = await generate(config, { itersPerMs });
  console.log(JSON.stringify(result, null, 2));
}
