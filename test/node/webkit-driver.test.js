// WebKit runs on an Xvfb display and a WebKitWebDriver that the test run starts itself
// (tools/webkit.js), each on a free display number or port, and both are gone when the
// run ends: by stop(), or by Ctrl-C on the run.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { requestedBrowsers } from '../../tools/browser-paths.js';
import { startWebKitDriver } from '../../tools/webkit.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const skip = requestedBrowsers().includes('webkit') ? false : 'BROWSERS does not ask for WebKit';

/** Xvfb's socket for the display, there while it serves it. */
const displaySocket = (display) => `/tmp/.X11-unix/X${display.slice(1)}`;
const answers = (url) =>
  fetch(`${url}/status`).then(
    (response) => response.ok,
    () => false,
  );

test('two runs get a display and a driver port each; stop() ends both', { skip, timeout: 60_000 }, async () => {
  const [a, b] = await Promise.all([startWebKitDriver(), startWebKitDriver()]);
  try {
    assert.match(a.display, /^:\d+$/);
    assert.notEqual(a.display, b.display);
    assert.notEqual(a.port, b.port);
    assert.equal(existsSync(displaySocket(a.display)), true, 'Xvfb serves the display');
    assert.equal(await answers(a.url), true, 'the driver answers');
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
  for (const driver of [a, b]) {
    assert.equal(await answers(driver.url), false, 'the driver is gone');
    assert.equal(existsSync(displaySocket(driver.display)), false, 'Xvfb is gone');
  }
});

test('Ctrl-C on a run ends its Xvfb and driver with it', { skip, timeout: 60_000 }, async () => {
  const script = `
    import { startWebKitDriver } from './tools/webkit.js';
    const { url, display } = await startWebKitDriver();
    console.log(JSON.stringify({ url, display }));
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await once(child.stdout, 'data');
  const { url, display } = JSON.parse(String(line));
  assert.equal(await answers(url), true);
  child.kill('SIGINT');
  const [code, signal] = await once(child, 'exit');
  assert.deepEqual([code, signal], [null, 'SIGINT'], 'the run still ends by the signal');
  // The children got SIGTERM on the way out; give them a moment to go.
  for (let i = 0; i < 50 && ((await answers(url)) || existsSync(displaySocket(display))); i++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(await answers(url), false, 'the driver is gone');
  assert.equal(existsSync(displaySocket(display)), false, 'Xvfb is gone');
});
