// `npm start` is the first thing a newcomer runs: it must print one address, and that
// address must be the demo (not a "Not Found" page of the dev server's root).
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

test('npm start prints one URL, and it serves the demo page', { timeout: 60_000 }, async () => {
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
    const urls = output.match(/https?:\/\/\S+/g);
    assert.deepEqual(urls, [`http://localhost:${port}/`], `one URL, printed once: ${output}`);
    const response = await fetch(urls[0]);
    assert.equal(response.status, 200);
    assert.match(new URL(response.url).pathname, /^\/demo\/$/);
    const page = await response.text();
    assert.match(page, /<closer-chat[\s>]/, 'the demo page, with the element on it');
  } finally {
    server.kill();
  }
});
