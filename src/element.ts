/**
 * `closer-chat/element`: the class, its events and types, without registering the tag.
 * For an app that defines it under its own name or in a scoped registry:
 * `customElements.define('my-chat', CloserChat)`. `closer-chat` is this plus registration.
 */
export { CloserChat } from './closer-chat.js';
export * from './events.js';
export {
  CloserChatError,
  ERRORS,
  type CloserErrorDetail,
  type ConfigIssue,
  type ErrorCode,
  type ErrorPhase,
} from './errors.js';
export type { WidgetPhase, WidgetState } from './widget/live-widget.js';
export { LOADING_STRATEGIES, OFFICIAL_WIDGET_URL, type Identity, type LoadingStrategy } from './config/attributes.js';
export type { InitOptions } from './config/read-config.js';
export type {
  BooleanAttributeValue,
  CloserChatAttributes,
  CloserChatEventName,
  CloserChatListener,
  CloserChatProperties,
} from './frameworks/framework-types.js';
