// Vue 3: what Volar / vue-tsc check a template against, after the one-line opt-in.
// `<closer-chat org-id="…" @closer-tags-changed="onTags">` is checked as the props
// below: attributes by name (camelized too), listeners as `onCloser…` props.
import type {} from 'closer-chat/vue';
import type { GlobalComponents } from 'vue';

type Props = InstanceType<GlobalComponents['closer-chat']>['$props'];

export const template: Props = {
  'org-id': '00000000-0000-0000-0000-000000000000',
  orgId: '00000000-0000-0000-0000-000000000000',
  loading: 'interaction',
  'launcher-label': 'Chat with us',
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
// @ts-expect-error identity is an object, not a string
export const wrongIdentity: Props = { identity: 'ada@example.com' };
// @ts-expect-error the listener of `@closer-tags-changed` is `onCloserTagsChanged`
export const wrongEvent: Props = { onCloserTagsChange: () => undefined };

// `$emit`-style checks see the same events.
type Emit = InstanceType<GlobalComponents['closer-chat']>['$emit'];
export const emit = (fire: Emit, event: CustomEvent<{ count: number }>) => fire('closer-unread-changed', event);
