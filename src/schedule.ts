/**
 * When the `idle` strategy may fetch: after the page's `load` event, in an idle
 * callback. Returns a cancel function so a removed element leaves nothing behind.
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
      // Safari before 18 has no requestIdleCallback: yield one task after load instead.
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
