// @ts-check
/**
 * The development widget's drawing: the launcher and the chat panel, in a shadow root
 * on one `<div id="closer-simulator" data-closer-widget>` at the end of `<body>`.
 *
 * An ES module loaded by widget.js (`import()`, the first time `init` runs). It holds no
 * widget state: widget.js owns the session and passes a snapshot to `render()`; the
 * controls call back into widget.js through `actions`. Everything is built with DOM
 * APIs (no `innerHTML`), so it runs under `require-trusted-types-for 'script'`; the
 * styles go in a constructed stylesheet where the browser has them, so a strict
 * `style-src` does not block them either.
 */

/**
 * @typedef {object} PanelState
 * @property {boolean} isOpen
 * @property {boolean} showLauncher
 * @property {number} unread
 * @property {Record<string, any> | null} identity
 * @property {readonly string[]} tags
 * @property {string} status
 * @property {'authorized' | 'failed' | null} auth
 * @property {readonly { from: 'agent' | 'client', text: string }[]} messages
 * @property {string} last the last callback fired, as text
 */

/**
 * @typedef {object} PanelActions
 * @property {() => void} open
 * @property {() => void} close
 * @property {(text: string) => void} send
 * @property {() => void} agentMessage
 * @property {() => void} lekta
 * @property {(tags: string[]) => void} tags
 * @property {(status: string) => void} status
 * @property {() => void} authorized
 * @property {() => void} authFailed
 */

/**
 * @typedef {object} Panel
 * @property {HTMLDivElement} root
 * @property {boolean} shown the panel (not just the launcher) is visible
 * @property {(state: PanelState) => void} render
 * @property {() => void} mount adds the root to `<body>` (at DOMContentLoaded if there is none yet)
 * @property {(target: 'input' | 'launcher') => void} focus
 * @property {() => void} destroy
 */

const STATUSES = ['waiting', 'inProgress', 'solved', 'unsolved'];

const CSS = `
  *, *::before, *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }
  .stack {
    display: flex; flex-direction: column; align-items: flex-end; gap: 12px;
    font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
    color: #1f2937;
  }
  .sr-only {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  .panel {
    width: 320px; max-width: calc(100vw - 32px); max-height: calc(100vh - 104px);
    display: flex; flex-direction: column; overflow: hidden;
    background: #fff; border: 1px solid #d1d5db; border-radius: 12px;
    box-shadow: 0 12px 32px rgba(15, 23, 42, 0.2);
  }
  header {
    display: flex; align-items: flex-start; gap: 8px; padding: 10px 10px 10px 14px;
    background: #1e3a8a; color: #fff;
  }
  .titles { flex: 1; min-width: 0; }
  h2 { margin: 0; font-size: 14px; font-weight: 600; }
  .who {
    margin: 2px 0 0; font-size: 12px; opacity: 0.85;
    overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
  }
  .meta {
    display: flex; flex-wrap: wrap; gap: 2px 12px; padding: 6px 14px;
    font-size: 12px; color: #4b5563; border-bottom: 1px solid #e5e7eb;
  }
  .meta b { font-weight: 600; color: #111827; }
  .messages {
    list-style: none; margin: 0; padding: 10px 14px; flex: 1 1 auto; min-height: 96px;
    overflow-y: auto; display: flex; flex-direction: column; gap: 6px;
  }
  .messages:empty::before {
    content: "No messages yet."; margin: auto; color: #6b7280; font-size: 12px;
  }
  .msg {
    max-width: 80%; padding: 6px 10px; border-radius: 12px;
    white-space: pre-wrap; overflow-wrap: anywhere;
  }
  .msg.agent { align-self: flex-start; background: #f3f4f6; border-bottom-left-radius: 4px; }
  .msg.client { align-self: flex-end; background: #2563eb; color: #fff; border-bottom-right-radius: 4px; }
  form { display: flex; gap: 6px; padding: 8px 14px; border-top: 1px solid #e5e7eb; }
  input, select, button { font: inherit; color: inherit; margin: 0; }
  input, select {
    min-width: 0; padding: 5px 8px; border: 1px solid #9ca3af; border-radius: 6px; background: #fff;
  }
  form input { flex: 1; }
  button {
    padding: 5px 10px; border: 1px solid #9ca3af; border-radius: 6px;
    background: #f9fafb; cursor: pointer;
  }
  button:hover { background: #eef2ff; }
  button.primary { background: #2563eb; border-color: #2563eb; color: #fff; }
  button.primary:hover { background: #1d4ed8; }
  :focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
  header button {
    width: 28px; height: 28px; padding: 0; line-height: 1; font-size: 18px;
    border: 0; background: transparent; color: #fff;
  }
  header button:hover { background: rgba(255, 255, 255, 0.15); }
  header :focus-visible { outline-color: #fff; }
  .simulate {
    display: grid; gap: 6px; padding: 8px 14px 10px;
    background: #f8fafc; border-top: 1px dashed #cbd5e1;
  }
  h3 {
    margin: 0; font-size: 11px; font-weight: 600; letter-spacing: 0.05em;
    text-transform: uppercase; color: #64748b;
  }
  .row { display: flex; gap: 6px; flex-wrap: wrap; }
  .row input, .row select { flex: 1; }
  .simulate button, .simulate input, .simulate select { font-size: 12px; padding: 3px 8px; }
  output {
    display: block; min-height: 1.4em; font: 11px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    color: #475569; overflow-wrap: anywhere;
  }
  .launcher {
    position: relative; width: 56px; height: 56px; padding: 0; border: 0; border-radius: 50%;
    display: grid; place-items: center; background: #1e3a8a; color: #fff;
    box-shadow: 0 4px 14px rgba(15, 23, 42, 0.3);
  }
  .launcher:hover { background: #1e40af; }
  .launcher:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 3px; }
  .launcher svg { width: 26px; height: 26px; }
  .badge {
    position: absolute; top: -2px; right: -2px; min-width: 20px; height: 20px; padding: 0 5px;
    border-radius: 10px; background: #dc2626; color: #fff;
    font-size: 12px; font-weight: 600; line-height: 20px; text-align: center;
  }
`;

