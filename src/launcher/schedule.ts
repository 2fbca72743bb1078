/**
 * When to act: after the page's `load` event in an idle callback (the `idle` strategy),
 * on the visitor's first activity (warming the `interaction` facade), or once the browser
 * is back online (retrying a load that failed offline). Each returns a cancel function,
 * so a removed element leaves nothing behind.
 */

/** An idle callback fires by then even on a page that is never idle. */
const IDLE_TIMEOUT_MS = 4_000;

export function whenPageIdle(run: () => void, timeoutMs = IDLE_TIMEOUT_MS): () => void {
  let idleHandle: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const afterLoad = () => {
    if (typeof requestIdleCallback === 'function') {
      idleHandle = requestIdleCallback(run, { timeout: timeoutMs });
    } else {
      // WebKit ships no requestIdleCallback (Safari, WebKitGTK 2.50): one task after load.
      timer = setTimeout(run, 1);
    }
  };
  if (document.readyState === 'complete') afterLoad();
  else window.addEventListener('load', afterLoad, { once: true });

  return () => {
    window.removeEventListener('load', afterLoad);
    if (idleHandle !== undefined) cancelIdleCallback(idleHandle);
    clearTimeout(timer);
  };
}

/** What shows a visitor is here and active (a bounce or a bot does none of it). */
const ACTIVITY = ['scroll', 'pointerdown', 'keydown', 'touchstart'] as const;

/**
 * Runs `run` once, on the visitor's first scroll, touch, click or key press anywhere on
 * the page. Returns a cancel function; listeners are passive and leave with it.
 */
export function whenVisitorActive(run: () => void): () => void {
  const once = () => {
    cancel();
    run();
  };
  const cancel = () => ACTIVITY.forEach((type) => window.removeEventListener(type, once, true));
  ACTIVITY.forEach((type) => window.addEventListener(type, once, { capture: true, passive: true }));
  return cancel;
}

/**
 * Runs `run` once the browser is back online (its `online` event), or in a microtask if
 * it is online already. Returns a cancel function: an element removed meanwhile leaves
 * no listener behind.
 */
export function whenOnline(run: () => void): () => void {
  let cancelled = false;
  const once = () => {
    cancel();
    run();
  };
  const cancel = () => {
    cancelled = true;
    window.removeEventListener('online', once);
  };
  if (navigator.onLine !== false) queueMicrotask(() => cancelled || once());
  else window.addEventListener('online', once);
  return cancel;
}
