/**
 * The page's one live widget, in plain TypeScript. The element that owns it holds a
 * lease (`connect()`); the widget keeps one desired state (who owns it, with which
 * config, whether it should run) and what the SDK actually runs, and turns the SDK's
 * callbacks into events on the owner.
 *
 * Everything converges in `#reconcile()`, which compares desired with actual and
 * makes the smallest change (deinit, init, identify). Requests that arrive while the
 * script is still loading only change the desired state, so they are applied once it
 * has loaded: never dropped, never run twice.
 */
import { CloserChatError, errorDetail, type CloserErrorDetail } from './errors.js';
import {
  emit,
  LOGOUT_EVENT,
  READY_EVENT,
  reportError,
  UNREAD_CHANGED_EVENT,
  WIDGET_CALLBACKS,
  type ConversationStatus,
  type WidgetCallbackName,
} from './events.js';
import { isSdkReady, loadSdk, preconnect, queuedCalls, type CloserSdk } from './loader.js';
import { reportOptions, sameIdentity, type InitOptions, type WidgetConfig } from './options.js';

/** `idle` until started, `loading` the script, `ready` once init ran, `error` on failure. */
export type WidgetPhase = 'idle' | 'loading' | 'ready' | 'error';

/** What a page may read or style around. */
export interface WidgetState {
  readonly phase: WidgetPhase;
  readonly opened: boolean;
  readonly conversationStatus: ConversationStatus | undefined;
  readonly tags: readonly string[];
  /** Messages received while the window was closed; reset when it opens. */
  readonly unreadCount: number;
}

export const INITIAL_STATE: WidgetState = Object.freeze({
  phase: 'idle',
  opened: false,
  conversationStatus: undefined,
  tags: Object.freeze([]),
  unreadCount: 0,
});

/** The element side of the widget: receives events and state. */
interface WidgetHost extends EventTarget {
  readonly isConnected: boolean;
  widgetStateChanged(state: WidgetState): void;
}

/** What the owning element holds: everything it may ask of the widget. */
export interface WidgetLease {
  /**
   * New config (or the element is back in the document), applied at the end of the
   * task. `false`: the lease has ended (the element was removed for good); connect again.
   */
  update(config: WidgetConfig): boolean;
  /** Loads the script if needed; resolves once `closer.init` has run on the real SDK. */
  start(): Promise<void>;
  /** `start()`, then `closer.openWidget()`; fails clearly where the SDK lacks it. */
  open(): Promise<void>;
  /** The visitor showed intent: fetch the script now, leave init to the click. */
  prefetch(): void;
  /** The script will be needed soon: warm up the connection to its origin. */
  preconnect(): void;
  /** `closer.deinit()` (after a script still loading), then `closer-logout`. Down until `start()`. */
  logout(): Promise<void>;
  /** The element left the document; unless it is back by the end of the task, the widget tears down. */
  release(): void;
}

const conflict = () => errorDetail('second-element', 'another <closer-chat> already runs the widget on this page');

/** How each callback changes the state the element exposes. */
function nextState(state: WidgetState, callback: WidgetCallbackName, detail: Record<string, unknown>): WidgetState {
  switch (callback) {
    case 'onOpen':
      return { ...state, opened: true, unreadCount: 0 };
    case 'onClose':
      return { ...state, opened: false };
    case 'onMessageReceived':
      return state.opened ? state : { ...state, unreadCount: state.unreadCount + 1 };
    case 'onTagsChanged':
      return { ...state, tags: detail.tags as readonly string[] };
    case 'onConversationStatusChanged':
      return { ...state, conversationStatus: detail.status as ConversationStatus };
    default:
      return state;
  }
}

/** Who owns the widget, with which config, and whether it should run. */
interface Desired {
  readonly owner: WidgetHost;
  readonly lease: WidgetLease;
  config: WidgetConfig;
  run: boolean;
}

class LiveWidget {
  #desired?: Desired;
  /** What `closer.init` last ran with; undefined before init and after deinit. */
  #running?: InitOptions;
  /** Bumped at every init and deinit, so callbacks of an ended session are ignored. */
  #session = 0;
  #identified?: string;
  #state: WidgetState = INITIAL_STATE;
  #starting?: Promise<void>;
  #settleTimer?: ReturnType<typeof setTimeout>;

