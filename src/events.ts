/**
 * Event names, detail types and the one table that maps the SDK's callbacks to
 * DOM events. The init callbacks, the `HTMLElementEventMap` entries and the README
 * check all derive from `WIDGET_CALLBACKS`, so a renamed callback is a one-line change.
 */

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

/** An event without data. Frozen so one listener cannot change what the next sees. */
const noDetail = (): Record<string, never> => Object.freeze({});

/**
 * SDK callback → the event it becomes → how its arguments become the detail.
 * The SDK's argument shapes are documented but not enforced, so each mapper
 * tolerates a missing or malformed argument rather than throwing inside the SDK.
 */
export const WIDGET_CALLBACKS = {
  onOpen: { event: OPEN_EVENT, detail: noDetail },
  onClose: { event: CLOSE_EVENT, detail: noDetail },
  onMessageSent: { event: MESSAGE_SENT_EVENT, detail: noDetail },
  onMessageReceived: { event: MESSAGE_RECEIVED_EVENT, detail: noDetail },
  onTagsChanged: {
    event: TAGS_CHANGED_EVENT,
    detail: (tags?: readonly string[]): { tags: readonly string[] } => ({
      tags: Object.freeze(Array.isArray(tags) ? [...tags] : []),
    }),
  },
  onLektaContext: {
    event: LEKTA_CONTEXT_EVENT,
    detail: (context?: unknown): { context: unknown } => ({ context }),
  },
  onConversationStatusChanged: {
    event: CONVERSATION_STATUS_CHANGED_EVENT,
    detail: (change?: { status: ConversationStatus }): { status: ConversationStatus } => ({
      status: change?.status as ConversationStatus,
    }),
  },
  // The docs confirm a success counterpart of onUserAuthorizationFailed but do not
  // publish its name; `onUserAuthorized` is our best reading. Rename here if needed.
  onUserAuthorized: { event: USER_AUTHORIZED_EVENT, detail: noDetail },
  onUserAuthorizationFailed: { event: USER_AUTHORIZATION_FAILED_EVENT, detail: noDetail },
} as const;

type CallbackTable = typeof WIDGET_CALLBACKS;
/** Names of the SDK callbacks we forward (`onOpen`, `onTagsChanged`, …). */
export type WidgetCallbackName = keyof CallbackTable;

/** Where in its life an error happened. */
export type ErrorPhase = 'config' | 'load' | 'init' | 'conflict';

/** One problem with the element's input, named by the attribute or property to fix. */
export interface ConfigIssue {
  /** The attribute (`org-id`) or property (`options.onOpen`) at fault. */
  readonly name: string;
  readonly message: string;
}

export interface CloserErrorDetail {
  readonly phase: ErrorPhase;
  /** Stable, machine-readable reason, e.g. `invalid-config`, `load-failed`. */
  readonly code: string;
  /** Human-readable, never contains the api key. */
  readonly message: string;
  readonly issues?: readonly ConfigIssue[];
}

/** Init options as reported in `closer-ready`: functions dropped, secrets redacted. */
export type ReportedOptions = Readonly<Record<string, unknown>>;

type CallbackEvents = {
  [K in WidgetCallbackName as CallbackTable[K]['event']]: CustomEvent<
    ReturnType<CallbackTable[K]['detail']>
  >;
};

/** Every event `<closer-chat>` dispatches, by name. */
export interface CloserChatEventMap extends CallbackEvents {
  [UNREAD_CHANGED_EVENT]: CustomEvent<{ count: number }>;
  [READY_EVENT]: CustomEvent<{ options: ReportedOptions }>;
  [LOGOUT_EVENT]: CustomEvent<Record<string, never>>;
  [ERROR_EVENT]: CustomEvent<CloserErrorDetail>;
}

declare global {
  // Typed `addEventListener('closer-tags-changed', e => e.detail.tags)` everywhere.
  interface HTMLElementEventMap extends CloserChatEventMap {}
}

/** Every event name, for docs checks and for pages that log them all. */
export const CLOSER_EVENTS = [
  ...Object.values(WIDGET_CALLBACKS).map((entry) => entry.event),
  UNREAD_CHANGED_EVENT,
  READY_EVENT,
  LOGOUT_EVENT,
  ERROR_EVENT,
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
): CloserChatEventMap[K] {
  const event = new CustomEvent(name, { detail, bubbles: true, composed: true });
  target.dispatchEvent(event);
  return event as CloserChatEventMap[K];
}

/** Every failure goes out the same way: one console line and one `closer-error`. */
export function reportError(target: EventTarget | undefined, detail: CloserErrorDetail): void {
  console.error(detail.message);
  if (target) emit(target, ERROR_EVENT, detail);
}
