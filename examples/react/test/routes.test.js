// React only: a real route change (examples/react/src/router.jsx). Each route renders its
// own <closer-chat>; /help is React.lazy behind Suspense, so the first visit removes the
// home route's element in one task and connects the help route's in a later one, once the
// chunk has loaded (the element's grace period covers the gap). Later visits swap the two
// elements in one commit. Either way the visitor keeps one widget: one init, no deinit, and
// the window they opened stays open.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startStaticServer } from '../../../tools/static-server.js';
import { browserLabel, closeBrowsers, exampleBrowsers, openPage, serverOptions } from '../../shared/harness.js';
import { methods, waitForCalls } from '../../shared/suite.js';

const ROUTE_CHANGES = 20;
/** Longer than the element's default grace period (3 s): a pending teardown would have run. */
const PAST_GRACE_MS = 3500;

/** Records, in the page, each <closer-chat> removed or added and each Suspense fallback shown. */
function recordRouteSwaps() {
  window.routeSwaps = [];
  const note = (nodes, what) =>
    nodes.forEach((node) => {
      if (!(node instanceof Element)) return;
      if (node.matches('closer-chat') || node.querySelector('closer-chat')) window.routeSwaps.push(what);
      if (node.matches('#route-loading')) window.routeSwaps.push(`fallback ${what}`);
    });
  new MutationObserver((records) =>
    records.forEach((record) => {
      note(record.removedNodes, 'removed');
      note(record.addedNodes, 'added');
    }),
  ).observe(document.body, { childList: true, subtree: true });
}

for (const browser of exampleBrowsers())
  for (const [name, dir] of [
    ['production build', '../dist/'],
    ['development build, StrictMode', '../dist-dev/'],
  ]) {
    describe(`React 19 routes: ${name} (${browserLabel(browser)})`, { timeout: 60_000 }, () => {
      let server;
      before(async () => {
        server = await startStaticServer({ root: new URL(dir, import.meta.url), ...serverOptions(browser) });
      });
      after(async () => {
        await server?.close();
        await closeBrowsers();
      });

      test(`${ROUTE_CHANGES} route changes, the first to a lazy route: one init, no deinit, the chat stays open`, async (t) => {
        const app = await openPage(browser, server.url);
        t.after(() => app.close());
        const { page } = app;
        await waitForCalls(page, 'init', 1);
        await waitForCalls(page, 'identify', 1);
        await page.click('#open-chat');
        await page.waitForFunction(() => window.closerSimulator?.isOpen === true);
        await page.evaluate(recordRouteSwaps);

        for (let change = 1; change <= ROUTE_CHANGES; change++) {
          const to = change % 2 ? 'help' : 'home';
          // Half of the way back is the browser's own back button (popstate).
          if (to === 'home' && change % 4 === 0) await page.goBack();
          else await page.click(`#route-${to}`);
          await page.waitForFunction((id) => document.querySelector(`#page-${id} closer-chat`)?.isConnected, to);
          assert.equal(new URL(await page.url()).pathname, to === 'help' ? '/help' : '/');
        }
        await page.waitForTimeout(PAST_GRACE_MS);

        const all = await methods(page);
        assert.equal(all.filter((m) => m === 'init').length, 1, 'exactly one init');
        assert.equal(all.filter((m) => m === 'deinit').length, 0, 'no deinit');
        assert.deepEqual(all, ['init', 'identify', 'openWidget'], 'nothing else reached the SDK either');
        const swaps = await page.evaluate(() => window.routeSwaps);
        assert.equal(swaps.filter((s) => s === 'added').length, ROUTE_CHANGES, 'every route mounted its own element');
        // The first visit to /help: the home element goes with the commit that shows the
        // fallback; the help element comes with a later one, once the chunk has loaded.
        assert.deepEqual(swaps.slice(0, 2), ['removed', 'fallback added'], 'removed, then the fallback');
        assert.ok(swaps.indexOf('added') > 1, 'the lazy route mounted its element in a later task');

        const state = await page.$eval('closer-chat', (el) => ({ state: el.state, opened: el.opened }));
        assert.deepEqual(state, { state: 'ready', opened: true }, "the current route's element follows the open chat");
        assert.equal(await page.evaluate(() => window.closerSimulator.isOpen), true, 'the chat window is still open');
        assert.equal(await page.evaluate(() => window.closerSimulator.executions), 1, 'the widget script ran once');
        assert.deepEqual(await app.problems(), [], 'no page errors, console errors or outside requests');
      });
    });
  }
