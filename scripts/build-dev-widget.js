#!/usr/bin/env node
// Part of `npm run build`: dist/dev-widget.js, the development widget as ONE classic
// script for users' own apps (`closer-chat/dev-widget.js`). In the repository it is two
// files (dev/simulator/widget.js imports ./panel.js beside it); an app's bundler renames
// and moves files, so the packaged copy carries the panel inline, and widget.js uses it.
import { readFile, writeFile } from 'node:fs/promises';

const read = (path) => readFile(new URL(`../${path}`, import.meta.url), 'utf8');
const [panel, widget] = await Promise.all([read('dev/simulator/panel.js'), read('dev/simulator/widget.js')]);

const exported = [...panel.matchAll(/^export function (\w+)/gm)].map((match) => match[1]);
if (!exported.includes('createPanel') || /^\s*import\s/m.test(panel)) {
  throw new Error('build-dev-widget: panel.js must export createPanel and import nothing');
}
const inlinePanel = `(function () {\n${panel.replace(/^export function /gm, 'function ')}\nwindow.closerSimulatorPanel = { ${exported.join(', ')} };\n})();\n`;
const banner = `// closer-chat development widget: an offline stand-in for https://widget.closer.app/widget.js.
// Not for production. Built from dev/simulator/ (panel.js inlined, then widget.js).\n`;
await writeFile(new URL('../dist/dev-widget.js', import.meta.url), banner + inlinePanel + widget);
// A classic script, used by URL (`import url from 'closer-chat/dev-widget.js?url'`): no exports.
await writeFile(
  new URL('../dist/dev-widget.d.ts', import.meta.url),
  "// closer-chat/dev-widget.js is a classic script, used by its URL (e.g. `import url from 'closer-chat/dev-widget.js?url'`).\nexport {};\n",
);
console.log('dist/dev-widget.js written');
