/**
 * When the widget starts, for one element: the visitor's consent, the `loading`
 * strategy (now, when idle, on intent, on `load()`), the facade launcher and its
 * hand-over to the real widget, the visitor's engagement, and the busy state. A Lit
 * reactive controller: the element creates it and hands it a lease on the page's
 * widget; it never touches the loader.
 */
import { nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ConsentSource, ConsentState, LoadingStrategy } from '../config/attributes.js';
import { chatError, type CloserChatError } from '../errors.js';
import { CONSENT_REQUIRED_EVENT, emit, LOGOUT_EVENT, MESSAGE_SENT_EVENT, OPEN_EVENT } from '../events.js';
import { DRAW_TIMEOUT_MS, renderFacade, watchForWidget, within } from './facade.js';
import { whenOnline } from './schedule.js';
import { hasEngaged, isConstrainedConnection, storeEngagement, strategyForVisitor } from './strategy.js';
import { STRATEGIES, strategyShowsFacade } from './strategy-table.js';
import { consentNote, launcherNames } from './strings.js';
import type { WidgetLease } from '../widget/lease.js';
import type { WidgetPhase } from '../widget/state.js';

/** What the controller reads of its element. */
export interface LoadingHost extends ReactiveControllerHost, HTMLElement {
  readonly loading: LoadingStrategy;
  readonly showButton: boolean | undefined;
  readonly launcherLabel: string | undefined;
  readonly rememberEngagement: boolean | undefined;
  readonly consent: ConsentState | undefined;
  readonly consentFrom: ConsentSource | undefined;
  readonly state: WidgetPhase;
}

/** What the strategy is applied to: the lease and the validated strategy inputs. */
export interface LaunchPlan {
  readonly lease: WidgetLease;
  readonly loading: LoadingStrategy;
  readonly showButton: boolean | undefined;
  /** Absent: the page does not gate the chat on consent. */
  readonly consent: ConsentState | undefined;
}

/** What was asked beyond the loading strategy (`#asked`); numbers, as the minifier inlines them (string values cost 24 B). */
const NOTHING = 0;
const HELD = 1;
const OPEN_ON_CONSENT = 2;
type Asked = typeof NOTHING | typeof HELD | typeof OPEN_ON_CONSENT;

/**
 * What the launcher shows (`#launcher`), one value so that a note and a spinner cannot
 * outlive the button: nothing; the button; the button while a click loads the widget;
 * the button with the note that the chat needs consent.
 */
const HIDDEN = 0;
const SHOWN = 1;
const LOADING = 2;
const CONSENT_NOTE = 3;
type LauncherView = typeof HIDDEN | typeof SHOWN | typeof LOADING | typeof CONSENT_NOTE;

const ignore = () => undefined; // failures are reported as closer-error; the facade stays

/** Consent is needed and not given: nothing may be fetched, preconnected or stored. */
const withheld = (consent: ConsentState | undefined): consent is 'pending' | 'denied' =>
  consent === 'pending' || consent === 'denied';

export class LoadingController implements ReactiveController {
  readonly #host: LoadingHost;
  #plan?: LaunchPlan;
  /** The lease of the last plan: a new one means the element was added again after its removal for good. */
  #lease?: WidgetLease;
  #cancelSchedule?: () => void;
  /**
   * What was asked beyond the strategy: `held` after `logout()` (here or in another tab),
   * when the strategy no longer starts the widget and only `load()`, `open()` or a click
   * do; `open-on-consent` after a click or `open()` while consent was withheld, when the
   * chat opens once it is granted. One value, so that a logoff drops a pending open.
   */
  #asked: Asked = NOTHING;
  /** What the launcher shows: drawn until the real widget has drawn its own. */
  #launcher: LauncherView = HIDDEN;
  /**
   * Lit is hydrating the server's markup (the first render only): that render draws what
   * the server drew, whatever the launcher's state. About the render, not the launcher.
   */
  #hydrating = false;
  /**
   * A load failed because the browser was offline: retried (opening too, if the visitor
   * had asked to open) once it is back online, while this element still wants the widget.
   */
  #offlineRetry?: { open: boolean };
  #cancelOnlineWait?: () => void;

  constructor(host: LoadingHost) {
    this.#host = host;
    host.addController(this);
    // Engagement is remembered from the element's own events: no global listener; and
    // never while consent is withheld (nothing is stored then).
    const remember = () =>
      this.#host.rememberEngagement !== false && !withheld(this.#plan?.consent) && storeEngagement(true);
    host.addEventListener(OPEN_EVENT, remember);
    host.addEventListener(MESSAGE_SENT_EVENT, remember);
    // Logged off in another tab: as after logout(), only load(), open() or a click start
    // a fresh session (a start the strategy had planned, e.g. on idle, is called off).
    host.addEventListener(LOGOUT_EVENT, ({ detail }) => {
      if (detail.reason !== 'other-tab') return;
      this.#asked = HELD;
      this.#cancel();
    });
  }

