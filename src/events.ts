/**
 * Event names, detail types and the one table that maps the SDK's callbacks to DOM
 * events. The init callbacks, the `HTMLElementEventMap` entries, the manifest's
 * events and the README check all derive from `WIDGET_CALLBACKS` and `ELEMENT_EVENTS`,
 * so a renamed callback is a one-line change.
 */
import { printOnce, type CloserErrorDetail } from './errors.js';

/** Conversation statuses the SDK reports (the initial `waiting` is not reported). */
export type ConversationStatus = 'waiting' | 'inProgress' | 'solved' | 'unsolved';

export const OPEN_EVENT = 'closer-open';
export const CLOSE_EVENT = 'closer-close';
export const MESSAGE_SENT_EVENT = 'closer-message-sent';
export const MESSAGE_RECEIVED_EVENT = 'closer-message-received';
export const TAGS_CHANGED_EVENT = 'closer-tags-changed';
export const LEKTA_CONTEXT_EVENT = 'closer-lekta-context';
export const CONVERSATION_STATUS_CHANGED_EVENT = 'closer-conversation-status-changed';
export const USER_AUTHORIZED_EVENT = 'closer-user-authorized';
export const USER_AUTHORIZATION_FAILED_EVENT = 'closer-user-authorization-failed';
export const UNREAD_CHANGED_EVENT = 'closer-unread-changed';
export const READY_EVENT = 'closer-ready';
export const LOGOUT_EVENT = 'closer-logout';
export const ERROR_EVENT = 'closer-error';
export const CONSENT_REQUIRED_EVENT = 'closer-consent-required';

/** A callback without documented arguments: its event has only `args`. */
const noDetail = (): Record<string, never> => ({});

/**
 * SDK callback → the event it becomes → how its arguments become the detail.
 * The SDK's argument shapes are documented but not enforced, so each mapper
 * tolerates a missing or malformed argument rather than throwing inside the SDK.
 * Each row's comment is the event's description in the manifest.
 */
export const WIDGET_CALLBACKS = {
  /** The chat window opened. */
  onOpen: { event: OPEN_EVENT, detail: noDetail },
  /** The chat window closed. */
  onClose: { event: CLOSE_EVENT, detail: noDetail },
  /** The visitor sent a message. */
  onMessageSent: { event: MESSAGE_SENT_EVENT, detail: noDetail },
  /** A message arrived for the visitor. */
  onMessageReceived: { event: MESSAGE_RECEIVED_EVENT, detail: noDetail },
  /** The conversation tags changed. */
  onTagsChanged: {
    event: TAGS_CHANGED_EVENT,
    detail: (tags?: readonly string[]): { tags: readonly string[] } => ({
      tags: Object.freeze(Array.isArray(tags) ? [...(tags as readonly string[])] : []),
    }),
  },
  /** The Lekta bot set its context. */
  onLektaContext: {
    event: LEKTA_CONTEXT_EVENT,
    detail: (context?: unknown): { context: unknown } => ({ context }),
  },
  /** The conversation's status changed: `waiting`, `inProgress`, `solved` or `unsolved` (not the initial `waiting`). */
  onConversationStatusChanged: {
    event: CONVERSATION_STATUS_CHANGED_EVENT,
    detail: (change?: { status: ConversationStatus }): { status: ConversationStatus } => ({
      status: change?.status as ConversationStatus,
    }),
  },
  // The docs confirm a success counterpart of onUserAuthorizationFailed but do not
  // publish its name; `onUserAuthorized` is our best reading. Rename here if needed.
  /** The stored session passed its check. */
  onUserAuthorized: { event: USER_AUTHORIZED_EVENT, detail: noDetail },
  /** The stored session failed its check. */
  onUserAuthorizationFailed: { event: USER_AUTHORIZATION_FAILED_EVENT, detail: noDetail },
} as const;

type CallbackTable = typeof WIDGET_CALLBACKS;
/** Names of the SDK callbacks we forward (`onOpen`, `onTagsChanged`, …). */
export type WidgetCallbackName = keyof CallbackTable;

