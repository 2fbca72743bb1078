/**
 * The file of the CMS script line (dist/closer-chat.boot.js): the boot, and the rest of
 * the element, dist/closer-chat.bundle.js, loaded from beside it under the hash it was
 * built with. The page's Subresource Integrity hash covers this file, and this file
 * carries the bundle's: one hash on the script line still covers all of the element.
 *
 * The bundle runs from a `<script type="module" integrity>`, whose hash Chromium, Firefox
 * and WebKit all check. Not from `<link rel="modulepreload" integrity>` and `import()`:
 * WebKit (2.50) ignores a modulepreload's integrity and would run a bundle that does
 * not match. The warm-up on activity is a `<link rel="prefetch">` (or preload): it only
 * fills the HTTP cache, and the script's check applies to what it runs.
 */
import { addLink, boot } from './boot.js';

/** Written by the build (rollup.config.js): the sha256 of dist/closer-chat.bundle.js. */
const BUNDLE_INTEGRITY = '__CLOSER_CHAT_BUNDLE_INTEGRITY__';
const BUNDLE_URL = new URL('./closer-chat.bundle.js', import.meta.url).href;

/**
 * The page's script nonce, for a page whose policy allows scripts by nonce: a script the
 * browser let run carries it (hidden from the attribute, readable as the property). A
 * `'strict-dynamic'` page needs none: a script-made script inherits the trust.
 */
const pageNonce = (): string => document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? '';

/** Settles with the element's load: the bundle ran, or did not (network, or its hash). */
const loaded = (node: HTMLElement): Promise<unknown> =>
  new Promise((resolve, reject) => {
    node.onload = resolve;
    // The browser says why in the console (e.g. the digest that did not match).
    node.onerror = () => reject(Error(`${BUNDLE_URL} did not load`));
  });

function run(): Promise<unknown> {
  const script = document.createElement('script');
  const done = loaded(script);
  script.type = 'module';
  script.integrity = BUNDLE_INTEGRITY;
  script.nonce = pageNonce();
  try {
    script.src = BUNDLE_URL;
  } catch {
    // A page that requires Trusted Types refuses a plain string here, and a policy of our
    // own would need a name the page lists. `import()` is no sink: run the bundle through
    // a modulepreload with the same hash, checked by Chromium and Firefox (not WebKit).
    const link = addLink({ rel: 'modulepreload', integrity: BUNDLE_INTEGRITY, nonce: script.nonce, href: BUNDLE_URL });
    return loaded(link).then(() => import(/* @vite-ignore */ BUNDLE_URL));
  }
  document.head.append(script);
  return done;
}

/**
 * Into the HTTP cache, out of the page's way; with `crossorigin`, as the module script's
 * own request is made, so that it reuses it. WebKit has no prefetch: a preload there,
 * which a nonce policy checks as a script.
 */
function prefetch(): void {
  const rel = document.createElement('link').relList.supports('prefetch') ? 'prefetch' : 'preload';
  addLink({ rel, as: 'script', crossOrigin: 'anonymous', nonce: pageNonce(), href: BUNDLE_URL });
}

boot({ prefetch, run });
