// @ts-check
/**
 * Development widget: a local, offline stand-in for https://widget.closer.app/widget.js.
 *
 * A classic script (load it with `<script async src="/dev/simulator/widget.js">`).
 * It honours the SDK contract described in DESIGN.md ("The Closer widget SDK"):
 *
 * - reuses an existing `window.closer` (the loader stub `{ q: [], scriptUrl }`) or
 *   creates `{}`; installs the real `init`, `deinit`, `identify`, `openWidget` on that
 *   same object; replays `closer.q` in order; then sets `closer.q = []`.
 * - `init(options)` draws a small chat panel (shadow DOM, bottom-right) and wires every
 *   callback; `deinit()` logs the client off (storage + DOM); `identify(data)` shows the
 *   lead data in the header; `openWidget()` opens the panel.
 *
 * Storage (localStorage):
 * - `closer-simulator:session` → `{ orgId, clientId }` (clientId = apiKey if given).
 * - `closer-simulator:open` → present once the widget has been opened in this browser;
 *   `"1"` while it is open, `"0"` after it was closed. Present → the launcher is shown
 *   even with `showButton: false`; `"1"` → init re-opens the panel unless
 *   `disableAutoOpen: true`. (Any value other than "0"/"false" counts as open.)
 *
 * Test value: apiKey `00000000-0000-4000-8000-00000000dead` is an "expired session":
 * init then calls `onUserAuthorizationFailed()` instead of `onUserAuthorized()`.
 *
 * Test hooks: `window.closerSimulator` (re-created on every execution of this script):
 * `calls`, `executions`, `initialized`, `options`, `isOpen`, `identity`,
 * `fire(name, ...args)`, `open()`, `close()`, `receiveMessage(text)`,
 * `sendMessage(text)`, `reset()`.
 *
 * This is a development tool. It never touches the network.
 */
