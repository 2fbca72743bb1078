import { useState } from 'react';
import { useCloserChat } from 'closer-chat/react';

// The page's chat through the hook: no ref, and rendered before the <closer-chat>
// element exists (App renders it further down, and can remove it).
export function ChatStatus() {
  const { state, ready, opened, unreadCount, open } = useCloserChat();
  const [error, setError] = useState('');
  const openChat = () => {
    setError('');
    open().catch((e) => setError(e.detail?.code ?? String(e)));
  };
  return (
    <p id="hook">
      useCloserChat(): <output id="hook-state">{state}</output> ready=<output id="hook-ready">{String(ready)}</output>{' '}
      opened=<output id="hook-opened">{String(opened)}</output> unread=<output id="hook-unread">{unreadCount}</output>{' '}
      <button id="hook-open" onClick={openChat}>
        Open ({unreadCount})
      </button>{' '}
      <output id="hook-error">{error}</output>
    </p>
  );
}
