// Vue 3: what Volar / vue-tsc check a template against, after the one-line opt-in.
// `<closer-chat org-id="…" @closer-tags-changed="onTags">` is checked as the props
// below: attributes by name (camelized too), listeners as `onCloser…` props.
import type {} from 'closer-chat/vue';
import { useCloserChat, type CloserChatComposable } from 'closer-chat/vue';
import type { CloserChat } from 'closer-chat';
import type { ComputedRef, GlobalComponents } from 'vue';

type Props = InstanceType<GlobalComponents['closer-chat']>['$props'];

export const template: Props = {
  'org-id': '00000000-0000-0000-0000-000000000000',
  orgId: '00000000-0000-0000-0000-000000000000',
  loading: 'interaction',
  'launcher-label': 'Chat with us',
  'grace-period': 5000,
  disableAutoOpen: true,
  'show-button': false,
  class: 'chat',
  identity: { email: 'ada@example.com' },
  onCloserOpen: (event) => void event.detail,
  onCloserTagsChanged: (event) => {
    const tags: readonly string[] = event.detail.tags;
    void tags;
  },
  onCloserConversationStatusChanged: (event) => void event.detail.status,
  onCloserError: (event) => void event.detail.phase,
};

// @ts-expect-error the detail has `tags`, not `tagz`
export const wrongDetail: Props = { onCloserTagsChanged: (event) => void event.detail.tagz };
// @ts-expect-error not a loading strategy
export const wrongLoading: Props = { loading: 'lazy' };
// @ts-expect-error grace-period is a number of milliseconds, not a flag
export const wrongGracePeriod: Props = { gracePeriod: true };
// @ts-expect-error identity is an object, not a string
export const wrongIdentity: Props = { identity: 'ada@example.com' };
// @ts-expect-error the listener of `@closer-tags-changed` is `onCloserTagsChanged`
export const wrongEvent: Props = { onCloserTagsChange: () => undefined };

// `$emit`-style checks see the same events.
type Emit = InstanceType<GlobalComponents['closer-chat']>['$emit'];
export const emit = (fire: Emit, event: CustomEvent<{ count: number }>) => fire('closer-unread-changed', event);

// The composable: read-only refs and the element's methods.
export function setup() {
  const chat: CloserChatComposable = useCloserChat();
  const opened: ComputedRef<boolean> = chat.opened;
  const count: number = chat.unreadCount.value;
  const ready: boolean = chat.ready.value;
  const element: CloserChat | undefined = chat.element.value;
  const done: Promise<void>[] = [chat.open(), chat.close(), chat.toggle()];
  // @ts-expect-error the refs are read-only
  chat.unreadCount.value = 3;
  // @ts-expect-error `state` is a phase, not a number
  const state: number = chat.state.value;
  return { opened, count, ready, element, done, state };
}
