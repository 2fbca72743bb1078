// React 18: the `closer-chat/react` wrapper (@lit/react), with callback-named event props.
import { CloserChat, EVENT_PROPS } from 'closer-chat/react';
import type { CloserChat as CloserChatElement } from 'closer-chat';
import { useRef } from 'react';

export function Chat() {
  const ref = useRef<CloserChatElement>(null);
  return (
    <CloserChat
      ref={ref}
      orgId="00000000-0000-0000-0000-000000000000"
      loading="interaction"
      identity={{ email: 'ada@example.com' }}
      onOpen={(event) => void event.detail}
      onTagsChanged={(event) => {
        const tags: readonly string[] = event.detail.tags;
        void tags;
      }}
      onConversationStatusChanged={(event) => void event.detail.status}
      onUnreadChanged={(event) => {
        const count: number = event.detail.count;
        void count;
      }}
      onError={(event) => void event.detail.phase}
    />
  );
}

const eventName: 'closer-tags-changed' = EVENT_PROPS.onTagsChanged;
void eventName;

// @ts-expect-error the detail has `tags`, not `tagz`
export const wrongDetail = <CloserChat onTagsChanged={(event) => void event.detail.tagz} />;

// @ts-expect-error not a loading strategy
export const wrongLoading = <CloserChat loading="lazy" />;

// @ts-expect-error no such event prop
export const wrongEvent = <CloserChat onTagsChange={() => undefined} />;
