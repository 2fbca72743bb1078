/**
 * The widget script: the one `<script>` tag (or the official snippet's), its nonce and
 * Trusted Types URL, its load errors, and the preconnect hint. Plain TypeScript; the
 * DOM is touched only when a function is called, never at import.
 */
import { chatError, type CloserChatError } from '../errors.js';
import { ensureStub, isSdkReady, sdkDrainsQueue } from './sdk.js';

/** Long enough for a slow phone network, short enough that a dead CDN is reported. */
export const LOAD_TIMEOUT_MS = 15_000;

const absolute = (url: string): string => new URL(url, document.baseURI).href;

/** The widget's script tag already on the page: ours, or the official snippet's (not one whose SDK is gone). */
function findWidgetScript(src: string): HTMLScriptElement | undefined {
  const wanted = [absolute(src)];
  const snippetUrl = window.closer?.scriptUrl;
  if (typeof snippetUrl === 'string' && snippetUrl !== src) wanted.push(absolute(snippetUrl));
  for (const script of document.scripts) if (wanted.includes(script.src) && !spentScripts.has(script)) return script;
  return undefined;
}

/**
 * The widget script tag on the page for `src` (or the page snippet's), and whether this
 * element added it: what the SDK's provenance is decided from (sdk.ts, `pageStartedWidget`).
 */
export function widgetScriptTag(src: string): { tag: HTMLScriptElement | undefined; ours: boolean } {
  const tag = findWidgetScript(src);
  return { tag, ours: !!tag && 'closerChat' in tag.dataset };
}

/** Tags whose script ran and whose SDK has since removed `window.closer`: running them again is the only way back. */
const spentScripts = new WeakSet<HTMLScriptElement>();

/**
 * The script ran, but `window.closer` is gone (an SDK whose `deinit` removes it, or the
 * page): that tag's SDK will not come back, so a load adds a fresh tag. Ours goes, so
 * there is still one tag; a tag of the page's own snippet is the page's, and stays.
 */
function retireSpentScript(src: string): void {
  if (window.closer) return;
  const script = findWidgetScript(src);
  if (!script || !ranScripts.has(script)) return;
  spentScripts.add(script);
  if ('closerChat' in script.dataset) script.remove();
}

/**
 * Warms up the connections to the widget's origin ahead of the fetch, once per origin.
 * Two, as browsers pool them by CORS mode: the script itself is fetched without CORS,
 * what the running widget fetches from its origin (fonts, `fetch()`, module chunks) with
 * CORS and no credentials, on a connection of its own that a tap would otherwise wait
 * for. Not for our own origin, which is connected already.
 */
export function preconnect(src: string): void {
  const { origin } = new URL(src, document.baseURI);
  if (origin === window.origin) return;
  addHint('preconnect', origin);
  addHint('preconnect', origin, 'anonymous');
}

/**
 * Fetches the widget script into the HTTP cache at low priority without running it, so
 * that a tap only has to execute it. `<link rel="prefetch">` is idle-time, no-cors like
 * the script itself, and runs nothing.
 */
export function prefetchScript(src: string): void {
  addHint('prefetch', absolute(src));
}

/** One `<link rel>` hint per URL and CORS mode, never a duplicate. */
function addHint(rel: 'preconnect' | 'prefetch', href: string, crossOrigin: string | null = null): void {
  const same = (link: HTMLLinkElement) =>
    (rel === 'preconnect' ? new URL(link.href).origin === href : link.href === href) &&
    link.crossOrigin === crossOrigin;
  if (Array.from(document.head.querySelectorAll<HTMLLinkElement>(`link[rel~="${rel}"]`)).some(same)) return;
  document.head.append(Object.assign(document.createElement('link'), { rel, href, crossOrigin }));
}

/**
 * Script URLs go through a named Trusted Types policy where the page enforces them
 * (`require-trusted-types-for 'script'`); the URL was validated before (attributes.ts).
 * A page that restricts policy names must allow `closer-chat` (and Lit's `lit-html`) in `trusted-types`.
 */
interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}
let scriptUrlPolicy: ScriptUrlPolicy | undefined;
function trustedScriptUrl(src: string): string {
  // Not in TypeScript's DOM types yet; Chromium has it, Firefox from 145.
  const factory = (window as { trustedTypes?: { createPolicy(name: string, rules: ScriptUrlPolicy): ScriptUrlPolicy } })
    .trustedTypes;
  if (!factory) return src;
  scriptUrlPolicy ??= factory.createPolicy('closer-chat', { createScriptURL: (url: string) => url });
  return scriptUrlPolicy.createScriptURL(src) as string;
}

function injectScript(src: string, nonce: string | undefined): HTMLScriptElement {
  const script = document.createElement('script');
  script.async = true;
  script.src = trustedScriptUrl(src);
  if (nonce) script.nonce = nonce;
  script.dataset.closerChat = '';
  // Noted even after a timeout: a script that arrives late is then used by the retry,
  // which would otherwise wait for a load event that has come and gone.
  script.addEventListener('load', () => ranScripts.add(script), { once: true });
  document.head.append(script);
  return script;
}

/**
 * A tag already on the page (the official snippet's) may have loaded before we
 * looked; its load event will not come again. Its resource timing entry tells.
 */
const alreadyLoaded = (script: HTMLScriptElement): boolean =>
  !('closerChat' in script.dataset) && performance.getEntriesByName(script.src).length > 0;

