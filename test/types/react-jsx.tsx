// React 19: the tag itself in JSX, after the one-line opt-in.
import 'closer-chat';
import type {} from 'closer-chat/react-jsx';
import type { CloserChat } from 'closer-chat';
import { useRef } from 'react';

export function Chat({ email }: { email: string }) {
  const ref = useRef<CloserChat>(null);
  return (
    <closer-chat
      ref={ref}
      org-id="00000000-0000-0000-0000-000000000000"
      api-key=""
      loading="interaction"
      launcher-label="Chat with us"
      grace-period="5000"
      disable-auto-open
      show-button="false"
      className="chat"
      identity={{ email }}
      options={{ language: 'pl' }}
      getLoginHintToken={async () => 'hint'}
      oncloser-open={(event) => void event.detail}
      oncloser-tags-changed={(event) => {
        const tags: readonly string[] = event.detail.tags;
        void tags;
      }}
      oncloser-conversation-status-changed={(event) => void event.detail.status}
      oncloser-error={(event) => void event.detail.code}
    >
      <span>Chat</span>
    </closer-chat>
  );
}

export const wrongDetail = (
  // @ts-expect-error the detail has `tags`, not `tagz`
  <closer-chat oncloser-tags-changed={(event) => void event.detail.tagz} />
);

export const wrongLoading = (
  // @ts-expect-error not a loading strategy
  <closer-chat loading="lazy" />
);

export const wrongOrgId = (
  // @ts-expect-error org-id is a string
  <closer-chat org-id={42} />
);

export const wrongIdentity = (
  // @ts-expect-error identity is an object, not a string
  <closer-chat identity="ada@example.com" />
);

export const falseShowButton = (
  // @ts-expect-error React drops an attribute set to false, which would *show* the button: write "false"
  <closer-chat show-button={false} />
);

export const wrongListener = (
  // @ts-expect-error the unread count is a number
  <closer-chat oncloser-unread-changed={(event: CustomEvent<{ count: string }>) => void event} />
);

export const wrongGracePeriod = (
  // @ts-expect-error grace-period is a number of milliseconds, not a flag
  <closer-chat grace-period />
);
