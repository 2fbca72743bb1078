/**
 * `closer-chat/boot`: the boot for a bundler's app. The rest of the element is a dynamic
 * `import()`, which the app's bundler splits into a chunk of its own: fetched and run
 * on the hand-over (intent, idle, or at once per `loading`). Import this instead of
 * `closer-chat` where the page wants no Lit before intent; the tag and its attributes
 * are the same. Types: `import type {} from 'closer-chat'` (nothing of it runs).
 */
import { boot } from './boot.js';

boot({
  // A bundler's chunk cannot be fetched without running it: the hand-over fetches it.
  prefetch: () => undefined,
  run: () => import('../define.js'),
});
