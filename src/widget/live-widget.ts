/**
 * The page's one live widget, in plain TypeScript. The element that owns it holds a
 * lease (`connect()`); the widget keeps one desired state (who owns it, with which
 * config, whether it should run) and what the SDK actually runs, and turns the SDK's
 * callbacks into events on the owner.
 *
 * Everything converges in `#reconcile()`, which compares desired with actual and makes
 * the smallest change (deinit, init, identify) on an installed SDK. Requests that arrive
 * while the script is still loading, or before a late SDK has installed itself, only
 * change the desired state, so they are applied once it is there: never dropped, never
 * run twice.
 */
import { chatError, CloserChatError, errorDetail, type CloserErrorDetail } from '../errors.js';
import {
  emit,
  LOGOUT_EVENT,
  type LogoutReason,
  READY_EVENT,
  reportError,
  UNREAD_CHANGED_EVENT,
  WIDGET_CALLBACKS,
  type WidgetCallbackName,
} from '../events.js';
import {
  dropRanScript,
  loadScript,
  preconnect,
  prefetchScript,
  scriptHasRun,
  widgetScriptRan,
  widgetScriptTag,
} from './loader.js';
import { redact, reportOptions, sameIdentity, type InitOptions, type WidgetConfig } from '../config/read-config.js';
import {
  callSdk,
  isSdkReady,
  noteOwnInit,
  notePageStub,
  pageStartedWidget,
  pushCall,
  sdkDrainsQueue,
  sdkInstalled,
  type CloserSdk,
} from './sdk.js';
import { INITIAL_STATE, nextState, type WidgetState } from './state.js';
import { tabChannel, type TabChannel } from './tabs.js';

/** The element side of the widget: the target of its events. */
interface WidgetHost extends EventTarget {
  readonly isConnected: boolean;
}

/** How the owner hears the state it exposes (a private callback, not a method a page could call). */
export type StateListener = (state: WidgetState) => void;

/** What `connect()` gives: the lease, or why the element may not drive the widget. */
export type ConnectResult =
  { readonly ok: true; readonly lease: WidgetLease } | { readonly ok: false; readonly error: CloserErrorDetail };

/** What the owning element holds: everything it may ask of the widget. */
export interface WidgetLease {
  /**
   * New config (or the element is back in the document), applied at the end of the
   * task. `false`: the lease has ended (the element was removed for good); connect again.
   */
  update(config: WidgetConfig): boolean;
  /** Loads the script if needed; resolves once `closer.init` has run on the real SDK. */
  start(): Promise<void>;
  /**
   * `start()`, then `closer.openWidget()`. Where the SDK has no `openWidget`, the widget
   * still starts (its own launcher shows) and this rejects with `open-unsupported`.
   */
  open(): Promise<void>;
  /**
   * Closes the chat window with the SDK's `closeWidget()`. The public docs name no way
   * to close it, so where the SDK has none this rejects with `close-unsupported`.
   */
  close(): Promise<void>;
  /**
   * Gets ahead of a start, never running the script:
   * - `connect`: it will be needed soon (idle): warm up the connection to its origin;
   * - `cache`: it may be needed (a tap): that, and fetch it at low priority;
   * - `fetch`: the visitor showed intent: that, and fetch it now; init waits for the click.
   */
  prepare(step: 'connect' | 'cache' | 'fetch'): void;
  /** `closer.deinit()` (after a script still loading), then `closer-logout` with `reason`. Down until `start()`. */
  logout(reason?: LogoutReason): Promise<void>;
  /**
   * Nothing may run now (consent withheld before anything started): a start in flight
   * ends without an init. Down until `start()`.
   */
  hold(): void;
  /**
   * The element left the document. Unless it is back, or a successor with the same
   * visitor has connected, by the end of the grace period, the widget tears down.
   */
  release(): void;
}

/** How long a late SDK may take to install itself after its script ran. */
const SDK_WAIT_MS = 10_000;
const SDK_POLL_MS = 25;
/** How long an `init` waits for a `deinit` that returned a promise (an SDK that tears down asynchronously). */
const DEINIT_WAIT_MS = 3_000;
/**
 * How long an `init` waits after a `deinit` that returned nothing: the docs do not say
 * that it is done when it returns, and an SDK that finishes in a later task may drop what
 * comes meanwhile. Only an identity switch or a login right after a logoff waits.
 */
