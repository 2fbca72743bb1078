/** Public entry: the element registered as `<closer-chat>` on import, its events and types. */
import './define.js';

export * from './element.js';
export { defineCloserChat, TAG_NAME } from './define.js';
