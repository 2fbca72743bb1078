/**
 * What the SDK runs for us: our `init`, `deinit` and `identify` calls, made so that the
 * installed SDK matches what the owner wants (`reconcile()`), and the session they make:
 * its callbacks become events on the owner and drive the state the owner shows. A
 * `deinit` here logs the visitor off in the other tabs too, and theirs here.
 */
import { chatError, errorDetail, type CloserErrorDetail } from '../errors.js';
import {
  emit,
  LOGOUT_EVENT,
  READY_EVENT,
  reportError,
  UNREAD_CHANGED_EVENT,
  WIDGET_CALLBACKS,
  type WidgetCallbackName,
} from '../events.js';
import { redact, reportOptions, sameIdentity, type InitOptions, type WidgetConfig } from '../config/read-config.js';
import type { WidgetHost } from './lease.js';
import { widgetScriptTag } from './loader.js';
import { callSdk, isSdkReady, noteOwnInit, pushCall, sdkDrainsQueue, type CloserSdk } from './sdk.js';
import { INITIAL_STATE, nextState, type WidgetState } from './state.js';
import { tabChannel, type TabChannel } from './tabs.js';
import { TeardownGate } from './teardown-gate.js';

/** How the owner hears the state it exposes (a private callback, not a method a page could call). */
export type StateListener = (state: WidgetState) => void;

/** Who owns the widget, with which config, and whether it should run. */
export interface Desired {
  readonly owner: WidgetHost;
  readonly showState: StateListener;
  config: WidgetConfig;
  run: boolean;
}

export class SdkSession {
  /** The options of our `init` the SDK runs now. */
  running_?: InitOptions;
  /**
   * `logout()` asked for a deinit that waits for the SDK to have one: part of what is
   * wanted from that call on, so a start asked for after it comes after the logoff.
   */
  logoffWanted_ = false;
  /** Our last deinit removed `window.closer`: a start must run the script again. */
  sdkRemovedItself_ = false;
  #state: WidgetState = INITIAL_STATE;
  /** Bumped at every init and deinit, so callbacks of an ended session are ignored. */
  #session = 0;
  #identified?: string;
  /** The owner that heard this session's `closer-ready`. */
  #readyHeardBy?: WidgetHost;
  /** Open while a widget runs: hears other tabs' logoffs. */
  #tabs?: TabChannel;
  /** No `init` while a `deinit` may still be finishing. */
  readonly teardown_: TeardownGate;
  readonly #desired: () => Desired | undefined;

  /** `desired`: what the owner wants now; `reconcileLater`: called once a teardown has finished. */
  constructor(desired: () => Desired | undefined, reconcileLater: () => void) {
    this.#desired = desired;
    this.teardown_ = new TeardownGate(() => {
      // A deinit that finished in a later task may have removed window.closer as it ended.
      this.sdkRemovedItself_ ||= !window.closer;
      reconcileLater();
    });
  }

  get state_(): WidgetState {
    return this.#state;
  }

  /** Makes the installed SDK match what is wanted (`wanted`: the config to run, if any); returns an init failure. */
  reconcile_(wanted: WidgetConfig | undefined): CloserErrorDetail | undefined {
    const sdk = window.closer as CloserSdk;
    // logout(): our session, or a stored one, is logged off; an SDK with no deinit before
    // an init has nothing stored to log off.
    if (this.logoffWanted_ && !this.running_) {
      this.logoffWanted_ = false;
      if (sdk.deinit || sdkDrainsQueue()) this.#deinit(sdk);
    }
    if (this.running_ && (this.logoffWanted_ || !wanted || !sameIdentity(this.running_, wanted.init))) {
      this.#deinit(sdk);
      this.logoffWanted_ = false;
    }
    if (wanted && !this.running_ && this.teardown_.initMayRun_()) {
      const error = this.#init(wanted);
      if (error) return error;
    }
    if (this.running_ && wanted?.identity) {
      const identity = JSON.stringify(wanted.identity);
      if (identity !== this.#identified) {
        this.#identified = identity;
        callSdk('identify', { ...wanted.identity });
      }
    }
    return undefined;
  }

  /** `closer.openWidget()`; throws `open-unsupported` where the SDK has none (it started closed). */
  openWindow_(): void {
    const sdk = window.closer;
    if (typeof sdk?.openWidget !== 'function') {
      throw chatError('open-unsupported', 'open(): this Closer widget has no closer.openWidget(); it started closed');
    }
    sdk.openWidget();
  }

