// The benchmark pages, written from ONE template (bench/page-template.html) so they
// cannot drift apart: they differ only in how chat is embedded, which is the point of
// comparing them. generate() (make-stand-in.js) writes bench/run.js's five into
// bench/.out/pages/; bench/side-by-side.js writes its own set with writePage().
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { officialSnippet } from '../tools/official-snippet.js';

export const ORG_ID = '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const OFFICIAL_WIDGET_URL = 'https://widget.closer.app/widget.js';

/**
 * Where the pages load the widget and the element's code from. `bundleUrl` is the one
 * module a page embeds (the build's entry); the probes of side-by-side.js also use
 * `sameOriginBundleUrl` (the same file from the page's own origin) and `bytesOnlyUrl`
 * (a module of the same transfer size that runs nothing).
 * @typedef {{ widgetUrl: string, bundleUrl: string, sameOriginBundleUrl?: string, bytesOnlyUrl?: string }} PageUrls
 */
/** @type {PageUrls} everything on the page's own origin (`node bench/make-stand-in.js`) */
export const SAME_ORIGIN_URLS = {
  widgetUrl: '/bench/.out/widget/widget.js',
  bundleUrl: '/bench/.out/closer-chat.bundle.js',
};

const snippet = ({ widgetUrl }) => ({
  head: `<!-- chat: the official Closer snippet -->\n<script>\n${officialSnippet(widgetUrl, { init: { orgId: ORG_ID } })}</script>`,
  body: '',
});

const moduleTag = (src, fetchpriority) =>
  `<script type="module" src="${src}"${fetchpriority ? ` fetchpriority="${fetchpriority}"` : ''}></script>`;

/** The tag; the official widget URL is the element's default: no `src` then, as on a real site. */
const chatTag = (loading, widgetUrl, extra = '') =>
  `<closer-chat org-id="${ORG_ID}"${widgetUrl === OFFICIAL_WIDGET_URL ? '' : ` src="${widgetUrl}"`} loading="${loading}"${extra}></closer-chat>`;

/**
 * `<closer-chat loading=…>`: the module in <head> as the README's CMS line has it
 * (`fetchpriority="low"`), the tag at the end of <body>. `manual` has no launcher of its
 * own: the page's button (below) calls `open()`.
 * @param {string} loading @param {{ extra?: string, fetchpriority?: string | null, from?: 'cdn' | 'same-origin' }} [options]
 */
const element =
  (loading, { extra = '', fetchpriority = 'low', from = 'cdn' } = {}) =>
  ({ widgetUrl, bundleUrl, sameOriginBundleUrl }) => ({
    head: `<!-- chat: <closer-chat loading="${loading}"${extra}> -->\n${moduleTag(from === 'cdn' ? bundleUrl : sameOriginBundleUrl, fetchpriority)}`,
    body:
      chatTag(loading, widgetUrl, extra) +
      (loading === 'manual' ? handLauncher("d.querySelector('closer-chat').open()") : ''),
  });

/**
 * A launcher written by hand, about 1 kB inline: a button like the element's facade
 * that, on click, shows it is busy and runs `start` (JavaScript, `d` is the document),
 * then goes away when the widget adds its own root to <body>. With the official
 * snippet as `start` it is the least a page can ship before intent: the physical limit.
 */
function handLauncher(start) {
  return `
<button id="chat-launcher" type="button" aria-label="Chat with us"><svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Z"/></svg></button>
<style>#chat-launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;display:grid;place-items:center;width:56px;height:56px;padding:0;border:0;border-radius:50%;background:#1b4fd8;color:#fff;box-shadow:0 4px 14px rgb(0 0 0/.25);cursor:pointer}#chat-launcher[aria-busy=true] svg{animation:p 1s infinite}@keyframes p{50%{opacity:.45}}</style>
<script>(function(d){var b=d.getElementById('chat-launcher');b.onclick=function(){if(b.getAttribute('aria-busy'))return;b.setAttribute('aria-busy','true');new MutationObserver(function(r,o){if(r.some(function(x){return [].some.call(x.addedNodes,function(n){return n.nodeType==1&&!/^(SCRIPT|LINK|STYLE)$/.test(n.tagName)})})){b.remove();o.disconnect()}}).observe(d.body,{childList:true});${start}}})(document)</script>`;
}

/** The hand-written launcher that loads the official snippet on click. */
const launcher = ({ widgetUrl }) => ({
  head: '<!-- chat: a 1 kB hand-written launcher, the official snippet on click -->',
  body: handLauncher(
    `${officialSnippet(widgetUrl, { init: { orgId: ORG_ID } }).replace(/\n\s*/g, '')}closer.openWidget();`,
  ),
});

/** Page name → (urls) => what goes at `<!--chat-head-->` and `<!--chat-body-->`. */
export const EMBEDS = {
  none: () => ({ head: '<!-- chat: none -->', body: '' }),
  snippet,
  launcher,
  eager: element('eager'),
  idle: element('idle'),
  interaction: element('interaction'),
  manual: element('manual'),
  consent: element('interaction', { extra: ' consent="pending"' }),
  // Probes for "what delays the LCP of `interaction`" (bench/README.md, "LCP before intent"):
  'interaction-no-low': element('interaction', { fetchpriority: null }),
  'interaction-same-origin': element('interaction', { from: 'same-origin' }),
  'bytes-only': ({ bytesOnlyUrl }) => ({
    head: `<!-- chat: a module of the element's size that runs nothing -->\n${moduleTag(bytesOnlyUrl, 'low')}`,
    body: '',
  }),
};

/** The pages bench/run.js measures with Lighthouse. */
export const LIGHTHOUSE_PAGES = ['none', 'snippet', 'eager', 'idle', 'interaction'];

let template;
/** The page `embed` makes with `urls`, as HTML. */
export async function renderPage(embed, urls) {
  template ??= await readFile(new URL('./page-template.html', import.meta.url), 'utf8');
  const { head, body } = embed(urls);
  return template.replace('<!--chat-head-->', head).replace('<!--chat-body-->', body);
}

/** Writes bench/run.js's five pages into `<outDir>/pages/`. @param {string} outDir @param {PageUrls} [urls] */
export async function writePages(outDir, urls = SAME_ORIGIN_URLS) {
  await mkdir(join(outDir, 'pages'), { recursive: true });
  for (const name of LIGHTHOUSE_PAGES) {
    await writeFile(join(outDir, 'pages', `${name}.html`), await renderPage(EMBEDS[name], urls));
  }
}
