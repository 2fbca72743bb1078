// Tap-to-chat-visible latency: what Lighthouse cannot measure. After the page has been
// measured and has settled, on the same page, under the same throttling (re-applied
// here: Lighthouse lifts its emulation when it finishes), a real tap on the launcher the
// visitor sees — the element's facade (`closer-chat` shadow `button[part~="launcher"]`)
// or a hand-written launcher (`#chat-launcher`) if there is one, else the widget's own —
// until the widget's chat panel is shown and painted.
//
// Timing, all in the page's clock: from the tap's `touchstart` event timestamp, to the
// first frame after the panel became visible (a MutationObserver sees the root get
// `data-open` with its panel not hidden; then requestAnimationFrame + a task, i.e. after
// that frame's paint). Visible feedback is timed from the finger's release (`touchend`,
// which makes the click) to the first frame after the launcher showed it is busy
// (`aria-busy="true"` on the facade or the hand-written launcher; on the widget's own
// launcher the panel itself is the feedback). The tap itself is CDP
// `Input.dispatchTouchEvent` (touchStart, 60 ms, touchEnd) with touch emulation on, so
// the browser makes the pointer events and the click, as for a finger.
//
// Before the tap, on every page alike, the visitor reads: a scroll gesture (CDP
// synthesizeScrollGesture), then `readMs` of reading. Visitors scroll before they open a
// chat; a tap on a page nobody touched before is the worst case, and is what the
// `--read-ms 0` run gives.

/** Installed in the page before the tap. */
function probe() {
  const tap = (window.__benchTap = { start: null, release: null, visible: null, shown: null, feedback: null });
  /** The first frame after `now`: a frame callback, then a task (after that frame's paint). */
  const afterFrame = (set) => requestAnimationFrame(() => setTimeout(() => set(performance.now()), 0));
  let feedbackSeen = false;
  const feedback = () => {
    if (feedbackSeen || tap.start === null) return;
    feedbackSeen = true;
    afterFrame((t) => (tap.feedback = t));
  };
  const onStart = (event) => {
    if (tap.start === null) tap.start = event.timeStamp;
  };
  addEventListener('touchstart', onStart, { capture: true, passive: true });
  addEventListener('pointerdown', onStart, { capture: true, passive: true });
  const check = () => {
    if (tap.visible !== null || tap.start === null) return;
    const root = document.querySelector('#closer-simulator');
    const panel = root?.shadowRoot?.querySelector('.panel');
    if (!root || !root.hasAttribute('data-open') || !panel || panel.hidden) return;
    tap.visible = performance.now();
    feedback();
    afterFrame((t) => (tap.shown = t));
  };
  new MutationObserver(check).observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-open'],
  });
  addEventListener(
    'touchend',
    (event) => {
      if (tap.release === null) tap.release = event.timeStamp;
      setTimeout(check, 0);
    },
    { capture: true, passive: true },
  );

  // where to tap: the launcher a visitor sees
  const launchers = {
    facade: document.querySelector('closer-chat')?.shadowRoot?.querySelector('button[part~="launcher"]'),
    'hand-written': document.querySelector('#chat-launcher'),
    widget: document.querySelector('#closer-simulator')?.shadowRoot?.querySelector('.launcher'),
  };
  const [name, target] =
    Object.entries(launchers).find(
      ([, el]) => el && el.isConnected && !el.hidden && el.getBoundingClientRect().width > 0,
    ) ?? [];
  if (!target) return null;
  new MutationObserver(() => target.getAttribute('aria-busy') === 'true' && feedback()).observe(target, {
    attributes: true,
    attributeFilter: ['aria-busy'],
  });
  const rect = target.getBoundingClientRect();
  return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, target: name };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @param {import('puppeteer-core').Page} page a page Lighthouse has just measured
 * @param {{ network: { requestLatencyMs: number, downloadThroughputKbps: number, uploadThroughputKbps: number },
 *   cpu: number, saveData: boolean, timeoutMs: number, device: { width: number, height: number, deviceScaleFactor: number } }} options
 * @returns {Promise<{ tapMs: number | null, feedbackMs: number | null, target: string | null, at?: Record<string, number | null>, error?: string }>}
 */
export async function measureTap(page, { network, cpu, saveData, timeoutMs, device, readMs = 3000 }) {
  const cdp = await page.createCDPSession();
  try {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: network.requestLatencyMs,
      // Lighthouse's conversion (core/lib/emulation.js): Kbps → bytes/s
      downloadThroughput: (network.downloadThroughputKbps * 1024) / 8,
      uploadThroughput: (network.uploadThroughputKbps * 1024) / 8,
    });
    if (saveData) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Save-Data': 'on' } });
    await cdp.send('Emulation.setDeviceMetricsOverride', { ...device, mobile: true });
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    await sleep(500); // the viewport change relayouts the page; let it settle

    if (readMs > 0) {
      await cdp.send('Input.synthesizeScrollGesture', { x: 100, y: 300, yDistance: -200, gestureSourceType: 'touch' });
      await cdp.send('Input.synthesizeScrollGesture', { x: 100, y: 300, yDistance: 200, gestureSourceType: 'touch' });
      await sleep(readMs);
    }
    const where = await page.evaluate(probe);
    if (!where) return { tapMs: null, feedbackMs: null, target: null, error: 'no launcher to tap' };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: where.x, y: where.y }] });
    await sleep(60);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });

    const end = Date.now() + timeoutMs;
    for (;;) {
      const tap = await page.evaluate(() => window.__benchTap);
      if (tap.shown !== null && tap.start !== null && tap.feedback !== null)
        return {
          tapMs: tap.shown - tap.start,
          feedbackMs: tap.feedback - (tap.release ?? tap.start),
          target: where.target,
          at: tap, // the page-clock moments: start, release, feedback, visible, shown
        };
      if (Date.now() > end)
        return {
          tapMs: null,
          feedbackMs: tap.feedback === null ? null : tap.feedback - (tap.release ?? tap.start),
          target: where.target,
          error: `no chat panel ${timeoutMs} ms after the tap (touchstart ${tap.start === null ? 'not seen' : 'seen'})`,
        };
      await sleep(50);
    }
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 }).catch(() => {});
    await cdp.detach().catch(() => {});
  }
}
