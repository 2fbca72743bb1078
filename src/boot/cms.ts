/**
 * The file of the CMS script line (dist/closer-chat.boot.js): the boot, and the rest of
 * the element, dist/closer-chat.bundle.js, loaded from beside it under the hash it was
 * built with. The page's Subresource Integrity hash covers this file, and this file
 * carries the bundle's: one hash on the script line still covers all of the element.
 *
 * The bundle is only ever fetched through `<link rel="modulepreload" integrity>`, and
 * run only once that fetch has succeeded: the browser keeps the checked module, and
 * `import()` of the same URL runs that one. A bundle that does not match fails the
 * preload, and then the import, and nothing runs.
 */
import { addLink, boot } from './boot.js';

/** Written by the build (rollup.config.js): the sha256 of dist/closer-chat.bundle.js. */
const BUNDLE_INTEGRITY = '__CLOSER_CHAT_BUNDLE_INTEGRITY__';
const BUNDLE_URL = new URL('./closer-chat.bundle.js', import.meta.url).href;

let preloaded: Promise<void> | undefined;

/**
 * The page's script nonce, for a page whose policy allows scripts by nonce: a script the
 * browser let run carries it (hidden from the attribute, readable as the property). A
 * `'strict-dynamic'` page needs none: a script-made preload inherits the trust.
 */
const pageNonce = (): string => document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? '';

function preload(): Promise<void> {
  return (preloaded ??= new Promise<void>((resolve, reject) => {
    // The browser says why in the console (e.g. the digest that did not match).
    const onerror = () => reject(Error(`${BUNDLE_URL} did not load`));
    addLink({
      rel: 'modulepreload',
      // Out of the page's way, as the script line's own fetchpriority="low" is.
      fetchPriority: 'low',
      integrity: BUNDLE_INTEGRITY,
      nonce: pageNonce(),
      href: BUNDLE_URL,
      onload: () => resolve(),
      onerror,
    });
  }));
}

boot({
  prefetch: () => void preload().catch(() => undefined /* the hand-over reports it */),
  run: () => preload().then(() => import(/* @vite-ignore */ BUNDLE_URL)),
});
