/**
 * `closer-chat/preact`: `<closer-chat>` typed in Preact JSX (Preact 10 and 11). Opt in
 * once, e.g. in a `.d.ts` of the app or next to the import of the element:
 *
 *     import 'closer-chat';
 *     import type {} from 'closer-chat/preact';
 *
 * Preact renders a custom element's props by its own rules (src/diff/props.js,
 * `setProperty`):
 * - a prop named `on` + a name adds a listener: of that name lowercased if the element
 *   has such an `on…` property (`onClick` → `click`), and of the name as written
 *   otherwise, so `oncloser-tags-changed` listens for `closer-tags-changed`
 *   (`onCloserTagsChanged` would listen for `CloserTagsChanged` in Preact 10 and for
 *   `closertagschanged` in Preact 11: never fired);
 * - a prop the element has as a property (`identity`, `options`, `getLoginHintToken`,
 *   `loading`, `src`) is set as that property;
 * - any other prop is an attribute; `true` writes `"true"`, `false` removes it.
 */
import type { HTMLAttributes } from 'preact';
import type { CloserChat } from '../closer-chat.js';
import type { CloserChatOnEventProps, CloserChatOwnJsxProps } from './framework-types.js';

/** `on` + event name: `oncloser-open`, `oncloser-tags-changed`, … */
export type CloserChatPreactEventProps = CloserChatOnEventProps;

/** The props of `<closer-chat>` in Preact JSX. */
export type CloserChatPreactProps = Omit<HTMLAttributes<CloserChat>, keyof CloserChatOwnJsxProps> &
  CloserChatOwnJsxProps;

declare module 'preact' {
  // Preact's JSX types are a namespace; augmenting them takes one.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'closer-chat': CloserChatPreactProps;
    }
  }
}