  hostDisconnected(): void {
    this.#cancel();
    // A move re-arms it on connect (apply()); a removal for good leaves no listener.
    this.#cancelOnlineWait?.();
  }

  /**
   * What a server draws: the launcher for `interaction` or withheld consent (a consent
   * manager's too: it has not decided on a server), unless `show-button="false"`. It
   * cannot see the visitor (returning? Save-Data?) nor check the config; the client
   * decides on connect.
   */
  get serverShowsFacade(): boolean {
    const { loading, consent, consentFrom, showButton } = this.#host;
    return (strategyShowsFacade(loading) || withheld(consent) || !!consentFrom) && showButton !== false;
  }

  /** Draws on the server's decision (rendering or hydrating its markup), then the client's. */
  decideOnServer(): void {
    this.#launcher = this.serverShowsFacade ? SHOWN : HIDDEN;
  }

  /** Lit will hydrate the server's markup: the first render must draw what the server drew. */
  hydrateServerMarkup(): void {
    this.#hydrating = true;
  }

  hostUpdated(): void {
    // Hydrated as the server drew it; now draw what the client decided, if that differs.
    if (!this.#hydrating) return;
    this.#hydrating = false;
    if (this.serverShowsFacade !== (this.#launcher !== HIDDEN)) this.#host.requestUpdate();
  }

  /** A valid config: start now, when idle, on intent or on `load()`, per consent, strategy and visitor. */
  apply(plan: LaunchPlan): void {
    const wasWithheld = withheld(this.#plan?.consent);
    this.#cancel();
    this.#plan = plan;
    // Added again after its removal for good: a fresh mount, which a logoff's hold does not outlive.
    if (plan.lease !== this.#lease && this.#asked === HELD) this.#asked = NOTHING;
    this.#lease = plan.lease;
    const ready = this.#host.state === 'ready';
    if (withheld(plan.consent)) {
      this.#forgetOfflineRetry();
      this.#setFacade(plan.showButton !== false && !ready);
      this.#withdraw(plan, ready || this.#host.state === 'loading');
      return;
    }
    if (this.#launcher === CONSENT_NOTE) this.#show(SHOWN);
    const effective = strategyForVisitor(plan.loading, {
      engaged: () => this.#host.rememberEngagement !== false && hasEngaged(),
      constrained: isConstrainedConnection,
    });
    // No launcher of ours when the page hides the widget's own: it opens it by `open()`.
    const facade = (STRATEGIES[plan.loading].facade_ || STRATEGIES[effective].facade_) && plan.showButton !== false;
    this.#setFacade((facade || (wasWithheld && this.#launcher !== HIDDEN)) && !ready);
    if (this.#asked === OPEN_ON_CONSENT) {
      this.#asked = NOTHING;
      void this.open().catch(ignore);
      return;
    }
    if (this.#asked === HELD || ready) return;
    if (this.#offlineRetry) this.#waitForOnline();
    const start = () => void this.#run(false).catch(ignore);
    this.#cancelSchedule = STRATEGIES[effective].trigger_(start, plan.lease);
  }

  /**
   * Consent is withheld: nothing may start. A widget that ran, or is on its way (its
   * script loading), is logged off and forgotten; granting again starts a fresh session
   * under the strategy (this is not `logout()`, which holds the widget down).
   */
  #withdraw(plan: LaunchPlan, started: boolean): void {
    if (!started) return plan.lease.hold_();
    storeEngagement(false);
    void plan.lease
      .logout_('consent')
      .then(() => this.#plan && this.apply(this.#plan))
      .catch(ignore);
  }

  /**
   * The config became invalid or another element owns the widget: nothing starts, and
   * no launcher offers a widget that cannot start (a running one is left alone).
   */
  halt(): void {
    this.#cancel();
    this.#forgetOfflineRetry();
    this.#plan = undefined;
    this.#setFacade(false);
  }

  /** Starts now, whatever the strategy says (once consent is given). */
  load(): Promise<void> {
    if (this.#asked === HELD) this.#asked = NOTHING; // a pending open stays
    return this.#run(false);
  }

  /** Starts if needed, then opens the chat window. */
  open(): Promise<void> {
    this.#asked = NOTHING;
    return this.#run(true);
  }

  /** Logs the visitor off and forgets the engagement; the facade comes back where it applies. */
  async logout(): Promise<void> {
    const plan = this.#require();
    this.#asked = HELD;
    this.#cancel();
    this.#forgetOfflineRetry();
    storeEngagement(false);
    await plan.lease.logout_();
    if (this.#plan) this.apply(this.#plan);
  }

  /** The launcher, when shown (as the server drew it, while hydrating its markup). */
  render(): TemplateResult | typeof nothing {
    const view = this.#hydrating ? (this.serverShowsFacade ? SHOWN : HIDDEN) : this.#launcher;
    if (view === HIDDEN) return nothing;
    const names = launcherNames(this.#host);
    return renderFacade({
      label: view === LOADING ? names.loading : this.#host.launcherLabel || names.open,
      busy: view === LOADING,
      note: view === CONSENT_NOTE ? consentNote(this.#host) : undefined,
      // A launcher not in the page (its tag removed, the removal not settled yet) shows no intent.
      onIntent: () => {
        if (this.#host.isConnected && !withheld(this.#plan?.consent)) this.#plan?.lease.prepare_('fetch');
      },
      onClick: () => void (this.#host.isConnected && this.open().catch(ignore)),
    });
  }

  /**
   * Starts (and opens) the widget; with the facade up, keeps it until the widget has
   * drawn its own launcher, so there is never none and never two. On failure the
   * facade stays, so a later click retries.
   */
  async #run(open: boolean): Promise<void> {
    const { lease, consent } = this.#require();
    if (withheld(consent)) return this.#askForConsent(consent, open);
    const watch = this.#launcher !== HIDDEN ? watchForWidget() : undefined;
    if (open && watch) this.#show(LOADING);
    let failure: unknown;
    try {
      await (open ? lease.open_() : lease.start_());
    } catch (error) {
      failure = error;
    } finally {
      // Still loading (not hidden or asking for consent meanwhile): the button is back.
      if (this.#launcher === LOADING) this.#show(SHOWN);
    }
    // Without `openWidget` the widget still started: its own launcher takes over.
    const started = !failure || (failure as CloserChatError).detail?.code === 'open-unsupported';
    if (watch && started) {
      // Init has run; hand the launcher over once the widget has drawn.
      void within(watch.drawn, DRAW_TIMEOUT_MS).then(() => {
        watch.stop();
        this.#setFacade(false);
      });
    } else watch?.stop();
    if ((failure as CloserChatError | undefined)?.detail?.code === 'offline') {
      this.#offlineRetry = { open: open || !!this.#offlineRetry?.open };
      this.#waitForOnline();
    } else if (!failure) this.#forgetOfflineRetry();
    if (failure) throw failure as Error;
  }

  /** Retries the offline failure once the browser is back online (one listener at most). */
  #waitForOnline(): void {
    this.#cancelOnlineWait?.();
    this.#cancelOnlineWait = whenOnline(() => {
      this.#cancelOnlineWait = undefined;
      const open = !!this.#offlineRetry?.open;
      this.#offlineRetry = undefined;
      void this.#run(open).catch(ignore);
    });
  }

  #forgetOfflineRetry(): void {
    this.#offlineRetry = undefined;
    this.#cancelOnlineWait?.();
    this.#cancelOnlineWait = undefined;
  }

  /**
   * The visitor wants the chat before consenting: ask the page (a cancelable
   * `closer-consent-required`), or say so on the facade; a click opens once consent
   * is granted.
   */
  #askForConsent(consent: 'pending' | 'denied', open: boolean): Promise<never> {
    if (open) this.#asked = OPEN_ON_CONSENT;
    const event = emit(this.#host, CONSENT_REQUIRED_EVENT, { consent }, true);
    if (this.#launcher !== HIDDEN) this.#show(event.defaultPrevented ? SHOWN : CONSENT_NOTE);
    return Promise.reject(chatError('consent-required', `the chat waits for the visitor's consent (${consent})`));
  }

  #require(): LaunchPlan {
    if (!this.#plan) throw new Error('[closer-chat] internal: no widget lease'); // the element checks first
    return this.#plan;
  }

  #cancel(): void {
    this.#cancelSchedule?.();
    this.#cancelSchedule = undefined;
  }

  /** Draws the button, or takes it down (a button already drawn keeps what it shows). */
  #setFacade(shown: boolean): void {
    if (shown !== (this.#launcher !== HIDDEN)) this.#show(shown ? SHOWN : HIDDEN);
  }

  #show(view: LauncherView): void {
    if (view === this.#launcher) return;
    this.#launcher = view;
    this.#host.requestUpdate();
  }
}
