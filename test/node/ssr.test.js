// Server rendering: `<closer-chat>` through @lit-labs/ssr, importing the package by name
// (its built ESM, dist/index.js) as a Node server would. The HTML must be declarative
// shadow DOM; for `loading="interaction"` it holds the launcher, so the visitor sees it
// before any script runs. Nothing of the page (document, window, storage, navigator)
// may be touched on the server, and bad attributes must not throw there: the client
// reports them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

const ORG_ID = '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const PAGE_GLOBALS = ['document', 'window', 'localStorage', 'sessionStorage', 'navigator', 'location'];

let render;
let collectResult;
let collectResultSync;
let html;
let LitElementRenderer;

before(async () => {
  assert.equal(typeof globalThis.document, 'undefined', 'this test must run without a DOM');
  // The package first, then the renderer: a server may import them in either order.
  await import('closer-chat');
  ({ render, LitElementRenderer } = await import('@lit-labs/ssr'));
  ({ collectResult, collectResultSync } = await import('@lit-labs/ssr/lib/render-result.js'));
  ({ html } = await import('lit'));
});

/** Fails the test if rendering reads any page global; the globals stay undefined. */
function trapPageGlobals() {
  const touched = new Set();
  for (const name of PAGE_GLOBALS) {
    assert.equal(Object.getOwnPropertyDescriptor(globalThis, name), undefined, `${name} is not defined in Node`);
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        touched.add(name);
        return undefined;
      },
    });
  }
  return {
    touched,
    release() {
      for (const name of PAGE_GLOBALS) delete globalThis[name];
    },
  };
}

/** Renders a template to a string, with the page globals trapped. */
function renderTrapped(template, { sync = true } = {}) {
  const trap = trapPageGlobals();
  const done = (out) => {
    trap.release();
    assert.deepEqual([...trap.touched], [], 'no page API touched on the server');
    return out;
  };
  try {
    const result = render(template);
    if (sync) return done(collectResultSync(result));
    return collectResult(result).then(done, (error) => {
      trap.release();
      throw error;
    });
  } catch (error) {
    trap.release();
    throw error;
  }
}

/** The `<closer-chat …>…</closer-chat>` part of a rendered page. */
function element(out) {
  const match = /<closer-chat\b[^>]*>([\s\S]*?)<\/closer-chat>/.exec(out);
  assert.ok(match, `a <closer-chat> element in:\n${out}`);
  return { outer: match[0], inner: match[1] };
}

/** The declarative shadow root's content, styles left out. */
function shadowContent(out) {
  const { inner } = element(out);
  const match = /^<template shadowroot="open" shadowrootmode="open">([\s\S]*)<\/template>$/.exec(inner);
  assert.ok(match, `the element's content is one declarative shadow root:\n${inner}`);
  const content = match[1];
  assert.match(content, /^<style>[\s\S]*<\/style>/, 'the styles come first, so the launcher is styled before JS');
  return content.replace(/^<style>[\s\S]*?<\/style>/, '');
}

const buttons = (content) => [...content.matchAll(/<button\b([^>]*)>/g)].map((m) => m[1].replace(/\s+/g, ' ').trim());

