/** @jsxImportSource solid-js */
// Solid 1.x: the tag in Solid JSX, after the one-line opt-in. (The pragma above makes
// this file's JSX Solid's; an app sets `jsxImportSource: "solid-js"` in its tsconfig.)
import 'closer-chat';
import type {} from 'closer-chat/solid';
import type { CloserChat } from 'closer-chat';

declare const email: string;
declare const showButton: boolean;

export const chat = (
  <closer-chat
    ref={(element) => void element.load()}
    org-id="00000000-0000-0000-0000-000000000000"
    loading="interaction"
    launcher-label="Chat with us"
    grace-period={5000}
    disable-auto-open
    show-button={showButton}
    class="chat"
    identity={{ email }}
    prop:options={{ language: 'pl' }}
    prop:getLoginHintToken={async () => 'hint'}
    attr:api-key=""
    attr:remember-engagement="false"
    on:closer-open={(event) => void event.detail}
    on:closer-tags-changed={(event) => {
      const tags: readonly string[] = event.detail.tags;
      const target: CloserChat = event.currentTarget;
      void [tags, target];
    }}
    on:closer-ready={{ once: true, handleEvent: (event) => void event.detail.options }}
    oncloser-conversation-status-changed={(event) => void event.detail.status}
    oncloser-error={(event) => void event.detail.code}
  >
    <span>Chat</span>
  </closer-chat>
);

// @ts-expect-error the detail has `tags`, not `tagz`
export const wrongDetail = <closer-chat on:closer-tags-changed={(event) => void event.detail.tagz} />;

// @ts-expect-error not a loading strategy
export const wrongLoading = <closer-chat loading="lazy" />;

// @ts-expect-error an expression sets the property `showButton`, a boolean: the string "false" is not one
export const stringShowButton = <closer-chat show-button={showButton ? 'true' : 'false'} />;

// @ts-expect-error identity is an object, not a string
export const wrongIdentity = <closer-chat prop:identity="ada@example.com" />;

// @ts-expect-error the unread count is a number
export const wrongCount = <closer-chat oncloser-unread-changed={(event) => event.detail.count.toUpperCase()} />;

// @ts-expect-error Solid would listen for `closeropen`: write `on:closer-open` or `oncloser-open`
export const camelCaseEvent = <closer-chat onCloserOpen={() => undefined} />;