/** One sheet per document, shared by every panel drawn in it. @type {CSSStyleSheet | null} */
let sheet = null;

/** @param {ShadowRoot} shadow */
function adoptStyles(shadow) {
  if (
    'adoptedStyleSheets' in shadow &&
    typeof CSSStyleSheet === 'function' &&
    'replaceSync' in CSSStyleSheet.prototype
  ) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    shadow.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = CSS;
  shadow.append(style);
}

/**
 * `h('button', { type: 'button', class: 'primary' }, 'Send')`: an element with
 * attributes and children (strings become text nodes).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | boolean>} [attributes]
 * @param {...(Node | string)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
function h(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false) continue;
    el.setAttribute(name, value === true ? '' : value);
  }
  el.append(...children);
  return el;
}

function chatIcon() {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(NS, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Z');
  svg.append(path);
  return svg;
}

/**
 * Builds the widget's DOM (not yet on the page: call `mount()`).
 * @param {PanelActions} actions
 * @returns {Panel}
 */
export function createPanel(actions) {
  const root = document.createElement('div');
  root.id = 'closer-simulator';
  root.setAttribute('data-closer-widget', '');
  // Inline and !important so page CSS (even its own !important rules) cannot move or
  // restyle the host; everything else lives in the shadow root.
  root.style.cssText = [
    'all: initial',
    'display: block',
    'position: fixed',
    'right: 16px',
    'bottom: 16px',
    'z-index: 2147483000',
  ]
    .map((declaration) => `${declaration} !important;`)
    .join(' ');
  const shadow = root.attachShadow({ mode: 'open' });
  adoptStyles(shadow);

  const who = h('p', { class: 'who' });
  const closeButton = h('button', { type: 'button', class: 'close', 'aria-label': 'Close chat' }, '\u00d7');
  const status = h('b', { class: 'status' });
  const tags = h('b', { class: 'tags' });
  const auth = h('b', { class: 'auth' });
  const messages = h('ol', { class: 'messages', role: 'log', 'aria-live': 'polite', 'aria-label': 'Messages' });
  const input = h('input', {
    class: 'message',
    type: 'text',
    autocomplete: 'off',
    'aria-label': 'Message',
    placeholder: 'Write a message…',
  });
  const composer = h('form', { class: 'composer' }, input, h('button', { type: 'submit', class: 'primary' }, 'Send'));
  const tagsInput = h('input', {
    class: 'tags-input',
    type: 'text',
    autocomplete: 'off',
    'aria-label': 'Tags (comma-separated)',
    placeholder: 'vip, billing',
  });
  const statusSelect = h(
    'select',
    { class: 'status-select', 'aria-label': 'Conversation status' },
    ...STATUSES.map((s) => h('option', { value: s }, s)),
  );
  const lastOutput = h('output', { class: 'last', 'aria-live': 'polite' });
  /** @param {string} action @param {string} label */
  const simulateButton = (action, label) => h('button', { type: 'button', 'data-action': action }, label);
  const simulate = h(
    'section',
    { class: 'simulate', 'aria-labelledby': 'simulate-title' },
    h('h3', { id: 'simulate-title' }, 'Simulate'),
    h(
      'div',
      { class: 'row' },
      simulateButton('agent-message', 'Agent message'),
      simulateButton('lekta', 'Lekta context'),
    ),
    h('div', { class: 'row' }, tagsInput, simulateButton('tags', 'Set tags')),
    h('div', { class: 'row' }, statusSelect, simulateButton('status', 'Set status')),
    h(
      'div',
      { class: 'row' },
      simulateButton('authorized', 'Authorized'),
      simulateButton('auth-failed', 'Authorization failed'),
    ),
    lastOutput,
  );
  const panel = h(
    'section',
    { class: 'panel', id: 'panel', role: 'dialog', 'aria-label': 'Chat (development widget)', hidden: true },
    h('header', {}, h('div', { class: 'titles' }, h('h2', {}, 'Closer — development widget'), who), closeButton),
    h(
      'div',
      { class: 'meta' },
      h('span', {}, 'Status: ', status),
      h('span', {}, 'Tags: ', tags),
      h('span', {}, 'Session: ', auth),
    ),
    messages,
    composer,
    simulate,
  );
  const badge = h('span', { class: 'badge', 'aria-hidden': 'true', hidden: true });
  const launcher = h(
    'button',
    {
      type: 'button',
      class: 'launcher',
      'aria-label': 'Open chat (development widget)',
      'aria-controls': 'panel',
      'aria-expanded': 'false',
    },
    chatIcon(),
    badge,
  );
  const stack = h('div', { class: 'stack' }, panel); // the launcher is added by render() when shown
  shadow.append(stack);

  launcher.addEventListener('click', () => actions.open());
  closeButton.addEventListener('click', () => actions.close());
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      actions.close();
    }
  });
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    actions.send(text);
  });
  simulate.addEventListener('click', (event) => {
    const button = /** @type {Element} */ (event.target).closest('button[data-action]');
    switch (button && button.getAttribute('data-action')) {
      case 'agent-message':
        actions.agentMessage();
        break;
      case 'lekta':
        actions.lekta();
        break;
      case 'tags':
        actions.tags(
          tagsInput.value
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean),
        );
        break;
      case 'status':
        actions.status(statusSelect.value);
        break;
      case 'authorized':
        actions.authorized();
        break;
      case 'auth-failed':
        actions.authFailed();
        break;
      default:
        break;
    }
  });

  let renderedMessages = 0;
  /** @type {(() => void) | null} */
  let pendingMount = null;

  /** @type {Panel} */
  const api = {
    root,
    shown: false,
    render(state) {
      root.toggleAttribute('data-open', state.isOpen);
      panel.hidden = !state.isOpen;
      api.shown = state.isOpen;

      if (state.showLauncher && !launcher.isConnected) stack.append(launcher);
      if (!state.showLauncher && launcher.isConnected) launcher.remove();
      launcher.hidden = state.isOpen;
      launcher.setAttribute('aria-expanded', String(state.isOpen));
      badge.hidden = state.unread === 0;
      badge.textContent = state.unread > 99 ? '99+' : String(state.unread);

      const id = state.identity || {};
      const name = [id.firstName, id.lastName].filter((v) => typeof v === 'string' && v).join(' ');
      const email = typeof id.email === 'string' ? id.email : '';
      who.textContent = name && email ? `${name} <${email}>` : name || email || 'Anonymous visitor';
      status.textContent = state.status;
      tags.textContent = state.tags.length ? state.tags.join(', ') : '—';
      auth.textContent =
        state.auth === 'authorized' ? 'authorized' : state.auth === 'failed' ? 'expired' : 'not checked';
      lastOutput.textContent = state.last;

      if (state.messages.length < renderedMessages) {
        messages.replaceChildren();
        renderedMessages = 0;
      }
      for (const message of state.messages.slice(renderedMessages)) {
        const li = h(
          'li',
          { class: `msg ${message.from}` },
          h('span', { class: 'sr-only' }, message.from === 'agent' ? 'Agent: ' : 'You: '),
          message.text,
        );
        messages.append(li);
      }
      if (state.messages.length > renderedMessages) messages.scrollTop = messages.scrollHeight;
      renderedMessages = state.messages.length;
    },
    mount() {
      if (document.body) {
        document.body.appendChild(root);
        return;
      }
      // An async script may run before <body> exists: mount as soon as it does.
      pendingMount = () => {
        pendingMount = null;
        if (document.body) document.body.appendChild(root);
      };
      document.addEventListener('DOMContentLoaded', pendingMount, { once: true });
    },
    focus(target) {
      if (target === 'input') input.focus();
      else if (launcher.isConnected && !launcher.hidden) launcher.focus();
    },
    destroy() {
      if (pendingMount) document.removeEventListener('DOMContentLoaded', pendingMount);
      pendingMount = null;
      root.remove();
    },
  };
  return api;
}
