/**
 * Talking to `window.closer` whatever its timing. The official contract: the page's
 * stub queues `{ method, args }` on `closer.q`, and the script installs the real methods
 * and replays the queue, at a moment the docs do not give (during its execution, after
 * a microtask, after its `load` event, later). So a call is made directly when the real
 * methods are there, and queued on the stub, as the vendor snippet does, when not; a
 * queued call can be taken back until the SDK has taken it. Plain TypeScript.
 */

/** One call queued on the stub, as the official snippet records it. */
export interface QueuedCall {
  readonly method: string;
  readonly args: ArrayLike<unknown>;
}

/** `window.closer`: the snippet's stub before the script runs, the SDK after. */
export interface CloserSdk {
  q?: QueuedCall[];
  scriptUrl?: string;
  init(options: Record<string, unknown>): void;
  identify(data: Record<string, unknown>): void;
  /** Only on the real SDK: the stub has no teardown. */
  deinit?(): void;
  /** Seen in integrations, not in the public docs. */
  openWidget?(): void;
}

declare global {
  interface Window {
    closer?: CloserSdk;
  }
}

/** Methods the official snippet puts on its stub. */
export const STUB_METHODS = ['init', 'identify', 'openWidget'] as const;

/**
 * The real SDK has installed itself. There is no documented "loaded" signal; the stub
 * never has `deinit`, the SDK does.
 */
export function isSdkReady(): boolean {
  return typeof window.closer?.deinit === 'function';
}

/** The stubs this element created (not the page's snippet). */
const ourStubs = new WeakSet<object>();

/**
 * The page's `window.closer`, creating the official snippet's stub if the page has
 * none. An existing stub is reused as is: running the snippet twice would put stubs
 * back over the real methods.
 */
export function ensureStub(scriptUrl: string): CloserSdk {
  if (window.closer) return window.closer;
  const stub = { q: [], scriptUrl } as unknown as CloserSdk;
  ourStubs.add(stub);
  for (const method of STUB_METHODS) {
    // Same shape as the snippet: `this`-based, raw `arguments`, replayed by the SDK.
    (stub as unknown as Record<string, unknown>)[method] = function (this: CloserSdk) {
      // eslint-disable-next-line prefer-rest-params
      this.q?.push({ method, args: arguments });
    };
  }
  window.closer = stub;
  return stub;
}

/**
 * Stubs of the page's own snippet seen before the SDK took their queue, with no `init`
 * in it: the page did not start the widget itself (at least not before we looked).
 */
const seenWithoutInit = new WeakSet<object>();

/** Notes what the page's own snippet has queued so far (call before deciding). */
export function notePageStub(): void {
  const sdk = window.closer;
  if (sdk && !isSdkReady() && !ourStubs.has(sdk) && queuedCalls('init') === 0) seenWithoutInit.add(sdk);
}

/**
 * The page's own snippet has started the widget, or may have: it queued an `init`, or
 * its SDK is running on a `window.closer` we did not create and never saw without an
 * `init`. Either way a second `init` from us would give the visitor two widgets.
 */
export function pageStartedWidget(): boolean {
  const sdk = window.closer;
  if (!sdk) return false;
  if (queuedCalls('init') > 0) return true;
  return isSdkReady() && !ourStubs.has(sdk) && !seenWithoutInit.has(sdk);
}

/** Calls still waiting on the stub's queue, e.g. an `init` in the page's own snippet. */
export function queuedCalls(method: string): number {
  const queue = window.closer?.q;
  return Array.isArray(queue) ? queue.filter((call) => call?.method === method).length : 0;
}

/**
 * Calls `method` on `window.closer`: directly on the real SDK, or through the stub, which
 * queues it. Returns the queued entry (to check or take back), or undefined if it ran.
 */
export function callSdk(method: 'init' | 'identify', arg: Record<string, unknown>): QueuedCall | undefined {
  const sdk = window.closer as CloserSdk;
  const queue = sdk.q;
  const before = Array.isArray(queue) ? queue.length : -1;
  sdk[method](arg);
  // The stub pushed an entry (ours is the last one); an SDK that drains `q` as it
  // goes, or real methods, leave nothing behind.
  return Array.isArray(sdk.q) && sdk.q === queue && sdk.q.length > before ? sdk.q[sdk.q.length - 1] : undefined;
}

/**
 * The SDK took over the queue: `closer.q` is no longer the stub's array but something
 * that runs what is pushed. Such an SDK takes calls it has no method for yet (deinit).
 */
export function sdkDrainsQueue(): boolean {
  const queue = window.closer?.q as unknown;
  return !!queue && !Array.isArray(queue) && typeof (queue as { push?: unknown }).push === 'function';
}

/** Pushes a call onto a queue the SDK drains (see `sdkDrainsQueue`). */
export function pushCall(method: string): void {
  window.closer!.q!.push({ method, args: [] });
}

/** Whether a queued call is still waiting (the SDK has not taken it yet). */
export const isWaiting = (call: QueuedCall | undefined): boolean =>
  !!call && Array.isArray(window.closer?.q) && window.closer.q.includes(call);

/** Takes back a queued call the SDK has not taken yet; whether it could. */
export function takeBack(call: QueuedCall | undefined): boolean {
  const queue = window.closer?.q;
  const index = call && Array.isArray(queue) ? queue.indexOf(call) : -1;
  if (index >= 0) queue!.splice(index, 1);
  return index >= 0;
}
