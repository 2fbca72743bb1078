// The one browser test suite every example app passes (node:test; playwright-core in
// Chromium, WebDriver in WebKit: see harness.js), once per browser.
//
// Every example renders the same small UI around <closer-chat> (see examples/README.md):
//   #count         a counter: re-renders the app without touching the chat
//   #switch-user   toggles api-key between two visitors
//   #rename        replaces the identity object (firstName → "Augusta")
//   #show-button   checkbox bound to show-button
//   #toggle-chat   unmounts / mounts <closer-chat>
//   #open-chat     calls the element's open() through a framework ref
//   #tags          e.detail.tags of the last closer-tags-changed event
//   #log           one <li> per event the framework handlers received
//   #hook-…        React and Vue: what useCloserChat() returns (state, ready, opened,
//                  unread), #hook-open calling its open(), #hook-error its rejection
// and the app runs on the development widget, which records every SDK call in
// window.closerSimulator.calls.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startStaticServer } from '../../tools/static-server.js';
import { browserLabel, closeBrowsers, exampleBrowsers, openPage, serverOptions } from './harness.js';

export const ORG_ID = '7f3c9e2a-4b1d-4c8e-9a6f-2d5b8e1c0a47';
export const API_KEYS = ['0c1e8a52-6f3b-4d29-8e71-5a9b2c4d6e01', '9b2d4f61-3a7c-4e58-b1d0-7c6e5f4a3b02'];
export const IDENTITY = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' };

/**
 * Per test, by browser. In WebKit every test starts a MiniBrowser of its own (a WebDriver
 * session; harness.js) inside its time: 3 to 15 s more than Chromium's new context on 2
 * shared cores, so a Vue test in WebKit ran out of 30 s under a load of 20, and passed in
 * 8 s alone.
 */
const TEST_TIMEOUTS_MS = { chromium: 30_000, webkit: 60_000 };
/** Long enough for any stray end-of-task work (a deinit, a second init) to show up. */
const SETTLE_MS = 250;

/** The SDK calls so far, without the init callbacks (functions do not cross over). */
export async function calls(page) {
  return page.evaluate(() =>
    (window.closerSimulator?.calls ?? []).map((call) => ({
      method: call.method,
      args: JSON.parse(JSON.stringify(call.args)),
    })),
  );
}

export async function methods(page) {
  return (await calls(page)).map((call) => call.method);
}

export function waitForCalls(page, method, count) {
  return page.waitForFunction(
    ([m, n]) => (window.closerSimulator?.calls ?? []).filter((call) => call.method === m).length >= n,
    [method, count],
  );
}

async function logLines(page) {
  return page.locator('#log li').allTextContents();
}

async function waitForLog(page, lines) {
  await page.waitForFunction((n) => document.querySelectorAll('#log li').length >= n, lines.length);
  assert.deepEqual(await logLines(page), lines);
}

const settle = (page) => page.waitForTimeout(SETTLE_MS);

async function waitForText(page, selector, text) {
  await page.waitForFunction(([s, t]) => document.querySelector(s)?.textContent === t, [selector, text]);
}

/**
 * Registers the suite for one built app.
 * @param {{ name: string, dist: URL, strictMode?: boolean, hook?: boolean }} app
 *   `strictMode`: the build is a React development build under <StrictMode>, which
 *   mounts, unmounts and mounts again; the app records that in window.exampleMounts.
 *   `hook`: the app renders the #hook-… controls of useCloserChat().
 */
export function exampleSuite(app) {
  for (const browser of exampleBrowsers()) suiteIn(browser, app);
}

