// Lifecycle (README): importing the package on a server (Node, no DOM) must not throw.
// Runs against the built ESM output, as a server bundle would import it.
import assert from 'node:assert/strict';
import { test } from 'node:test';

test('importing closer-chat in Node without a DOM does not throw', async () => {
  assert.equal(typeof globalThis.document, 'undefined', 'this test must run without a DOM');
  const module = await import('../../dist/index.js');
  assert.equal(typeof module.CloserChat, 'function');
  assert.equal(module.TAG_NAME, 'closer-chat');
  assert.ok(module.CLOSER_EVENTS.includes('closer-open'));
});

test('the element class and the define module import alone without a DOM', async () => {
  await assert.doesNotReject(import('../../dist/closer-chat.js'));
  const { defineCloserChat } = await import('../../dist/define.js');
  assert.doesNotThrow(() => defineCloserChat());
});

// dist/closer-chat.bundle.js is for browsers only (a <script type="module"> on a CMS
// page): it inlines Lit's browser build, which extends HTMLElement at load.

test('closer-chat/boot imports without a DOM and does nothing there', async () => {
  await assert.doesNotReject(import('../../dist/boot/index.js'));
});
