// The five benchmark pages, written from ONE template (bench/page-template.html) so they
// cannot drift apart: they differ only in how chat is embedded, which is the point of
// comparing them. generate() (make-stand-in.js) writes them into bench/.out/pages/.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { officialSnippet } from '../tools/official-snippet.js';

export const ORG_ID = '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const OFFICIAL_WIDGET_URL = 'https://widget.closer.app/widget.js';

/**
 * Where the pages load the widget and the element's bundle from.
 * @typedef {{ widgetUrl: string, bundleUrl: string }} PageUrls
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

/** `<closer-chat loading=…>`: the bundle in <head>, the tag at the end of <body>. */
const element =
  (loading) =>
  ({ widgetUrl, bundleUrl }) => ({
    head: `<!-- chat: <closer-chat loading="${loading}"> -->\n<script type="module" src="${bundleUrl}" fetchpriority="low"></script>`,
    // the official URL is the element's default: no `src` then, as on a real site
    body: `<closer-chat org-id="${ORG_ID}"${widgetUrl === OFFICIAL_WIDGET_URL ? '' : ` src="${widgetUrl}"`} loading="${loading}"></closer-chat>`,
  });

/** Page name → (urls) => what goes at `<!--chat-head-->` and `<!--chat-body-->`. */
export const EMBEDS = {
  none: () => ({ head: '<!-- chat: none -->', body: '' }),
  snippet,
  eager: element('eager'),
  idle: element('idle'),
  interaction: element('interaction'),
};

/** @param {string} outDir @param {PageUrls} [urls] */
export async function writePages(outDir, urls = SAME_ORIGIN_URLS) {
  const template = await readFile(new URL('./page-template.html', import.meta.url), 'utf8');
  await mkdir(join(outDir, 'pages'), { recursive: true });
  for (const [name, embed] of Object.entries(EMBEDS)) {
    const { head, body } = embed(urls);
    const html = template.replace('<!--chat-head-->', head).replace('<!--chat-body-->', body);
    await writeFile(join(outDir, 'pages', `${name}.html`), html);
  }
}
