#!/usr/bin/env node
// Server-renders a test page that holds <closer-chat>, as a Node server would: Lit's
// @lit-labs/ssr, and the package imported by name (its built ESM, dist/index.js).
// Prints the HTML on stdout. Served at /ssr/page.html by ./middleware.js.
//
//   node test/ssr/render-page.js 'loading=interaction&client=src'
//
// Query:
//   loading, launcher-label, show-button   the element's attributes (absent: left out)
//   org-id                                 default a valid id; `org-id=` leaves it out
//   src                                    the widget; default the development widget
//   client = src | bundle | hydrate        how the page loads the element: src/index.ts,
//                                          dist/closer-chat.bundle.js, or dist/index.js
//                                          after Lit's hydrate support
//   engaged=1, save-data=1                 a returning visitor; Save-Data on
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import 'closer-chat';

const ORG_ID = '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

const CLIENTS = {
  src: '<script type="module" src="/src/index.ts"></script>',
  bundle: '<script type="module" src="/dist/closer-chat.bundle.js"></script>',
  hydrate: '<script type="module" src="/test/ssr/hydrate-client.js"></script>',
};

const params = new URLSearchParams(process.argv[2] ?? '');
const attr = (name) => (params.get(name) ? params.get(name) : params.has(name) ? '' : undefined);
const client = CLIENTS[params.get('client') ?? 'src'];
if (!client) throw new Error(`client must be one of ${Object.keys(CLIENTS).join(', ')}`);
const orgId = params.has('org-id') ? params.get('org-id') || undefined : ORG_ID;

const element = await collectResult(
  render(
    html`<closer-chat
      org-id=${ifDefined(orgId)}
      src=${params.get('src') ?? '/dev/simulator/widget.js'}
      loading=${ifDefined(attr('loading'))}
      show-button=${ifDefined(attr('show-button'))}
      launcher-label=${ifDefined(attr('launcher-label'))}
    ></closer-chat>`,
  ),
);

const head = `
  localStorage.clear();
  if (${params.get('engaged') === '1'}) localStorage.setItem('closer-chat:engaged', '1');
  if (${params.get('save-data') === '1'}) {
    Object.defineProperty(navigator, 'connection', { configurable: true, value: { saveData: true, effectiveType: '4g' } });
  }
  window.requests = () =>
    performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/dev/simulator/widget.js'));
  window.pageErrors = [];
  addEventListener('error', (event) => pageErrors.push(String(event.message)));
  addEventListener('unhandledrejection', (event) => pageErrors.push(String(event.reason?.message ?? event.reason)));
  window.closerErrors = [];
  addEventListener('closer-error', (event) => closerErrors.push(event.detail));`;

// Right after the parser has passed the element, before any module script has run.
const snapshot = `
  (() => {
    const chat = document.querySelector('closer-chat');
    const root = chat && chat.shadowRoot;
    const button = root && root.querySelector('button');
    window.serverButton = button;
    window.beforeUpgrade = {
      defined: !!customElements.get('closer-chat'),
      shadowRoot: !!root,
      buttons: root ? root.querySelectorAll('button').length : -1,
      label: button && button.getAttribute('aria-label'),
      part: button && button.getAttribute('part'),
      position: button && getComputedStyle(button).position,
      requests: requests().length,
    };
  })();`;

process.stdout.write(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>closer-chat server-rendered test page</title>
    <script>${head}
    </script>
  </head>
  <body>
    <h1>Server-rendered page</h1>
    ${element}
    <script>${snapshot}
    </script>
    ${client}
  </body>
</html>
`);
