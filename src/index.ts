/** Public entry: the element (registered on import), its events and types. */
import './define.js';

export { CloserChat } from './closer-chat.js';
export { defineCloserChat, TAG_NAME } from './define.js';
export * from './events.js';
export { CloserChatError, type WidgetPhase, type WidgetState } from './widget.js';
export {
  LOADING_STRATEGIES,
  OFFICIAL_WIDGET_URL,
  type Identity,
  type InitOptions,
  type LoadingStrategy,
} from './options.js';
export type {
  BooleanAttributeValue,
  CloserChatAttributes,
  CloserChatEventName,
  CloserChatListener,
  CloserChatProperties,
} from './framework-types.js';
