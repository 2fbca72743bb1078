// @ts-check
/**
 * Development widget: a local, offline stand-in for https://widget.closer.app/widget.js.
 * It is the project's ONE implementation of the widget contract: the demo, the browser
 * tests, the framework examples and the benchmark's stand-in (bench/make-stand-in.js)
 * all run this file.
 *
 * A classic script (load it with `<script async src="/dev/simulator/widget.js">`). This
 * file is the SDK: the `closer` global, the queue replay, state, storage, callbacks and
 * the test hooks. The chat panel and launcher are drawn by `panel.js` beside it, an ES
 * module this script loads with `import()` the first time `init` runs (a dynamic import
 * inherits this script's CSP nonce and is no Trusted Types sink). So the widget draws
 * itself a little after `init`, in a task of its own, like a real widget that fetches its
 * UI chunk — whoever called `init` (the snippet's queue or a loader later on).
 *
 * The SDK contract (see README.md, "The development widget"):
 * - reuses an existing `window.closer` (the loader stub `{ q: [], scriptUrl }`) or
 *   creates `{}`; installs the real `init`, `deinit`, `identify`, `openWidget` on that
 *   same object; replays `closer.q` in order; then sets `closer.q = []`.
 * - `init(options)` starts a session and draws the panel (shadow DOM, bottom-right);
 *   `deinit()` logs the client off (storage + DOM, in this document and every other
 *   same-origin document running the simulator, see "Cross-tab logoff");
 *   `identify(data)` shows the lead data; `openWidget()` opens the panel.
 *
 * Modes — `mode` on this script's own URL, e.g. `/dev/simulator/widget.js?mode=late-timer`
 * (combinable with the test server's `?delay=N` latency):
 * - `sync` (default): methods installed and the queue replayed while the script executes.
 * - `late-microtask`: installed in a microtask queued by the script. That microtask runs
 *   when the script's execution ends, BEFORE the script's `load` event is fired (the
 *   microtask checkpoint after running a script comes first), so a loader that checks
 *   on `load` already sees the real methods.
 * - `late-load`: installed after the script's own `load` event (a `setTimeout(0)` started
 *   from a `load` listener this script adds): a loader that checks on `load` sees only
 *   the stub.
 * - `late-timer`: installed `install-ms` ms after execution (`?install-ms=N`, default 50).
 * - `queue-only`: the script only ever replays the queue. The stub's methods stay (a page
 *   without a stub gets the official snippet's stub shape), `closer.q` becomes an object
 *   whose `push` runs the call at once, so `closer.init(...)` on the stub works. No
 *   `deinit` appears on `window.closer` until an `init` has run through the queue (it
 *   then stays). A loader that waits for real methods before calling init waits forever;
 *   one that queues `init` on the stub works.
 * - `no-open`: no `openWidget` (as in the public docs). A stub's queue-pushing `openWidget`
 *   is removed too: left in place it would swallow calls nothing replays. A queued
 *   `openWidget` call is ignored with a warning.
 * - `fail-init`: `init` records the call, then throws.
 *
 * Cross-tab logoff: the real `deinit()` logs the visitor off in every same-origin tab.
 * Here `deinit` posts `{ type: 'logoff', orgId }` on the BroadcastChannel
 * `closer-simulator`; the simulator in every other same-origin document (tabs, iframes)
 * that is initialised for the same `orgId` then tears its UI and state down as if logged
 * off, without its page calling anything and without calling back (the SDK has no
 * documented deinit callback). Each such teardown adds one to
 * `closerSimulator.remoteLogoffs`.
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
 * `sendMessage(text)`, `reset()`; and `mode`, `installed`, `installedAfterLoad`,
 * `remoteLogoffs`, `drawn`, `whenDrawn()`.
 *
 * Weight hook (the benchmark): a `window.closerSimulatorWeight` object present when this
 * script executes may have `onExecute()` (called first thing), `onInit(options)` (inside
 * a successful `init`) and `onDraw(root)` (in the drawing task, before the root is added
 * to the page). Performance marks `closer-simulator:exec-start`, `exec-end`, `installed`,
 * `init-start`, `init-end`, `draw-start`, `drawn` and `panel-shown` time each step.
 *
 * This is a development tool. It never touches the network but to fetch panel.js.
 */
