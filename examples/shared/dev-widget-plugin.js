// A Vite plugin that serves the repository's development widget
// (dev/simulator/widget.js, an offline stand-in for the real Closer widget) at
// /dev-widget.js: from the dev server, and as a file in the build output.
//
// <closer-chat> only loads a widget script from the page's own origin (or the
// official host), so each example serves its own copy. In your app you do not need
// this: leave out `src` and the element loads the official widget.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WIDGET_FILE = fileURLToPath(new URL('../../dev/simulator/widget.js', import.meta.url));

/** @param {{ path?: string }} [options] the URL path to serve the widget at */
export function devWidget({ path = '/dev-widget.js' } = {}) {
  const read = () => readFileSync(WIDGET_FILE, 'utf8');
  return {
    name: 'closer-dev-widget',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== path) return next();
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        res.setHeader('Cache-Control', 'no-cache');
        res.end(read());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: path.replace(/^\//, ''), source: read() });
    },
  };
}
