// A Vite plugin that serves the repository's development widget
// (dev/simulator/, an offline stand-in for the real Closer widget) under /dev-widget/:
// widget.js (the SDK) and panel.js beside it (its drawing, which widget.js imports from
// its own folder). From the dev server, and as files in the build output.
//
// <closer-chat> only loads a widget script from the page's own origin (or the
// official host), so each example serves its own copy. In your app you do not need
// this: leave out `src` and the element loads the official widget.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FILES = ['widget.js', 'panel.js'];
const read = (name) => readFileSync(fileURLToPath(new URL(`../../dev/simulator/${name}`, import.meta.url)), 'utf8');

/** @param {{ dir?: string }} [options] the URL folder to serve the widget from */
export function devWidget({ dir = '/dev-widget/' } = {}) {
  const base = dir.endsWith('/') ? dir : `${dir}/`;
  return {
    name: 'closer-dev-widget',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split('?')[0] ?? '';
        const name = FILES.find((file) => path === `${base}${file}`);
        if (!name) return next();
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        res.setHeader('Cache-Control', 'no-cache');
        res.end(read(name));
      });
    },
    generateBundle() {
      for (const name of FILES)
        this.emitFile({ type: 'asset', fileName: `${base}${name}`.replace(/^\//, ''), source: read(name) });
    },
  };
}
