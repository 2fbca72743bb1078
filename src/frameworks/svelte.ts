/**
 * `closer-chat/svelte`: `<closer-chat>` typed in Svelte 5 markup (svelte-check, the
 * Svelte language server). Opt in once, e.g. in `src/app.d.ts`:
 *
 *     import type {} from 'closer-chat/svelte';
 *
 * Svelte 5 event attributes are `on` + the event name, case and dashes kept
 * (`oncloser-tags-changed` listens for `closer-tags-changed`); the Svelte 4 spelling
 * `on:closer-tags-changed` is typed too. Svelte sets a value as a property when the
 * element has one (`identity`, `options`, `getLoginHintToken`, `loading`), otherwise
 * as an attribute, writing `false` as `"false"`. See
 * https://svelte.dev/docs/svelte/typescript#Enhancing-built-in-DOM-types
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { CloserChat } from '../closer-chat.js';
import type { CloserChatEventMap } from '../events.js';
import type { CloserChatAttributes, CloserChatEventName, CloserChatProperties } from './framework-types.js';

/** A Svelte event handler: the event, with `currentTarget` the element. */
type SvelteListener<K extends CloserChatEventName> = (
  event: CloserChatEventMap[K] & { currentTarget: EventTarget & CloserChat },
) => unknown;

/** `oncloser-open`, `on:closer-open`, …: Svelte 5 and Svelte 4 spellings. */
export type CloserChatSvelteEventProps = {
  [K in CloserChatEventName as `on${K}` | `on:${K}`]?: SvelteListener<K> | null;
};

/** The attributes of `<closer-chat>` in Svelte markup. */
export type CloserChatSvelteAttributes = HTMLAttributes<CloserChat> &
  CloserChatAttributes &
  Partial<CloserChatProperties> &
  CloserChatSvelteEventProps;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'closer-chat': CloserChatSvelteAttributes;
  }
}