/** Init options as reported in `closer-ready`: functions dropped, secrets redacted. */
export type ReportedOptions = Readonly<Record<string, unknown>>;

/** Why `closer-logout` fired: `logout()` here, consent withheld after the widget ran, or a `deinit` in another same-origin tab. */
export type LogoutReason = 'logout' | 'consent' | 'other-tab';

/**
 * Every callback's event also carries what the SDK passed, as `args` (the api key
 * redacted), for arguments the docs do not describe.
 */
export interface CallbackArgs {
  readonly args: readonly unknown[];
}

/**
 * The element's own events, which no SDK callback sends. (The comments are the
 * manifest's descriptions, read from this source by the build.)
 */
export const ELEMENT_EVENTS = [
  /** `unreadCount` changed. */
  UNREAD_CHANGED_EVENT,
  /** `closer.init` ran, or this element adopted a running widget. `options` has no functions, and `apiKey` reads `"[redacted]"`. */
  READY_EVENT,
  /** The visitor was logged off: by `logout()` (`reason: 'logout'`), by consent withheld after the widget ran (`'consent'`), or by a `deinit` in another same-origin tab (`'other-tab'`). */
  LOGOUT_EVENT,
  /** Configuration, loading or initialisation failed, or another element already runs the widget. */
  ERROR_EVENT,
  /** The visitor asked for the chat (a click, `open()`, `load()`) while `consent` is `pending` or `denied`. Cancelable: `preventDefault()` if the page's consent manager answers, and the facade shows no note of its own. */
  CONSENT_REQUIRED_EVENT,
] as const;

type CallbackEvents = {
  [K in WidgetCallbackName as CallbackTable[K]['event']]: CustomEvent<
    ReturnType<CallbackTable[K]['detail']> & CallbackArgs
  >;
};

/** Every event `<closer-chat>` dispatches, by name. */
export interface CloserChatEventMap extends CallbackEvents {
  [UNREAD_CHANGED_EVENT]: CustomEvent<{ count: number }>;
  [READY_EVENT]: CustomEvent<{ options: ReportedOptions }>;
  [LOGOUT_EVENT]: CustomEvent<{ reason: LogoutReason }>;
  [ERROR_EVENT]: CustomEvent<CloserErrorDetail>;
  [CONSENT_REQUIRED_EVENT]: CustomEvent<{ consent: 'pending' | 'denied' }>;
}

declare global {
  // Typed `addEventListener('closer-tags-changed', e => e.detail.tags)` everywhere.
  interface HTMLElementEventMap extends CloserChatEventMap {}
  // Every event bubbles, composed, to `document` and `window`: typed there too, for
  // `document.addEventListener('closer-error', e => e.detail.code)`.
  interface DocumentEventMap extends CloserChatEventMap {}
  interface WindowEventMap extends CloserChatEventMap {}
}

/** Every event name, for docs checks and for pages that log them all. */
export const CLOSER_EVENTS = [
  ...Object.values(WIDGET_CALLBACKS).map((entry) => entry.event),
  ...ELEMENT_EVENTS,
] as ReadonlyArray<keyof CloserChatEventMap>;

/**
 * Dispatches one of our events: bubbling and composed so a page or framework can
 * listen anywhere above the element. A throwing listener is reported by the browser
 * (window `error`) and does not reach us or stop the other listeners.
 */
export function emit<K extends keyof CloserChatEventMap>(
  target: EventTarget,
  name: K,
  detail: CloserChatEventMap[K]['detail'],
  cancelable = false,
): CloserChatEventMap[K] {
  const event = new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable });
  target.dispatchEvent(event);
  return event as CloserChatEventMap[K];
}

/** Every failure goes out the same way: a console line (once per element) and a `closer-error`. */
export function reportError(target: EventTarget | undefined, detail: CloserErrorDetail): void {
  printOnce(target, detail);
  if (target) emit(target, ERROR_EVENT, detail);
}
