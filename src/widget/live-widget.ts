/**
 * The page's one live widget, in plain TypeScript. The element that owns it holds a
 * lease (`connect()`); the widget keeps one desired state (who owns it, with which
 * config, whether it should run), hands it from an element removed to its successor
 * within the grace period, and loads the script when a start is asked for.
 *
 * Everything converges in `#reconcile()`: once the SDK is installed, its session
 * (sdk-session.ts) makes the smallest change (deinit, init, identify) to match the desired
 * state. Requests that arrive while the script is still loading, or before a late SDK has
 * installed itself, only change the desired state, so they are applied once it is there:
 * never dropped, never run twice.
 */
import { chatError, CloserChatError, errorDetail, type CloserErrorDetail } from '../errors.js';
import { emit, LOGOUT_EVENT, type LogoutReason } from '../events.js';
import { dropRanScript, loadScript, prepareScript, scriptHasRun, widgetScriptRan, widgetScriptTag } from './loader.js';
import { sameIdentity, type WidgetConfig } from '../config/read-config.js';
import { isSdkReady, notePageStub, pageStartedWidget, sdkInstalled } from './sdk.js';
import {
  Lease,
  secondElement,
  type LeasedWidget,
  type PrepareStep,
  type WidgetHost,
  type WidgetLease,
} from './lease.js';
import { SdkSession, type Desired, type StateListener } from './sdk-session.js';
import { INITIAL_STATE } from './state.js';

/** What `connect()` gives: the lease, or why the element may not drive the widget. */
export type ConnectResult =
  { readonly ok: true; readonly lease: WidgetLease } | { readonly ok: false; readonly error: CloserErrorDetail };

/** How long a late SDK may take to install itself after its script ran. */
const SDK_WAIT_MS = 10_000;
const SDK_POLL_MS = 25;

const aborted = () =>
  chatError('aborted', 'the widget was not started: the element was removed or logged out while it loaded');

/** The page's own snippet started the widget, or may have: say what the element saw. */
const snippetConflict = (seen: 'queued' | 'unknown') =>
  errorDetail(
    'snippet-init',
    seen === 'queued'
      ? "the page's own Closer snippet queued closer.init() before <closer-chat> connected: no second init"
      : 'a Closer widget script set up window.closer before <closer-chat> connected; the element cannot tell whether the page called closer.init(): no second init',
  );

