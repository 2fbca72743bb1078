// @ts-check
/**
 * Development widget: a local, offline stand-in for https://widget.closer.app/widget.js.
 * It is the project's ONE implementation of the widget contract: the demo, the browser
 * tests, the framework examples and the benchmark's stand-in (bench/make-stand-in.js)
 * all run this file.
 *
 * A classic script (load it with `<script async src="/dev/simulator/widget.js">`). This
 * file is the SDK: the `closer` global, the queue replay, the sessions, storage,
 * callbacks and the test hooks. The chat panel and launcher are drawn by `panel.js`
 * beside it, an ES module this script loads with `import()` the first time `init` runs
 * (a dynamic import inherits this script's CSP nonce and is no Trusted Types sink). So
 * the widget draws itself a little after `init`, in a task of its own, like a real
 * widget that fetches its UI chunk — whoever called `init`.
 *
 * The SDK contract: `window.closer` gets `init(options)` (starts a session and draws the
 * panel), `deinit()` (logs the visitor off: storage and DOM, here and in the other
 * same-origin documents), `identify(data)` and `openWidget()`; the official snippet's
 * queue `closer.q` is replayed in order.
 *
 * What the public docs leave open is a space of SDKs (SPACE below, the single source:
 * dev/simulator/README.md and docs/widget-sdk.md describe every value, and the docs test
 * checks both tables against `closerSimulator.space`). Each dimension is a parameter on
 * this script's own URL, e.g. `widget.js?install=replace&when=load&queue=leave`; the
 * first value of each is the default. The old `mode=` values are aliases for points.
 *
 * Test hooks: `window.closerSimulator` (see README.md, "Test hooks"). Weight hook (the
 * benchmark): `window.closerSimulatorWeight` (README.md, "Weight hook").
 *
 * This is a development tool. It never touches the network but to fetch panel.js.
 */