  /**
   * A connected element with a valid config asks for the widget: a lease, or the
   * conflict to report when another element or the page's own snippet has it.
   */
  connect(host: WidgetHost, config: WidgetConfig): WidgetLease | CloserErrorDetail {
    const previous = this.#desired;
    if (previous && previous.owner !== host && previous.owner.isConnected) return conflict();
    if (!previous && !this.#running && queuedCalls('init') > 0) {
      return errorDetail('snippet-init', "the page's own Closer snippet already calls closer.init()");
    }
    // A predecessor removed earlier in this task hands over; it reads as idle now.
    previous?.owner.widgetStateChanged(INITIAL_STATE);
    // A successor with the same visitor adopts the running widget without a new init.
    const adopts = this.#running !== undefined && sameIdentity(this.#running, config.init);
    const lease = this.#lease(host);
    this.#desired = { owner: host, lease, config, run: adopts };
    host.widgetStateChanged(this.#state);
    if (adopts) emit(host, READY_EVENT, { options: reportOptions(this.#running as InitOptions) });
    // Identity switches and identify() wait for the end of the task, so that several
    // attribute changes in one task cause one switch.
    this.#scheduleSettle();
    return lease;
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
        this.#scheduleSettle();
        return true;
      },
      start: async () => this.#start(owned()),
      open: async () => {
        await this.#start(owned());
        const sdk = window.closer;
        if (typeof sdk?.openWidget !== 'function') {
          throw new CloserChatError(
            errorDetail('open-unsupported', 'open(): this version of the Closer widget has no closer.openWidget()'),
          );
        }
        sdk.openWidget();
      },
      prefetch: () => {
        const desired = this.#desired;
        if (desired?.owner !== host || isSdkReady()) return;
        preconnect(desired.config.src);
        loadSdk(desired.config).catch(() => undefined /* a click reports it */);
      },
      preconnect: () => {
        if (this.#desired?.owner === host) preconnect(this.#desired.config.src);
      },
      logout: async () => {
        owned().run = false;
        await this.#starting?.catch(() => undefined);
        if (isSdkReady()) this.#deinit(window.closer as CloserSdk);
        this.#setState(INITIAL_STATE);
        emit(host, LOGOUT_EVENT, Object.freeze({}));
      },
      release: () => {
        if (this.#desired?.owner === host) this.#scheduleSettle();
      },
    };
  }

  #start(desired: Desired): Promise<void> {
    desired.run = true;
    if (this.#running) return Promise.resolve();
    return (this.#starting ??= this.#load(desired.config).finally(() => (this.#starting = undefined)));
  }

  async #load(config: WidgetConfig): Promise<void> {
    if (!isSdkReady()) this.#setState({ ...this.#state, phase: 'loading' });
    try {
      await loadSdk(config);
    } catch (error) {
      const detail = (error as CloserChatError).detail ?? errorDetail('load-failed', String(error));
      if (this.#desired?.run) this.#fail(detail);
      throw new CloserChatError(detail);
    }
    const initError = this.#reconcile();
    if (initError) throw new CloserChatError(initError);
    if (!this.#running) {
      throw new CloserChatError(
        errorDetail('aborted', 'the widget was not started: the element was removed or logged out while it loaded'),
      );
    }
  }

  #scheduleSettle(): void {
    if (this.#settleTimer !== undefined) return;
    this.#settleTimer = setTimeout(() => {
      this.#settleTimer = undefined;
      this.#settle();
    }, 0);
  }

  /** End of task: an owner still detached was removed for good. */
  #settle(): void {
    const desired = this.#desired;
    if (desired && !desired.owner.isConnected) {
      this.#desired = undefined;
      desired.owner.widgetStateChanged(INITIAL_STATE);
    }
    this.#reconcile();
  }

  /** Makes the SDK match the desired state; returns an init failure, if any. */
  #reconcile(): CloserErrorDetail | undefined {
    if (!isSdkReady()) return undefined;
    const sdk = window.closer as CloserSdk;
    const wanted = this.#desired?.run ? this.#desired.config : undefined;
    if (this.#running && (!wanted || !sameIdentity(this.#running, wanted.init))) this.#deinit(sdk);
    if (wanted && !this.#running) {
      const error = this.#init(sdk, wanted.init);
      if (error) return error;
    }
    if (this.#running && wanted?.identity) {
      const identity = JSON.stringify(wanted.identity);
      if (identity !== this.#identified) {
        this.#identified = identity;
        sdk.identify({ ...wanted.identity });
      }
    }
    return undefined;
  }

  #init(sdk: CloserSdk, options: InitOptions): CloserErrorDetail | undefined {
    const session = ++this.#session;
    // A fresh conversation state; callbacks may fire inside init (the SDK reopens a
    // window the visitor left open), so what they set must survive init returning.
    this.#setState({ ...INITIAL_STATE, phase: this.#state.phase });
    try {
      sdk.init({ ...options, ...this.#callbacks(session) });
    } catch (error) {
      const detail = errorDetail('init-failed', `closer.init() threw: ${(error as Error)?.message ?? error}`);
      this.#fail(detail);
      return detail;
    }
    this.#running = options;
    this.#setState({ ...this.#state, phase: 'ready' });
    const owner = this.#desired?.owner;
    if (owner) emit(owner, READY_EVENT, { options: reportOptions(options) });
    return undefined;
  }

  #deinit(sdk: CloserSdk): void {
    this.#session++;
    this.#running = undefined;
    this.#identified = undefined;
    try {
      sdk.deinit?.();
    } catch (error) {
      console.error('[closer-chat] closer.deinit() threw', error);
    }
    this.#setState(INITIAL_STATE);
  }

  /** One handler per SDK callback, bound to the session that created it. */
  #callbacks(session: number): Record<WidgetCallbackName, (...args: unknown[]) => void> {
    const handlers = {} as Record<WidgetCallbackName, (...args: unknown[]) => void>;
    for (const name of Object.keys(WIDGET_CALLBACKS) as WidgetCallbackName[]) {
      handlers[name] = (...args) => {
        if (session === this.#session) this.#forward(name, args);
      };
    }
    return handlers;
  }

  #forward(callback: WidgetCallbackName, args: unknown[]): void {
    const { event, detail } = WIDGET_CALLBACKS[callback];
    const payload = (detail as (...a: unknown[]) => Record<string, unknown>)(...args);
    const unreadBefore = this.#state.unreadCount;
    this.#setState(nextState(this.#state, callback, payload));
    const owner = this.#desired?.owner;
    if (!owner) return;
    emit(owner, event, payload as never);
    const count = this.#state.unreadCount;
    if (count !== unreadBefore) emit(owner, UNREAD_CHANGED_EVENT, { count });
  }

  #fail(detail: CloserErrorDetail): void {
    this.#setState({ ...this.#state, phase: 'error' });
    reportError(this.#desired?.owner, detail);
  }

  #setState(state: WidgetState): void {
    this.#state = state;
    this.#desired?.owner.widgetStateChanged(state);
  }
}

/** The document's one widget. Constructing it touches no DOM (safe on a server). */
export const liveWidget = new LiveWidget();
