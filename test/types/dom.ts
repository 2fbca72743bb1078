// Plain TypeScript and the DOM: no framework, no opt-in. Importing the package is enough.
import 'closer-chat';
import { CloserChat, CLOSER_EVENTS, type CloserChatEventMap, type LoadingStrategy } from 'closer-chat';

const chat = document.createElement('closer-chat');
const typed: CloserChat = chat;
const found: CloserChat | null = document.querySelector('closer-chat');

chat.addEventListener('closer-tags-changed', (event) => {
  const tags: readonly string[] = event.detail.tags;
  // @ts-expect-error the detail has `tags`, not `tagz`
  void event.detail.tagz;
  // @ts-expect-error the tags are read-only
  event.detail.tags.push('x');
  void tags;
});
chat.addEventListener('closer-conversation-status-changed', (event) => {
  const status: 'waiting' | 'inProgress' | 'solved' | 'unsolved' = event.detail.status;
  void status;
});
chat.addEventListener('closer-error', (event) => {
  const phase: 'config' | 'load' | 'init' | 'conflict' = event.detail.phase;
  const code: string = event.detail.code;
  void [phase, code, event.detail.issues?.[0]?.name];
});
chat.addEventListener('closer-unread-changed', (event) => {
  const count: number = event.detail.count;
  // @ts-expect-error `count` is a number
  const wrong: string = event.detail.count;
  void [count, wrong];
});
// Bubbling events are typed on any ancestor too.
document.body.addEventListener('closer-ready', (event) => void event.detail.options);

chat.loading = 'interaction';
// @ts-expect-error not a loading strategy
chat.loading = 'lazy';
chat.identity = { email: 'ada@example.com', firstName: 'Ada' };
// @ts-expect-error identity is an object
chat.identity = 'ada@example.com';
chat.getLoginHintToken = async () => 'token';
// @ts-expect-error the login hint resolves to a string
chat.getLoginHintToken = async () => 42;
// @ts-expect-error state is read-only
chat.state = 'ready';
// @ts-expect-error unreadCount is read-only
chat.unreadCount = 0;

const done: Promise<void>[] = [chat.load(), chat.open(), chat.logout()];
const strategy: LoadingStrategy = 'manual';
const everyEvent: ReadonlyArray<keyof CloserChatEventMap> = CLOSER_EVENTS;
void [typed, found, done, strategy, everyEvent];

// Every event bubbles to `document` and `window`, typed there as well.
document.addEventListener('closer-error', (event) => {
  const code: string = event.detail.code;
  const phase: 'config' | 'load' | 'init' | 'conflict' = event.detail.phase;
  // @ts-expect-error the detail has `code`, not `kode`
  void event.detail.kode;
  void [code, phase];
});
document.addEventListener('closer-tags-changed', (event) => {
  // @ts-expect-error the tags are read-only
  event.detail.tags.push('x');
});
window.addEventListener('closer-open', (event) => {
  const opened: CustomEvent = event;
  void opened;
});
window.addEventListener('closer-unread-changed', (event) => {
  const count: number = event.detail.count;
  // @ts-expect-error `count` is a number
  const wrong: string = event.detail.count;
  void [count, wrong];
});
// @ts-expect-error a listener typed for another event's detail
document.addEventListener('closer-logout', (event: CustomEvent<{ count: number }>) => void event);
// Events that are not ours keep their own types.
window.addEventListener('resize', (event) => {
  // @ts-expect-error a UIEvent has no detail of ours
  void event.detail.code;
});
