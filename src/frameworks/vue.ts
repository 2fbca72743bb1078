/**
 * `closer-chat/vue`: `<closer-chat>` typed in Vue 3 templates (Volar / vue-tsc), and
 * the `useCloserChat()` composable.
 *
 * The typings: opt in once, e.g. in `env.d.ts`:
 *
 *     import type {} from 'closer-chat/vue';
 *
 * and tell the compiler the tag is a custom element
 * (`compilerOptions.isCustomElement: (tag) => tag === 'closer-chat'`).
 *
 * Vue tooling checks `@closer-tags-changed="…"` against the prop `onCloserTagsChanged`
 * (`on` + the camelized event name). It may check `org-id="…"` as `orgId` (it
 * camelizes a component's props), so both spellings are typed. At run time Vue sets `org-id` as an attribute, and `:identity` (a
 * property the element has) as a property. The shape follows
 * https://vuejs.org/guide/extras/web-components#web-components-and-typescript
 *
 * The composable (chat-store.ts has the part shared with the React hook):
 *
 *     const { ready, opened, unreadCount, open } = useCloserChat();
 *     <button :disabled="!ready" @click="open()">Chat ({{ unreadCount }})</button>
 */
import {
  computed,
  getCurrentScope,
  onScopeDispose,
  shallowRef,
  type ComputedRef,
  type EmitFn,
  type HTMLAttributes,
  type PublicProps,
} from 'vue';
import { closeChat, getSnapshot, openChat, subscribe, toggleChat, type CloserChatSnapshot } from './chat-store.js';
import type { CloserChat } from '../closer-chat.js';
import type {
  Camelize,
  CamelizedKeys,
  CloserChatAttributes,
  CloserChatEventName,
  CloserChatListener,
  CloserChatProperties,
} from './framework-types.js';

/** `onCloserOpen`, `onCloserTagsChanged`, …: what `@closer-open` compiles to. */
export type CloserChatVueEventProps = {
  [K in CloserChatEventName as `on${Capitalize<Camelize<K>>}`]?: CloserChatListener<K>;
};

/** The props of `<closer-chat>` in a Vue template. */
export type CloserChatVueProps = HTMLAttributes &
  CloserChatAttributes &
  CamelizedKeys<CloserChatAttributes> &
  Partial<CloserChatProperties> &
  CloserChatVueEventProps &
  PublicProps;

/** The element's events as Vue emits, for `$emit`-based checks. */
export type CloserChatVueEmits = { [K in CloserChatEventName]: CloserChatListener<K> };

declare module 'vue' {
  interface GlobalComponents {
    'closer-chat': new () => CloserChat & {
      /** @deprecated For template type checking only: do not read `$props` on the element. */
      $props: CloserChatVueProps;
      /** @deprecated For template type checking only: the element dispatches DOM events. */
      $emit: EmitFn<CloserChatVueEmits>;
    };
  }
}

/** What `useCloserChat()` returns: a read-only ref per value of the snapshot, and the element's methods. */
export type CloserChatComposable = { readonly [K in keyof CloserChatSnapshot]: ComputedRef<CloserChatSnapshot[K]> } & {
  /** The element's `open()`; rejects with a `CloserChatError` (`not-connected`) when the page has no `<closer-chat>`. */
  open(): Promise<void>;
  /** The element's `close()`: rejects with `close-unsupported` where the SDK cannot close its window. */
  close(): Promise<void>;
  /** The element's `toggle()`: `close()` when the window is open, `open()` when it is not. */
  toggle(): Promise<void>;
};

/**
 * The page's `<closer-chat>` in a component: its state as refs, and its methods. The
 * element may be anywhere in the page, or not there yet. Listens until the component
 * (or the effect scope it runs in) is disposed; on a server, reads as a page without a chat.
 */
export function useCloserChat(): CloserChatComposable {
  // A shallow ref: the snapshot is frozen, and the element must not become a reactive proxy.
  const snapshot = shallowRef(getSnapshot());
  const unsubscribe = subscribe(() => (snapshot.value = getSnapshot()));
  // The page may have changed between the first read and the subscription.
  snapshot.value = getSnapshot();
  if (getCurrentScope()) onScopeDispose(unsubscribe);
  const field = <K extends keyof CloserChatSnapshot>(key: K) => computed(() => snapshot.value[key]);
  return {
    state: field('state'),
    ready: field('ready'),
    opened: field('opened'),
    unreadCount: field('unreadCount'),
    tags: field('tags'),
    conversationStatus: field('conversationStatus'),
    element: field('element'),
    open: openChat,
    close: closeChat,
    toggle: toggleChat,
  };
}