(function () {
  'use strict';

  /** @typedef {{ method: 'init' | 'deinit' | 'identify' | 'openWidget', args: any[] }} RecordedCall */
  /** @typedef {Record<string, any>} InitOptions */
  /** @typedef {import('./panel.js').PanelState} PanelState */
  /** @typedef {import('./panel.js').Panel} Panel */
  /** @typedef {{ name: string, values: readonly string[], default: string }} Dimension */
  /** @typedef {Record<string, string>} Point */
  /**
   * One widget started by `init`.
   * @typedef {object} Session
   * @property {number} id
   * @property {InitOptions} options
   * @property {boolean} live false once torn down
   * @property {boolean} ending `deinit` was called: no more callbacks (but the after-deinit one)
   * @property {boolean} isOpen
   * @property {boolean} everOpened the widget was opened in this browser (launcher shown even with showButton: false)
   * @property {number} unread
   * @property {number} agentLine
   * @property {readonly string[]} tags
   * @property {string} status
   * @property {'authorized' | 'failed' | null} auth
   * @property {{ from: 'agent' | 'client', text: string }[]} messages
   * @property {string} last the last callback fired, shown in the panel's "Simulate" area
   * @property {Panel | null} panel
   * @property {Set<ReturnType<typeof setTimeout>>} timers
   */

  /** @type {any} */
  const w = window;

  const SCRIPT_PATH = '/dev/simulator/widget.js';
  const OPEN_KEY = 'closer-simulator:open';
  const SESSION_KEY = 'closer-simulator:session';
  const CHANNEL = 'closer-simulator';
  const EXPIRED_API_KEY = '00000000-0000-4000-8000-00000000dead';
  const LOG = '[closer simulator]';
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

  // ---------------------------------------------------------------- the space of SDKs

  /**
   * Each way the real widget.js may differ, with its values; the first is the default
   * (the behaviour this simulator had before the space existed).
   * @type {readonly Dimension[]}
   */
  const SPACE = Object.freeze(
    /** @type {[string, string[]][]} */ ([
      ['install', ['stub', 'replace', 'function']],
      ['when', ['sync', 'microtask', 'load', 'timer', 'never']],
      ['queue', ['clear', 'leave', 'drain']],
      ['reinit', ['ignore', 'throw', 'second']],
      ['deinit', ['sync', 'promise', 'task']],
      ['deinit-before-init', ['present', 'absent']],
      ['after-deinit', ['keep', 'remove']],
      ['open', ['present', 'absent', 'after-init']],
      ['callback-args', ['documented', 'extra']],
      ['callbacks-in-init', ['no', 'yes']],
      ['callback-after-deinit', ['no', 'yes']],
      ['tabs', ['broadcast', 'storage', 'none']],
      ['init', ['ok', 'throws']],
    ]).map(([name, values]) => Object.freeze({ name, values: Object.freeze(values), default: values[0] })),
  );

  /** The old `mode=` values: each names a point (the other dimensions at their defaults). */
  /** @type {Record<string, Point>} */
  const MODES = {
    sync: {},
    'late-microtask': { when: 'microtask' },
    'late-load': { when: 'load' },
    'late-timer': { when: 'timer' },
    'queue-only': { when: 'never' },
    'no-open': { open: 'absent' },
    'fail-init': { init: 'throws' },
  };

  /** An SDK that never installs methods only drains the queue: these follow from `when=never`. */
  /** @type {Point} */
  const NEVER_IMPLIES = { install: 'stub', queue: 'drain', 'deinit-before-init': 'absent' };

  /**
   * The point this copy plays, from its URL: `mode` first, then each dimension's own
   * parameter (which wins), then what `when=never` implies.
   * @param {URLSearchParams} params
   */
  function readPoint(params) {
    const requestedMode = params.get('mode');
    let mode = 'sync';
    if (requestedMode !== null && Object.hasOwn(MODES, requestedMode)) mode = requestedMode;
    else if (requestedMode !== null) {
      console.warn(`${LOG} unknown mode "${requestedMode}" (use ${Object.keys(MODES).join(', ')}); running as sync`);
    }
    /** @type {Point} */
    const point = {};
    for (const { name, values } of SPACE) {
      const requested = params.get(name);
      point[name] = MODES[mode][name] ?? values[0];
      if (requested === null) continue;
      if (values.includes(requested)) point[name] = requested;
      else console.warn(`${LOG} unknown ${name}=${requested} (use ${values.join(', ')}); playing ${point[name]}`);
    }
    if (point.when === 'never') {
      for (const [name, value] of Object.entries(NEVER_IMPLIES)) {
        if (point[name] !== value && params.get(name) !== null) {
          console.warn(
            `${LOG} ${name}=${point[name]} cannot go with when=never (queue only); playing ${name}=${value}`,
          );
        }
        point[name] = value;
      }
    }
    return { point: Object.freeze(point), mode };
  }

  /** @param {string | null} raw @param {number} fallback */
  const msParam = (raw, fallback) => {
    const ms = Number(raw);
    return raw !== null && raw !== '' && Number.isFinite(ms) && ms >= 0 ? ms : fallback;
  };

  // ---------------------------------------------------------------- own URL: point, panel

  const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  const scriptUrl = new URL(script && script.src ? script.src : SCRIPT_PATH, location.href);
  const PANEL_URL = new URL('./panel.js', scriptUrl).href;
  const { point: POINT, mode: MODE } = readPoint(scriptUrl.searchParams);
  /** `when=timer`: how long after execution the methods go in. */
  const INSTALL_MS = msParam(scriptUrl.searchParams.get('install-ms'), 50);
  /** `deinit=promise` / `task`: how long after the call the teardown completes. */
  const DEINIT_MS = msParam(scriptUrl.searchParams.get('deinit-ms'), 20);

  const previous = w.closerSimulator;
  const executions = (previous && typeof previous.executions === 'number' ? previous.executions : 0) + 1;
  if (executions > 1) {
    console.warn(
      `${LOG} widget.js has executed ${executions} times in this document; the SDK script must be loaded once`,
    );
  }
  // A second copy takes over; the first one stops listening to other tabs.
  if (previous && typeof previous.detach === 'function') previous.detach();

  // ---------------------------------------------------------------- state

  /** Every SDK call this document made, across executions of the script. @type {RecordedCall[]} */
  const calls = previous && Array.isArray(previous.calls) ? previous.calls : [];
  /** Every callback the SDK invoked. @type {{ name: string, session: number, args: any[], inInit: boolean, afterDeinit: boolean }[]} */
  const callbackLog = [];
  /** Live sessions, oldest first (more than one only with `reinit=second`). @type {Session[]} */
  let sessions = [];
  let sessionCount = 0;
  /** `closer.identify()` data; shown by every panel, cleared by a teardown. @type {Record<string, any> | null} */
  let identity = null;
  /** `reset()` ran: this copy does nothing any more. */
  let disposed = false;
  /** `after-deinit=remove`: a deinit unloaded the SDK; the script must run again. */
  let unloaded = false;
  let installed = false;
  /** @type {boolean | null} */
  let installedAfterLoad = null;
  let scriptLoaded = false;
  /** An init has run: `deinit-before-init=absent` and `open=after-init` methods are there from then on. */
  let initRan = false;
  /** Depth of init calls on the stack: callbacks invoked inside init. */
  let inInit = 0;
  let remoteLogoffs = 0;
  /**
   * A `deinit` whose teardown has not completed (`deinit=promise` / `task`), and the calls
   * made meanwhile, run in order once it has.
   * @type {{ promise: Promise<void>, ended: Session[] } | null}
   */
  let pendingTeardown = null;
  /** @type {(() => void)[]} */
  let heldCalls = [];
  /** SDK-level timers (install, teardown): only `reset()` stops them. @type {Set<ReturnType<typeof setTimeout>>} */
  const sdkTimers = new Set();
  /** The object the page reaches as `window.closer` once this SDK has installed itself. @type {any} */
  let sdk = null;
  /** @type {Promise<typeof import('./panel.js')> | null} */
  let panelModule = null;
  /** Resolvers of `whenDrawn()`. @type {(() => void)[]} */
  let drawnWaiters = [];
  /** Resolvers of `remoteLogoff()` waiting for their channel message. @type {Map<string, () => void>} */
  const remoteWaiters = new Map();

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

  /** The orgId of a stored session value, or null. @param {string | null} raw */
  function storedOrgId(raw) {
    try {
      const stored = JSON.parse(raw || 'null');
      return stored && typeof stored.orgId === 'string' ? stored.orgId : null;
    } catch {
      return null;
    }
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

  /** The session the page talks to: the newest live one. */
  const current = () => (sessions.length ? sessions[sessions.length - 1] : null);

  /** @param {string} what */
  function requireSession(what) {
    const session = current();
    if (!session) throw new Error(`${LOG} ${what} called before closer.init(): the widget is not initialised`);
    return session;
  }

  /** A timer of `session`: a teardown stops it. @param {Session} session @param {() => void} fn @param {number} [ms] */
  function later(session, fn, ms = 0) {
    const id = setTimeout(() => {
      session.timers.delete(id);
      if (session.live) fn();
    }, ms);
    session.timers.add(id);
  }

  /** A timer of the SDK itself (install, teardown): only `reset()` stops it. @param {() => void} fn @param {number} [ms] */
  function sdkLater(fn, ms = 0) {
    const id = setTimeout(() => {
      sdkTimers.delete(id);
      if (!disposed) fn();
    }, ms);
    sdkTimers.add(id);
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

  /** How many arguments the public docs give each callback (the others: none). @type {Record<string, number>} */
  const DOCUMENTED_ARGS = { onTagsChanged: 1, onLektaContext: 1, onConversationStatusChanged: 1 };

  /**
   * The arguments the SDK passes: the documented ones, and with `callback-args=extra` one
   * more trailing object after them.
   * @param {Session} session @param {string} name @param {any[]} args
   */
  function callbackArgs(session, name, args) {
    if (POINT['callback-args'] !== 'extra') return args;
    const documented = Array.from({ length: Math.max(args.length, DOCUMENTED_ARGS[name] ?? 0) }, (_, i) => args[i]);
    return [...documented, { source: 'closer-simulator', session: session.id }];
  }

  /**
   * Calls `session`'s callback `name`. A session being torn down calls nothing (but the
   * one `callback-after-deinit` call). A throwing (or rejecting) callback is logged and
   * never breaks the simulator.
   * @param {Session} session
   * @param {string} name
   * @param {any[]} args
   * @param {boolean} [afterDeinit]
   * @returns {boolean} whether such a callback existed
   */
  function invoke(session, name, args, afterDeinit = false) {
    if (!afterDeinit && (!session.live || session.ending)) return false;
    const opts = session.options;
    const fn = opts[name];
    const passed = callbackArgs(session, name, args);
    session.last = `${name}(${passed.map(preview).join(', ')})${typeof fn === 'function' ? '' : ' (no callback)'}`;
    render(session);
    callbackLog.push({ name, session: session.id, args: passed, inInit: inInit > 0, afterDeinit });
    if (typeof fn !== 'function') return false;
    try {
      const result = fn.apply(opts, passed);
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

  /** Updates the open state and storage, without calling back. @param {Session} session @param {boolean} next */
  function applyOpen(session, next) {
    if (next === session.isOpen) return false;
    session.isOpen = next;
    if (next) {
      session.everOpened = true;
      session.unread = 0;
    }
    storageSet(OPEN_KEY, next ? '1' : '0');
    render(session);
    return true;
  }

  /**
   * Opens or closes the panel and calls onOpen / onClose if it changed.
   * @param {Session} session
   * @param {boolean} next
   * @param {boolean} [moveFocus] true for user actions in the widget UI
   */
  function setOpen(session, next, moveFocus = false) {
    if (!applyOpen(session, next)) return;
    if (moveFocus && session.panel) session.panel.focus(next ? 'input' : 'launcher');
    invoke(session, next ? 'onOpen' : 'onClose', []);
  }

  /** @param {Session} session @param {unknown} text */
  function receive(session, text) {
    const line =
      text === undefined || text === null ? AGENT_LINES[session.agentLine++ % AGENT_LINES.length] : String(text);
    session.messages = [...session.messages, { from: 'agent', text: line }];
    if (!session.isOpen) session.unread++;
    render(session);
    invoke(session, 'onMessageReceived', []);
  }

  /** @param {Session} session @param {unknown} text */
  function send(session, text) {
    const line = text === undefined || text === null ? 'Hello!' : String(text);
    session.messages = [...session.messages, { from: 'client', text: line }];
    render(session);
    invoke(session, 'onMessageSent', []);
  }

  /** @param {Session} session @param {unknown} value */
  function applyTags(session, value) {
    session.tags = Array.isArray(value) ? value.map(String) : [];
    render(session);
  }

  /**
   * Reflects a callback fired through `closerSimulator.fire()` in the widget's state.
   * @param {Session} session
   * @param {string} name
   * @param {any[]} args
   */
  function reflect(session, name, args) {
    switch (name) {
      case 'onOpen':
        applyOpen(session, true);
        break;
      case 'onClose':
        applyOpen(session, false);
        break;
      case 'onMessageReceived':
        if (!session.isOpen) session.unread++;
        render(session);
        break;
      case 'onTagsChanged':
        applyTags(session, args[0]);
        break;
      case 'onConversationStatusChanged':
        if (args[0] && typeof args[0].status === 'string') session.status = args[0].status;
        render(session);
        break;
      case 'onUserAuthorized':
        session.auth = 'authorized';
        render(session);
        break;
      case 'onUserAuthorizationFailed':
        session.auth = 'failed';
        render(session);
        break;
      default:
        break;
    }
  }

  /** Every session ends: panels, timers, the visitor's storage. No callback. */
  function teardown() {
    for (const session of sessions) {
      session.live = false;
      for (const id of session.timers) clearTimeout(id);
      session.timers.clear();
      removePanel(session);
    }
    sessions = [];
    storageRemove(OPEN_KEY);
    storageRemove(SESSION_KEY);
    identity = null;
  }

  // ---------------------------------------------------------------- logoff in another tab

  /**
   * A logoff in another same-origin document, as this SDK perceives it (`tabs`): it ends
   * every session of that organisation (or every session, when the organisation is not
   * known), without calling the page back: the SDK has no documented deinit callback.
   * @param {string | null} orgId
   */
  function loggedOffElsewhere(orgId) {
    if (disposed || unloaded || !sessions.length) return;
    if (orgId !== null && !sessions.some((session) => session.options.orgId === orgId)) return;
    teardown();
    remoteLogoffs++;
  }

  /** @type {BroadcastChannel | null} */
  const channel = typeof w.BroadcastChannel === 'function' ? new w.BroadcastChannel(CHANNEL) : null;
  if (channel) {
    channel.onmessage = (event) => {
      const data = event.data;
      if (!data || data.type !== 'logoff') return;
      if (POINT.tabs === 'broadcast') loggedOffElsewhere(typeof data.orgId === 'string' ? data.orgId : '');
      const waiter = typeof data.probe === 'string' ? remoteWaiters.get(data.probe) : undefined;
      if (waiter) waiter();
    };
  }

  /** `tabs=storage`: another document removed the session key (or cleared the storage). @param {StorageEvent} event */
  function onStorage(event) {
    if (event.key !== null && (event.key !== SESSION_KEY || event.newValue !== null)) return;
    loggedOffElsewhere(event.key === null ? null : storedOrgId(event.oldValue));
  }
  if (POINT.tabs === 'storage') w.addEventListener('storage', onStorage);

  /** Stops hearing other documents (a later copy of the script took over, or reset). */
  function detach() {
    if (channel) channel.close();
    w.removeEventListener('storage', onStorage);
  }

  /**
   * Plays "another tab logged this visitor off" as this SDK perceives it: the shared
   * storage loses the visitor's keys, then per `tabs` a channel message, a `storage`
   * event, or nothing. Resolves once this SDK has handled it.
   * @returns {Promise<void>}
   */
  function remoteLogoff() {
    const oldValue = storageGet(SESSION_KEY);
    const session = current();
    const orgId = session ? session.options.orgId : storedOrgId(oldValue);
    storageRemove(SESSION_KEY);
    storageRemove(OPEN_KEY);
    return new Promise((resolve) => {
      if (POINT.tabs === 'broadcast' && channel) {
        const probe = randomId();
        const other = new w.BroadcastChannel(CHANNEL);
        const done = () => {
          remoteWaiters.delete(probe);
          other.close();
          resolve(undefined);
        };
        remoteWaiters.set(probe, done);
        other.postMessage({ type: 'logoff', orgId, probe });
        setTimeout(done, 1000); // a copy reset meanwhile never answers
        return;
      }
      setTimeout(() => {
        if (POINT.tabs === 'storage') {
          let event;
          try {
            event = new StorageEvent('storage', {
              key: SESSION_KEY,
              oldValue,
              newValue: null,
              url: location.href,
              storageArea: w.localStorage,
            });
          } catch {
            event = new StorageEvent('storage', { key: SESSION_KEY, oldValue, newValue: null, url: location.href });
          }
          w.dispatchEvent(event);
        }
        resolve(undefined);
      }, 0);
    });
  }

  // ---------------------------------------------------------------- the SDK methods

  /** Whether `openWidget` is on the SDK now (`open`). */
  const hasOpen = () => POINT.open === 'present' || (POINT.open === 'after-init' && initRan);
  /** Whether `deinit` is on the SDK now (`deinit-before-init`). */
  const hasDeinit = () => POINT['deinit-before-init'] === 'present' || initRan;

  function isDrawn() {
    const session = current();
    return !!session && session.panel !== null;
  }

  /** A call the SDK cannot take any more (reset, or unloaded by deinit); warns. @param {string} what */
  function gone(what) {
    if (disposed) console.warn(`${LOG} ${what} called after closerSimulator.reset(); ignored`);
    else if (unloaded) {
      console.warn(`${LOG} ${what} called after deinit unloaded the SDK (after-deinit=remove); ignored`);
    }
    return disposed || unloaded;
  }

  /** @param {InitOptions} opts */
  function init(opts) {
    record('init', arguments);
    if (POINT.init === 'throws') throw new Error(`${LOG} closer.init() failed (init=throws)`);
    if (gone('init')) return;
    if (pendingTeardown) {
      heldCalls.push(() => startSession(opts));
      return;
    }
    startSession(opts);
  }

  /** @param {InitOptions} opts */
  function startSession(opts) {
    if (sessions.length && POINT.reinit === 'ignore') {
      console.warn(`${LOG} init called twice without deinit; ignored (reinit=ignore)`);
      return;
    }
    if (sessions.length && POINT.reinit === 'throw') {
      throw new Error(`${LOG} closer.init() called twice without deinit (reinit=throw)`);
    }
    if (!opts || typeof opts !== 'object') {
      throw new TypeError(`${LOG} closer.init(options): options must be an object`);
    }
    if (typeof opts.orgId !== 'string' || opts.orgId === '') {
      throw new TypeError(`${LOG} closer.init(options): options.orgId is required`);
    }
    mark('init-start');
    inInit++;
    try {
      const flag = readOpenFlag();
      /** @type {Session} */
      const session = {
        id: ++sessionCount,
        options: opts,
        live: true,
        ending: false,
        isOpen: false,
        everOpened: flag !== null,
        unread: 0,
        agentLine: 0,
        tags: [],
        status: 'waiting',
        auth: null,
        messages: [],
        last: '',
        panel: null,
        timers: new Set(),
      };
      sessions.push(session);
      storeSession(opts);
      if (opts.enableLog === true) {
        console.info(`${LOG} init: orgId ${opts.orgId}, session ${opts.apiKey ? 'restored from apiKey' : 'anonymous'}`);
      }
      if (!initRan) {
        initRan = true;
        // Methods that appear only once init ran (deinit-before-init=absent, open=after-init).
        if (sdk && typeof sdk.deinit !== 'function') sdk.deinit = deinit;
        if (sdk && hasOpen() && typeof sdk.openWidget !== 'function') sdk.openWidget = openWidget;
      }
      weigh('onInit', [opts]);
      requestDraw(session);
      // What init sets off: inside init (callbacks-in-init=yes) or in a task after it.
      /** @param {() => void} fn */
      const soon = (fn) => (POINT['callbacks-in-init'] === 'yes' ? fn() : later(session, fn));
      if (flag === 'open' && opts.disableAutoOpen !== true) soon(() => setOpen(session, true));
      const hasApiKey = typeof opts.apiKey === 'string' && opts.apiKey !== '';
      if (opts.initializeBeforeRender === true || hasApiKey) {
        const expired = hasApiKey && opts.apiKey.toLowerCase() === EXPIRED_API_KEY;
        soon(() => {
          session.auth = expired ? 'failed' : 'authorized';
          render(session);
          invoke(session, expired ? 'onUserAuthorizationFailed' : 'onUserAuthorized', []);
        });
      }
    } finally {
      inInit--;
    }
    mark('init-end');
  }

  /** @returns {Promise<void> | undefined} */
  function deinit() {
    record('deinit', arguments);
    const promised = POINT.deinit === 'promise';
    if (gone('deinit')) return promised ? Promise.resolve() : undefined;
    if (pendingTeardown) return promised ? pendingTeardown.promise : undefined;
    const ended = sessions.slice();
    for (const session of ended) session.ending = true;
    if (POINT.deinit === 'sync') {
      completeTeardown(ended);
      return undefined;
    }
    /** @type {() => void} */
    let resolve = () => undefined;
    const promise = new Promise((done) => (resolve = () => done(undefined)));
    pendingTeardown = { promise, ended };
    sdkLater(() => {
      completeTeardown(ended);
      resolve();
    }, DEINIT_MS);
    return promised ? promise : undefined;
  }

  /** The end of a deinit: teardown, the other tabs told, then what waited for it. @param {Session[]} ended */
  function completeTeardown(ended) {
    teardown();
    pendingTeardown = null;
    // Every other same-origin document hears it: on the channel, and as the storage key goes.
    const orgIds = new Set(ended.map((session) => session.options.orgId));
    if (channel) for (const orgId of orgIds) channel.postMessage({ type: 'logoff', orgId });
    if (POINT['callback-after-deinit'] === 'yes' && ended.length) {
      sdkLater(() => {
        for (const session of ended) invoke(session, 'onClose', [], true);
      });
    }
    const held = heldCalls;
    heldCalls = [];
    if (POINT['after-deinit'] === 'remove') {
      unload();
      if (held.length) console.warn(`${LOG} ${held.length} call(s) made during the teardown dropped: the SDK unloaded`);
      return;
    }
    for (const call of held) {
      try {
        call();
      } catch (error) {
        console.error(`${LOG} a call held during the teardown failed:`, error);
      }
    }
  }

  /** `after-deinit=remove`: `window.closer` goes; the script must run again to come back. */
  function unload() {
    unloaded = true;
    detach();
    if (w.closer === sdk && !Reflect.deleteProperty(w, 'closer')) w.closer = undefined;
  }

  /** @param {Record<string, any>} data */
  function identify(data) {
    record('identify', arguments);
    if (gone('identify')) return;
    const apply = () => {
      identity = data && typeof data === 'object' ? data : null;
      for (const session of sessions) render(session);
    };
    if (pendingTeardown) heldCalls.push(apply);
    else apply();
  }

  function openWidget() {
    record('openWidget', arguments);
    if (gone('openWidget')) return;
    const open = () => setOpen(requireSession('closer.openWidget()'), true);
    if (pendingTeardown) heldCalls.push(open);
    else open();
  }

  /** @type {Record<string, Function>} */
  const METHODS = { init, deinit, identify, openWidget };

  /** The SDK's method `name` as it stands now, or undefined (unknown, or not there yet). @param {unknown} name */
  function methodNow(name) {
    if (typeof name !== 'string' || !Object.hasOwn(METHODS, name)) return undefined;
    // A queued deinit always runs: an SDK that drains its queue takes what it has no method for yet.
    if (name === 'openWidget' && !hasOpen()) return undefined;
    return METHODS[name];
  }

  /** @param {any} item a queued `{ method, args }` */
  function runQueued(item) {
    const method = item && item.method;
    const fn = methodNow(method);
    if (!fn) {
      console.warn(`${LOG} ignoring queued call to ${String(method)}: no such method (open=${POINT.open})`);
      return;
    }
    try {
      fn.apply(sdk, item.args || []);
    } catch (error) {
      console.error(`${LOG} queued closer.${method}() failed:`, error);
    }
  }

  // ---------------------------------------------------------------- drawing (panel.js)

  /** @param {Session} session @returns {PanelState} */
  function panelState(session) {
    return {
      isOpen: session.isOpen,
      showLauncher: session.options.showButton !== false || session.everOpened,
      unread: session.unread,
      identity,
      tags: session.tags,
      status: session.status,
      auth: session.auth,
      messages: session.messages,
      last: session.last,
    };
  }

  /** What the controls of `session`'s panel do. @param {Session} session @returns {import('./panel.js').PanelActions} */
  function actionsOf(session) {
    return {
      open: () => setOpen(session, true, true),
      close: () => setOpen(session, false, true),
      send: (text) => send(session, text),
      agentMessage: () => receive(session, undefined),
      lekta: () => invoke(session, 'onLektaContext', [{ intent: 'demo', at: Date.now() }]),
      tags: (list) => {
        const frozen = Object.freeze(list.slice());
        applyTags(session, frozen);
        invoke(session, 'onTagsChanged', [frozen]);
      },
      status: (next) => {
        session.status = next;
        render(session);
        invoke(session, 'onConversationStatusChanged', [{ status: next }]);
      },
      authorized: () => {
        session.auth = 'authorized';
        render(session);
        invoke(session, 'onUserAuthorized', []);
      },
      authFailed: () => {
        session.auth = 'failed';
        render(session);
        invoke(session, 'onUserAuthorizationFailed', []);
      },
    };
  }

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
   * Draws the session's widget in a task of its own once panel.js is there: the same path
   * whether `init` ran inside this script (the snippet's queue) or later (a loader).
   * @param {Session} session
   */
  function requestDraw(session) {
    loadPanel().then(
      (mod) => later(session, () => draw(mod, session)),
      (error) => {
        if (session.live) console.error(`${LOG} could not load ${PANEL_URL}; the widget is not drawn`, error);
      },
    );
  }

  /** @param {typeof import('./panel.js')} mod @param {Session} session */
  function draw(mod, session) {
    if (disposed || !session.live || session.panel) return;
    mark('draw-start');
    const panel = mod.createPanel(actionsOf(session));
    session.panel = panel;
    // A second widget (reinit=second) is drawn beside the first.
    const index = sessions.indexOf(session);
    if (index > 0) {
      panel.root.id = `closer-simulator-${session.id}`;
      panel.root.style.setProperty('right', `${16 + 340 * index}px`, 'important');
    }
    panel.render(panelState(session));
    weigh('onDraw', [panel.root]);
    panel.mount();
    mark('drawn');
    if (session === current()) {
      const waiters = drawnWaiters;
      drawnWaiters = [];
      for (const resolve of waiters) resolve();
    }
    if (session.isOpen) mark('panel-shown');
  }

  /** @param {Session} session */
  function removePanel(session) {
    if (!session.panel) return;
    session.panel.destroy();
    session.panel = null;
  }

  /** @param {Session} session */
  function render(session) {
    const panel = session.panel;
    if (!panel) return;
    const wasOpen = panel.shown;
    panel.render(panelState(session));
    if (!wasOpen && panel.shown) mark('panel-shown');
  }

  // ---------------------------------------------------------------- installing on window.closer

  /** A stub shaped like the official snippet's, for a page that loaded the script without one. */
  function snippetStub() {
    /** @type {any} */
    const stub = { q: [], scriptUrl: scriptUrl.href };
    for (const method of ['init', 'identify', 'openWidget']) {
      stub[method] = function () {
        this.q.push({ method, args: arguments });
      };
    }
    return stub;
  }

  /** `install=function`: `closer('init', options)` runs the method of that name. */
  function sdkFunction() {
    /** @param {unknown} method @param {...any} args */
    return function closer(method, ...args) {
      const fn = typeof method === 'string' && Object.hasOwn(METHODS, method) ? sdk[method] : undefined;
      if (typeof fn !== 'function') {
        console.warn(`${LOG} closer(${preview(method)}): no such method`);
        return undefined;
      }
      return fn.apply(sdk, args);
    };
  }

  /**
   * A queue that runs what is pushed onto it at once (`queue=drain`). Unlike the replay, it
   * lets a call's exception reach whoever pushed it (the stub's method, the page).
   */
  const drainingQueue = () => ({
    push(/** @type {any} */ item) {
      const method = item && item.method;
      const fn = methodNow(method);
      if (!fn)
        console.warn(`${LOG} ignoring a call to ${String(method)} pushed on q: no such method (open=${POINT.open})`);
      else fn.apply(sdk, item.args || []);
      return 0;
    },
    length: 0,
  });

  /**
   * Puts the SDK on `window.closer` (`install`), replays the stub's queue, then does with
   * `closer.q` what `queue` says.
   */
  function install() {
    if (disposed || installed) return;
    const found = w.closer && (typeof w.closer === 'object' || typeof w.closer === 'function') ? w.closer : null;
    const stubQueue = found && Array.isArray(found.q) ? found.q : null;
    const queued = stubQueue ? stubQueue.slice() : [];
    if (POINT.when === 'never') {
      // Nothing is installed: the stub stays, its methods keep pushing, and `push` runs the call.
      sdk = found || snippetStub();
      if (!hasOpen()) delete sdk.openWidget; // left in place it would swallow calls nothing replays
    } else {
      sdk = POINT.install === 'replace' ? {} : POINT.install === 'function' ? sdkFunction() : found || {};
      sdk.init = init;
      sdk.identify = identify;
      if (hasDeinit()) sdk.deinit = deinit;
      else delete sdk.deinit;
      if (hasOpen()) sdk.openWidget = openWidget;
      else delete sdk.openWidget;
      if (sdk !== found) sdk.q = stubQueue || [];
    }
    if (POINT.queue === 'drain') sdk.q = drainingQueue();
    w.closer = sdk;
    installed = true;
    installedAfterLoad = scriptLoaded;
    mark('installed');
    for (const item of queued) runQueued(item);
    if (POINT.queue === 'clear') sdk.q = [];
  }

  // ---------------------------------------------------------------- test hooks

  const api = {
    calls,
    executions,
    /** The dimensions of the space, their values and defaults (the single source). */
    space: SPACE,
    /** The point this copy plays, normalised: dimension → value. */
    point: POINT,
    /** The `mode` alias this copy was given ('sync' when none). */
    mode: MODE,
    /** `when=timer` and `deinit=promise|task` delays, in ms. */
    timing: Object.freeze({ installMs: INSTALL_MS, deinitMs: DEINIT_MS }),
    /** Every callback the SDK invoked: `{ name, session, args, inInit, afterDeinit }`. */
    callbacks: callbackLog,
    /** @internal a later copy of the script stops this one hearing other tabs */
    detach,
    /** Some session runs (with a deinit pending, until its teardown completes). */
    get initialized() {
      return sessions.length > 0;
    },
    /** Live sessions: 0 or 1, 2 or more only after inits without deinit under `reinit=second`. */
    get sessions() {
      return sessions.length;
    },
    /** Panels on the page. */
    get panels() {
      return sessions.filter((session) => session.panel !== null).length;
    },
    /** The newest session's options. */
    get options() {
      const session = current();
      return session ? session.options : null;
    },
    get isOpen() {
      const session = current();
      return session ? session.isOpen : false;
    },
    /** Last `identify()` data (null after deinit). */
    get identity() {
      return identity;
    },
    /** A deinit's teardown has not completed yet (`deinit=promise` / `task`). */
    get teardownPending() {
      return pendingTeardown !== null;
    },
    /** `after-deinit=remove` unloaded the SDK: the script must run again. */
    get unloaded() {
      return unloaded;
    },
    /** The methods are on `window.closer` (with `when=never`: the queue is being drained). */
    get installed() {
      return installed;
    },
    /** Whether the script's `load` event had fired when the methods were installed. */
    get installedAfterLoad() {
      return installedAfterLoad;
    },
    /** Teardowns caused by a logoff in another same-origin document. */
    get remoteLogoffs() {
      return remoteLogoffs;
    },
    /** The newest session's panel is on the page. */
    get drawn() {
      return isDrawn();
    },
    /** Resolves once the newest session's panel is on the page. */
    whenDrawn() {
      return isDrawn() ? Promise.resolve() : new Promise((resolve) => drawnWaiters.push(() => resolve(undefined)));
    },
    remoteLogoff,
    /**
     * Calls the newest session's callback `name` with `args` (and, with
     * `callback-args=extra`, the extra one), and reflects it in its panel.
     * @param {string} name e.g. 'onTagsChanged'
     * @param {...any} args
     * @returns {boolean} whether the options had such a callback
     */
    fire(name, ...args) {
      const session = requireSession('closerSimulator.fire()');
      if (typeof name !== 'string' || name === '') {
        throw new TypeError(`${LOG} closerSimulator.fire(name): name must be a callback name`);
      }
      reflect(session, name, args);
      return invoke(session, name, args);
    },
    /** Opens the panel like the launcher does (fires onOpen if it was closed). */
    open() {
      setOpen(requireSession('closerSimulator.open()'), true);
    },
    /** Closes the panel like its close button does (fires onClose if it was open). */
    close() {
      setOpen(requireSession('closerSimulator.close()'), false);
    },
    /** Adds an agent message and fires onMessageReceived. @param {string} [text] */
    receiveMessage(text) {
      receive(requireSession('closerSimulator.receiveMessage()'), text);
    },
    /** Adds a client message and fires onMessageSent. @param {string} [text] */
    sendMessage(text) {
      send(requireSession('closerSimulator.sendMessage()'), text);
    },
    /**
     * Test cleanup: removes the widget DOM, the storage keys, `window.closer`, every
     * `<script>` of this simulator and `window.closerSimulator`. No callbacks fire, and
     * other documents are not told.
     */
    reset() {
      teardown();
      disposed = true;
      detach();
      for (const id of sdkTimers) clearTimeout(id);
      sdkTimers.clear();
      pendingTeardown = null;
      heldCalls = [];
      drawnWaiters = [];
      for (const el of Array.from(document.querySelectorAll('div[id^="closer-simulator"]'))) el.remove();
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

  switch (POINT.when) {
    case 'microtask':
      queueMicrotask(install);
      break;
    case 'load':
      if (script) script.addEventListener('load', () => sdkLater(install), { once: true });
      else sdkLater(install);
      break;
    case 'timer':
      sdkLater(install, INSTALL_MS);
      break;
    default: // sync, and never (the queue drains from now on)
      install();
      break;
  }
  mark('exec-end');
})();
