/** @jsxImportSource preact */
// Preact 10: the tag in Preact JSX, after the one-line opt-in. (The pragma above makes
// this file's JSX Preact's; an app sets `jsxImportSource: "preact"` in its tsconfig.)
import 'closer-chat';
import type {} from 'closer-chat/preact';
import type { CloserChat } from 'closer-chat';
import { useRef } from 'preact/hooks';

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
      class="chat"
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
  // @ts-expect-error Preact drops an attribute set to false, which would *show* the button: write "false"
  <closer-chat remember-engagement={false} />
);

export const wrongListener = (
  // @ts-expect-error the unread count is a number
  <closer-chat oncloser-unread-changed={(event: CustomEvent<{ count: string }>) => void event} />
);

export const camelCaseEvent = (
  // @ts-expect-error Preact would listen for `CloserOpen` (10) or `closeropen` (11): write `oncloser-open`
  <closer-chat onCloserOpen={() => undefined} />
);
