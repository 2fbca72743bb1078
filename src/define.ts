/**
 * Registers `<closer-chat>`. Kept apart from the class so importing the class alone
 * has no side effect. Safe twice (a CMS page may include the script twice) and on a
 * server without a DOM.
 */
import { CloserChat } from './closer-chat.js';

export const TAG_NAME = 'closer-chat';

export function defineCloserChat(registry: CustomElementRegistry | undefined = globalThis.customElements): void {
  if (registry && !registry.get(TAG_NAME)) registry.define(TAG_NAME, CloserChat);
}

defineCloserChat();
