// Svelte 5: what svelte-check checks `<closer-chat …>` against, after the one-line opt-in.
// `<closer-chat org-id="…" oncloser-tags-changed={onTags}>` is checked as the attributes below.
import type {} from 'closer-chat/svelte';
import type { SvelteHTMLElements } from 'svelte/elements';

type Attributes = SvelteHTMLElements['closer-chat'];

export const markup: Attributes = {
  'org-id': '00000000-0000-0000-0000-000000000000',
  loading: 'interaction',
  'launcher-label': 'Chat with us',
  'grace-period': '5000',
  'disable-auto-open': true,
  'show-button': false,
  class: 'chat',
  identity: { email: 'ada@example.com' },
  'oncloser-open': (event) => void event.detail,
  'oncloser-tags-changed': (event) => {
    const tags: readonly string[] = event.detail.tags;
    const element: HTMLElement = event.currentTarget;
    void [tags, element.tagName];
  },
  'on:closer-unread-changed': (event) => void event.detail.count,
  'oncloser-error': (event) => void event.detail.code,
};

// @ts-expect-error the detail has `tags`, not `tagz`
export const wrongDetail: Attributes = { 'oncloser-tags-changed': (event) => void event.detail.tagz };
// @ts-expect-error not a loading strategy
export const wrongLoading: Attributes = { loading: 'lazy' };
// @ts-expect-error org-id is a string
export const wrongOrgId: Attributes = { 'org-id': 42 };
// @ts-expect-error the unread count is a number
export const wrongCount: Attributes = { 'oncloser-unread-changed': (event) => event.detail.count.toUpperCase() };
