// The five benchmark pages, written from ONE template (bench/page-template.html) so they
// cannot drift apart: they differ only in how chat is embedded, which is the point of
// comparing them. generate() (make-stand-in.js) writes them into bench/.out/pages/.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const ORG_ID = '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const STAND_IN = '/bench/.out/widget/stand-in-widget.js';

const OFFICIAL_SNIPPET = `<!-- chat: the official Closer snippet -->
<script>
  (function (w, d, u) {
    var c = (w.closer = w.closer || { q: [], scriptUrl: u });
    ['init', 'identify', 'openWidget'].forEach(function (m) {
      c[m] = c[m] || function () { this.q.push({ method: m, args: arguments }); };
    });
    var s = d.createElement('script'); s.async = true; s.src = u; d.head.appendChild(s);
  })(window, document, '${STAND_IN}');
  closer.init({ orgId: '${ORG_ID}' });
</script>`;

/** `<closer-chat loading=…>`: the bundle in <head>, the tag at the end of <body>. */
const element = (loading) => ({
  head: `<!-- chat: <closer-chat loading="${loading}"> -->\n<script type="module" src="/dist/closer-chat.bundle.js"></script>`,
  body: `<closer-chat org-id="${ORG_ID}" src="${STAND_IN}" loading="${loading}"></closer-chat>`,
});

/** Page name → what goes at `<!--chat-head-->` and `<!--chat-body-->`. */
export const EMBEDS = {
  none: { head: '<!-- chat: none -->', body: '' },
  snippet: { head: OFFICIAL_SNIPPET, body: '' },
  eager: element('eager'),
  idle: element('idle'),
  interaction: element('interaction'),
};

export async function writePages(outDir) {
  const template = await readFile(new URL('./page-template.html', import.meta.url), 'utf8');
  await mkdir(join(outDir, 'pages'), { recursive: true });
  for (const [name, { head, body }] of Object.entries(EMBEDS)) {
    const html = template.replace('<!--chat-head-->', head).replace('<!--chat-body-->', body);
    await writeFile(join(outDir, 'pages', `${name}.html`), html);
  }
}