describe('server rendering with @lit-labs/ssr', () => {
  test('loading="interaction": the launcher is in the HTML, named, styled, in the shadow root', () => {
    const out = renderTrapped(html`<closer-chat org-id=${ORG_ID} loading="interaction"></closer-chat>`);
    const content = shadowContent(out);
    const found = buttons(content);
    assert.equal(found.length, 1, 'exactly one button');
    assert.match(found[0], /part="launcher button"/);
    assert.match(found[0], /type="button"/);
    assert.match(found[0], /aria-label="Open chat"/);
    assert.doesNotMatch(found[0], /aria-busy/, 'not busy before any click');
    assert.match(content, /<slot>[\s\S]*<svg[\s\S]*<\/slot>/, 'the icon is the slot’s fallback');
    // The launcher's own rule, whichever selector list it shares (the note shares it),
    // as written or as the build compacts it.
    assert.match(
      out,
      /<style>[\s\S]*\bbutton(, ?p)? ?\{\s*position: ?fixed;[\s\S]*<\/style>/,
      'the launcher’s style is inlined',
    );
  });

  test('launcher-label names the launcher, escaped', async () => {
    const label = 'Chat with "sales" & <support>';
    const out = await renderTrapped(
      html`<closer-chat org-id=${ORG_ID} loading="interaction" launcher-label=${label}></closer-chat>`,
      { sync: false },
    );
    const [button] = buttons(shadowContent(out));
    assert.match(button, /aria-label="Chat with &quot;sales&quot; &amp; &lt;support&gt;"/);
  });

  test('show-button="false" with interaction: no launcher (the page opens the chat with open())', () => {
    const out = renderTrapped(
      html`<closer-chat org-id=${ORG_ID} loading="interaction" show-button="false"></closer-chat>`,
    );
    assert.deepEqual(buttons(shadowContent(out)), []);
  });

  test('show-button="true" or "" keeps the launcher', () => {
    for (const value of ['true', '']) {
      const out = renderTrapped(
        html`<closer-chat org-id=${ORG_ID} loading="interaction" show-button=${value}></closer-chat>`,
      );
      assert.equal(buttons(shadowContent(out)).length, 1, `show-button="${value}"`);
    }
  });

  for (const loading of ['eager', 'idle', 'manual', undefined]) {
    test(`loading=${loading ?? '(absent)'}: an empty shadow root`, () => {
      const out = loading
        ? renderTrapped(html`<closer-chat org-id=${ORG_ID} loading=${loading}></closer-chat>`)
        : renderTrapped(html`<closer-chat org-id=${ORG_ID}></closer-chat>`);
      const content = shadowContent(out);
      assert.deepEqual(buttons(content), []);
      assert.equal(content.replace(/<!--[^>]*-->/g, '').trim(), '', 'nothing but Lit’s markers');
    });
  }

  test('consent withheld, or left to a consent manager (consent-from): the launcher, whatever loading says', () => {
    for (const template of [
      html`<closer-chat org-id=${ORG_ID} loading="idle" consent="pending"></closer-chat>`,
      html`<closer-chat org-id=${ORG_ID} loading="eager" consent-from="cookieconsent:functionality"></closer-chat>`,
    ]) {
      assert.equal(buttons(shadowContent(renderTrapped(template))).length, 1);
    }
  });

  test('bad input does not throw on the server; it is left to the client to report', () => {
    const cases = [
      html`<closer-chat loading="interaction"></closer-chat>`,
      html`<closer-chat org-id="not-a-uuid" loading="interaction"></closer-chat>`,
      html`<closer-chat org-id=${ORG_ID} loading="sometimes"></closer-chat>`,
      html`<closer-chat org-id=${ORG_ID} api-key="nope" src="javascript:alert(1)" loading="eager"></closer-chat>`,
      html`<closer-chat org-id=${ORG_ID} .options=${{ onOpen: () => {} }} .identity=${'me'}></closer-chat>`,
      html`<closer-chat></closer-chat>`,
    ];
    for (const template of cases) {
      const out = renderTrapped(template);
      shadowContent(out);
    }
    // Missing org-id with interaction: the launcher is drawn all the same; the client,
    // which validates, removes it and fires closer-error (test/ssr.test.ts).
    const out = renderTrapped(html`<closer-chat loading="interaction"></closer-chat>`);
    assert.equal(buttons(shadowContent(out)).length, 1);
  });

  test('attributes stay on the host as written; nothing is added', () => {
    const out = renderTrapped(
      html`<closer-chat org-id=${ORG_ID} loading="interaction" api-key="" nonce="abc"></closer-chat>`,
    );
    const open = /<closer-chat\b[^>]*>/.exec(out)[0];
    const names = [...open.slice('<closer-chat'.length).matchAll(/\s([a-z-]+)(?==|\s|>)/g)].map((m) => m[1]);
    assert.deepEqual(names.sort(), ['api-key', 'loading', 'nonce', 'org-id']);
  });

  test('several elements render (the client reports the conflict, not the server)', () => {
    const out = renderTrapped(
      html`<closer-chat org-id=${ORG_ID} loading="interaction"></closer-chat
        ><closer-chat org-id=${ORG_ID} loading="interaction"></closer-chat>`,
    );
    assert.equal(out.match(/shadowrootmode="open"/g).length, 2);
  });

  describe('with LitElementRenderer told to call connectedCallback', () => {
    const option = (el) => (el.localName === 'closer-chat' ? { connectedCallback: true } : undefined);
    before(() => LitElementRenderer.renderOptions.push(option));
    after(() => LitElementRenderer.renderOptions.splice(LitElementRenderer.renderOptions.indexOf(option), 1));

    test('still renders the launcher and touches no page API', () => {
      const out = renderTrapped(html`<closer-chat org-id=${ORG_ID} loading="interaction"></closer-chat>`);
      assert.equal(buttons(shadowContent(out)).length, 1);
    });
  });
});
