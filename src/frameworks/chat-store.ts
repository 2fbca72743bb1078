/**
 * The page's chat as a store, for the framework hooks (`useCloserChat()` of
 * `closer-chat/react` and `closer-chat/vue`): a snapshot of the `<closer-chat>` that
 * runs the widget, and a subscription to its changes. One widget per document, and
 * every event of ours bubbles to `document`, so no ref is needed: the store listens on
 * the document and reads the element an event came from.
 *
 * Plain TypeScript, no Lit and no framework (the element is only a type here), and
 * nothing touches `document` until a hook subscribes or reads: safe to import on a server.
 */
import type { CloserChat } from '../closer-chat.js';
import { CloserChatError, errorDetail } from '../errors.js';
import { CLOSER_EVENTS, ERROR_EVENT, type CloserChatEventMap, type ConversationStatus } from '../events.js';
import type { WidgetPhase } from '../widget/state.js';

/** `TAG_NAME` (define.ts imports the element, and with it Lit: not here). */
const TAG = 'closer-chat';

/** What a hook renders from: the page's chat, read from its element. */
export interface CloserChatSnapshot {
  /** The element's `state`; `idle` while the page has no `<closer-chat>`. */
  readonly state: WidgetPhase;
  /** `state === 'ready'`: the widget is initialised. */
  readonly ready: boolean;
  /** Whether the chat window is open. */
  readonly opened: boolean;
  /** Messages received while the window was closed; reset when it opens. */
  readonly unreadCount: number;
  /** The conversation's tags. */
  readonly tags: readonly string[];
  /** The conversation's status, once the SDK has reported one. */
  readonly conversationStatus: ConversationStatus | undefined;
  /** The `<closer-chat>` that runs (or will run) the widget; undefined while the page has none. */
  readonly element: CloserChat | undefined;
}

const NO_TAGS: readonly string[] = Object.freeze([]);

/** The snapshot of a page without a chat, and of every server render. */
export const SERVER_SNAPSHOT: CloserChatSnapshot = Object.freeze({
  state: 'idle',
  ready: false,
  opened: false,
  unreadCount: 0,
  tags: NO_TAGS,
  conversationStatus: undefined,
  element: undefined,
});

/** An element of the page, maybe not upgraded yet (its getters then read undefined, its methods are missing). */
type PageElement = Partial<CloserChat> & HTMLElement;

const listeners = new Set<() => void>();
let observer: MutationObserver | undefined;
/** The element our last event came from (it may sit in a shadow root, out of `querySelector`'s reach). */
let heard: PageElement | undefined;
let last: CloserChatSnapshot = SERVER_SNAPSHOT;

/**
 * The element that owns the widget: the one events come from, else the first
 * `<closer-chat>` of the document not in error (a second element reports a conflict).
 */
function owner(): PageElement | undefined {
  if (heard?.isConnected) return heard;
  heard = undefined;
  const all = [...document.querySelectorAll<PageElement>(TAG)];
  return all.find((element) => element.state !== 'error') ?? all[0];
}

/** The current snapshot: the previous object while nothing changed (React compares by identity). */
export function getSnapshot(): CloserChatSnapshot {
  if (typeof document === 'undefined') return SERVER_SNAPSHOT;
  const element = owner();
  const state = element?.state ?? 'idle';
  const next: CloserChatSnapshot = {
    state,
    ready: state === 'ready',
    opened: element?.opened ?? false,
    unreadCount: element?.unreadCount ?? 0,
    tags: element?.tags ?? NO_TAGS,
    conversationStatus: element?.conversationStatus,
    element: element as CloserChat | undefined,
  };
  const same = (Object.keys(next) as (keyof CloserChatSnapshot)[]).every((key) => next[key] === last[key]);
  if (!same) last = Object.freeze(next);
  return last;
}

/** For `useSyncExternalStore` on a server, and for the hydrating render. */
export const getServerSnapshot = (): CloserChatSnapshot => SERVER_SNAPSHOT;

function changed(): void {
  const before = last;
  if (getSnapshot() !== before) listeners.forEach((listener) => listener());
}

function onEvent(event: Event): void {
  const source = event.composedPath()[0];
  // A conflict is reported by the element that does NOT run the widget.
  const conflict =
    event.type === ERROR_EVENT && (event as CloserChatEventMap['closer-error']).detail?.phase === 'conflict';
  if (!conflict && source instanceof HTMLElement && 'unreadCount' in source) heard = source as PageElement;
  changed();
}

/**
 * Calls `listener` whenever the snapshot changes; returns the unsubscribe. While anyone
 * listens: every event of ours (captured on `document`, so a `stopPropagation()` in the
 * app hides none) and additions and removals of nodes (an element added later, the
 * owner removed). Every state change the element announces comes with an event; the
 * one it does not announce, `loading`, shows when the widget's script tag is added.
 */
export function subscribe(listener: () => void): () => void {
  if (typeof document === 'undefined') return () => undefined;
  listeners.add(listener);
  if (listeners.size === 1) {
    for (const name of CLOSER_EVENTS) document.addEventListener(name, onEvent, true);
    observer = new MutationObserver(changed);
    observer.observe(document, { childList: true, subtree: true });
  }
  return () => {
    if (!listeners.delete(listener) || listeners.size) return;
    for (const name of CLOSER_EVENTS) document.removeEventListener(name, onEvent, true);
    observer?.disconnect();
    observer = undefined;
    heard = undefined;
  };
}

/** Calls `method` of the owning element, once it is defined; rejects when the page has none. */
async function callOwner(method: 'open' | 'close' | 'toggle'): Promise<void> {
  const element = typeof document === 'undefined' ? undefined : owner();
  if (!element) {
    throw new CloserChatError(errorDetail('not-connected', `${method}(): there is no <closer-chat> in the document`));
  }
  // A tag in the page before the element's module ran is upgraded when it runs.
  if (typeof element[method] !== 'function') await customElements.whenDefined(element.localName);
  return (element as CloserChat)[method]();
}

/** The element's `open()`: loads the widget if needed, then opens its window. */
export const openChat = (): Promise<void> => callOwner('open');

/** The element's `close()`: rejects with `close-unsupported` where the SDK cannot close its window. */
export const closeChat = (): Promise<void> => callOwner('close');

/** The element's `toggle()`: `close()` when the window is open, `open()` when it is not. */
export const toggleChat = (): Promise<void> => callOwner('toggle');
