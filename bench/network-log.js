// What the browser's network did for one page view, from the CDP Network domain: each
// request's URL, the priority Chromium gave it (and any change), when it started and
// ended, where it came from (network, cache, prefetch) and the bytes it took on the
// wire. Timestamps are CDP's monotonic clock, in ms; `requests(zero)` rebases them.

/**
 * @typedef {{ url: string, frameId: string, type: string | undefined, initialPriority: string, priority: string,
 *   start: number, responseAt: number | null, end: number | null, status: number | null,
 *   protocol: string | null, fromCache: boolean, contentLength: number | null, bodyBytes: number, transferBytes: number,
 *   failed: string | null }} NetworkRequest
 */

/**
 * Starts recording on `cdp` (a puppeteer CDPSession); call before the navigation.
 * @param {import('puppeteer-core').CDPSession} cdp
 */
export async function recordNetwork(cdp) {
  /** @type {Map<string, NetworkRequest>} */
  const byId = new Map();
  /** The top document's frame: an out-of-process iframe's requests end on another CDP session. */
  let mainFrame = null;
  let lastChange = performance.now();
  const touch = () => (lastChange = performance.now());
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.redirectResponse) return; // same id, the redirect's target follows: keep the first
    if (e.type === 'Document' && !mainFrame) mainFrame = e.frameId;
    byId.set(e.requestId, {
      frameId: e.frameId,
      url: e.request.url,
      type: e.type,
      initialPriority: e.request.initialPriority,
      priority: e.request.initialPriority,
      start: e.timestamp * 1000,
      responseAt: null,
      end: null,
      status: null,
      protocol: null,
      fromCache: false,
      contentLength: null,
      bodyBytes: 0,
      transferBytes: 0,
      failed: null,
    });
    touch();
  });
  cdp.on('Network.resourceChangedPriority', (e) => {
    const r = byId.get(e.requestId);
    if (r) r.priority = e.newPriority;
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const r = byId.get(e.requestId);
    if (r) r.fromCache = true;
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = byId.get(e.requestId);
    if (!r) return;
    r.responseAt = e.timestamp * 1000;
    r.status = e.response.status;
    r.protocol = e.response.protocol ?? null;
    const length = Object.entries(e.response.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-length');
    r.contentLength = length ? Number(length[1]) : null;
    r.fromCache ||= !!(e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker);
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = byId.get(e.requestId);
    if (!r) return;
    r.end = e.timestamp * 1000;
    r.transferBytes = e.encodedDataLength;
    // the body as sent (gzip): its Content-Length (CDP's own split of headers and body
    // is not reliable under throttling, which may hand over the whole response at once)
    r.bodyBytes = r.fromCache ? 0 : (r.contentLength ?? e.encodedDataLength);
    touch();
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = byId.get(e.requestId);
    if (!r) return;
    r.end = e.timestamp * 1000;
    r.failed = e.canceled ? 'canceled' : e.errorText;
    touch();
  });
  await cdp.send('Network.enable');
  return {
    /** Forgets every request so far. */
    clear: () => {
      byId.clear();
      mainFrame = null;
    },
    /** The top document's requests not finished yet (data: URLs never finish on the wire: left out). */
    inFlight: () =>
      [...byId.values()].filter((r) => r.end === null && r.frameId === mainFrame && !r.url.startsWith('data:')).length,
    /** ms (performance.now() of this process) since a request last started or ended. */
    quietForMs: () => performance.now() - lastChange,
    /** Every request so far, times in ms from `zeroMs` (CDP clock, ms). */
    requests(zeroMs = 0) {
      return [...byId.values()].map((r) => ({
        ...r,
        start: r.start - zeroMs,
        responseAt: r.responseAt === null ? null : r.responseAt - zeroMs,
        end: r.end === null ? null : r.end - zeroMs,
      }));
    },
  };
}