const TEARDOWN_SETTLE_MS = 100;

const aborted = () =>
  chatError('aborted', 'the widget was not started: the element was removed or logged out while it loaded');

const conflict = () => errorDetail('second-element', 'another <closer-chat> already runs the widget on this page');

/** The page's own snippet started the widget, or may have: say what the element saw. */
const snippetConflict = (seen: 'queued' | 'unknown') =>
  errorDetail(
    'snippet-init',
    seen === 'queued'
      ? "the page's own Closer snippet queued closer.init() before <closer-chat> connected: no second init"
      : 'a Closer widget script set up window.closer before <closer-chat> connected; the element cannot tell whether the page called closer.init(): no second init',
  );

/** Who owns the widget, with which config, and whether it should run. */
interface Desired {
  readonly owner: WidgetHost;
  readonly showState: StateListener;
  config: WidgetConfig;
  run: boolean;
}

/** What the SDK runs: the options of our `init`. */
interface Running {
  readonly options: InitOptions;
}

class LiveWidget {
  #desired?: Desired;
  #running?: Running;
  /** Bumped at every init and deinit, so callbacks of an ended session are ignored. */
  #session = 0;
  #identified?: string;
  #state: WidgetState = INITIAL_STATE;
  #starting?: Promise<void>;
  #settleTimer?: ReturnType<typeof setTimeout>;
  #graceTimer?: ReturnType<typeof setTimeout>;
  /** `logout()` asked for a deinit that waits for the SDK to have one. */
  #logoffWanted = false;
  /** Open while a widget runs: hears other tabs' logoffs. */
  #tabs?: TabChannel;
  /** A `deinit` that returned a promise, until it settles: no `init` before. */
  #tearingDown?: Promise<void>;
  /** When our last `deinit` returned nothing: it may still be finishing. */
  #deinitReturnedAt = -Infinity;
  /** The owner that heard this session's `closer-ready`. */
  #readyHeardBy?: WidgetHost;
  /** Our last deinit removed `window.closer`: a start must run the script again. */
  #sdkRemovedItself = false;
  /** An init that failed while `#load` waited for a late SDK: reported, then thrown there. */
  #failure?: CloserErrorDetail;

