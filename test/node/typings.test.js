// The framework typings and the React 18 wrapper, against the built package:
// - the attributes typed for templates (CloserChatAttributes, in dist/frameworks/framework-types.d.ts,
//   mapped from the attribute table) are exactly the manifest's, which
//   test/manifest.test.ts holds to the element;
// - the wrapper's event props come from the one event table and import on a server.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const read = (path) => readFile(new URL(`../../${path}`, import.meta.url), 'utf8');

test('the attributes typed for React, Vue and Svelte are the manifest’s attributes', async () => {
  const manifest = JSON.parse(await read('custom-elements.json'));
  const element = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .find((d) => d.tagName === 'closer-chat');
  // CloserChatAttributes is mapped from the attribute table: ask the type checker for its keys.
  const file = fileURLToPath(new URL('../../dist/frameworks/framework-types.d.ts', import.meta.url));
  const program = ts.createProgram([file], { strict: true, skipLibCheck: true, noEmit: true });
  const typed = program
    .getSourceFile(file)
    .statements.find((node) => ts.isTypeAliasDeclaration(node) && node.name.text === 'CloserChatAttributes');
  assert.ok(typed, 'dist/frameworks/framework-types.d.ts declares CloserChatAttributes');
  const names = program
    .getTypeChecker()
    .getTypeAtLocation(typed.name)
    .getProperties()
    .map((symbol) => symbol.name);
  assert.ok(names.length > 0);
  assert.deepEqual(names.toSorted(), element.attributes.map((attribute) => attribute.name).toSorted());
});

test('closer-chat/react maps each event to the prop named after its SDK callback', async () => {
  const { EVENT_PROPS, CloserChat } = await import('closer-chat/react');
  const { CLOSER_EVENTS } = await import('closer-chat');
  // The callback table is internal (not exported): read from the built module.
  const { WIDGET_CALLBACKS } = await import('../../dist/events.js');
  assert.deepEqual(Object.values(EVENT_PROPS).toSorted(), [...CLOSER_EVENTS].toSorted());
  for (const [callback, { event }] of Object.entries(WIDGET_CALLBACKS)) assert.equal(EVENT_PROPS[callback], event);
  assert.equal(EVENT_PROPS.onUnreadChanged, 'closer-unread-changed');
  assert.equal(EVENT_PROPS.onError, 'closer-error');
  assert.equal(CloserChat.displayName, 'CloserChat');
});

test('closer-chat/react renders on a server (React SSR) without a DOM', async () => {
  assert.equal(typeof globalThis.document, 'undefined', 'this test must run without a DOM');
  const { CloserChat } = await import('closer-chat/react');
  const { createElement } = await import('react');
  const { renderToString } = await import('react-dom/server');
  const html = renderToString(
    createElement(CloserChat, { 'org-id': '00000000-0000-0000-0000-000000000000', onOpen: () => {} }),
  );
  assert.match(html, /^<closer-chat org-id="00000000-0000-0000-0000-000000000000"><\/closer-chat>$/);
});

test('useCloserChat() of closer-chat/react renders on a server as a page without a chat', async () => {
  assert.equal(typeof globalThis.document, 'undefined', 'this test must run without a DOM');
  const { useCloserChat } = await import('closer-chat/react');
  const { createElement } = await import('react');
  const { renderToString } = await import('react-dom/server');
  function Status() {
    const { state, ready, opened, unreadCount, tags, element } = useCloserChat();
    return createElement(
      'p',
      null,
      JSON.stringify({ state, ready, opened, unreadCount, tags, element: element ?? null }),
    );
  }
  const html = renderToString(createElement(Status));
  assert.equal(
    html.replaceAll('&quot;', '"'),
    '<p>{"state":"idle","ready":false,"opened":false,"unreadCount":0,"tags":[],"element":null}</p>',
  );
  await assert.rejects(useCloserChatOutsideReact(), {
    name: 'CloserChatError',
    message: /no <closer-chat> in the document/,
  });
});

/** The methods need no component: on a server they reject, as on a page without a chat. */
async function useCloserChatOutsideReact() {
  const { openChat } = await import('../../dist/frameworks/chat-store.js');
  return openChat();
}

test('useCloserChat() of closer-chat/vue renders on a server (Vue SSR) as a page without a chat', async () => {
  assert.equal(typeof globalThis.document, 'undefined', 'this test must run without a DOM');
  const { useCloserChat } = await import('closer-chat/vue');
  const { createSSRApp, h } = await import('vue');
  const { renderToString } = await import('vue/server-renderer');
  const app = createSSRApp({
    setup() {
      const { state, ready, opened, unreadCount } = useCloserChat();
      return () => h('p', `${state.value} ${ready.value} ${opened.value} ${unreadCount.value}`);
    },
  });
  assert.equal(await renderToString(app), '<p>idle false false 0</p>');
});

test('the type-only entries closer-chat/preact and closer-chat/solid import as empty modules', async () => {
  for (const entry of ['closer-chat/preact', 'closer-chat/solid', 'closer-chat/react-jsx', 'closer-chat/svelte']) {
    assert.deepEqual(Object.keys(await import(entry)), [], entry);
  }
});