(function () {
  'use strict';

  /** @typedef {{ method: 'init' | 'deinit' | 'identify' | 'openWidget', args: any[] }} RecordedCall */
  /** @typedef {Record<string, any>} InitOptions */
  /**
   * @typedef {object} Ui
   * @property {HTMLDivElement} root
   * @property {HTMLElement} panel
   * @property {HTMLButtonElement} launcher
   * @property {HTMLElement} badge
   * @property {HTMLElement} who
   * @property {HTMLElement} status
   * @property {HTMLElement} tags
   * @property {HTMLElement} auth
   * @property {HTMLOListElement} messages
   * @property {HTMLInputElement} input
   * @property {HTMLInputElement} tagsInput
   * @property {HTMLSelectElement} statusSelect
   * @property {HTMLOutputElement} last
   * @property {(() => void) | null} pendingMount
   */

  /** @type {any} */
  const w = window;

  const SCRIPT_PATH = '/dev/simulator/widget.js';
  const OPEN_KEY = 'closer-simulator:open';
  const SESSION_KEY = 'closer-simulator:session';
  const EXPIRED_API_KEY = '00000000-0000-4000-8000-00000000dead';
  const LOG = '[closer simulator]';
  const STATUSES = ['waiting', 'inProgress', 'solved', 'unsolved'];
  const AGENT_LINES = [
    'Hi! How can I help you today?',
    'Let me check that for you.',
    'Thanks for waiting. Anything else?',
  ];

  const previous = w.closerSimulator;
  const executions =
    (previous && typeof previous.executions === 'number' ? previous.executions : 0) + 1;
  if (executions > 1) {
    console.warn(
      `${LOG} widget.js has executed ${executions} times in this document; the SDK script must be loaded once`,
    );
  }

  // ---------------------------------------------------------------- state

  /** @type {RecordedCall[]} */
  const calls = [];
  /** @type {InitOptions | null} */
  let options = null;
  let initialized = false;
  let isOpen = false;
  let disposed = false;
  /** @type {Record<string, any> | null} */
  let identity = null;
  /** Bumped on every init/deinit so stale timers do nothing. */
  let generation = 0;
  /** The widget was opened in this browser (launcher shown even with showButton: false). */
  let everOpened = false;
  let unread = 0;
  let agentLine = 0;
  /** @type {readonly string[]} */
  let tags = [];
  let status = 'waiting';
  /** @type {'authorized' | 'failed' | null} */
  let auth = null;
  /** @type {Set<ReturnType<typeof setTimeout>>} */
  const timers = new Set();
  /** @type {Ui | null} */
  let ui = null;

  // ---------------------------------------------------------------- helpers

  /** @param {string} key */
  function storageGet(key) {
    try {
      return w.localStorage.getItem(key);
    } catch {
      return null;
    }
  }
  /** @param {string} key @param {string} value */
  function storageSet(key, value) {
    try {
      w.localStorage.setItem(key, value);
    } catch {
      /* storage unavailable: keep going in memory */
    }
  }
  /** @param {string} key */
  function storageRemove(key) {
    try {
      w.localStorage.removeItem(key);
    } catch {
      /* ignore */
    }
  }

  /** @returns {'open' | 'closed' | null} */
  function readOpenFlag() {
    const value = storageGet(OPEN_KEY);
    if (value === null) return null;
    return value === '0' || value === 'false' ? 'closed' : 'open';
  }

  function randomId() {
    const c = w.crypto;
    if (c && typeof c.randomUUID === 'function') return c.randomUUID();
    const bytes = new Uint8Array(16);
    if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
    else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  /** @param {InitOptions} opts */
  function storeSession(opts) {
    const orgId = String(opts.orgId);
    /** @type {string} */
    let clientId;
    if (typeof opts.apiKey === 'string' && opts.apiKey !== '') {
      clientId = opts.apiKey;
    } else {
      /** @type {any} */
      let stored = null;
      try {
        stored = JSON.parse(storageGet(SESSION_KEY) || 'null');
      } catch {
        stored = null;
      }
      clientId =
        stored && stored.orgId === orgId && typeof stored.clientId === 'string' && stored.clientId
          ? stored.clientId
          : randomId();
    }
    storageSet(SESSION_KEY, JSON.stringify({ orgId, clientId }));
  }

  /**
   * @param {RecordedCall['method']} method
   * @param {ArrayLike<any>} args
   */
  function record(method, args) {
    calls.push({ method, args: Array.from(args) });
  }

  /** @param {string} what */
  function requireInit(what) {
    if (!initialized) {
      throw new Error(`${LOG} ${what} called before closer.init(): the widget is not initialised`);
    }
  }

  /** @param {() => void} fn */
  function later(fn) {
    const id = setTimeout(() => {
      timers.delete(id);
      fn();
    }, 0);
    timers.add(id);
  }

  function clearTimers() {
    for (const id of timers) clearTimeout(id);
    timers.clear();
  }

  /** @param {unknown} value */
  function preview(value) {
    let text;
    try {
      text = JSON.stringify(value);
    } catch {
      text = String(value);
    }
    if (text === undefined) text = String(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  }

  /**
   * Calls the current options' callback `name`. A throwing (or rejecting) callback is
   * logged and never breaks the simulator.
   * @param {string} name
   * @param {any[]} args
   * @returns {boolean} whether such a callback existed
   */
  function invoke(name, args) {
    const opts = options;
    const fn = opts ? opts[name] : undefined;
    showLast(
      `${name}(${args.map(preview).join(', ')})${typeof fn === 'function' ? '' : ' (no callback)'}`,
    );
    if (typeof fn !== 'function') return false;
    try {
      const result = fn.apply(opts, args);
      if (result && typeof result.then === 'function') {
        result.then(undefined, (/** @type {unknown} */ error) => {
          console.error(`${LOG} the ${name} callback rejected:`, error);
        });
      }
    } catch (error) {
      console.error(`${LOG} the ${name} callback threw:`, error);
    }
    return true;
  }

  // ---------------------------------------------------------------- widget state changes

  /** Updates the open state and storage, without calling back. @param {boolean} next */
  function applyOpen(next) {
    if (next === isOpen) return false;
    isOpen = next;
    if (next) {
      everOpened = true;
      unread = 0;
    }
    storageSet(OPEN_KEY, next ? '1' : '0');
    render();
    return true;
  }

  /**
   * Opens or closes the panel and calls onOpen / onClose if it changed.
   * @param {boolean} next
   * @param {boolean} [moveFocus] true for user actions in the widget UI
   */
  function setOpen(next, moveFocus = false) {
    if (!applyOpen(next)) return;
    if (moveFocus && ui) {
      if (next) ui.input.focus();
      else if (ui.launcher.isConnected && !ui.launcher.hidden) ui.launcher.focus();
    }
    invoke(next ? 'onOpen' : 'onClose', []);
  }

  /** @param {'agent' | 'client'} from @param {string} text */
  function addMessage(from, text) {
    if (!ui) return;
    const li = document.createElement('li');
    li.className = `msg ${from}`;
    const who = document.createElement('span');
    who.className = 'sr-only';
    who.textContent = from === 'agent' ? 'Agent: ' : 'You: ';
    li.append(who, document.createTextNode(text));
    ui.messages.append(li);
    ui.messages.scrollTop = ui.messages.scrollHeight;
  }

  /** @param {unknown} text */
  function receive(text) {
    const line =
      text === undefined || text === null
        ? AGENT_LINES[agentLine++ % AGENT_LINES.length]
        : String(text);
    addMessage('agent', line);
    if (!isOpen) unread++;
    render();
    invoke('onMessageReceived', []);
  }

  /** @param {unknown} text */
  function send(text) {
    addMessage('client', text === undefined || text === null ? 'Hello!' : String(text));
    invoke('onMessageSent', []);
  }

  /** @param {unknown} value */
  function applyTags(value) {
    tags = Array.isArray(value) ? value.map(String) : [];
    render();
  }

  /**
   * Reflects a callback fired through `closerSimulator.fire()` in the panel.
   * @param {string} name
   * @param {any[]} args
   */
  function reflect(name, args) {
    switch (name) {
      case 'onOpen':
        applyOpen(true);
        break;
      case 'onClose':
        applyOpen(false);
        break;
      case 'onMessageReceived':
        if (!isOpen) unread++;
        render();
        break;
      case 'onTagsChanged':
        applyTags(args[0]);
        break;
      case 'onConversationStatusChanged':
        if (args[0] && typeof args[0].status === 'string') status = args[0].status;
        render();
        break;
      case 'onUserAuthorized':
        auth = 'authorized';
        render();
        break;
      case 'onUserAuthorizationFailed':
        auth = 'failed';
        render();
        break;
      default:
        break;
    }
  }

  function teardown() {
    clearTimers();
    removeUi();
    storageRemove(OPEN_KEY);
    storageRemove(SESSION_KEY);
    generation++;
    initialized = false;
    options = null;
    isOpen = false;
    identity = null;
    everOpened = false;
    unread = 0;
    agentLine = 0;
    tags = [];
    status = 'waiting';
    auth = null;
  }

  // ---------------------------------------------------------------- the SDK methods

  /** @param {InitOptions} opts */
  function init(opts) {
    record('init', arguments);
    if (disposed) {
      console.warn(`${LOG} init called after closerSimulator.reset(); ignored`);
      return;
    }
    if (initialized) {
      console.warn(`${LOG} init called twice without deinit`);
      return;
    }
    if (!opts || typeof opts !== 'object') {
      throw new TypeError(`${LOG} closer.init(options): options must be an object`);
    }
    if (typeof opts.orgId !== 'string' || opts.orgId === '') {
      throw new TypeError(`${LOG} closer.init(options): options.orgId is required`);
    }
    generation++;
    initialized = true;
    options = opts;
    isOpen = false;
    unread = 0;
    tags = [];
    status = 'waiting';
    auth = null;
    storeSession(opts);
    const flag = readOpenFlag();
    everOpened = flag !== null;
    if (opts.enableLog === true) {
      console.info(
        `${LOG} init: orgId ${opts.orgId}, session ${opts.apiKey ? 'restored from apiKey' : 'anonymous'}`,
      );
    }
    drawUi();
    if (flag === 'open' && opts.disableAutoOpen !== true) setOpen(true);

    const hasApiKey = typeof opts.apiKey === 'string' && opts.apiKey !== '';
    if (opts.initializeBeforeRender === true || hasApiKey) {
      const gen = generation;
      const expired = hasApiKey && opts.apiKey.toLowerCase() === EXPIRED_API_KEY;
      later(() => {
        if (!initialized || gen !== generation) return;
        auth = expired ? 'failed' : 'authorized';
        render();
        invoke(expired ? 'onUserAuthorizationFailed' : 'onUserAuthorized', []);
      });
    }
  }

  function deinit() {
    record('deinit', arguments);
    if (disposed) return;
    teardown();
  }

  /** @param {Record<string, any>} data */
  function identify(data) {
    record('identify', arguments);
    if (disposed) return;
    identity = data && typeof data === 'object' ? data : null;
    render();
  }

  function openWidget() {
    record('openWidget', arguments);
    if (disposed) {
      console.warn(`${LOG} openWidget called after closerSimulator.reset(); ignored`);
      return;
    }
    requireInit('closer.openWidget()');
    setOpen(true);
  }

  // ---------------------------------------------------------------- UI

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

  const TEMPLATE = `
    <div class="stack">
      <section class="panel" id="panel" role="dialog" aria-label="Chat (development widget)" hidden>
        <header>
          <div class="titles">
            <h2>Closer — development widget</h2>
            <p class="who"></p>
          </div>
          <button type="button" class="close" aria-label="Close chat">&times;</button>
        </header>
        <div class="meta">
          <span>Status: <b class="status"></b></span>
          <span>Tags: <b class="tags"></b></span>
          <span>Session: <b class="auth"></b></span>
        </div>
        <ol class="messages" role="log" aria-live="polite" aria-label="Messages"></ol>
        <form class="composer">
          <input class="message" type="text" autocomplete="off" aria-label="Message" placeholder="Write a message…">
          <button type="submit" class="primary">Send</button>
        </form>
        <section class="simulate" aria-labelledby="simulate-title">
          <h3 id="simulate-title">Simulate</h3>
          <div class="row">
            <button type="button" data-action="agent-message">Agent message</button>
            <button type="button" data-action="lekta">Lekta context</button>
          </div>
          <div class="row">
            <input class="tags-input" type="text" autocomplete="off" aria-label="Tags (comma-separated)" placeholder="vip, billing">
            <button type="button" data-action="tags">Set tags</button>
          </div>
          <div class="row">
            <select class="status-select" aria-label="Conversation status">
              ${STATUSES.map((s) => `<option value="${s}">${s}</option>`).join('')}
            </select>
            <button type="button" data-action="status">Set status</button>
          </div>
          <div class="row">
            <button type="button" data-action="authorized">Authorized</button>
            <button type="button" data-action="auth-failed">Authorization failed</button>
          </div>
          <output class="last" aria-live="polite"></output>
        </section>
      </section>
      <button type="button" class="launcher" aria-label="Open chat (development widget)" aria-controls="panel" aria-expanded="false">
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Z"/></svg>
        <span class="badge" aria-hidden="true" hidden></span>
      </button>
    </div>
  `;

  function drawUi() {
    removeUi();
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
    shadow.innerHTML = `<style>${CSS}</style>${TEMPLATE}`;

    /** @type {<T extends Element>(selector: string) => T} */
    const $ = (selector) => /** @type {any} */ (shadow.querySelector(selector));
    const launcher = /** @type {HTMLButtonElement} */ ($('.launcher'));
    launcher.remove(); // inserted by render() only when the launcher is shown

    /** @type {Ui} */
    const next = {
      root,
      panel: $('.panel'),
      launcher,
      badge: launcher.querySelector('.badge') || launcher,
      who: $('.who'),
      status: $('.status'),
      tags: $('.tags'),
      auth: $('.auth'),
      messages: $('.messages'),
      input: $('.message'),
      tagsInput: $('.tags-input'),
      statusSelect: $('.status-select'),
      last: $('.last'),
      pendingMount: null,
    };
    ui = next;

    launcher.addEventListener('click', () => setOpen(true, true));
    $('.close').addEventListener('click', () => setOpen(false, true));
    next.panel.addEventListener('keydown', (event) => {
      if (/** @type {KeyboardEvent} */ (event).key === 'Escape') {
        event.stopPropagation();
        setOpen(false, true);
      }
    });
    $('.composer').addEventListener('submit', (event) => {
      event.preventDefault();
      const text = next.input.value.trim();
      if (!text) return;
      next.input.value = '';
      send(text);
    });
    $('.simulate').addEventListener('click', (event) => {
      const target = /** @type {Element} */ (event.target);
      const button = target.closest('button[data-action]');
      if (!button) return;
      switch (button.getAttribute('data-action')) {
        case 'agent-message':
          receive(undefined);
          break;
        case 'lekta':
          invoke('onLektaContext', [{ intent: 'demo', at: Date.now() }]);
          break;
        case 'tags': {
          const list = Object.freeze(
            next.tagsInput.value
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean),
          );
          applyTags(list);
          invoke('onTagsChanged', [list]);
          break;
        }
        case 'status': {
          status = next.statusSelect.value;
          render();
          invoke('onConversationStatusChanged', [{ status }]);
          break;
        }
        case 'authorized':
          auth = 'authorized';
          render();
          invoke('onUserAuthorized', []);
          break;
        case 'auth-failed':
          auth = 'failed';
          render();
          invoke('onUserAuthorizationFailed', []);
          break;
        default:
          break;
      }
    });

    render();
    if (document.body) {
      document.body.appendChild(root);
    } else {
      // An async script may run before <body> exists: mount as soon as it does.
      const mount = () => {
        next.pendingMount = null;
        if (ui === next && document.body) document.body.appendChild(root);
      };
      next.pendingMount = mount;
      document.addEventListener('DOMContentLoaded', mount, { once: true });
    }
  }

  function removeUi() {
    if (!ui) return;
    if (ui.pendingMount) document.removeEventListener('DOMContentLoaded', ui.pendingMount);
    ui.root.remove();
    ui = null;
  }

  function render() {
    if (!ui) return;
    const opts = options || {};
    ui.root.toggleAttribute('data-open', isOpen);
    ui.panel.hidden = !isOpen;

    const showLauncher = opts.showButton !== false || everOpened;
    const stack = ui.panel.parentElement;
    if (showLauncher && !ui.launcher.isConnected && stack) stack.append(ui.launcher);
    if (!showLauncher && ui.launcher.isConnected) ui.launcher.remove();
    ui.launcher.hidden = isOpen;
    ui.launcher.setAttribute('aria-expanded', String(isOpen));
    ui.badge.hidden = unread === 0;
    ui.badge.textContent = unread > 99 ? '99+' : String(unread);

    const id = identity || {};
    const name = [id.firstName, id.lastName].filter((v) => typeof v === 'string' && v).join(' ');
    const email = typeof id.email === 'string' ? id.email : '';
    ui.who.textContent =
      name && email ? `${name} <${email}>` : name || email || 'Anonymous visitor';

    ui.status.textContent = status;
    ui.tags.textContent = tags.length ? tags.join(', ') : '—';
    ui.auth.textContent =
      auth === 'authorized' ? 'authorized' : auth === 'failed' ? 'expired' : 'not checked';
  }

  /** @param {string} text */
  function showLast(text) {
    if (ui) ui.last.textContent = text;
  }

  // ---------------------------------------------------------------- install on window.closer

  const closer =
    w.closer && (typeof w.closer === 'object' || typeof w.closer === 'function') ? w.closer : {};
  w.closer = closer;
  closer.init = init;
  closer.deinit = deinit;
  closer.identify = identify;
  closer.openWidget = openWidget;

  // ---------------------------------------------------------------- test hooks

  const api = {
    calls,
    executions,
    get initialized() {
      return initialized;
    },
    get options() {
      return options;
    },
    get isOpen() {
      return isOpen;
    },
    /** Last `identify()` data (null after deinit). */
    get identity() {
      return identity;
    },
    /**
     * Calls the current init options' callback `name` with `args`, and reflects it in the
     * panel (onOpen/onClose open/close it, onTagsChanged shows the tags, ...).
     * @param {string} name e.g. 'onTagsChanged'
     * @param {...any} args
     * @returns {boolean} whether the options had such a callback
     */
    fire(name, ...args) {
      requireInit('closerSimulator.fire()');
      if (typeof name !== 'string' || name === '') {
        throw new TypeError(`${LOG} closerSimulator.fire(name): name must be a callback name`);
      }
      reflect(name, args);
      return invoke(name, args);
    },
    /** Opens the panel like the launcher does (fires onOpen if it was closed). */
    open() {
      requireInit('closerSimulator.open()');
      setOpen(true);
    },
    /** Closes the panel like its close button does (fires onClose if it was open). */
    close() {
      requireInit('closerSimulator.close()');
      setOpen(false);
    },
    /** Adds an agent message and fires onMessageReceived. @param {string} [text] */
    receiveMessage(text) {
      requireInit('closerSimulator.receiveMessage()');
      receive(text);
    },
    /** Adds a client message and fires onMessageSent. @param {string} [text] */
    sendMessage(text) {
      requireInit('closerSimulator.sendMessage()');
      send(text);
    },
    /**
     * Test cleanup: removes the widget DOM, the storage keys, `window.closer`, every
     * `<script>` of this simulator and `window.closerSimulator`. No callbacks fire.
     */
    reset() {
      teardown();
      disposed = true;
      for (const el of Array.from(document.querySelectorAll('#closer-simulator'))) el.remove();
      delete w.closer;
      for (const script of Array.from(document.querySelectorAll('script[src]'))) {
        const s = /** @type {HTMLScriptElement} */ (script);
        if (s.src.includes(SCRIPT_PATH) || (s.getAttribute('src') || '').includes(SCRIPT_PATH)) {
          s.remove();
        }
      }
      delete w.closerSimulator;
    },
  };
  w.closerSimulator = api;

  // ---------------------------------------------------------------- replay the stub's queue

  const queue = Array.isArray(closer.q) ? closer.q.slice() : [];
  for (const item of queue) {
    const method = item && item.method;
    const fn = typeof method === 'string' ? closer[method] : undefined;
    if (typeof fn !== 'function') {
      console.warn(`${LOG} ignoring queued call to unknown method ${String(method)}`);
      continue;
    }
    try {
      fn.apply(closer, item.args || []);
    } catch (error) {
      console.error(`${LOG} queued closer.${method}() failed:`, error);
    }
  }
  closer.q = [];
})();
