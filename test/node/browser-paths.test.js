// Where the tests find their browsers, and what they say when one is not there: the
// command that installs it (for WebKit, its driver and the virtual display too).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  findChromium,
  findMiniBrowser,
  findWebKitDriver,
  findXvfb,
  requestedBrowsers,
} from '../../tools/browser-paths.js';

const nothingInstalled = { env: {}, exists: () => false };

test('BROWSERS: all three by default, any subset in any spelling, an unknown name refused', () => {
  assert.deepEqual(requestedBrowsers(''), ['chromium', 'firefox', 'webkit']);
  assert.deepEqual(requestedBrowsers(' WebKit, chromium webkit'), ['webkit', 'chromium']);
  assert.throws(
    () => requestedBrowsers('chromium,safari'),
    /unknown browser safari \(use any of chromium, firefox, webkit/,
  );
});

test('a missing piece of WebKit names the packages that bring all of it, and its variable', () => {
  for (const [find, name, variable] of [
    [findWebKitDriver, 'WebKitWebDriver', 'WEBKIT_DRIVER_PATH'],
    [findMiniBrowser, 'MiniBrowser', 'MINIBROWSER_PATH'],
    [findXvfb, 'Xvfb', 'XVFB_PATH'],
  ]) {
    assert.throws(
      () => find(nothingInstalled),
      (error) =>
        error.message.startsWith(`${name} not found (looked at /usr/`) &&
        error.message.includes('`apt-get install -y webkit2gtk-driver xvfb`') &&
        error.message.includes(`set ${variable} to its executable`),
    );
  }
});

test('a variable wins over the usual paths, and one pointing nowhere is reported as such', () => {
  const exists = (path) => path === '/opt/chromium/chrome' || path === '/usr/bin/chromium';
  assert.equal(findChromium({ env: { CHROME_PATH: '/opt/chromium/chrome' }, exists }), '/opt/chromium/chrome');
  assert.equal(findChromium({ env: {}, exists }), '/usr/bin/chromium');
  assert.throws(
    () => findChromium({ env: { CHROME_PATH: '/nowhere/chrome' }, exists }),
    /Chromium not found at CHROME_PATH=\/nowhere\/chrome\. Point CHROME_PATH at an existing Chromium executable/,
  );
});