/** Widget script tags whose script has run. */
const ranScripts = new WeakSet<HTMLScriptElement>();

/** A widget script tag's script has run: its load event came, or it had loaded before we looked. */
export const scriptHasRun = (script: HTMLScriptElement): boolean => ranScripts.has(script) || alreadyLoaded(script);

/**
 * The widget script for `src` (or the page snippet's) has run: its `load` event came,
 * whether or not the SDK has installed its methods yet. From then on, calls go
 * through the stub's queue.
 */
export function widgetScriptRan(src: string): boolean {
  const script = window.closer && findWidgetScript(src);
  return !!script && ranScripts.has(script);
}

/**
 * The script ran but no SDK came of it (sdk-missing): drop our tag, so that a retry
 * fetches the script again instead of waiting for a `load` event that has come and
 * gone. A tag of the page's own snippet is the page's, and stays.
 */
export function dropRanScript(src: string): void {
  const script = findWidgetScript(src);
  if (script && 'closerChat' in script.dataset) script.remove();
}

/** One load at a time for the whole document; callers share it. */
let inFlight: Promise<void> | undefined;

interface LoadRequest {
  readonly src: string;
  readonly nonce?: string;
  readonly timeoutMs?: number;
}

/**
 * Resolves once the widget script has run (its `load` event), injecting it only if no
 * tag for it exists and the SDK is not there yet. Whether the SDK has installed its
 * methods by then is not documented: see sdk.ts. Rejects with a `CloserChatError`
 * (phase `load`); a later call retries.
 */
export function loadScript({ src, nonce, timeoutMs = LOAD_TIMEOUT_MS }: LoadRequest): Promise<void> {
  if (isSdkReady()) return Promise.resolve();
  if (inFlight) return inFlight;
  let script: HTMLScriptElement;
  try {
    retireSpentScript(src);
    ensureStub(src);
    script = findWidgetScript(src) ?? injectScript(src, nonce);
  } catch (error) {
    // A Trusted Types policy the page's CSP does not allow.
    return Promise.reject(
      chatError('script-blocked', `the page's Trusted Types policy blocked the widget script (${String(error)})`),
    );
  }
  // Its load event came before (a late SDK still installing): it will not come again.
  if (ranScripts.has(script)) return Promise.resolve();
  if (alreadyLoaded(script)) {
    ranScripts.add(script);
    return Promise.resolve();
  }
  return (inFlight = new Promise<void>((resolve, reject) => {
    // A script the page's CSP blocks fires `error` like a failed download; the
    // violation event tells them apart, so the message can name the fix.
    let blocked = false;
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      if (event.blockedURI === script.src) blocked = true;
    };
    // An exception while the script runs reaches window `error` during its execution,
    // while it is `document.currentScript`. A cross-origin script's error is muted
    // ("Script error.", no file name), so the URL alone would not tell.
    let threw: string | undefined;
    const onScriptError = (event: ErrorEvent) => {
      if (document.currentScript === script || event.filename === script.src) {
        threw = String(event.message || 'an error').slice(0, 120);
      }
    };
    const listening = new AbortController();
    const { signal } = listening;
    const settle = (error?: CloserChatError) => {
      clearTimeout(timer);
      listening.abort(); // removes the four listeners
      inFlight = undefined;
      if (error) reject(error);
      else resolve();
    };
    // A timed-out tag stays: it may still arrive, and a retry waits on it again
    // instead of adding a second copy of the widget.
    const timer = setTimeout(
      () => settle(chatError('load-timeout', `the widget script ${script.src} did not load in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onLoad = () => {
      // It threw before any SDK took over `window.closer`: none will, so say so now
      // rather than after the bounded wait for a late SDK (sdk-missing). The tag goes,
      // so a retry fetches the script again.
      if (threw !== undefined && !isSdkReady() && !sdkDrainsQueue()) {
        script.remove();
        settle(chatError('script-error', `the widget script ${script.src} threw while it ran (${threw})`));
        return;
      }
      ranScripts.add(script);
      settle();
    };
    const onError = () => {
      // Drop the failed tag so a retry adds a fresh one: still one tag at a time.
      script.remove();
      if (blocked) {
        settle(
          chatError('script-blocked', `the page's Content Security Policy blocked the widget script ${script.src}`),
        );
      } else if (navigator.onLine === false) {
        // The element retries by itself on `online` (loading-controller.ts).
        settle(chatError('offline', `the browser is offline: could not load the widget script ${script.src}`));
      } else {
        settle(chatError('load-failed', `could not load the widget script ${script.src}`));
      }
    };
    script.addEventListener('load', onLoad, { signal });
    script.addEventListener('error', onError, { signal });
    document.addEventListener('securitypolicyviolation', onViolation, { signal });
    window.addEventListener('error', onScriptError, { signal });
  }));
}

/** Ways to get ahead of a start without running the script (see `WidgetLease.prepare_`). */
export type PrepareStep = 'connect' | 'cache' | 'fetch';

/** Gets ahead of a start by `step`, never running the script; once the SDK is there, only the connection is warmed. */
export function prepareScript(step: PrepareStep, request: LoadRequest): void {
  if (step !== 'connect' && isSdkReady()) return;
  preconnect(request.src);
  if (step === 'cache') prefetchScript(request.src);
  if (step === 'fetch') loadScript(request).catch(() => undefined /* a click reports it */);
}
