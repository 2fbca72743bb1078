/**
 * `closer-chat/solid`: `<closer-chat>` typed in Solid JSX (solid-js 1.x). Opt in once,
 * e.g. in a `.d.ts` of the app or next to the import of the element:
 *
 *     import 'closer-chat';
 *     import type {} from 'closer-chat/solid';
 *
 * Solid (dom-expressions) renders a custom element's attributes by its own rules:
 * - a string or number literal (`org-id="…"`, `grace-period={0}`) is written into the
 *   template as an attribute;
 * - any other expression sets the property, named by camelizing the attribute
 *   (`org-id={id}` sets `orgId`, `show-button={flag}` sets `showButton`). So give the
 *   property's type: `show-button={false}`, not `show-button={flag ? 'true' : 'false'}`
 *   (the string "false" as a property is no boolean, and the element reports it);
 * - `on:closer-open` listens for exactly `closer-open`; `oncloser-open` listens for the
 *   name lowercased, which is the same for our events (`onCloserOpen` would listen
 *   for `closeropen`: never fired);
 * - `prop:identity` always sets the property, `attr:org-id` always the attribute.
 * (dom-expressions: `assignProp` in solid-js/web, and the JSX compiler's `setAttr`; the
 * namespaces: https://docs.solidjs.com/reference/jsx-attributes/attr and its siblings.)
 */
import type { JSX } from 'solid-js';
import type { AttributeRow, Camelize } from '../config/attributes.js';
import type { CloserChat } from '../closer-chat.js';
import type { CloserChatEventMap } from '../events.js';
import type { CloserChatAttributes, CloserChatEventName, CloserChatProperties } from './framework-types.js';

/** Each attribute as Solid sets it from an expression: the element's property, with its type. */
export type CloserChatSolidAttributes = {
  [R in AttributeRow as R['attribute']]?: CloserChat[Camelize<R['attribute']> & keyof CloserChat];
};

/** `prop:orgId`, `prop:identity`, …: every input as a property. */
export type CloserChatSolidPropProps = {
  [K in keyof CloserChatSolidAttributes as `prop:${Camelize<K>}`]?: CloserChatSolidAttributes[K];
} & { [K in keyof CloserChatProperties as `prop:${K}`]?: CloserChatProperties[K] };

/** `attr:org-id`, `attr:show-button`, …: every attribute as an attribute (Solid writes `false` as `"false"`). */
export type CloserChatSolidAttrProps = {
  [K in keyof CloserChatAttributes as `attr:${K}`]?: CloserChatAttributes[K];
};

/** `on:closer-open` (an options object allowed) and `oncloser-open` (a `[handler, data]` pair allowed). */
export type CloserChatSolidEventProps = {
  [K in CloserChatEventName as `on:${K}`]?: JSX.EventHandlerWithOptionsUnion<CloserChat, CloserChatEventMap[K]>;
} & {
  [K in CloserChatEventName as `on${K}`]?: JSX.EventHandlerUnion<CloserChat, CloserChatEventMap[K]>;
};

type OwnProps = CloserChatSolidAttributes &
  Partial<CloserChatProperties> &
  CloserChatSolidPropProps &
  CloserChatSolidAttrProps &
  CloserChatSolidEventProps;

/** The props of `<closer-chat>` in Solid JSX. */
export type CloserChatSolidProps = Omit<JSX.HTMLAttributes<CloserChat>, keyof OwnProps> & OwnProps;

declare module 'solid-js' {
  // Solid's JSX types are a namespace; augmenting them takes one.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'closer-chat': CloserChatSolidProps;
    }
  }
}
