// Type-checked alone by no-frameworks.js: the main entry and the CDN bundle must not
// need any framework's types (users without React, Vue or Svelte have none).
import { CloserChat, type CloserChatAttributes } from 'closer-chat';
import { CloserChat as FromBundle } from 'closer-chat/closer-chat.bundle.js';

const element: CloserChat = new FromBundle();
const attributes: CloserChatAttributes = { 'org-id': '00000000-0000-0000-0000-000000000000', loading: 'idle' };
// @ts-expect-error not a loading strategy
const wrong: CloserChatAttributes = { loading: 'later' };
void [element, attributes, wrong];
