// Runs in the browser, as served by conformance/server.js (a classic script).
// The conformance probe, in the browser: the runner page spreads the jobs (one widget.js
// URL each) over lanes, one origin per lane; each job page probes its widget in fresh
// same-origin iframes (a fresh `window.closer` each), one scenario at a time, and posts
// its findings to the server. What each dimension means: docs/widget-sdk.md.
//
// Scenarios: `install` (how and when the script installs itself, an empty queue),
// `queue` (an `init` queued on the stub: what becomes of it), `session` (init, callbacks,
// openWidget, a second init, deinit) and `tabs` (a deinit in one document, three others
// watching: nothing blocked, its BroadcastChannels isolated, its storage events stopped).
(function () {
  'use strict';

  /** Arguments the public docs give each callback. */
  const DOCUMENTED_ARGS = {
    onOpen: 0,
    onClose: 0,
    onMessageSent: 0,
    onMessageReceived: 0,
    onTagsChanged: 1,
    onLektaContext: 1,
    onConversationStatusChanged: 1,
    onUserAuthorized: 0,
    onUserAuthorizationFailed: 0,
  };
  /** The dimensions, in the order of docs/widget-sdk.md. */
  const DIMENSIONS = [
    'install',
    'when',
    'queue',
    'reinit',
    'deinit',
    'deinit-before-init',
    'after-deinit',
    'open',
    'callback-args',
    'callbacks-in-init',
    'callback-after-deinit',
    'tabs',
    'init',
  ];
  /**
   * How long to wait for something the widget should do (draw, call back, tear down): the
   * wait ends as soon as it does. Waiting to conclude that it does NOT do something (a
   * second widget, a callback after deinit) takes `settleMs`.
   */
  const patience = (job) => Math.max(2000, job.settleMs * 4);

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const describe = (value) =>
    value === null ? 'null' : Array.isArray(value) ? `an array of ${value.length}` : typeof value;

  /** Polls `check` every 5 ms until it holds or `ms` passed; whether it held. */
  async function until(check, ms) {
    const end = performance.now() + ms;
    for (;;) {
      if (check()) return true;
      if (performance.now() >= end) return false;
      await sleep(5);
    }
  }

  // ------------------------------------------------------------------ a scenario document

  /**
   * A fresh same-origin document with the official snippet and the widget script, watched:
   * who sets what on `window.closer` and when, what the widget adds to the page, errors.
   * `block`: 'storage' stops every `storage` event before the widget hears it;
   * 'broadcast' gives the widget BroadcastChannels no other document shares.
   */
  async function openWidgetDocument(job, name, { block = null, queueInit = false } = {}) {
    const frame = document.createElement('iframe');
    frame.src = `/blank.html?${encodeURIComponent(name)}`;
    frame.title = name;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow;
    const doc = win.document;
    const started = performance.now();
    const watch = {
      name,
      frame,
      win,
      evidence: [],
      errors: [],
      script: null,
      stub: null,
      stubQueue: null,
      stubMethods: {},
      loadAt: null,
      hops: 0,
      executionEnded: false,
      inMicrotask: 0,
      install: null,
      widgetNodes: new Set(),
      sinceMs: () => Math.round(performance.now() - started),
    };
    win.addEventListener('error', (event) =>
      watch.errors.push(`${name}: ${event.message || 'error'}${event.filename ? ` (${event.filename})` : ''}`),
    );
    win.addEventListener('unhandledrejection', (event) =>
      watch.errors.push(
        `${name}: unhandled rejection ${String(event.reason && (event.reason.message || event.reason))}`,
      ),
    );
    if (block === 'storage') win.addEventListener('storage', (event) => event.stopImmediatePropagation(), true);
    if (block === 'broadcast' && typeof win.BroadcastChannel === 'function') {
      const Original = win.BroadcastChannel;
      const suffix = `#closer-probe-isolated-${Math.random().toString(36).slice(2)}`;
      win.BroadcastChannel = class extends Original {
        constructor(channelName) {
          super(`${channelName}${suffix}`);
        }
      };
    }
    markMicrotasks(win, watch);
    // What the widget draws: elements added to <body> that are not ours.
    new win.MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) if (node.nodeType === 1) watch.widgetNodes.add(node);
      }
    }).observe(doc.body, { childList: true });

    // The official snippet, as a page has it, then (for the queue scenario) an init on its stub.
    const inline = doc.createElement('script');
    inline.textContent = job.snippet;
    doc.head.append(inline);
    watch.stub = win.closer;
    watch.stubQueue = watch.stub.q;
    for (const method of ['init', 'identify', 'openWidget']) watch.stubMethods[method] = watch.stub[method];
    watch.script = Array.from(doc.scripts).find((script) => script.src === job.widgetUrl) || null;
    if (!watch.script) throw new Error('the snippet added no script tag');
    watch.script.addEventListener('load', () => {
      watch.loadAt = performance.now();
      // Zero-delay hops from the load event: a widget installing from its own load
      // listener (a task it starts then) is installed by the second.
      const hop = () => {
        watch.hops++;
        if (watch.hops < 3) setTimeout(hop, 0);
      };
      setTimeout(hop, 0);
    });
    watch.scriptSettled = new Promise((resolve) => {
      watch.script.addEventListener('load', () => resolve('load'), { once: true });
      watch.script.addEventListener('error', () => resolve('error'), { once: true });
    });
    watchExecution(win, watch);
    watchCloser(win, watch);
    if (queueInit) watch.stub.init({ orgId: job.org });
    return watch;
  }

  /**
   * Microtasks the widget queues run with `document.currentScript` still set (the
   * checkpoint comes before the script's execution ends), so they are marked: callbacks
   * of `queueMicrotask` and `then` run with `inMicrotask` up.
   */
  function markMicrotasks(win, watch) {
    const wrap =
      (fn) =>
      (...args) => {
        watch.inMicrotask++;
        try {
          return fn(...args);
        } finally {
          watch.inMicrotask--;
        }
      };
    const queue = win.queueMicrotask;
    win.queueMicrotask = (callback) => queue.call(win, typeof callback === 'function' ? wrap(callback) : callback);
    const then = win.Promise.prototype.then;
    win.Promise.prototype.then = function (onFulfilled, onRejected) {
      return then.call(
        this,
        typeof onFulfilled === 'function' ? wrap(onFulfilled) : onFulfilled,
        typeof onRejected === 'function' ? wrap(onRejected) : onRejected,
      );
    };
  }

  /**
   * A microtask queued when the widget first reads `document.currentScript` while it
   * executes marks the end of its synchronous execution.
   */
  function watchExecution(win, watch) {
    const real = Object.getOwnPropertyDescriptor(win.Document.prototype, 'currentScript').get;
    let queued = false;
    Object.defineProperty(win.document, 'currentScript', {
      configurable: true,
      get() {
        const current = real.call(this);
        if (!queued && current === watch.script && !watch.inMicrotask) {
          queued = true;
          win.queueMicrotask(() => (watch.executionEnded = true));
        }
        return current;
      },
    });
  }

  /** The SDK has put real methods on `window.closer` (or replaced it). */
  function installed(watch) {
    const closer = watch.win.closer;
    if (!closer) return false;
    if (closer !== watch.stub) return true;
    if (typeof closer.deinit === 'function') return true;
    return closer.init !== watch.stubMethods.init || closer.identify !== watch.stubMethods.identify;
  }

  /** `closer.q` is an object whose push runs the call (not the stub's array). */
  function drains(watch) {
    const queue = watch.win.closer && watch.win.closer.q;
    return !!queue && !Array.isArray(queue) && typeof queue.push === 'function';
  }

  /** Notes the moment the SDK installed itself, from inside the setter that did it. */
  function noteInstall(watch, what) {
    if (watch.install || !installed(watch)) return;
    const current = Object.getOwnPropertyDescriptor(watch.win.Document.prototype, 'currentScript').get.call(
      watch.win.document,
    );
    let phase;
    if (watch.inMicrotask) phase = 'microtask';
    else if (current === watch.script) phase = watch.executionEnded ? 'microtask' : 'sync';
    else if (watch.loadAt === null) phase = 'microtask';
    else phase = 'after-load';
    watch.install = {
      what,
      phase,
      atMs: watch.sinceMs(),
      afterLoadMs: watch.loadAt === null ? null : Math.round(performance.now() - watch.loadAt),
      hops: watch.hops,
      closer: watch.win.closer,
    };
  }

  /** Accessors on `window.closer` and on the stub's members: every set is seen as it happens. */
  function watchCloser(win, watch) {
    const accessor = (target, key, label) => {
      let value = target[key];
      Object.defineProperty(target, key, {
        configurable: true,
        enumerable: true,
        get: () => value,
        set: (next) => {
          value = next;
          noteInstall(watch, label);
        },
      });
    };
    for (const key of ['init', 'identify', 'openWidget', 'deinit', 'q']) accessor(watch.stub, key, `closer.${key} set`);
    accessor(win, 'closer', 'window.closer replaced');
  }

  /** Waits for the SDK: installed, or (when it only drains its queue) `installWaitMs`. */
  async function waitForSdk(job, watch, result) {
    const outcome = await watch.scriptSettled;
    if (outcome === 'error') throw new Error(`the widget script ${job.widgetUrl} failed to load`);
    // Once the install scenario saw a queue-only SDK, the others need not wait it out again.
    const enough = result && result.neverInstalls ? () => installed(watch) || drains(watch) : () => installed(watch);
    await until(enough, job.installWaitMs);
    if (installed(watch)) noteInstall(watch, 'seen by polling'); // set without a setter (defineProperty)
    return installed(watch) || drains(watch);
  }

  /** What a document's `window.closer` looks like, for a finding that says why. */
  function sdkState(watch) {
    const closer = watch.win.closer;
    const methods = closer ? ['init', 'deinit', 'openWidget'].map((m) => `${m}: ${typeof closer[m]}`).join(', ') : '';
    return `after ${watch.sinceMs()} ms: window.closer is ${closer === watch.stub ? 'the stub' : describe(closer)}${methods ? ` (${methods}, q: ${describe(closer.q)})` : ''}`;
  }

  /** The elements the widget added to <body> that are still there. */
  const drawn = (watch) => Array.from(watch.widgetNodes).filter((node) => node.isConnected);

  /** The localStorage keys there now. */
  const storageKeys = (win) => {
    try {
      return Object.keys(win.localStorage);
    } catch {
      return [];
    }
  };

  function closeDocument(watch) {
    watch.frame.remove();
  }

  /** Between scenarios: no document left, the origin's storage and cookies cleared. */
  async function cleanSlate() {
    for (const frame of Array.from(document.querySelectorAll('iframe'))) frame.remove();
    try {
      localStorage.clear();
      sessionStorage.clear();
    } catch {
      /* no storage */
    }
    for (const cookie of document.cookie.split(';')) {
      const name = cookie.split('=')[0].trim();
      if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
    }
    await sleep(0);
  }

  // ------------------------------------------------------------------ findings

  const found = (value, evidence) => ({ value, evidence });
  const unknown = (candidates, why, evidence = []) => ({ value: 'unknown', candidates, why, evidence });
  const notProbed = (why) => ({ value: 'not probed', why, evidence: [] });

  // ------------------------------------------------------------------ scenario: install

  async function probeInstall(job, result) {
    const watch = await openWidgetDocument(job, 'install');
    const ready = await waitForSdk(job, watch, null);
    await sleep(0); // past the replay: what it does with q comes right after
    const closer = watch.win.closer;
    const ins = watch.install;
    result.errors.push(...watch.errors);
    if (!ready) {
      const why = `within ${job.installWaitMs} ms the script installed nothing and left closer.q as ${describe(closer && closer.q)}`;
      for (const name of ['install', 'when', 'queue', 'deinit-before-init', 'open']) {
        result.dimensions[name] = unknown([], why, [why]);
      }
      return;
    }
    if (!ins) {
      // Only draining: no method ever installed (queue only).
      const line = `no method installed within ${job.installWaitMs} ms; closer.q became an object whose push runs the call`;
      result.dimensions.when = found('never', [line]);
      result.dimensions.install = found('stub', ['window.closer is still the stub object']);
    } else {
      result.dimensions.install =
        ins.closer === watch.stub
          ? found('stub', [`${ins.what}: the methods went on the stub object`])
          : typeof ins.closer === 'function'
            ? found('function', [`${ins.what}: window.closer became a function`])
            : found('replace', [`${ins.what}: window.closer became another object`]);
      const timing = `${ins.what} at ${ins.atMs} ms, ${ins.afterLoadMs === null ? 'before the script load event' : `${ins.afterLoadMs} ms after the script load event (${ins.hops} zero-delay hops)`}`;
      if (ins.phase === 'sync') result.dimensions.when = found('sync', [`${timing}, while the script executed`]);
      else if (ins.phase === 'microtask') result.dimensions.when = found('microtask', [`${timing}, in a microtask`]);
      // Our first zero-delay hop was queued at the load event before the widget's own
      // listener ran: a task the widget queued then runs before our second hop.
      else if (ins.hops <= 1) result.dimensions.when = found('load', [timing]);
      else result.dimensions.when = found('timer', [timing]);
    }
    const queue = closer && closer.q;
    if (drains(watch)) result.dimensions.queue = found('drain', ['closer.q is an object whose push runs the call']);
    else if (Array.isArray(queue) && queue === watch.stubQueue) {
      result.dimensions.queue = found('leave', ["closer.q is still the stub's array (it was empty)"]);
    } else if (Array.isArray(queue)) result.dimensions.queue = found('clear', ['closer.q is a new array']);
    else result.dimensions.queue = unknown([], `closer.q is ${describe(queue)}`, [`closer.q is ${describe(queue)}`]);
    const hasDeinit = typeof (closer && closer.deinit) === 'function';
    result.dimensions['deinit-before-init'] = found(hasDeinit ? 'present' : 'absent', [
      `before any init, closer.deinit is ${typeof (closer && closer.deinit)}`,
    ]);
    result.openBeforeInit = openPresent(watch);
    result.dimensions.open = result.openBeforeInit
      ? found('present', ['closer.openWidget is a function before any init'])
      : unknown(['absent', 'after-init'], 'no openWidget before init; whether one comes after init needs --org', [
          'closer.openWidget is not there before any init',
        ]);
    result.neverInstalls = !ins;
    closeDocument(watch);
  }

  /** `openWidget` that does something: the SDK's own, or the stub's on a draining queue. */
  function openPresent(watch) {
    const closer = watch.win.closer;
    const open = closer && closer.openWidget;
    return typeof open === 'function' && (open !== watch.stubMethods.openWidget || drains(watch));
  }

  // ------------------------------------------------------------------ scenario: queue

  async function probeQueue(job, result) {
    const watch = await openWidgetDocument(job, 'queue', { queueInit: true });
    const queuedItem = watch.stubQueue[watch.stubQueue.length - 1];
    await waitForSdk(job, watch, result);
    await sleep(0);
    const queue = watch.win.closer && watch.win.closer.q;
    result.errors.push(...watch.errors);
    if (drains(watch)) result.dimensions.queue = found('drain', ['closer.q is an object whose push runs the call']);
    else if (Array.isArray(queue) && queue.includes(queuedItem)) {
      result.dimensions.queue = found('leave', [
        `the init queued on the stub is still in closer.q (${queue === watch.stubQueue ? "the stub's" : 'a new'} array)`,
      ]);
    } else if (Array.isArray(queue)) {
      result.dimensions.queue = found('clear', ['the queued init is no longer in closer.q (an array)']);
    }
    await endSession(watch);
    closeDocument(watch);
  }

  // ------------------------------------------------------------------ scenario: session

  /** Init options with every documented callback recording how and when it was called. */
  function recordingOptions(job, watch, log, extra = {}) {
    const options = { orgId: job.org, ...extra };
    for (const name of Object.keys(DOCUMENTED_ARGS)) {
      options[name] = function () {
        log.push({
          name,
          args: arguments.length,
          atMs: watch.sinceMs(),
          inInit: !!watch.inInit,
          afterDeinit: watch.deinitCalled === true,
        });
      };
    }
    return options;
  }

  /** `closer.deinit()`, or a `deinit` pushed onto a draining queue; the returned value. */
  function callDeinit(watch) {
    const closer = watch.win.closer;
    if (closer && typeof closer.deinit === 'function') return { returned: closer.deinit(), how: 'closer.deinit()' };
    if (drains(watch)) return { returned: closer.q.push({ method: 'deinit', args: [] }), how: 'a deinit pushed on q' };
    return null;
  }

  /** Leaves no session behind a scenario (best effort). */
  async function endSession(watch) {
    try {
      const call = callDeinit(watch);
      if (call && call.returned && typeof call.returned.then === 'function') {
        await Promise.race([call.returned, sleep(1000)]);
      }
    } catch {
      /* its own finding elsewhere */
    }
  }

  async function probeSession(job, result) {
    const watch = await openWidgetDocument(job, 'session');
    const d = result.dimensions;
    const log = [];
    const ready = await waitForSdk(job, watch, result);
    if (!ready) {
      // (open keeps what the install scenario found)
      for (const name of SESSION_DIMENSIONS) if (name !== 'open') d[name] = notProbed('no SDK appeared');
      return;
    }
    const options = recordingOptions(job, watch, log, { initializeBeforeRender: true });
    const storageBefore = new Set(storageKeys(watch.win));

    // init, called directly (on the stub's init when the SDK only drains its queue)
    const initAt = performance.now();
    watch.inInit = true;
    let threw = null;
    try {
      watch.win.closer.init(options);
    } catch (error) {
      threw = error;
    } finally {
      watch.inInit = false;
    }
    if (threw) {
      d.init = found('throws', [`closer.init() threw: ${String((threw && threw.message) || threw)}`]);
      // (open keeps what the install scenario found)
      for (const name of SESSION_DIMENSIONS) if (name !== 'init' && name !== 'open') d[name] = notProbed('init throws');
      result.errors.push(...watch.errors);
      closeDocument(watch);
      return;
    }
    d.init = found('ok', ['closer.init() returned']);
    const inInit = log.filter((entry) => entry.inInit);
    await until(() => drawn(watch).length > 0, patience(job));
    const drawMs = performance.now() - initAt;
    if (!inInit.length) await until(() => log.length > 0, patience(job));
    d['callbacks-in-init'] = inInit.length
      ? found('yes', [`called inside init: ${inInit.map((entry) => entry.name).join(', ')}`])
      : log.length
        ? found('no', [`none inside init; after it: ${log.map((entry) => entry.name).join(', ')}`])
        : unknown(['no', 'yes'], `no callback came within ${patience(job)} ms of init`);

    // openWidget: there before init (install scenario), after it, or never
    const openAfter = openPresent(watch);
    if (result.openBeforeInit) d.open = found('present', ['closer.openWidget is a function before any init']);
    else if (openAfter) d.open = found('after-init', ['no openWidget before init; a function once init ran']);
    else d.open = found('absent', ['no openWidget before or after init']);
    if (openAfter) {
      const before = log.length;
      try {
        watch.win.closer.openWidget();
      } catch (error) {
        result.evidence.push(`openWidget() threw: ${String(error && error.message)}`);
      }
      await until(() => log.slice(before).some((entry) => entry.name === 'onOpen'), patience(job));
    }

    // init a second time, no deinit between
    const widgetsBefore = drawn(watch).length;
    try {
      watch.win.closer.init(recordingOptions(job, watch, log));
      // As long as the first widget took to draw (thrice, on a busy machine), at least settleMs.
      const wait = Math.max(job.settleMs, Math.min(3 * drawMs, patience(job)));
      const more = await until(() => drawn(watch).length > widgetsBefore, wait);
      d.reinit = more
        ? found('second', [`a second init added ${drawn(watch).length - widgetsBefore} element(s) to the page`])
        : found('ignore', [`a second init returned and added nothing to the page within ${Math.round(wait)} ms`]);
    } catch (error) {
      d.reinit = found('throw', [`the second closer.init() threw: ${String((error && error.message) || error)}`]);
    }

    // deinit: when the teardown completes, what stays, what calls back after it
    const widgetNodes = drawn(watch);
    const widgetKeys = storageKeys(watch.win).filter((key) => !storageBefore.has(key));
    const tornDown = () =>
      widgetNodes.every((node) => !node.isConnected) &&
      widgetKeys.every((key) => !storageKeys(watch.win).includes(key));
    const signals = `${widgetNodes.length} element(s) and ${widgetKeys.length} storage key(s) of the widget`;
    watch.deinitCalled = true;
    let call;
    try {
      call = callDeinit(watch);
    } catch (error) {
      call = { threw: error };
    }
    const tornAtReturn = tornDown();
    if (!call) {
      for (const name of ['deinit', 'after-deinit', 'callback-after-deinit']) {
        d[name] = notProbed('no deinit on window.closer after init, and no draining queue');
      }
    } else if (call.threw) {
      d.deinit = unknown(['sync', 'promise', 'task'], `deinit threw: ${String(call.threw && call.threw.message)}`);
    } else {
      const returned = call.returned;
      if (!widgetNodes.length && !widgetKeys.length) {
        d.deinit = unknown(['sync', 'promise', 'task'], 'the widget drew nothing and stored nothing to watch go');
      } else if (returned && typeof returned.then === 'function') {
        const settled = await Promise.race([
          Promise.resolve(returned).then(
            () => 'resolved',
            () => 'rejected',
          ),
          sleep(patience(job)).then(() => 'pending'),
        ]);
        d.deinit = found('promise', [
          `${call.how} returned a promise (${settled}); ${signals} ${tornDown() ? 'gone' : 'still there'} by then`,
        ]);
      } else if (tornAtReturn) {
        d.deinit = found('sync', [`${call.how} returned ${describe(returned)}; ${signals} gone by then`]);
      } else if (await until(tornDown, patience(job))) {
        d.deinit = found('task', [`${call.how} returned ${describe(returned)}; ${signals} gone later`]);
      } else {
        d.deinit = unknown(['sync', 'promise', 'task'], `${signals} still there ${patience(job)} ms after deinit`);
      }
      await sleep(0);
      d['after-deinit'] =
        watch.win.closer == null
          ? found('remove', ['window.closer is gone after the teardown'])
          : found('keep', ['window.closer is still there after the teardown']);
      await sleep(job.settleMs);
      const after = log.filter((entry) => entry.afterDeinit);
      d['callback-after-deinit'] = after.length
        ? found('yes', [`after deinit: ${after.map((entry) => entry.name).join(', ')}`])
        : found('no', [`no callback within ${job.settleMs} ms after deinit`]);
    }

    const extra = log.filter((entry) => entry.args > DOCUMENTED_ARGS[entry.name]);
    d['callback-args'] = extra.length
      ? found(
          'extra',
          extra.map((entry) => `${entry.name} got ${entry.args} argument(s)`),
        )
      : log.length
        ? found('documented', [`${log.length} callback(s), none with more arguments than documented`])
        : unknown(['documented', 'extra'], 'no callback came');
    result.errors.push(...watch.errors);
    closeDocument(watch);
  }

  const SESSION_DIMENSIONS = [
    'init',
    'callbacks-in-init',
    'open',
    'reinit',
    'deinit',
    'after-deinit',
    'callback-after-deinit',
    'callback-args',
  ];

  // ------------------------------------------------------------------ scenario: tabs

  async function probeTabs(job, result) {
    const roles = [
      ['x', null],
      ['y', null],
      ['y-storage-only', 'broadcast'],
      ['y-broadcast-only', 'storage'],
    ];
    const docs = {};
    const opened = await Promise.all(
      roles.map(async ([role, block]) => {
        const watch = await openWidgetDocument(job, `tabs-${role}`, { block });
        docs[role] = watch;
        if (!(await waitForSdk(job, watch, result))) return `no SDK appeared in ${watch.name} (${sdkState(watch)})`;
        try {
          watch.win.closer.init({ orgId: job.org });
        } catch {
          return 'init throws';
        }
        return null;
      }),
    );
    const failed = opened.find((why) => why !== null);
    if (failed) return void (result.dimensions.tabs = notProbed(failed));
    const ys = roles.slice(1).map(([role]) => docs[role]);
    await until(() => Object.values(docs).every((watch) => drawn(watch).length > 0), patience(job));
    const watched = Object.fromEntries(ys.map((watch) => [watch.name, drawn(watch)]));
    if (ys.some((watch) => !watched[watch.name].length)) {
      result.dimensions.tabs = unknown(['broadcast', 'storage', 'none'], 'the widget drew nothing to watch go');
      return;
    }
    const gone = (watch) => watched[watch.name].every((node) => !node.isConnected);
    const [y, storageOnly, broadcastOnly] = ys;
    callDeinit(docs.x);
    // Torn down where nothing is blocked, then where one way is (both, for a widget that hears both).
    if (await until(() => gone(y), job.settleMs * 2)) {
      await until(() => gone(storageOnly) || gone(broadcastOnly), patience(job));
      await until(() => gone(storageOnly) && gone(broadcastOnly), job.settleMs);
    }
    const seen = ys.map((watch) => `${watch.name}: ${gone(watch) ? 'torn down' : 'still running'}`);
    if (!gone(y)) result.dimensions.tabs = found('none', seen);
    else if (gone(broadcastOnly)) {
      result.dimensions.tabs = found('broadcast', [
        ...seen,
        ...(gone(storageOnly) ? ['(a storage event alone also reaches it)'] : []),
      ]);
    } else if (gone(storageOnly)) result.dimensions.tabs = found('storage', seen);
    else result.dimensions.tabs = unknown(['broadcast', 'storage'], 'torn down only when nothing was blocked', seen);
    for (const watch of Object.values(docs)) result.errors.push(...watch.errors);
  }

  // ------------------------------------------------------------------ a job

  async function runJob(job) {
    const result = { dimensions: {}, evidence: [], errors: [], openBeforeInit: false };
    const step = async (name, fn) => {
      try {
        await fn(job, result);
      } catch (error) {
        result.errors.push(`${name}: the probe failed: ${String((error && error.stack) || error)}`);
      }
      await cleanSlate();
    };
    await cleanSlate();
    await step('install', probeInstall);
    if (job.org) {
      await step('queue', probeQueue);
      await step('session', probeSession);
      await step('tabs', probeTabs);
    }
    const dimensions = {};
    for (const name of DIMENSIONS) {
      dimensions[name] =
        result.dimensions[name] ||
        (job.org
          ? notProbed('the probe did not get that far (see errors)')
          : notProbed('needs --org (a test organisation)'));
    }
    return {
      point: Object.fromEntries(DIMENSIONS.map((name) => [name, dimensions[name].value])),
      dimensions,
      notes: result.evidence,
      pageErrors: result.errors,
      userAgent: navigator.userAgent,
    };
  }

  async function post(path, body) {
    await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  /** The job page: probes its widget, posts the report, tells the runner. */
  async function jobPage(job) {
    let report;
    try {
      report = await runJob(job);
    } catch (error) {
      report = { failure: String((error && error.stack) || error) };
    }
    await post(`/report?job=${job.id}`, report);
    if (parent !== window) parent.postMessage({ closerProbeDone: job.id }, '*');
  }

  /** The runner page: each lane (an origin of its own) probes its jobs one after the other. */
  async function runnerPage({ jobs, lanes }) {
    let next = 0;
    const lane = async (origin) => {
      while (next < jobs.length) {
        const job = jobs[next++];
        const frame = document.createElement('iframe');
        const done = new Promise((resolve) => {
          const onMessage = (event) => {
            if (event.source !== frame.contentWindow || !event.data || event.data.closerProbeDone !== job.id) return;
            removeEventListener('message', onMessage);
            resolve();
          };
          addEventListener('message', onMessage);
        });
        frame.src = `${origin}/job?id=${job.id}`;
        document.body.append(frame);
        await done;
        frame.remove();
      }
    };
    await Promise.all(lanes.map(lane));
  }

  window.closerProbe = { jobPage, runnerPage, DIMENSIONS };
})();
