#!/usr/bin/env node
// `npm start`: the demo on the development widget, offline, at ONE address printed on
// one line (the dev server's own banner, whose root URL is not the demo, is off).
// web-dev-server.config.js has the rest: port 8000 or the next free one, `/` → `/demo/`.
import { startDevServer } from '@web/dev-server';

const argv = [...process.argv.slice(0, 2), '--config', 'web-dev-server.config.js', ...process.argv.slice(2)];
const server = await startDevServer({ argv, logStartMessage: false });
const { hostname = 'localhost', port } = server.config;
console.log(`closer-chat demo: http://${hostname}:${port}/  (Ctrl+C to stop)`);
