/**
 * The widget script: the official stub on `window.closer`, the one `<script>` tag,
 * and telling when the real SDK has arrived. Plain TypeScript; the DOM is touched
 * only when a function is called, never at import.
 */
import { CloserChatError, errorDetail, type ErrorCode } from './errors.js';

/** One call queued on the stub, as the official snippet records it. */
interface QueuedCall {
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
const STUB_METHODS = ['init', 'identify', 'openWidget'] as const;

/** Long enough for a slow phone network, short enough that a dead CDN is reported. */
const DEFAULT_LOAD_TIMEOUT_MS = 15_000;

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
    (stub as unknown as Record<string, unknown>)[method] = function (this: CloserSdk) {
      // eslint-disable-next-line prefer-rest-params
      this.q?.push({ method, args: arguments });
    };
  }
  window.closer = stub;
  return stub;
}

/**
 * The real SDK has run. There is no documented "loaded" signal; the stub never has
 * `deinit`, the SDK does.
 */
export function isSdkReady(): boolean {
  return typeof window.closer?.deinit === 'function';
}

/** Calls queued on the stub by someone else, e.g. an `init` in the page's own snippet. */
export function queuedCalls(method: string): number {
  const queue = isSdkReady() ? undefined : window.closer?.q;
  return Array.isArray(queue) ? queue.filter((call) => call?.method === method).length : 0;
}

const absolute = (url: string): string => new URL(url, document.baseURI).href;

/** The widget's script tag already on the page: ours, or the official snippet's. */
function findWidgetScript(src: string): HTMLScriptElement | undefined {
  const wanted = new Set([absolute(src)]);
  const snippetUrl = window.closer?.scriptUrl;
  if (typeof snippetUrl === 'string') wanted.add(absolute(snippetUrl));
  return Array.from(document.scripts).find((script) => wanted.has(script.src));
}

/**
 * Warms up the connection to the widget's origin ahead of the fetch, once per
 * origin. Not for our own origin, which is connected already. No `crossorigin`: the
 * script itself is fetched without CORS, and a preconnect must match that mode.
 */
export function preconnect(src: string): void {
  const { origin } = new URL(src, document.baseURI);
  if (origin === location.origin) return;
  const links = document.head.querySelectorAll<HTMLLinkElement>('link[rel~="preconnect"]');
  if (Array.from(links).some((link) => new URL(link.href).origin === origin)) return;
  const link = document.createElement('link');
  link.rel = 'preconnect';
  link.href = origin;
  document.head.append(link);
}

function injectScript(src: string, nonce: string | undefined): HTMLScriptElement {
  const script = document.createElement('script');
  script.async = true;
  script.src = src;
  if (nonce) script.nonce = nonce;
  script.dataset.closerChat = '';
  document.head.append(script);
  return script;
}

/** One load at a time for the whole document; callers share it. */
let inFlight: Promise<void> | undefined;

interface LoadRequest {
  readonly src: string;
  readonly nonce?: string;
  readonly timeoutMs?: number;
}

/**
 * Resolves once the real SDK is on the page, injecting the script only if no tag
 * for it exists. Rejects with a `CloserChatError` (phase `load`); a later call retries.
 */
export function loadSdk({ src, nonce, timeoutMs = DEFAULT_LOAD_TIMEOUT_MS }: LoadRequest): Promise<void> {
  if (isSdkReady()) return Promise.resolve();
  inFlight ??= new Promise<void>((resolve, reject) => {
    ensureStub(src);
    const script = findWidgetScript(src) ?? injectScript(src, nonce);
    const fail = (code: ErrorCode, what: string) => new CloserChatError(errorDetail(code, what));
    const settle = (error?: CloserChatError) => {
      clearTimeout(timer);
      script.removeEventListener('load', onLoad);
      script.removeEventListener('error', onError);
      inFlight = undefined;
      if (error) reject(error);
      else resolve();
    };
    const onLoad = () =>
      settle(isSdkReady() ? undefined : fail('sdk-missing', `${script.src} loaded but did not define closer.deinit()`));
    const onError = () => {
      // Drop the failed tag so a retry adds a fresh one: still one tag at a time.
      script.remove();
      settle(fail('load-failed', `could not load the widget script ${script.src}`));
    };
    // A timed-out tag stays: it may still arrive, and a retry waits on it again
    // instead of adding a second copy of the widget.
    const timer = setTimeout(
      () => settle(fail('load-timeout', `the widget script ${script.src} did not load in ${timeoutMs} ms`)),
      timeoutMs,
    );
    script.addEventListener('load', onLoad);
    script.addEventListener('error', onError);
  });
  return inFlight;
}