  /** `closer.closeWidget()` on an open window; throws `close-unsupported` where the SDK has none. */
  closeWindow_(): void {
    const sdk = window.closer as CloserSdk & { closeWidget?: () => void };
    if (!this.running_ || !this.#state.opened) return;
    if (typeof sdk.closeWidget !== 'function') {
      throw chatError(
        'close-unsupported',
        'close(): this Closer widget has no closer.closeWidget(); the window stays open',
      );
    }
    sdk.closeWidget();
  }

  /** Our session is over: its callbacks are ignored from now on. */
  ended_(): void {
    this.#session++;
    this.running_ = undefined;
    this.#identified = undefined;
    this.setState_(INITIAL_STATE);
    if (!this.#desired()) this.stopHearingTabs_();
  }

  /** Nobody wants a widget and none runs (it failed, or never started). */
  stopHearingTabs_(): void {
    this.#tabs?.close();
    this.#tabs = undefined;
  }

  /**
   * `closer-ready` to the owner, once per session, when it is in the document: one in its
   * grace period hears it when it comes back. `again`: a successor adopts the widget.
   */
  announceReady_(again = false): void {
    const owner = this.#desired()?.owner;
    if (again) this.#readyHeardBy = undefined;
    if (!owner?.isConnected || !this.running_ || this.#readyHeardBy === owner) return;
    this.#readyHeardBy = owner;
    emit(owner, READY_EVENT, { options: reportOptions(this.running_) });
  }

  fail_(detail: CloserErrorDetail): void {
    this.setState_({ ...this.#state, phase: 'error' });
    reportError(this.#desired()?.owner, detail);
  }

  setState_(state: WidgetState): void {
    this.#state = state;
    this.#desired()?.showState(this.ownersState_());
  }

  /** Nothing runs, or what runs is the owner's visitor (not a predecessor's awaiting the switch). */
  isOwners_(): boolean {
    const desired = this.#desired();
    return !this.running_ || (!!desired && sameIdentity(this.running_, desired.config.init));
  }

  /** What the owner reads: the widget's state if it is its visitor's, else idle. */
  ownersState_(): WidgetState {
    return this.isOwners_() ? this.#state : INITIAL_STATE;
  }

  #init({ init: options, src }: WidgetConfig): CloserErrorDetail | undefined {
    const session = ++this.#session;
    // A fresh conversation state; callbacks may fire inside init (the SDK reopens a
    // window the visitor left open), so what they set must survive init returning.
    this.setState_({ ...INITIAL_STATE, phase: this.#state.phase });
    let ran: boolean;
    try {
      ran = callSdk('init', { ...options, ...this.#callbacks(session, options) });
    } catch (error) {
      const detail = errorDetail('init-failed', `closer.init() threw: ${(error as Error)?.message ?? error}`);
      this.fail_(detail);
      return detail;
    }
    if (!ran) return undefined; // a stub after all: wait for the SDK
    this.running_ = options;
    noteOwnInit(widgetScriptTag(src).tag);
    this.#tabs ??= tabChannel(() => this.#loggedOffElsewhere());
    this.setState_({ ...this.#state, phase: 'ready' });
    this.announceReady_(true);
    return undefined;
  }

  /** `announce`: tell the other tabs' elements (not when their logoff is what we follow). */
  #deinit(sdk: CloserSdk, announce = true): void {
    this.#session++; // callbacks fired by deinit itself belong to the ended session
    try {
      if (sdk.deinit) this.teardown_.deinitReturned_(sdk.deinit());
      // Taken from the queue, it returns nothing we see: it may finish later all the same.
      else if (sdkDrainsQueue()) this.teardown_.deinitReturned_(pushCall('deinit'));
    } catch (error) {
      console.error('[closer-chat] closer.deinit() threw', error);
    }
    this.sdkRemovedItself_ = !window.closer;
    // deinit logs the visitor off in every same-origin tab: tell their elements.
    if (announce) this.#tabs?.post();
    this.ended_();
  }

  /**
   * Another tab's `deinit` logged this visitor off. Whether the SDK here heard of it is
   * not documented (a channel, a storage event, or not at all), so its `deinit` runs here
   * too: the visitor is off in this tab either way.
   */
  #loggedOffElsewhere(): void {
    if (!this.running_) return;
    if (isSdkReady()) this.#deinit(window.closer as CloserSdk, false);
    else this.ended_();
    const desired = this.#desired();
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
    this.setState_(nextState(this.#state, callback, payload));
    // Events go to a connected owner only (not to one in its grace period), and only if
    // the session is its visitor's (not a predecessor's awaiting the switch).
    const owner = this.#desired()?.owner;
    if (!owner?.isConnected || !this.isOwners_()) return;
    emit(owner, event, Object.freeze(payload) as never);
    const count = this.#state.unreadCount;
    if (count !== unreadBefore) emit(owner, UNREAD_CHANGED_EVENT, { count });
  }
}
