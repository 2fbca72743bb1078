/**
 * The page's one live widget, in plain TypeScript: which element owns it, what that
 * element wants (desired state), what the SDK is actually running, and the SDK's
 * callbacks turned into events on the owner.
 *
 * Everything converges in `reconcile()`, which compares desired with actual and
 * makes the smallest change (deinit, init, identify). Requests that arrive while the
 * script is still loading only change the desired state, so they are applied once it
 * has loaded: never dropped, never run twice (DESIGN.md lifecycle rule 8).
 */
import {
  emit,
  LOGOUT_EVENT,
  READY_EVENT,
  reportError,
  UNREAD_CHANGED_EVENT,
  WIDGET_CALLBACKS,
  type CloserErrorDetail,
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
export interface WidgetHost extends EventTarget {
  readonly isConnected: boolean;
  widgetStateChanged(state: WidgetState): void;
}

/** Rejection of `load()`, `open()`, `logout()`; `detail` is the `closer-error` detail. */
export class CloserChatError extends Error {
  override name = 'CloserChatError';
  constructor(readonly detail: CloserErrorDetail) {
    super(detail.message);
  }
}

const CONFLICT: CloserErrorDetail = {
  phase: 'conflict',
  code: 'second-element',
  message:
    '[closer-chat] another <closer-chat> already runs the widget on this page; only the first one connected is used (one widget per document). Remove the extra element.',
};

const SNIPPET_INIT: CloserErrorDetail = {
  phase: 'conflict',
  code: 'snippet-init',
  message:
    "[closer-chat] the page's own Closer snippet already calls closer.init(); remove that call or this element, or the visitor would get two widgets.",
};

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

export class LiveWidget {
  #owner?: WidgetHost;
  /** The owner's config; undefined once the owner is gone for good. */
  #wanted?: WidgetConfig;
  /** The owner's loading strategy (or `load()`) said go; `logout()` takes it back. */
  #started = false;
  /** What `closer.init` last ran with; undefined before init and after deinit. */
  #running?: InitOptions;
  /** Bumped at every init and deinit, so callbacks of an ended session are ignored. */
  #session = 0;
  #identified?: string;
  #state: WidgetState = INITIAL_STATE;
  #starting?: Promise<void>;
  #settleTimer?: ReturnType<typeof setTimeout>;

  /** Whether `host` owns the widget. */
  owns(host: WidgetHost): boolean {
    return this.#owner === host;
  }

  /**
   * A connected element with a valid config asks for the widget. Returns the
   * conflict to report when another element or the page's snippet has it.
   */
  connect(host: WidgetHost, config: WidgetConfig): CloserErrorDetail | undefined {
    const previous = this.#owner;
    if (previous && previous !== host && previous.isConnected) return CONFLICT;
    if (!previous && !this.#running && queuedCalls('init') > 0) return SNIPPET_INIT;

    this.#wanted = config;
    if (previous !== host) this.#takeOver(host, config);
    // Identity switches and identify() wait for the end of the task, so that several
    // attribute changes in one task cause one switch.
    this.#scheduleSettle();
    return undefined;
  }

  /** The host left the DOM; whether for good is decided at the end of the task. */
  disconnect(host: WidgetHost): void {
    if (host === this.#owner) this.#scheduleSettle();
  }

  /** Loads the script if needed and resolves once `closer.init` has run on the real SDK. */
  start(host: WidgetHost): Promise<void> {
    if (host !== this.#owner || !this.#wanted) return Promise.reject(new CloserChatError(CONFLICT));
    this.#started = true;
    if (this.#running) return Promise.resolve();
    return (this.#starting ??= this.#load(this.#wanted).finally(() => (this.#starting = undefined)));
  }

  /**
   * The visitor showed intent (hover, focus, touch): fetch the script now so a click
   * is quick, but leave init to the click. A failure here is reported by the click.
   */
  prefetch(host: WidgetHost): void {
    if (host !== this.#owner || !this.#wanted || isSdkReady()) return;
    const { src, nonce } = this.#wanted;
    preconnect(src);
    loadSdk({ src, nonce }).catch(() => undefined);
  }

  /** `closer.openWidget()` once started; fails clearly where the SDK lacks it. */
  async open(host: WidgetHost): Promise<void> {
    await this.start(host);
    const sdk = window.closer;
    if (typeof sdk?.openWidget !== 'function') {
      throw new CloserChatError({
        phase: 'init',
        code: 'open-unsupported',
        message: '[closer-chat] open(): this version of the Closer widget has no closer.openWidget()',
      });
    }
    sdk.openWidget();
  }

  /**
   * Logs the visitor off (`closer.deinit()`), waiting for a script still loading,
   * since only the real SDK can deinit. The widget stays down until `start()`.
   */
  async logout(host: WidgetHost): Promise<void> {
    if (host !== this.#owner) throw new CloserChatError(CONFLICT);
    this.#started = false;
    await this.#starting?.catch(() => undefined);
    if (isSdkReady()) this.#deinit(window.closer as CloserSdk);
    this.#setState(INITIAL_STATE);
    emit(host, LOGOUT_EVENT, Object.freeze({}));
  }

  async #load(config: WidgetConfig): Promise<void> {
    if (!isSdkReady()) this.#setState({ ...this.#state, phase: 'loading' });
    try {
      await loadSdk({ src: config.src, nonce: config.nonce });
    } catch (error) {
      const { code = 'load-failed', message = String(error) } = error as { code?: string; message?: string };
      const detail: CloserErrorDetail = { phase: 'load', code, message };
      if (this.#started) this.#fail(detail);
      throw new CloserChatError(detail);
    }
    const initError = this.#reconcile();
    if (initError) throw new CloserChatError(initError);
    if (!this.#running) {
      throw new CloserChatError({
        phase: 'init',
        code: 'aborted',
        message: '[closer-chat] the widget was not started: the element was removed or logged out while it loaded',
      });
    }
  }

  #takeOver(host: WidgetHost, config: WidgetConfig): void {
    // A predecessor removed earlier in this task hands over; it reads as idle now.
    this.#owner?.widgetStateChanged(INITIAL_STATE);
    this.#owner = host;
    // A successor with the same visitor, connected in the task its predecessor left
    // in, adopts the running widget without a new init (DESIGN.md rule 6).
    const adopts = this.#running !== undefined && sameIdentity(this.#running, config.init);
    if (!adopts) this.#started = false;
    host.widgetStateChanged(this.#state);
    if (adopts) emit(host, READY_EVENT, { options: reportOptions(this.#running as InitOptions) });
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
    const owner = this.#owner;
    if (owner && !owner.isConnected) {
      this.#owner = undefined;
      this.#wanted = undefined;
      this.#started = false;
      owner.widgetStateChanged(INITIAL_STATE);
    }
    this.#reconcile();
  }

  /** Makes the SDK match the desired state; returns an init failure, if any. */
  #reconcile(): CloserErrorDetail | undefined {
    if (!isSdkReady()) return undefined;
    const sdk = window.closer as CloserSdk;
    const wanted = this.#wanted;
    if (this.#running && (!wanted || !sameIdentity(this.#running, wanted.init))) this.#deinit(sdk);
    if (wanted && this.#started && !this.#running) {
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
      const detail: CloserErrorDetail = {
        phase: 'init',
        code: 'init-failed',
        message: `[closer-chat] closer.init() threw: ${(error as Error)?.message ?? error}`,
      };
      this.#fail(detail);
      return detail;
    }
    this.#running = options;
    this.#setState({ ...this.#state, phase: 'ready' });
    if (this.#owner) emit(this.#owner, READY_EVENT, { options: reportOptions(options) });
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
    const owner = this.#owner;
    if (!owner) return;
    emit(owner, event, payload as never);
    const count = this.#state.unreadCount;
    if (count !== unreadBefore) emit(owner, UNREAD_CHANGED_EVENT, { count });
  }

  #fail(detail: CloserErrorDetail): void {
    this.#setState({ ...this.#state, phase: 'error' });
    reportError(this.#owner, detail);
  }

  #setState(state: WidgetState): void {
    this.#state = state;
    this.#owner?.widgetStateChanged(state);
  }
}

/** The document's one widget. Constructing it touches no DOM (safe on a server). */
export const liveWidget = new LiveWidget();
