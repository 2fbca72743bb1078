/**
 * `closer-chat/vue`: `<closer-chat>` typed in Vue 3 templates (Volar / vue-tsc). Opt in
 * once, e.g. in `env.d.ts`:
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
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { CloserChat } from './closer-chat.js';
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