(function () {
  'use strict';

  /** @typedef {{ method: 'init' | 'deinit' | 'identify' | 'openWidget', args: any[] }} RecordedCall */
  /** @typedef {Record<string, any>} InitOptions */
  /** @typedef {import('./panel.js').PanelState} PanelState */
  /** @typedef {import('./panel.js').Panel} Panel */

  /** @type {any} */
  const w = window;

  const SCRIPT_PATH = '/dev/simulator/widget.js';
  const OPEN_KEY = 'closer-simulator:open';
  const SESSION_KEY = 'closer-simulator:session';
  const CHANNEL = 'closer-simulator';
  const EXPIRED_API_KEY = '00000000-0000-4000-8000-00000000dead';
  const LOG = '[closer simulator]';
  const MODES = ['sync', 'late-microtask', 'late-load', 'late-timer', 'queue-only', 'no-open', 'fail-init'];
  const AGENT_LINES = [
    'Hi! How can I help you today?',
    'Let me check that for you.',
    'Thanks for waiting. Anything else?',
  ];

  /** @param {string} name */
  function mark(name) {
    try {
      performance.mark(`closer-simulator:${name}`);
    } catch {
      /* no User Timing */
    }
  }
  mark('exec-start');

  const weight =
    w.closerSimulatorWeight && typeof w.closerSimulatorWeight === 'object' ? w.closerSimulatorWeight : null;
  /** @param {'onExecute' | 'onInit' | 'onDraw'} hook @param {any[]} args */
  function weigh(hook, args) {
    const fn = weight && weight[hook];
    if (typeof fn !== 'function') return;
    try {
      fn.apply(weight, args);
    } catch (error) {
      console.error(`${LOG} closerSimulatorWeight.${hook}() threw:`, error);
    }
  }
  weigh('onExecute', []);

  // ---------------------------------------------------------------- own URL: mode, panel

  const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  const scriptUrl = new URL(script && script.src ? script.src : SCRIPT_PATH, location.href);
  const PANEL_URL = new URL('./panel.js', scriptUrl).href;
  const requestedMode = scriptUrl.searchParams.get('mode') || 'sync';
  const MODE = MODES.includes(requestedMode) ? requestedMode : 'sync';
  if (MODE !== requestedMode) {
    console.warn(`${LOG} unknown mode "${requestedMode}" (use ${MODES.join(', ')}); running as sync`);
  }
  const installMs = Number(scriptUrl.searchParams.get('install-ms'));
  const INSTALL_MS = Number.isFinite(installMs) && installMs >= 0 ? installMs : 50;

  const previous = w.closerSimulator;
  const executions = (previous && typeof previous.executions === 'number' ? previous.executions : 0) + 1;
  if (executions > 1) {
    console.warn(
      `${LOG} widget.js has executed ${executions} times in this document; the SDK script must be loaded once`,
    );
  }
  // A second copy takes over; the first one stops listening to other tabs.
  if (previous && typeof previous.reset === 'function' && previous.channel) previous.channel.close();

  // ---------------------------------------------------------------- state

  /** @type {RecordedCall[]} */
  const calls = [];
  /** @type {InitOptions | null} */
  let options = null;
  let initialized = false;
  let isOpen = false;
  let disposed = false;
  let installed = false;
  /** @type {boolean | null} */
  let installedAfterLoad = null;
  let scriptLoaded = false;
  let remoteLogoffs = 0;
  /** @type {Record<string, any> | null} */
  let identity = null;
  /** Bumped on every init/deinit so stale timers and draws do nothing. */
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
  /** @type {{ from: 'agent' | 'client', text: string }[]} */
  let messages = [];
  /** The last callback fired, shown in the panel's "Simulate" area. */
  let last = '';
  /** @type {Set<ReturnType<typeof setTimeout>>} */
  const timers = new Set();
  /** @type {Panel | null} */
  let panel = null;
  /** @type {Promise<typeof import('./panel.js')> | null} */
  let panelModule = null;
  /** Resolvers of `whenDrawn()`. @type {(() => void)[]} */
  let drawnWaiters = [];

  if (script) script.addEventListener('load', () => (scriptLoaded = true), { once: true });

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
      let stored;
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

  /** @param {() => void} fn @param {number} [ms] */
  function later(fn, ms = 0) {
    const id = setTimeout(() => {
      timers.delete(id);
      fn();
    }, ms);
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
    last = `${name}(${args.map(preview).join(', ')})${typeof fn === 'function' ? '' : ' (no callback)'}`;
    render();
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
    if (moveFocus && panel) panel.focus(next ? 'input' : 'launcher');
    invoke(next ? 'onOpen' : 'onClose', []);
  }

  /** @param {'agent' | 'client'} from @param {string} text */
  function addMessage(from, text) {
    messages = [...messages, { from, text }];
  }

  /** @param {unknown} text */
  function receive(text) {
    const line = text === undefined || text === null ? AGENT_LINES[agentLine++ % AGENT_LINES.length] : String(text);
    addMessage('agent', line);
    if (!isOpen) unread++;
    render();
    invoke('onMessageReceived', []);
  }

  /** @param {unknown} text */
  function send(text) {
    addMessage('client', text === undefined || text === null ? 'Hello!' : String(text));
    render();
    invoke('onMessageSent', []);
  }

  /** @param {unknown} value */
  function applyTags(value) {
    tags = Array.isArray(value) ? value.map(String) : [];
    render();
  }

  /**
   * Reflects a callback fired through `closerSimulator.fire()` in the widget's state.
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
    removePanel();
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
    messages = [];
    last = '';
  }

  // ---------------------------------------------------------------- cross-tab logoff

  /** @type {BroadcastChannel | null} */
  const channel = typeof w.BroadcastChannel === 'function' ? new w.BroadcastChannel(CHANNEL) : null;
  if (channel) {
    channel.onmessage = (event) => {
      const data = event.data;
      if (disposed || !data || data.type !== 'logoff' || !initialized || !options) return;
      if (data.orgId !== options.orgId) return;
      teardown();
      remoteLogoffs++;
    };
  }

  // ---------------------------------------------------------------- the SDK methods

  /** @param {InitOptions} opts */
  function init(opts) {
    record('init', arguments);
    if (disposed) {
      console.warn(`${LOG} init called after closerSimulator.reset(); ignored`);
      return;
    }
    if (MODE === 'fail-init') throw new Error(`${LOG} closer.init() failed (mode=fail-init)`);
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
    mark('init-start');
    generation++;
    initialized = true;
    options = opts;
    isOpen = false;
    unread = 0;
    tags = [];
    status = 'waiting';
    auth = null;
    messages = [];
    last = '';
    storeSession(opts);
    const flag = readOpenFlag();
    everOpened = flag !== null;
    if (opts.enableLog === true) {
      console.info(`${LOG} init: orgId ${opts.orgId}, session ${opts.apiKey ? 'restored from apiKey' : 'anonymous'}`);
    }
    if (MODE === 'queue-only' && typeof closer.deinit !== 'function') closer.deinit = deinit;
    weigh('onInit', [opts]);
    requestDraw();
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
    mark('init-end');
  }

  function deinit() {
    record('deinit', arguments);
    if (disposed) return;
    const orgId = options ? options.orgId : null;
    teardown();
    if (channel && orgId) channel.postMessage({ type: 'logoff', orgId });
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

  // ---------------------------------------------------------------- drawing (panel.js)

  /** @returns {PanelState} */
  function panelState() {
    const opts = options || {};
    return {
      isOpen,
      showLauncher: opts.showButton !== false || everOpened,
      unread,
      identity,
      tags,
      status,
      auth,
      messages,
      last,
    };
  }

  /** What the panel's controls do. @type {import('./panel.js').PanelActions} */
  const actions = {
    open: () => setOpen(true, true),
    close: () => setOpen(false, true),
    send: (text) => send(text),
    agentMessage: () => receive(undefined),
    lekta: () => invoke('onLektaContext', [{ intent: 'demo', at: Date.now() }]),
    tags: (list) => {
      const frozen = Object.freeze(list.slice());
      applyTags(frozen);
      invoke('onTagsChanged', [frozen]);
    },
    status: (next) => {
      status = next;
      render();
      invoke('onConversationStatusChanged', [{ status }]);
    },
    authorized: () => {
      auth = 'authorized';
      render();
      invoke('onUserAuthorized', []);
    },
    authFailed: () => {
      auth = 'failed';
      render();
      invoke('onUserAuthorizationFailed', []);
    },
  };

  function loadPanel() {
    // The packaged single file (dist/dev-widget.js) carries the panel inline.
    panelModule ??= (w.closerSimulatorPanel ? Promise.resolve(w.closerSimulatorPanel) : import(PANEL_URL)).catch(
      (error) => {
        panelModule = null;
        throw error;
      },
    );
    return panelModule;
  }

  /**
   * Draws the widget in a task of its own once panel.js is there: the same path whether
   * `init` ran inside this script (the snippet's queue) or later (a loader).
   */
  function requestDraw() {
    const gen = generation;
    loadPanel().then(
      (mod) => later(() => draw(mod, gen)),
      (error) => {
        if (gen === generation) console.error(`${LOG} could not load ${PANEL_URL}; the widget is not drawn`, error);
      },
    );
  }

  /** @param {typeof import('./panel.js')} mod @param {number} gen */
  function draw(mod, gen) {
    if (disposed || !initialized || gen !== generation || panel) return;
    mark('draw-start');
    panel = mod.createPanel(actions);
    panel.render(panelState());
    weigh('onDraw', [panel.root]);
    panel.mount();
    mark('drawn');
    const waiters = drawnWaiters;
    drawnWaiters = [];
    for (const resolve of waiters) resolve();
    if (isOpen) mark('panel-shown');
  }

  function removePanel() {
    if (!panel) return;
    panel.destroy();
    panel = null;
  }

  function render() {
    if (!panel) return;
    const wasOpen = panel.shown;
    panel.render(panelState());
    if (!wasOpen && panel.shown) mark('panel-shown');
  }

  // ---------------------------------------------------------------- install on window.closer

  /** @type {any} */
  const closer = w.closer && (typeof w.closer === 'object' || typeof w.closer === 'function') ? w.closer : {};
  w.closer = closer;

  /** @param {any} item a queued `{ method, args }` */
  function runQueued(item) {
    const method = item && item.method;
    /** @type {Record<string, Function>} */
    const methods = { init, deinit, identify, openWidget };
    if (MODE === 'no-open') delete methods.openWidget;
    const fn = typeof method === 'string' && Object.hasOwn(methods, method) ? methods[method] : undefined;
    if (typeof fn !== 'function') {
      console.warn(`${LOG} ignoring queued call to unknown method ${String(method)}`);
      return;
    }
    try {
      fn.apply(closer, item.args || []);
    } catch (error) {
      console.error(`${LOG} queued closer.${method}() failed:`, error);
    }
  }

  function install() {
    if (disposed || installed) return;
    const queue = Array.isArray(closer.q) ? closer.q.slice() : [];
    if (MODE === 'queue-only') {
      // The stub stays: its methods keep pushing, and `push` now runs the call.
      if (!Array.isArray(closer.q) && !closer.scriptUrl) closer.scriptUrl = scriptUrl.href;
      for (const method of ['init', 'identify', 'openWidget']) {
        if (typeof closer[method] !== 'function') {
          closer[method] = function () {
            this.q.push({ method, args: arguments });
          };
        }
      }
      closer.q = { push: (/** @type {any} */ item) => (runQueued(item), 0), length: 0 };
    } else {
      closer.init = init;
      closer.deinit = deinit;
      closer.identify = identify;
      if (MODE === 'no-open') delete closer.openWidget;
      else closer.openWidget = openWidget;
    }
    installed = true;
    installedAfterLoad = scriptLoaded;
    mark('installed');
    for (const item of queue) runQueued(item);
    if (MODE !== 'queue-only') closer.q = [];
  }

  // ---------------------------------------------------------------- test hooks

  const api = {
    calls,
    executions,
    /** The `mode` this copy runs in. */
    mode: MODE,
    /** @internal the cross-tab channel, closed by a later copy of the script */
    channel,
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
    /** The methods are on `window.closer` (in queue-only: the queue is being drained). */
    get installed() {
      return installed;
    },
    /** Whether the script's `load` event had fired when the methods were installed. */
    get installedAfterLoad() {
      return installedAfterLoad;
    },
    /** Teardowns caused by a `deinit()` in another same-origin document. */
    get remoteLogoffs() {
      return remoteLogoffs;
    },
    /** The panel is on the page. */
    get drawn() {
      return panel !== null;
    },
    /** Resolves once the panel of the current session is on the page. */
    whenDrawn() {
      return panel ? Promise.resolve() : new Promise((resolve) => drawnWaiters.push(() => resolve(undefined)));
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
     * `<script>` of this simulator and `window.closerSimulator`. No callbacks fire, and
     * other documents are not told.
     */
    reset() {
      teardown();
      disposed = true;
      if (channel) channel.close();
      drawnWaiters = [];
      for (const el of Array.from(document.querySelectorAll('#closer-simulator'))) el.remove();
      delete w.closer;
      for (const s of Array.from(document.querySelectorAll('script[src]'))) {
        const el = /** @type {HTMLScriptElement} */ (s);
        if (el.src.includes(SCRIPT_PATH) || (el.getAttribute('src') || '').includes(SCRIPT_PATH)) {
          el.remove();
        }
      }
      delete w.closerSimulator;
    },
  };
  w.closerSimulator = api;

  // ---------------------------------------------------------------- when to install

  switch (MODE) {
    case 'late-microtask':
      queueMicrotask(install);
      break;
    case 'late-load':
      if (script) script.addEventListener('load', () => later(install), { once: true });
      else later(install);
      break;
    case 'late-timer':
      later(install, INSTALL_MS);
      break;
    default:
      install();
      break;
  }
  mark('exec-end');
})();