function suiteIn(browser, { name, dist, strictMode = false, hook = false }) {
  const TEST_TIMEOUT_MS = TEST_TIMEOUTS_MS[browser];
  describe(`${name} (${browserLabel(browser)})`, { timeout: 8 * TEST_TIMEOUT_MS }, () => {
    let server;
    before(async () => {
      server = await startStaticServer({ root: dist, ...serverOptions(browser) });
    });
    after(async () => {
      await server?.close();
      await closeBrowsers();
    });

    /** Opens the app and waits until the widget is initialised and the app has heard closer-ready. */
    async function openApp(t) {
      const app = await openPage(browser, server.url);
      t.after(async () => {
        await app.close();
      });
      await waitForCalls(app.page, 'init', 1);
      await waitForLog(app.page, ['closer-ready']);
      return app;
    }

    async function noProblems(app) {
      assert.deepEqual(await app.problems(), [], 'no page errors, console errors or outside requests');
    }

    test('attributes bound from state reach closer.init', { timeout: TEST_TIMEOUT_MS }, async (t) => {
      const app = await openApp(t);
      const { page } = app;
      const [init] = (await calls(page)).filter((call) => call.method === 'init');
      assert.equal(init.args[0].orgId, ORG_ID);
      assert.equal(init.args[0].apiKey, API_KEYS[0]);
      assert.equal(init.args[0].showButton, true);
      const seen = await page.$eval('closer-chat', (el) => ({
        orgId: el.getAttribute('org-id'),
        apiKey: el.getAttribute('api-key'),
        showButton: el.getAttribute('show-button'),
        loading: el.loading,
        src: new URL(el.src, location.href).pathname,
        state: el.state,
        scripts: document.querySelectorAll('script[src*="dev-widget"]').length,
      }));
      assert.deepEqual(seen, {
        orgId: ORG_ID,
        apiKey: API_KEYS[0],
        showButton: 'true',
        loading: 'eager',
        src: '/dev-widget/widget.js',
        state: 'ready',
        scripts: 1,
      });
      await noProblems(app);
    });

    test(
      'the identity property reaches closer.identify, and again when replaced',
      { timeout: TEST_TIMEOUT_MS },
      async (t) => {
        const app = await openApp(t);
        const { page } = app;
        await waitForCalls(page, 'identify', 1);
        const identify = () =>
          calls(page).then((all) => all.filter((call) => call.method === 'identify').map((call) => call.args[0]));
        assert.deepEqual(await identify(), [IDENTITY]);
        // set as a property, not stringified into an attribute
        assert.equal(await page.$eval('closer-chat', (el) => el.hasAttribute('identity')), false);
        assert.deepEqual(await page.$eval('closer-chat', (el) => ({ ...el.identity })), IDENTITY);

        await page.click('#rename');
        await waitForCalls(page, 'identify', 2);
        await settle(page);
        assert.deepEqual(await identify(), [IDENTITY, { ...IDENTITY, firstName: 'Augusta' }]);
        assert.deepEqual(await methods(page), ['init', 'identify', 'identify'], 'no re-init for an identity change');
        await noProblems(app);
      },
    );

    test(
      'framework handlers receive closer-ready, closer-open and closer-tags-changed',
      { timeout: TEST_TIMEOUT_MS },
      async (t) => {
        const app = await openApp(t);
        const { page } = app;
        await page.click('#open-chat');
        await waitForLog(page, ['closer-ready', 'closer-open']);
        assert.ok((await methods(page)).includes('openWidget'), 'open() through the ref called closer.openWidget()');

        await page.evaluate(() => window.closerSimulator.fire('onTagsChanged', ['vip']));
        await page.waitForFunction(() => document.querySelector('#tags')?.textContent === 'vip');
        await waitForLog(page, ['closer-ready', 'closer-open', 'closer-tags-changed vip']);
        await noProblems(app);
      },
    );

    test('re-rendering for unrelated state does not re-initialise', { timeout: TEST_TIMEOUT_MS }, async (t) => {
      const app = await openApp(t);
      const { page } = app;
      await waitForCalls(page, 'identify', 1);
      for (let i = 0; i < 3; i++) await page.click('#count');
      await page.waitForFunction(() => document.querySelector('#count')?.textContent === 'Count: 3');
      await settle(page);
      assert.deepEqual(await methods(page), ['init', 'identify']);

      // the re-rendered handlers are attached once, not once per render
      await page.evaluate(() => window.closerSimulator.fire('onTagsChanged', ['a', 'b']));
      await page.waitForFunction(() => document.querySelector('#tags')?.textContent === 'a, b');
      await settle(page);
      assert.deepEqual(await logLines(page), ['closer-ready', 'closer-tags-changed a,b']);
      await noProblems(app);
    });

    test(
      'changing api-key from state switches the visitor: one deinit, then one init',
      { timeout: TEST_TIMEOUT_MS },
      async (t) => {
        const app = await openApp(t);
        const { page } = app;
        await waitForCalls(page, 'identify', 1);
        await page.click('#switch-user');
        await waitForCalls(page, 'init', 2);
        await settle(page);
        const all = await calls(page);
        assert.deepEqual(
          all.map((call) => call.method),
          ['init', 'identify', 'deinit', 'init', 'identify'],
        );
        assert.equal(all[3].args[0].apiKey, API_KEYS[1]);
        assert.equal(await page.$eval('closer-chat', (el) => el.getAttribute('api-key')), API_KEYS[1]);
        await waitForLog(page, ['closer-ready', 'closer-ready']);
        await noProblems(app);
      },
    );

    test(
      'unmounting tears the widget down after the task; mounting again initialises again',
      { timeout: TEST_TIMEOUT_MS },
      async (t) => {
        const app = await openApp(t);
        const { page } = app;
        await waitForCalls(page, 'identify', 1);

        // Click "Hide chat" and note the SDK calls at the moment the element leaves the DOM
        // (a MutationObserver callback: a microtask, so still inside that task).
        const atRemoval = await page.evaluate(
          () =>
            new Promise((resolve) => {
              const deinits = () => window.closerSimulator.calls.filter((call) => call.method === 'deinit').length;
              const observer = new MutationObserver(() => {
                if (!document.querySelector('closer-chat')) {
                  observer.disconnect();
                  resolve(deinits());
                }
              });
              observer.observe(document.body, { childList: true, subtree: true });
              document.querySelector('#toggle-chat').click();
            }),
        );
        assert.equal(atRemoval, 0, 'deinit waits for the end of the task');
        await waitForCalls(page, 'deinit', 1);
        await settle(page);
        assert.deepEqual(await methods(page), ['init', 'identify', 'deinit']);
        assert.equal(await page.locator('closer-chat').count(), 0);

        await page.click('#toggle-chat');
        await waitForCalls(page, 'init', 2);
        await settle(page);
        assert.deepEqual(await methods(page), ['init', 'identify', 'deinit', 'init', 'identify']);
        // the handlers of the new element work
        await page.evaluate(() => window.closerSimulator.fire('onTagsChanged', ['back']));
        await page.waitForFunction(() => document.querySelector('#tags')?.textContent === 'back');
        await waitForLog(page, ['closer-ready', 'closer-ready', 'closer-tags-changed back']);
        await noProblems(app);
      },
    );

    test(
      'a show-button change does not log off, and applies from the next init',
      { timeout: TEST_TIMEOUT_MS },
      async (t) => {
        const app = await openApp(t);
        const { page } = app;
        await waitForCalls(page, 'identify', 1);
        await page.uncheck('#show-button');
        await page.waitForFunction(
          () => document.querySelector('closer-chat')?.getAttribute('show-button') === 'false',
        );
        await settle(page);
        assert.deepEqual(await methods(page), ['init', 'identify']);

        await page.click('#toggle-chat');
        await waitForCalls(page, 'deinit', 1);
        await page.click('#toggle-chat');
        await waitForCalls(page, 'init', 2);
        const inits = (await calls(page)).filter((call) => call.method === 'init');
        assert.equal(inits[1].args[0].showButton, false);
        await noProblems(app);
      },
    );

    if (hook) {
      test(
        'useCloserChat() follows the page’s chat without a ref: ready, unread messages, open()',
        { timeout: TEST_TIMEOUT_MS },
        async (t) => {
          const app = await openApp(t);
          const { page } = app;
          await waitForText(page, '#hook-ready', 'true');
          assert.equal(await page.textContent('#hook-state'), 'ready');
          assert.equal(await page.textContent('#hook-opened'), 'false');
          assert.equal(await page.textContent('#hook-unread'), '0');

          await page.evaluate(() => window.closerSimulator.fire('onMessageReceived'));
          await page.evaluate(() => window.closerSimulator.fire('onMessageReceived'));
          await waitForText(page, '#hook-unread', '2');

          await page.click('#hook-open');
          await waitForText(page, '#hook-opened', 'true');
          assert.equal(await page.textContent('#hook-unread'), '0', 'opening the window reads the messages');
          await waitForLog(page, ['closer-ready', 'closer-open']);
          assert.equal(
            (await methods(page)).filter((m) => m === 'openWidget').length,
            1,
            'open() called closer.openWidget() once',
          );

          // Without the element, the hook reads as a page without a chat, and open() says so.
          await page.click('#toggle-chat');
          await waitForText(page, '#hook-ready', 'false');
          assert.equal(await page.textContent('#hook-state'), 'idle');
          await page.click('#hook-open');
          await waitForText(page, '#hook-error', 'not-connected');

          // An element added later is followed too.
          await page.click('#toggle-chat');
          await waitForText(page, '#hook-ready', 'true');
          await page.click('#hook-open');
          await waitForText(page, '#hook-opened', 'true');
          assert.equal(await page.textContent('#hook-error'), '');
          await noProblems(app);
        },
      );
    }

    if (strictMode) {
      test(
        'StrictMode mount → unmount → mount: exactly one init and no deinit',
        { timeout: TEST_TIMEOUT_MS },
        async (t) => {
          const app = await openApp(t);
          const { page } = app;
          await waitForCalls(page, 'identify', 1);
          await settle(page);
          assert.deepEqual(
            await page.evaluate(() => window.exampleMounts),
            ['mount', 'unmount', 'mount'],
            'StrictMode double-mounted the app (a development build)',
          );
          const all = await methods(page);
          assert.equal(all.filter((m) => m === 'init').length, 1, 'exactly one init');
          assert.equal(all.filter((m) => m === 'deinit').length, 0, 'no deinit');
          assert.equal(await page.evaluate(() => window.closerSimulator.executions), 1, 'the widget script ran once');
          await noProblems(app);
        },
      );
    }
  });
}
