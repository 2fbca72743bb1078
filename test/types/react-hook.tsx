// React 18 and 19: `useCloserChat()` from closer-chat/react, the page's chat without a ref.
import { useCloserChat, type CloserChatHook, type CloserChatSnapshot } from 'closer-chat/react';
import type { CloserChat, WidgetPhase } from 'closer-chat';

export function ChatButton() {
  const chat: CloserChatHook = useCloserChat();
  const { open, close, toggle, opened, unreadCount, ready, state, tags, conversationStatus, element } = chat;
  const phase: WidgetPhase = state;
  const status: 'waiting' | 'inProgress' | 'solved' | 'unsolved' | undefined = conversationStatus;
  const found: CloserChat | undefined = element;
  const done: Promise<void>[] = [open(), close(), toggle()];
  void [phase, status, found, done, tags];
  // @ts-expect-error the snapshot is read-only
  chat.opened = true;
  // @ts-expect-error the tags are read-only
  tags.push('x');
  return (
    <button onClick={() => void open()} disabled={!ready}>
      {opened ? 'Chat open' : 'Chat'} ({unreadCount})
    </button>
  );
}

const snapshot: CloserChatSnapshot = {
  state: 'idle',
  ready: false,
  opened: false,
  unreadCount: 0,
  tags: [],
  conversationStatus: undefined,
  element: undefined,
};
// @ts-expect-error not a state of the widget
const wrong: CloserChatSnapshot = { ...snapshot, state: 'open' };
void [snapshot, wrong];
