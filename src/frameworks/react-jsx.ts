/**
 * `closer-chat/react-jsx`: `<closer-chat>` in React 19 JSX, typed. Opt in once, e.g. in
 * a `.d.ts` of the app or next to the import of the element:
 *
 *     import 'closer-chat';
 *     import type {} from 'closer-chat/react-jsx';
 *
 * React 19 renders a custom element's props by its own rules
 * (https://react.dev/reference/react-dom/components#custom-html-elements):
 * - a prop named `on` + an event name becomes a listener of exactly that event, so
 *   `oncloser-tags-changed` listens for `closer-tags-changed`;
 * - a prop the element has as a property (`identity`, `options`, `getLoginHintToken`)
 *   is set as that property on the client;
 * - any other prop is an attribute; `true` writes `""`, `false` removes it.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { CloserChat } from '../closer-chat.js';
import type { CloserChatOnEventProps, CloserChatOwnJsxProps } from './framework-types.js';

/** `on` + event name, as React 19 reads it: `oncloser-open`, `oncloser-tags-changed`, … */
export type CloserChatReactEventProps = CloserChatOnEventProps;

/** The props of `<closer-chat>` in React 19 JSX. */
export type CloserChatReactProps = DetailedHTMLProps<HTMLAttributes<CloserChat>, CloserChat> & CloserChatOwnJsxProps;

declare module 'react' {
  // React's JSX types are a namespace; augmenting them takes one.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'closer-chat': CloserChatReactProps;
    }
  }
}
