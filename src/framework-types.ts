/**
 * Types shared by the framework typings (`closer-chat/react-jsx`, `closer-chat/vue`,
 * `closer-chat/svelte`, `closer-chat/react`): the attributes a template may write,
 * the properties it may bind, and how each framework names an event prop. Types only:
 * no framework is imported here, so the main entry stays free of React, Vue and
 * Svelte. Event names are never spelled here; they come from `CloserChatEventMap`.
 */
import type { CloserChat } from './closer-chat.js';
import type { CloserChatEventMap } from './events.js';
import type { LoadingStrategy } from './options.js';

/**
 * A boolean attribute's value. Vue and Svelte write `false` as `"false"`, which the
 * element reads as false (CMS editors write it too); React 19 removes the attribute.
 */
export type BooleanAttributeValue = boolean | '' | 'true' | 'false';

/**
 * The element's attributes as a template writes them: kebab-case, string values.
 * test/node/typings.test.js holds this list to custom-elements.json.
 */
export interface CloserChatAttributes {
  /** Your organisation's id (UUID). Required. */
  'org-id'?: string;
  /** A client's api key (UUID): restores that client's session. */
  'api-key'?: string;
  /** `"false"` hides the widget's launcher; absent keeps the SDK's default (shown). */
  'show-button'?: BooleanAttributeValue;
  /** Start closed even if the visitor had the widget open before. */
  'disable-auto-open'?: BooleanAttributeValue;
  /** Send the widget's frontend logs to Closer. */
  'enable-log'?: BooleanAttributeValue;
  /** Check the stored session before drawing the widget. */
  'initialize-before-render'?: BooleanAttributeValue;
  /** When the widget script is fetched. Default `idle`. */
  loading?: LoadingStrategy;
  /** The widget script URL: the official one (default) or one on the page's origin. */
  src?: string;
  /** CSP nonce for the injected script tag. */
  nonce?: string;
  /** Accessible name of the `interaction` launcher. Default "Open chat". */
  'launcher-label'?: string;
  /** `"false"`: do not remember that the visitor engaged. */
  'remember-engagement'?: BooleanAttributeValue;
}

/** What only a property can carry: objects and functions. */
export type CloserChatProperties = Pick<CloserChat, 'identity' | 'options' | 'getLoginHintToken'>;

/** Every event name the element dispatches. */
export type CloserChatEventName = keyof CloserChatEventMap;

/** `closer-tags-changed` → `closerTagsChanged`, as Vue camelizes names. */
export type Camelize<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<Camelize<Tail>>}`
  : S;

/** Attribute names camelized (`org-id` → `orgId`), as Vue tooling passes them to a component. */
export type CamelizedKeys<T> = { [K in keyof T as K extends string ? Camelize<K> : K]: T[K] };

/**
 * `closer-tags-changed` → `onTagsChanged`: the SDK's own callback name, used by the
 * React 18 wrapper. `reactEventProp()` in src/react.ts is the same rule at run time.
 */
export type CallbackPropName<E extends string> = E extends `closer-${infer Rest}` ? `on${Capitalize<Camelize<Rest>>}` : never;

/** A listener of one of our events, with its typed `detail`. */
export type CloserChatListener<K extends CloserChatEventName> = (event: CloserChatEventMap[K]) => void;
