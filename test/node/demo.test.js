// `npm start` is the first thing a newcomer runs: it must print one address, and that
// address must be the demo (not a "Not Found" page of the dev server's root). The demo
// works offline: what its pages load comes from this server.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Runs `npm start` on a free port until `use(port, output)` is done; `output` is what it printed. */
async function withDemoServer(use) {
  const port = await freePort();
  const server = spawn(process.execPath, ['scripts/start.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(port) },
  });
  try {
    let output = '';
    server.stdout.on('data', (chunk) => (output += chunk));
    while (!/https?:\/\/\S+/.test(output)) {
      assert.equal(server.exitCode, null, `the server exited: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 300)); // anything printed right after
    await use(port, output);
  } finally {
    server.kill();
  }
}

test('npm start prints one URL, and it serves the demo page', { timeout: 60_000 }, () =>
  withDemoServer(async (port, output) => {
    const urls = output.match(/https?:\/\/\S+/g);
    assert.deepEqual(urls, [`http://localhost:${port}/`], `one URL, printed once: ${output}`);
    const response = await fetch(urls[0]);
    assert.equal(response.status, 200);
    assert.match(new URL(response.url).pathname, /^\/demo\/$/);
    const page = await response.text();
    assert.match(page, /<closer-chat[\s>]/, 'the demo page, with the element on it');
  }),
);

test(
  "the consent demo: linked from the demo, and the consent manager's files come from node_modules",
  { timeout: 60_000 },
  () =>
    withDemoServer(async (port) => {
      const base = `http://localhost:${port}`;
      assert.match(await (await fetch(`${base}/demo/`)).text(), /href="\.\/consent\.html"/);
      const page = await (await fetch(`${base}/demo/consent.html`)).text();
      assert.match(page, /<closer-chat[^>]*consent-from="cookieconsent:functionality"/);
      assert.doesNotMatch(page, /(?:src|href)="(?:https?:)?\/\//, 'nothing from a CDN');
      const local = [...page.matchAll(/(?:src|href)="(\/node_modules\/[^"]+)"/g)].map((match) => match[1]);
      assert.deepEqual(local.sort(), [
        '/node_modules/vanilla-cookieconsent/dist/cookieconsent.css',
        '/node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js',
      ]);
      for (const path of local) assert.equal((await fetch(base + path)).status, 200, path);
    }),
);
