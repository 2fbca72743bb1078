/**
 * Talking to `window.closer` whatever its timing. The official contract: the page's
 * stub queues `{ method, args }` on `closer.q`, and the script installs the real methods
 * and replays the queue, at a moment the docs do not give (during its execution, after
 * a microtask, after its `load` event, later, or never: an SDK that only drains the
 * queue). The element calls only an installed SDK, never the stub: a call it makes runs
 * now, so its result and any exception are its own to see, and nothing of it waits on a
 * queue to be taken back. Plain TypeScript.
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

/** Stub methods (ours, the page snippet's, or found queueing): they queue, they are not the SDK's. */
const stubMethods = new WeakSet<object>();

/**
 * The page's `window.closer`, creating the official snippet's stub if the page has
 * none. An existing stub is reused as is: running the snippet twice would put stubs
 * back over the real methods.
 */
export function ensureStub(scriptUrl: string): CloserSdk {
  if (window.closer) return window.closer;
  const stub = { q: [], scriptUrl } as unknown as CloserSdk;
  for (const method of STUB_METHODS) {
    // Same shape as the snippet: `this`-based, raw `arguments`, replayed by the SDK.
    const queue = function (this: CloserSdk) {
      // eslint-disable-next-line prefer-rest-params
      this.q?.push({ method, args: arguments });
    };
    stubMethods.add(queue);
    (stub as unknown as Record<string, unknown>)[method] = queue;
  }
  window.closer = stub;
  return stub;
}

/**
 * What the element saw of the widget on this page, so that "did the page start the
 * widget itself?" is answered from what happened, never from which object
 * `window.closer` is (the real widget.js may replace it with an object or a function of
 * its own). Facts are kept per widget script tag, the thing that made the SDK: a page
 * that loads the widget again gets a new tag, and facts of its own.
 */
const seen = {
  /** Tags whose SDK ran an `init` of ours. */
  ownInits: new WeakSet<object>(),
  /** Tags whose stub had no `init` queued when we looked, before the SDK took over. */
  stubWithoutInit: new WeakSet<object>(),
};

/**
 * Notes what the page's snippet has queued so far, for the SDK of `tag` (call before
 * deciding). Before its script has run, `window.closer` is the snippet's stub: its
 * methods are noted as such, so they are never taken for the SDK's.
 */
export function notePageStub(tag: object | undefined, scriptRan: boolean): void {
  const closer = window.closer;
  if (!closer || sdkPresent()) return;
  if (!scriptRan)
    for (const method of STUB_METHODS) noteStubMethod((closer as unknown as Record<string, unknown>)[method]);
  if (tag && queuedCalls('init') === 0) seen.stubWithoutInit.add(tag);
}

function noteStubMethod(method: unknown): void {
  if (typeof method === 'function') stubMethods.add(method);
}

/** An `init` of ours ran on the SDK of `tag`. */
export function noteOwnInit(tag: object | undefined): void {
  if (tag) seen.ownInits.add(tag);
}

/** The SDK is there: real methods, or a queue it drains. */
const sdkPresent = (): boolean => isSdkReady() || sdkDrainsQueue();

/**
 * Whether the page's own snippet has started the widget, for an element that has no
 * session. `tag` is the widget script tag on the page (undefined: none found), `ours`
 * whether this element added it. `queued`: the page queued a `closer.init` (seen on the
 * queue). `unknown`: an SDK runs that this element neither loaded nor started, and it
 * never saw its stub without an `init`, so it cannot tell. Either way a second `init`
 * could give the visitor two widgets.
 */
export function pageStartedWidget(tag: object | undefined, ours: boolean): 'queued' | 'unknown' | undefined {
  if (!window.closer) return undefined;
  const present = sdkPresent();
  const ownSdk = ours || (!!tag && seen.ownInits.has(tag));
  // On a waiting stub any init is the page's; an SDK that leaves its queue as it was
  // also leaves the inits it replayed, which are the page's unless the SDK is ours.
  if (queuedCalls('init') > 0 && (!present || !ownSdk)) return 'queued';
  if (present && !ownSdk && !(tag && seen.stubWithoutInit.has(tag))) return 'unknown';
  return undefined;
}

/**
 * The SDK has installed itself, though it may have no `deinit` before an `init`: it has
 * a `deinit`, it drains the queue, or its `init` is not a stub's. A stub the element has
 * not seen before is found out by the first call it queues (`callSdk`).
 */
export function sdkInstalled(): boolean {
  const init = (window.closer as { init?: unknown } | undefined)?.init;
  return sdkPresent() || (typeof init === 'function' && !stubMethods.has(init));
}

/** Calls still waiting on the stub's queue, e.g. an `init` in the page's own snippet. */
export function queuedCalls(method: string): number {
  const queue = window.closer?.q;
  return Array.isArray(queue) ? queue.filter((call) => call?.method === method).length : 0;
}

/**
 * Calls `method` on the installed SDK (`sdkInstalled()`); an SDK that drains the queue
 * takes it there (and runs it as it is pushed). Returns false, calling nothing, if it
 * turns out to be a stub after all (the call was queued: it is taken back, and that
 * stub's method is remembered as one). Exceptions of the SDK reach the caller.
 */
export function callSdk(method: 'init' | 'identify', arg: Record<string, unknown>): boolean {
  const sdk = window.closer as CloserSdk;
  const queue = sdk.q;
  const before = Array.isArray(queue) ? queue.length : -1;
  sdk[method](arg);
  if (!Array.isArray(sdk.q) || sdk.q !== queue || sdk.q.length <= before) return true;
  sdk.q.pop();
  noteStubMethod((sdk as unknown as Record<string, unknown>)[method]);
  return false;
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
