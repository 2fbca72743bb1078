/**
 * Types shared by the framework typings (`closer-chat/react-jsx`, `closer-chat/react`,
 * `closer-chat/preact`, `closer-chat/solid`, `closer-chat/vue`, `closer-chat/svelte`):
 * the attributes a template may write, the properties it may bind, and how each
 * framework names an event prop. Types only: no framework is imported here, so the
 * main entry stays free of every framework's types. Event names are never spelled here; they come from `CloserChatEventMap`.
 */
import type {
  AttributeName,
  AttributeRow,
  AttributeValue,
  BooleanAttributeValue,
  Camelize,
  OptionalBooleanAttributeName,
  PropertyRow,
} from '../config/attributes.js';
import type { CloserChat } from '../closer-chat.js';
import type { CloserChatEventMap } from '../events.js';

export type { AttributeName, BooleanAttributeValue, OptionalBooleanAttributeName };

/**
 * The element's attributes as a template writes them: kebab-case, text values, and
 * for boolean attributes `true`/`false` too (Vue and Svelte write `false` as
 * `"false"`, which the element reads as false; React 19 removes the attribute).
 * From the attribute table, so it cannot drift from the element.
 */
export type CloserChatAttributes = { [R in AttributeRow as R['attribute']]?: AttributeValue<R> };

/** What only a property can carry: objects and functions. */
export type CloserChatProperties = Pick<CloserChat, PropertyRow['property']>;

/** Every event name the element dispatches. */
export type CloserChatEventName = keyof CloserChatEventMap;

/** `closer-tags-changed` → `closerTagsChanged`, as Vue camelizes names (and the element its properties). */
export type { Camelize };

/** Attribute names camelized (`org-id` → `orgId`), as Vue tooling passes them to a component. */
export type CamelizedKeys<T> = { [K in keyof T as K extends string ? Camelize<K> : K]: T[K] };

/**
 * `closer-tags-changed` → `onTagsChanged`: the SDK's own callback name, used by the
 * React 18 wrapper. `reactEventProp()` in src/frameworks/react.ts is the same rule at run time.
 */
export type CallbackPropName<E extends string> = E extends `closer-${infer Rest}`
  ? `on${Capitalize<Camelize<Rest>>}`
  : never;

/** A listener of one of our events, with its typed `detail`. */
export type CloserChatListener<K extends CloserChatEventName> = (event: CloserChatEventMap[K]) => void;

/** `on` + event name: `oncloser-open`, `oncloser-tags-changed`, …, as React 19 and Preact read a custom element's listener props. */
export type CloserChatOnEventProps = {
  [K in CloserChatEventName as `on${K}`]?: CloserChatListener<K>;
};

/**
 * The element's own props for a renderer that removes an attribute given `false`
 * (React 19, Preact). For the optional booleans of the attribute table (`show-button`,
 * `remember-engagement`) absent means the default (shown, remembered), so `false` would
 * do the opposite of what it says: they take `"false"` instead.
 */
export type CloserChatOwnJsxProps = Omit<CloserChatAttributes, OptionalBooleanAttributeName> & {
  [Name in OptionalBooleanAttributeName]?: Exclude<BooleanAttributeValue, false>;
} & Partial<CloserChatProperties> &
  CloserChatOnEventProps;