class LiveWidget implements LeasedWidget {
  #desired?: Desired;
  readonly #sdk = new SdkSession(
    () => this.#desired,
    () => this.#reconcile(),
  );
  #starting?: Promise<void>;
  #settleTimer?: ReturnType<typeof setTimeout>;
  #graceTimer?: ReturnType<typeof setTimeout>;
  /** An init that failed while `#load` waited for a late SDK: reported, then thrown there. */
  #failure?: CloserErrorDetail;

  /**
   * A connected element with a valid config asks for the widget: a lease, or the
   * conflict to report when another element or the page's own snippet has it.
   */
  connect(host: WidgetHost, config: WidgetConfig, showState: StateListener): ConnectResult {
    const previous = this.#desired;
    if (previous && previous.owner !== host && previous.owner.isConnected) return { ok: false, error: secondElement() };
    const { tag, ours } = widgetScriptTag(config.src);
    notePageStub(tag, !!tag && scriptHasRun(tag));
    // `window.closer` is gone (the page removed it): nothing of ours runs any more.
    if (this.#sdk.running_ && !window.closer) this.#sdk.ended_();
    const pageStarted = !previous && !this.#sdk.running_ ? pageStartedWidget(tag, ours) : undefined;
    if (pageStarted) return { ok: false, error: snippetConflict(pageStarted) };
    this.#endGrace();
    // A predecessor removed earlier (within its grace period) hands over; it reads as idle now.
    previous?.showState(INITIAL_STATE);
    // A successor with the same visitor adopts the running widget without a new init; one
    // for another visitor gets it after a switch (at the end of the task, or at its start).
    const running = this.#sdk.running_;
    const adopts = running !== undefined && sameIdentity(running, config.init);
    this.#desired = { owner: host, showState: showState, config: config, run: adopts };
    showState(this.#sdk.ownersState_());
    if (adopts) this.#sdk.announceReady_(true); // a successor hears it too
    // Identity switches and identify() wait for the end of the task, so that several
    // attribute changes in one task cause one switch.
    this.#scheduleSettle();
    return { ok: true, lease: new Lease(host, this) };
  }

  // The owner's requests, through its lease (which checks ownership first: here the owner is #desired's).

  currentOwner_(): WidgetHost | undefined {
    return this.#desired?.owner;
  }

  start_(): Promise<void> {
    return this.#start(this.#desired!);
  }

  update_(config: WidgetConfig): void {
    const desired = this.#desired!;
    desired.config = config;
    if (desired.owner.isConnected) this.#endGrace();
    if (this.#sdk.isOwners_()) this.#sdk.announceReady_();
    this.#scheduleSettle();
  }

  async open_(): Promise<void> {
    await this.#start(this.#desired!);
    this.#sdk.openWindow_();
  }

  close_(): void {
    this.#sdk.closeWindow_();
  }

  prepare_(step: PrepareStep): void {
    prepareScript(step, this.#desired!.config);
  }

  async logout_(reason: LogoutReason): Promise<void> {
    const desired = this.#desired!;
    desired.run = false;
    // Applied now, or (bounded) once a late SDK has installed its deinit. Nothing is
    // fetched just to log off, and an SDK that has no deinit before an init has nothing
    // to log off.
    this.#sdk.logoffWanted_ = true;
    await this.#starting?.catch(() => undefined);
    // Another element took the widget over meanwhile: the logoff was this one's.
    if (this.#desired !== desired) throw new CloserChatError(secondElement());
    this.#reconcile();
    if (this.#sdk.logoffWanted_ && widgetScriptRan(desired.config.src)) {
      await this.#waitForSdk(() => !this.#sdk.logoffWanted_ || sdkInstalled());
    }
    this.#sdk.logoffWanted_ = false;
    // A start asked for meanwhile (load(), consent granted again) may already run anew.
    if (!this.#sdk.running_) this.#sdk.setState_(INITIAL_STATE);
    if (desired.owner.isConnected) emit(desired.owner, LOGOUT_EVENT, Object.freeze({ reason }));
  }

  hold_(): void {
    const desired = this.#desired!;
    if (!desired.run) return;
    desired.run = false;
    this.#scheduleSettle();
  }

  /** A running widget waits out the grace period for a successor; anything else (and a grace of 0) settles at the end of the task. */
  release_(): void {
    this.#endGrace();
    const grace = this.#desired!.config.gracePeriod;
    if (grace > 0 && this.#sdk.running_) {
      this.#graceTimer = setTimeout(() => {
        this.#graceTimer = undefined;
        this.#settle();
      }, grace);
    }
    this.#scheduleSettle();
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
    const { running_: running, logoffWanted_: logoffWanted } = this.#sdk;
    return !!running && !logoffWanted && sameIdentity(running, desired.config.init);
  }

  async #load(config: WidgetConfig): Promise<void> {
    // The script tag first, the bookkeeping after: eager is about how soon it is in the page.
    const sdk = this.#sdk;
    sdk.sdkRemovedItself_ = false;
    const loaded = loadScript(config);
    if (!isSdkReady()) sdk.setState_({ ...sdk.state_, phase: 'loading' });
    try {
      await loaded;
    } catch (error) {
      const detail = (error as CloserChatError).detail ?? errorDetail('load-failed', String(error));
      if (this.#desired?.run) sdk.fail_(detail);
      throw new CloserChatError(detail);
    }
    await sdk.teardown_.opened_();
    let initError = this.#reconcile();
    // An identity switch just tore the previous session down: init once that is done.
    if (!initError && sdk.teardown_.closed_) {
      await sdk.teardown_.opened_();
      // An SDK whose deinit removed window.closer comes back only from its script, run anew.
      if (!window.closer && this.#desired?.run) return this.#load(config);
      initError = this.#reconcile();
    }
    if (initError) throw new CloserChatError(initError);
    // A late SDK: wait (bounded) until it has installed itself, reconciling as it goes.
    if (!sdk.running_ && this.#desired?.run && !sdkInstalled()) {
      const came = () => !!sdk.running_ || !this.#desired?.run || !!this.#failure || sdk.sdkRemovedItself_;
      if (!(await this.#waitForSdk(came))) {
        dropRanScript(config.src); // a retry fetches it again
        const detail = errorDetail('sdk-missing', `${config.src} ran but no Closer SDK installed itself`);
        sdk.fail_(detail);
        throw new CloserChatError(detail);
      }
      // A logout() waiting for the same SDK logged off as it came, and its deinit removed
      // window.closer: only its script, run anew, brings it back.
      if (sdk.sdkRemovedItself_ && !sdk.running_ && this.#desired?.run) return this.#load(config);
    }
    const failure = this.#failure;
    this.#failure = undefined;
    if (failure) throw new CloserChatError(failure);
    if (!sdk.running_) {
      // Nothing loads any more: nobody reads `loading`.
      if (sdk.state_.phase === 'loading') sdk.setState_({ ...sdk.state_, phase: 'idle' });
      throw aborted();
    }
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
    if (!this.#desired && !this.#sdk.running_) this.#sdk.stopHearingTabs_();
  }

  #endGrace(): void {
    clearTimeout(this.#graceTimer);
    this.#graceTimer = undefined;
  }

  /** Makes the installed SDK match the desired state; returns an init failure, if any. */
  #reconcile(): CloserErrorDetail | undefined {
    const desired = this.#desired;
    // Before the script has run and the SDK has installed itself, everything waits for it.
    if (sdkInstalled()) return this.#sdk.reconcile_(desired?.run ? desired.config : undefined);
    // Our deinit removed window.closer (an identity switch): only its script, run anew, brings it back.
    if (this.#sdk.sdkRemovedItself_ && desired?.run && !this.#starting)
      void this.#start(desired).catch(() => undefined);
    return undefined;
  }
}

/** The document's one widget. Constructing it touches no DOM (safe on a server). */
export const liveWidget = new LiveWidget();
