/**
 * `useCloserChat()`, exported by `closer-chat/react`: the page's chat in a React
 * component, without a ref (one widget per document; see chat-store.ts).
 *
 *     const { ready, opened, unreadCount, open } = useCloserChat();
 *     <button onClick={() => void open()} disabled={!ready}>Chat ({unreadCount})</button>
 *
 * The `<closer-chat>` may be anywhere in the page, rendered by this component, by
 * another one, or not yet: the values follow whichever element runs the widget. On a
 * server, and in the render that hydrates, they read as a page without a chat.
 */
import * as React from 'react';
import {
  closeChat,
  getServerSnapshot,
  getSnapshot,
  openChat,
  subscribe,
  toggleChat,
  type CloserChatSnapshot,
} from './chat-store.js';

/** What `useCloserChat()` returns: the snapshot, and the element's methods. */
export interface CloserChatHook extends CloserChatSnapshot {
  /** The element's `open()`; rejects with a `CloserChatError` (`not-connected`) when the page has no `<closer-chat>`. */
  open(): Promise<void>;
  /** The element's `close()`: rejects with `close-unsupported` where the SDK cannot close its window. */
  close(): Promise<void>;
  /** The element's `toggle()`: `close()` when the window is open, `open()` when it is not. */
  toggle(): Promise<void>;
}

const METHODS = { open: openChat, close: closeChat, toggle: toggleChat } as const;

/** The page's `<closer-chat>`: its state, re-rendered on every change, and its methods. */
export function useCloserChat(): CloserChatHook {
  const snapshot = React.useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  return React.useMemo(() => ({ ...snapshot, ...METHODS }), [snapshot]);
}
