/**
 * `closer-chat/element`: the class, its events and types, without registering the tag.
 * For an app that defines it under its own name or in a scoped registry:
 * `customElements.define('my-chat', CloserChat)`. `closer-chat` is this plus registration.
 */
export { CloserChat } from './closer-chat.js';
// The event names and detail types; the dispatch helpers and the SDK callback table stay inside.
export {
  CLOSE_EVENT,
  CLOSER_EVENTS,
  CONSENT_REQUIRED_EVENT,
  CONVERSATION_STATUS_CHANGED_EVENT,
  ERROR_EVENT,
  LEKTA_CONTEXT_EVENT,
  LOGOUT_EVENT,
  MESSAGE_RECEIVED_EVENT,
  MESSAGE_SENT_EVENT,
  OPEN_EVENT,
  READY_EVENT,
  TAGS_CHANGED_EVENT,
  UNREAD_CHANGED_EVENT,
  USER_AUTHORIZATION_FAILED_EVENT,
  USER_AUTHORIZED_EVENT,
  type CallbackArgs,
  type CloserChatEventMap,
  type ConversationStatus,
  type LogoutReason,
  type ReportedOptions,
  type WidgetCallbackName,
} from './events.js';
export {
  CloserChatError,
  ERRORS,
  type CloserErrorDetail,
  type ConfigIssue,
  type ErrorCode,
  type ErrorPhase,
} from './errors.js';
export type { WidgetPhase, WidgetState } from './widget/state.js';
export { LOADING_STRATEGIES, OFFICIAL_WIDGET_URL, type Identity, type LoadingStrategy } from './config/attributes.js';
export type { InitOptions } from './config/read-config.js';
export type {
  BooleanAttributeValue,
  CloserChatAttributes,
  CloserChatEventName,
  CloserChatListener,
  CloserChatProperties,
} from './frameworks/framework-types.js';
