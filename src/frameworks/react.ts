/**
 * `closer-chat/react`: a React component for `<closer-chat>`, made with `@lit/react`,
 * for React 18, which sets every prop of a custom element as a string attribute and
 * cannot listen to custom events. (React 19 can: use the tag itself with
 * `closer-chat/react-jsx`.) Importing this module registers the element.
 *
 *     import { CloserChat } from 'closer-chat/react';
 *     <CloserChat orgId="…" loading="interaction" identity={user} onTagsChanged={(e) => e.detail.tags} />
 *
 * Each event is a prop named after the SDK callback it comes from: `closer-open` is
 * `onOpen`, `closer-tags-changed` is `onTagsChanged`; the four events of our own are
 * `onUnreadChanged`, `onReady`, `onLogout` and `onError`. Every other prop is set as
 * a property once mounted (so on the client only: give a server-rendered page the
 * `org-id` attribute, which React passes through).
 *
 * Also `useCloserChat()` (react-hook.ts): the page's chat as a hook, for React 18 and 19.
 */
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';
import * as React from 'react';
import { CloserChat as CloserChatElement } from '../closer-chat.js';
import { TAG_NAME } from '../define.js';
import { CLOSER_EVENTS, type CloserChatEventMap } from '../events.js';
import type { CallbackPropName, CloserChatEventName } from './framework-types.js';

export { useCloserChat, type CloserChatHook } from './react-hook.js';
export type { CloserChatSnapshot } from './chat-store.js';

/** `closer-tags-changed` → `onTagsChanged` (the rule `CallbackPropName` types). */
const reactEventProp = <K extends CloserChatEventName>(name: K): CallbackPropName<K> =>
  `on${name
    .slice('closer-'.length)
    .replace(/(?:^|-)([a-z])/g, (_, letter: string) => letter.toUpperCase())}` as CallbackPropName<K>;

/** Event props of the wrapper and the event each one listens to. */
export type CloserChatReactEvents = {
  [K in CloserChatEventName as CallbackPropName<K>]: K & EventName<CloserChatEventMap[K]>;
};

/** `{ onOpen: 'closer-open', onTagsChanged: 'closer-tags-changed', … }`, from `CLOSER_EVENTS`. */
export const EVENT_PROPS = Object.freeze(
  Object.fromEntries(CLOSER_EVENTS.map((name) => [reactEventProp(name), name])),
) as Readonly<CloserChatReactEvents>;

/** `<closer-chat>` as a React component. */
export const CloserChat: ReactWebComponent<CloserChatElement, CloserChatReactEvents> = createComponent<
  CloserChatElement,
  CloserChatReactEvents
>({
  tagName: TAG_NAME,
  elementClass: CloserChatElement,
  react: React,
  events: EVENT_PROPS,
  displayName: 'CloserChat',
});