  /**
   * A connected element with a valid config asks for the widget: a lease, or the
   * conflict to report when another element or the page's own snippet has it.
   */
  connect(host: WidgetHost, config: WidgetConfig, showState: StateListener): ConnectResult {
    const previous = this.#desired;
    if (previous && previous.owner !== host && previous.owner.isConnected) return { ok: false, error: conflict() };
    const { tag, ours } = widgetScriptTag(config.src);
    notePageStub(tag, !!tag && scriptHasRun(tag));
    // `window.closer` is gone (the page removed it): nothing of ours runs any more.
    if (this.#running && !window.closer) this.#ended();
    const pageStarted = !previous && !this.#running ? pageStartedWidget(tag, ours) : undefined;
    if (pageStarted) return { ok: false, error: snippetConflict(pageStarted) };
    this.#endGrace();
    // A predecessor removed earlier (within its grace period) hands over; it reads as idle now.
    previous?.showState(INITIAL_STATE);
    // A successor with the same visitor adopts the running widget without a new init; one
    // for another visitor gets it after a switch (at the end of the task, or at its start).
    const adopts = this.#running !== undefined && sameIdentity(this.#running.options, config.init);
    this.#desired = { owner: host, showState, config, run: adopts };
    showState(this.#ownersState());
    if (adopts) {
      this.#readyHeardBy = undefined; // a successor hears it too
      this.#announceReady();
    }
    // Identity switches and identify() wait for the end of the task, so that several
    // attribute changes in one task cause one switch.
    this.#scheduleSettle();
    return { ok: true, lease: this.#lease(host) };
  }

  /** The lease of `host`: each call checks that `host` still owns the widget. */
  #lease(host: WidgetHost): WidgetLease {
    const owned = (): Desired => {
      const desired = this.#desired;
      if (desired?.owner !== host) throw new CloserChatError(conflict());
      return desired;
    };
    return {
      update: (config) => {
        if (this.#desired?.owner !== host) return false;
        this.#desired.config = config;
        if (host.isConnected) this.#endGrace();
        if (this.#sessionIsOwners()) this.#announceReady();
        this.#scheduleSettle();
        return true;
      },
      start: async () => this.#start(owned()),
      open: async () => {
        await this.#start(owned());
        const sdk = window.closer;
        if (typeof sdk?.openWidget !== 'function') {
          throw chatError(
            'open-unsupported',
            'open(): this Closer widget has no closer.openWidget(); it started closed',
          );
        }
        sdk.openWidget();
      },
      close: () => {
        owned();
        const sdk = window.closer as CloserSdk & { closeWidget?: () => void };
        if (!this.#running || !this.#state.opened) return Promise.resolve();
        if (typeof sdk.closeWidget !== 'function') {
          const what = 'close(): this Closer widget has no closer.closeWidget(); the window stays open';
          return Promise.reject(chatError('close-unsupported', what));
        }
        sdk.closeWidget();
        return Promise.resolve();
      },
      prepare: (step) => {
        const desired = this.#desired;
        if (desired?.owner !== host || (step !== 'connect' && isSdkReady())) return;
        const { src } = desired.config;
        preconnect(src);
        if (step === 'cache') prefetchScript(src);
        if (step === 'fetch') loadScript(desired.config).catch(() => undefined /* a click reports it */);
      },
      logout: async (reason = 'logout') => {
        const desired = owned();
        desired.run = false;
        // A log-off is part of the desired state, wanted from this call on: a start asked
        // for after it (open() in the same task) comes after the logoff, not instead of it.
        // Applied now, or (bounded) once a late SDK has installed its deinit. Nothing is
        // fetched just to log off, and an SDK that has no deinit before an init has nothing
        // to log off.
        this.#logoffWanted = true;
        await this.#starting?.catch(() => undefined);
        // Another element took the widget over meanwhile: the logoff was this one's.
        if (this.#desired !== desired) throw new CloserChatError(conflict());
        this.#reconcile();
        if (this.#logoffWanted && widgetScriptRan(desired.config.src)) {
          await this.#waitForSdk(() => !this.#logoffWanted || sdkInstalled());
        }
        this.#logoffWanted = false;
        // A start asked for meanwhile (load(), consent granted again) may already run anew.
        if (!this.#running) this.#setState(INITIAL_STATE);
        if (host.isConnected) emit(host, LOGOUT_EVENT, Object.freeze({ reason }));
      },
      hold: () => {
        const desired = this.#desired;
        if (desired?.owner !== host || !desired.run) return;
        desired.run = false;
        this.#scheduleSettle();
      },
      release: () => {
        const desired = this.#desired;
        if (desired?.owner !== host) return;
        this.#endGrace();
        // A running widget waits out the grace period for a successor; anything else
        // (and a grace of 0) settles at the end of the task.
        const grace = desired.config.gracePeriod;
        if (grace > 0 && this.#running) {
          this.#graceTimer = setTimeout(() => {
            this.#graceTimer = undefined;
            this.#settle();
          }, grace);
        }
        this.#scheduleSettle();
      },
    };
  }

  /** Resolves once `closer.init` has run for `desired`'s visitor. */
  async #start(desired: Desired): Promise<void> {
    desired.run = true;
    // A load in flight may end with another visitor's session (a predecessor's, or the
    // identity before a switch): then this visitor's turn comes in a load of its own.
    for (let turn = 0; turn < 3; turn++) {
      if (this.#runsFor(desired)) return;
      await (this.#starting ??= this.#load(desired.config).finally(() => (this.#starting = undefined)));
      if (this.#desired !== desired || !desired.run) throw aborted();
    }
    if (!this.#runsFor(desired)) throw aborted();
  }

  /** Our init for `desired`'s visitor has run on the SDK (and no logoff asked for since ends it first). */
  #runsFor(desired: Desired): boolean {
    return !!this.#running && !this.#logoffWanted && sameIdentity(this.#running.options, desired.config.init);
  }

  async #load(config: WidgetConfig): Promise<void> {
    // The script tag first, the bookkeeping after: eager is about how soon it is in the page.
    this.#sdkRemovedItself = false;
    const loaded = loadScript(config);
    if (!isSdkReady()) this.#setState({ ...this.#state, phase: 'loading' });
    try {
      await loaded;
    } catch (error) {
      const detail = (error as CloserChatError).detail ?? errorDetail('load-failed', String(error));
      if (this.#desired?.run) this.#fail(detail);
      throw new CloserChatError(detail);
    }
    await this.#deinitSettled();
    let initError = this.#reconcile();
    // An identity switch just tore the previous session down: init once that is done.
    if (!initError && this.#tearingDown) {
      await this.#deinitSettled();
      // An SDK whose deinit removed window.closer comes back only from its script, run anew.
      if (!window.closer && this.#desired?.run) return this.#load(config);
      initError = this.#reconcile();
    }
    if (initError) throw new CloserChatError(initError);
    // A late SDK: wait (bounded) until it has installed itself, reconciling as it goes.
    if (!this.#running && this.#desired?.run && !sdkInstalled()) {
      const came = () => !!this.#running || !this.#desired?.run || !!this.#failure || this.#sdkRemovedItself;
      if (!(await this.#waitForSdk(came))) {
        dropRanScript(config.src); // a retry fetches it again
        const detail = errorDetail('sdk-missing', `${config.src} ran but no Closer SDK installed itself`);
        this.#fail(detail);
        throw new CloserChatError(detail);
      }
      // A logout() waiting for the same SDK logged off as it came, and its deinit removed
      // window.closer: only its script, run anew, brings it back.
      if (this.#sdkRemovedItself && !this.#running && this.#desired?.run) return this.#load(config);
    }
    const failure = this.#failure;
    this.#failure = undefined;
    if (failure) throw new CloserChatError(failure);
    if (!this.#running) {
      // Nothing loads any more: nobody reads `loading`.
      if (this.#state.phase === 'loading') this.#setState({ ...this.#state, phase: 'idle' });
      throw aborted();
    }
  }

  /** A `deinit` that returned a promise has settled (or taken too long to wait for). */
  async #deinitSettled(): Promise<void> {
    while (this.#tearingDown) await this.#tearingDown;
  }

  /** Polls a late SDK, reconciling as it goes, until `done()`; false on timeout. */
  async #waitForSdk(done: () => boolean): Promise<boolean> {
    for (let waited = 0; waited < SDK_WAIT_MS; waited += SDK_POLL_MS) {
      await new Promise((resolve) => setTimeout(resolve, SDK_POLL_MS));
      this.#failure = this.#reconcile() ?? this.#failure;
      if (done()) return true;
    }
    return false;
  }

  #scheduleSettle(): void {
    if (this.#settleTimer !== undefined) return;
    this.#settleTimer = setTimeout(() => {
      this.#settleTimer = undefined;
      this.#settle();
    }, 0);
  }

  /** End of task (or of the grace period): an owner still detached was removed for good. */
  #settle(): void {
    const desired = this.#desired;
    if (desired && !desired.owner.isConnected && this.#graceTimer === undefined) {
      this.#desired = undefined;
      desired.showState(INITIAL_STATE);
    }
    this.#reconcile();
    // Nobody wants a widget and none runs (it failed, or never started): stop hearing other tabs.
    if (!this.#desired && !this.#running) {
      this.#tabs?.close();
      this.#tabs = undefined;
    }
  }

  #endGrace(): void {
    clearTimeout(this.#graceTimer);
    this.#graceTimer = undefined;
  }

  /** Makes the installed SDK match the desired state; returns an init failure, if any. */
  #reconcile(): CloserErrorDetail | undefined {
    // Before the script has run and the SDK has installed itself, everything waits for it.
    if (!sdkInstalled()) {
      // Our deinit removed window.closer (an identity switch): only its script, run anew, brings it back.
      const desired = this.#desired;
      if (this.#sdkRemovedItself && desired?.run && !this.#starting) void this.#start(desired).catch(() => undefined);
      return undefined;
    }
    const wanted = this.#desired?.run ? this.#desired.config : undefined;
    const sdk = window.closer as CloserSdk;
    // logout(): our session, or a stored one, is logged off; an SDK with no deinit before
    // an init has nothing stored to log off.
    if (this.#logoffWanted && !this.#running) {
      this.#logoffWanted = false;
      if (sdk.deinit || sdkDrainsQueue()) this.#deinit(sdk);
    }
    if (this.#running && (this.#logoffWanted || !wanted || !sameIdentity(this.#running.options, wanted.init))) {
      this.#deinit(sdk);
      this.#logoffWanted = false;
    }
    if (wanted && !this.#running && this.#initMayRun()) {
      const error = this.#init(wanted.init);
      if (error) return error;
    }
    if (this.#running && wanted?.identity) {
      const identity = JSON.stringify(wanted.identity);
      if (identity !== this.#identified) {
        this.#identified = identity;
        callSdk('identify', { ...wanted.identity });
      }
    }
    return undefined;
  }

  #init(options: InitOptions): CloserErrorDetail | undefined {
    const session = ++this.#session;
    // A fresh conversation state; callbacks may fire inside init (the SDK reopens a
    // window the visitor left open), so what they set must survive init returning.
    this.#setState({ ...INITIAL_STATE, phase: this.#state.phase });
    let ran: boolean;
    try {
      ran = callSdk('init', { ...options, ...this.#callbacks(session, options) });
    } catch (error) {
      const detail = errorDetail('init-failed', `closer.init() threw: ${(error as Error)?.message ?? error}`);
      this.#fail(detail);
      return detail;
    }
    if (!ran) return undefined; // a stub after all: wait for the SDK
    this.#running = { options };
    this.#readyHeardBy = undefined;
    noteOwnInit(widgetScriptTag(this.#desired!.config.src).tag);
    this.#tabs ??= tabChannel(() => this.#loggedOffElsewhere());
    this.#setState({ ...this.#state, phase: 'ready' });
    this.#announceReady();
    return undefined;
  }

  /**
   * `closer-ready` to the owner, once per session, when it is in the document: one in its
   * grace period hears it when it comes back (a successor, when it adopts the widget).
   */
  #announceReady(): void {
    const owner = this.#desired?.owner;
    if (!owner?.isConnected || !this.#running || this.#readyHeardBy === owner) return;
    this.#readyHeardBy = owner;
    emit(owner, READY_EVENT, { options: reportOptions(this.#running.options) });
  }

  /** `announce`: tell the other tabs' elements (not when their logoff is what we follow). */
  #deinit(sdk: CloserSdk, announce = true): void {
    this.#session++; // callbacks fired by deinit itself belong to the ended session
    try {
      if (sdk.deinit) this.#awaitTeardown(sdk.deinit());
      else if (sdkDrainsQueue()) pushCall('deinit');
    } catch (error) {
      console.error('[closer-chat] closer.deinit() threw', error);
    }
    this.#sdkRemovedItself = !window.closer;
    // deinit logs the visitor off in every same-origin tab: tell their elements.
    if (announce) this.#tabs?.post();
    this.#ended();
  }

  /**
   * The docs do not say whether `deinit` is synchronous. The next `init` waits for a
   * promise it returns (bounded), or a moment if it returns nothing; a rejection is
   * reported, never left unhandled.
   */
  #awaitTeardown(result: unknown): void {
    if (typeof (result as PromiseLike<unknown> | undefined)?.then !== 'function') {
      this.#deinitReturnedAt = performance.now();
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settled = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, DEINIT_WAIT_MS);
      Promise.resolve(result as PromiseLike<unknown>).then(
        () => resolve(),
        (error: unknown) => {
          console.error('[closer-chat] closer.deinit() failed', error);
          resolve();
        },
      );
    }).finally(() => clearTimeout(timer));
    this.#holdInitsUntil(settled);
  }

  /** No init before `settled`; then the SDK is brought to the desired state. */
  #holdInitsUntil(settled: Promise<void>): void {
    const tearingDown = (this.#tearingDown = settled.then(() => {
      if (this.#tearingDown !== tearingDown) return;
      this.#tearingDown = undefined;
      // A deinit that finished in a later task may have removed window.closer as it ended.
      this.#sdkRemovedItself ||= !window.closer;
      this.#reconcile();
    }));
  }

  /**
   * An init may run now: no teardown pending, and a moment has passed since a deinit
   * that returned nothing. (Waited for only when an init comes that soon: a teardown
   * leaves no timer behind.)
   */
  #initMayRun(): boolean {
    if (this.#tearingDown) return false;
    const wait = this.#deinitReturnedAt + TEARDOWN_SETTLE_MS - performance.now();
    if (wait <= 0) return true;
    this.#holdInitsUntil(new Promise((resolve) => setTimeout(resolve, wait)));
    return false;
  }

  /** Our session is over: its callbacks are ignored from now on. */
  #ended(): void {
    this.#session++;
    this.#running = undefined;
    this.#identified = undefined;
    this.#setState(INITIAL_STATE);
    if (!this.#desired) {
      this.#tabs?.close();
      this.#tabs = undefined;
    }
  }

  /**
   * Another tab's `deinit` logged this visitor off. Whether the SDK here heard of it is
   * not documented (a channel, a storage event, or not at all), so its `deinit` runs here
   * too: the visitor is off in this tab either way.
   */
  #loggedOffElsewhere(): void {
    if (!this.#running) return;
    if (isSdkReady()) this.#deinit(window.closer as CloserSdk, false);
    else this.#ended();
    const desired = this.#desired;
    if (!desired) return;
    desired.run = false; // back up only when the page asks (load(), open(), a click)
    if (desired.owner.isConnected) emit(desired.owner, LOGOUT_EVENT, Object.freeze({ reason: 'other-tab' }));
  }

  /** One handler per SDK callback, bound to the session that created it. */
  #callbacks(session: number, options: InitOptions): Record<WidgetCallbackName, (...args: unknown[]) => void> {
    const handlers = {} as Record<WidgetCallbackName, (...args: unknown[]) => void>;
    for (const name of Object.keys(WIDGET_CALLBACKS) as WidgetCallbackName[]) {
      handlers[name] = (...args) => {
        if (session === this.#session) this.#forward(name, redact(args, options.apiKey));
      };
    }
    return handlers;
  }

  #forward(callback: WidgetCallbackName, args: readonly unknown[]): void {
    const { event, detail } = WIDGET_CALLBACKS[callback];
    const payload = { ...(detail as (...a: unknown[]) => Record<string, unknown>)(...args), args };
    const unreadBefore = this.#state.unreadCount;
    this.#setState(nextState(this.#state, callback, payload));
    // Events go to a connected owner only (not to one in its grace period), and only if
    // the session is its visitor's (not a predecessor's awaiting the switch).
    const owner = this.#desired?.owner;
    if (!owner?.isConnected || !this.#sessionIsOwners()) return;
    emit(owner, event, Object.freeze(payload) as never);
    const count = this.#state.unreadCount;
    if (count !== unreadBefore) emit(owner, UNREAD_CHANGED_EVENT, { count });
  }

  #fail(detail: CloserErrorDetail): void {
    this.#setState({ ...this.#state, phase: 'error' });
    reportError(this.#desired?.owner, detail);
  }

  #setState(state: WidgetState): void {
    this.#state = state;
    this.#desired?.showState(this.#ownersState());
  }

  /** Nothing runs, or what runs is the owner's visitor (not a predecessor's awaiting the switch). */
  #sessionIsOwners(): boolean {
    const desired = this.#desired;
    return !this.#running || (!!desired && sameIdentity(this.#running.options, desired.config.init));
  }

  /** What the owner reads: the widget's state if it is its visitor's, else idle. */
  #ownersState(): WidgetState {
    return this.#sessionIsOwners() ? this.#state : INITIAL_STATE;
  }
}

/** The document's one widget. Constructing it touches no DOM (safe on a server). */
export const liveWidget = new LiveWidget();
