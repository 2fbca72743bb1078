import { isServer, LitElement, nothing, type PropertyValues } from 'lit';
import { MESSAGE_SENT_EVENT, OPEN_EVENT, reportError, type CloserErrorDetail } from './events.js';
import { DEFAULT_LAUNCHER_LABEL, DRAW_TIMEOUT_MS, facadeStyles, renderFacade, watchForWidget, within } from './facade.js';
import { preconnect } from './loader.js';
import {
  booleanAttribute,
  describeIssues,
  optionalBooleanAttribute,
  readConfig,
  type Identity,
  type LoadingStrategy,
  type WidgetConfig,
} from './options.js';
import { whenPageIdle } from './schedule.js';
import { hasEngaged, isConstrainedConnection, rememberEngagement, resolveBehaviour } from './strategy.js';
import { CloserChatError, INITIAL_STATE, liveWidget, type WidgetPhase, type WidgetState } from './widget.js';

/**
 * Rendering on a server (@lit-labs/ssr): no page, no visitor, no widget. `isServer` is
 * Lit's Node build; a server bundle of the browser build still has no `document`.
 */
const ON_SERVER = isServer || typeof document === 'undefined';

/** The custom states this element sets, for `closer-chat:state(ready)` and friends. */
const CUSTOM_STATES = {
  loading: (state: WidgetState, own?: CloserErrorDetail) => !own && state.phase === 'loading',
  ready: (state: WidgetState, own?: CloserErrorDetail) => !own && state.phase === 'ready',
  error: (state: WidgetState, own?: CloserErrorDetail) => !!own || state.phase === 'error',
  open: (state: WidgetState) => state.opened,
  unread: (state: WidgetState) => state.unreadCount > 0,
} as const;

/**
 * Embeds the Closer chat widget: attributes become the options of `closer.init(...)`,
 * every widget callback becomes a DOM event.
 *
 * @summary The Closer chat widget as one tag, for any page or framework.
 * @customElement closer-chat
 *
 * @attr org-id - Your organisation's id (UUID). Required.
 * @attr api-key - A client's api key (UUID): restores that client's session.
 * @attr show-button - `"false"` hides the launcher; absent keeps the SDK default (shown).
 * @attr disable-auto-open - Start closed even if the visitor had the widget open before.
 * @attr enable-log - Send the widget's frontend logs to Closer.
 * @attr initialize-before-render - Check the stored session before drawing the widget.
 * @attr loading - When the script is fetched: `eager`, `idle` (default), `interaction` or `manual`.
 * @attr src - Widget script URL: the official one (default) or one on this page's origin.
 * @attr launcher-label - Accessible name of the `interaction` launcher. Default "Open chat".
 * @attr remember-engagement - `"false"`: do not remember that the visitor engaged
 *   (a returning visitor then gets the `interaction` facade again).
 * @attr nonce - CSP nonce for the injected script tag. Read through the built-in
 *   `nonce` property, which keeps the value after the browser hides the attribute.
 *
 * @fires {CustomEvent<Record<string, never>>} closer-open - The chat window opened (SDK `onOpen`).
 * @fires {CustomEvent<Record<string, never>>} closer-close - The chat window closed (`onClose`).
 * @fires {CustomEvent<Record<string, never>>} closer-message-sent - The visitor sent a message (`onMessageSent`).
 * @fires {CustomEvent<Record<string, never>>} closer-message-received - A message arrived for the visitor (`onMessageReceived`).
 * @fires {CustomEvent<{ tags: readonly string[] }>} closer-tags-changed - The conversation tags changed (`onTagsChanged`).
 * @fires {CustomEvent<{ context: unknown }>} closer-lekta-context - The Lekta bot set its context (`onLektaContext`).
 * @fires {CustomEvent<{ status: ConversationStatus }>} closer-conversation-status-changed - The conversation's
 *   status changed (`onConversationStatusChanged`): `waiting`, `inProgress`, `solved` or `unsolved`.
 * @fires {CustomEvent<Record<string, never>>} closer-user-authorized - The stored session passed its check (`onUserAuthorized`).
 * @fires {CustomEvent<Record<string, never>>} closer-user-authorization-failed - The stored session failed its check
 *   (`onUserAuthorizationFailed`).
 * @fires {CustomEvent<{ count: number }>} closer-unread-changed - `unreadCount` changed.
 * @fires {CustomEvent<{ options: Readonly<Record<string, unknown>> }>} closer-ready - `closer.init` ran, or this
 *   element adopted a running widget. `options` has no functions, and `apiKey` reads `"[redacted]"`.
 * @fires {CustomEvent<Record<string, never>>} closer-logout - `logout()` finished.
 * @fires {CustomEvent<CloserErrorDetail>} closer-error - Configuration, loading or initialisation failed, or another
 *   element already runs the widget: `{ phase: 'config' | 'load' | 'init' | 'conflict', code, message, issues? }`.
 *
 * @slot - Content of the `interaction` launcher (replaces the chat icon).
 * @csspart launcher - The `interaction` launcher button.
 * @csspart button - The same launcher button, by its other name.
 * @cssprop [--closer-chat-launcher-background=#1b4fd8] - Launcher background.
 * @cssprop [--closer-chat-launcher-color=#fff] - Launcher icon colour.
 * @cssprop [--closer-chat-launcher-size=56px] - Launcher width and height.
 * @cssprop [--closer-chat-launcher-offset=20px] - Distance from the bottom-right corner.
 * @cssprop --closer-chat-launcher-offset-x - Horizontal distance; default: the offset.
 * @cssprop --closer-chat-launcher-offset-y - Vertical distance; default: the offset.
 * @cssprop [--closer-chat-launcher-radius=50%] - Launcher corner radius.
 * @cssprop [--closer-chat-launcher-z-index=2147483000] - Launcher stacking order.
 * @cssprop [--closer-chat-launcher-focus-ring=#1b4fd8] - Focus ring colour.
 *
 * @cssstate loading - The widget script is loading.
 * @cssstate ready - The widget is initialised.
 * @cssstate error - Configuration, loading or initialisation failed.
 * @cssstate open - The chat window is open.
 * @cssstate unread - Messages arrived while the window was closed.
 */
export class CloserChat extends LitElement {
  static override styles = facadeStyles;

  static override properties = {
    orgId: { attribute: 'org-id' },
    apiKey: { attribute: 'api-key' },
    showButton: { attribute: 'show-button', converter: optionalBooleanAttribute },
    disableAutoOpen: { attribute: 'disable-auto-open', converter: booleanAttribute },
    enableLog: { attribute: 'enable-log', converter: booleanAttribute },
    initializeBeforeRender: { attribute: 'initialize-before-render', converter: booleanAttribute },
    loading: {},
    src: {},
    launcherLabel: { attribute: 'launcher-label' },
    rememberEngagement: { attribute: 'remember-engagement', converter: optionalBooleanAttribute },
    getLoginHintToken: { attribute: false },
    identity: { attribute: false },
    options: { attribute: false },
  };

  /** Your organisation's id (UUID). */
  declare orgId: string | undefined;
  /** A client's api key (UUID); changing it after init switches the visitor. */
  declare apiKey: string | undefined;
  /** Show the launcher button; undefined keeps the SDK's default. */
  declare showButton: boolean | undefined;
  /** Start closed even if the widget was open before in this browser. */
  declare disableAutoOpen: boolean | undefined;
  /** Send frontend logs to Closer's backend. */
  declare enableLog: boolean | undefined;
  /** Run the backend part of init before rendering. */
  declare initializeBeforeRender: boolean | undefined;
  /** When the widget script is fetched. */
  declare loading: LoadingStrategy;
  /** Widget script URL: the official one, or the development widget on this origin. */
  declare src: string | undefined;
  /** Accessible name of the `interaction` launcher. */
  declare launcherLabel: string | undefined;
  /** `false`: do not remember engagement, so `interaction` always waits for a click. */
  declare rememberEngagement: boolean | undefined;
  /** OAuth login hint, passed to `closer.init`. */
  declare getLoginHintToken: (() => Promise<string>) | undefined;
  /** Lead data for `closer.identify`, sent once initialised and whenever it changes. */
  declare identity: Identity | undefined;
  /** Extra init options, merged under the attribute-derived ones. No callbacks. */
  declare options: Readonly<Record<string, unknown>> | undefined;

  #internals?: ElementInternals;
  #widgetState: WidgetState = INITIAL_STATE;
  /** A config or conflict error of this element (the widget itself may be fine). */
  #ownError?: CloserErrorDetail;
  /** Set on connect and on config changes: the widget must hear about it. */
  #configChanged = false;
  #cancelSchedule?: () => void;
  /** After `logout()` the loading strategy no longer starts the widget; `load()` does. */
  #loggedOut = false;
  /** The `interaction` launcher is drawn (until the real widget has drawn its own). */
  #facadeShown = false;
  /** A click on the facade is loading the widget. */
  #busy = false;
  /** Lit hydrates a server-rendered shadow root: the first render must match the server's. */
  #hydrating = false;

  constructor() {
    super();
    this.loading = 'idle';
    // Optional: a server-side DOM shim may not have it.
    this.#internals = this.attachInternals?.();
    const remember = () => this.rememberEngagement !== false && rememberEngagement(true);
    this.addEventListener(OPEN_EVENT, remember);
    this.addEventListener(MESSAGE_SENT_EVENT, remember);
  }

  /** `idle`, `loading`, `ready` or `error`. */
  get state(): WidgetPhase {
    return this.#ownError ? 'error' : this.#widgetState.phase;
  }

  /** Whether the chat window is open. */
  get opened(): boolean {
    return this.#widgetState.opened;
  }

  /** The conversation's status, once the SDK has reported one. */
  get conversationStatus(): WidgetState['conversationStatus'] {
    return this.#widgetState.conversationStatus;
  }

  /** The conversation's tags. */
  get tags(): readonly string[] {
    return this.#widgetState.tags;
  }

  /** Messages received while the window was closed; reset when it opens. */
  get unreadCount(): number {
    return this.#widgetState.unreadCount;
  }

  /**
   * Starts the widget now, whatever `loading` says. Resolves once the real script
   * has loaded and `closer.init` has run; rejects with a `CloserChatError`.
   */
  async load(): Promise<void> {
    await this.#ready();
    this.#loggedOut = false;
    return this.#run(false);
  }

  /** Loads the widget if needed, then opens its window. */
  async open(): Promise<void> {
    await this.#ready();
    this.#loggedOut = false;
    return this.#run(true);
  }

  /** Logs the visitor off (`closer.deinit()`) and fires `closer-logout`. `load()` starts again. */
  async logout(): Promise<void> {
    await this.#ready();
    this.#loggedOut = true;
    this.#cancelSchedule?.();
    rememberEngagement(false);
    await liveWidget.logout(this);
    // Back to what the strategy shows before a start: the facade, for `interaction`.
    this.#configChanged = true;
    this.requestUpdate();
  }

  /** @internal Called by the live widget. */
  widgetStateChanged(state: WidgetState): void {
    this.#widgetState = state;
    this.#syncCustomStates();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#configChanged = true;
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#cancelSchedule?.();
    this.#cancelSchedule = undefined;
    liveWidget.disconnect(this);
  }

  // Config is applied before render, so the facade decision lands in the same update.
  protected override willUpdate(changed: PropertyValues<this>): void {
    // The label is only drawn; every other property feeds the widget's config.
    if ([...changed.keys()].some((key) => key !== 'launcherLabel')) this.#configChanged = true;
    // A server renders without connecting (@lit-labs/ssr calls willUpdate and render only)
    // and must touch no page API. Decide from the attributes alone, so the launcher is in
    // the HTML before any script runs. The client decides for good on connect; it keeps
    // the facade for a returning visitor too, until the widget has drawn.
    if (ON_SERVER) {
      this.#facadeShown = this.#serverShowsFacade();
      return;
    }
    if (!this.#configChanged || !this.isConnected) return;
    this.#configChanged = false;
    this.#applyConfig();
  }

  /**
   * A server-rendered shadow root (declarative shadow DOM) is already there at upgrade.
   * With Lit's hydrate support loaded, Lit adopts it. Without it, Lit would render next
   * to the server's markup: two launchers. So drop that markup; the first render, in
   * the same task, draws the launcher again, with its listeners.
   */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const serverNodes = [...(this.shadowRoot?.childNodes ?? [])];
    const root = super.createRenderRoot();
    // Set by @lit-labs/ssr-client/lit-element-hydrate-support.js when it will hydrate.
    if ((this as { _$needsHydration?: boolean })._$needsHydration) {
      this.#hydrating = true;
    } else if (serverNodes.length) {
      serverNodes.forEach((node) => node.remove());
      // Lit renders before what was the root's first child: one of the server's nodes.
      this.renderOptions.renderBefore = root.firstChild;
    }
    return root;
  }

  protected override updated(): void {
    // Hydrated as the server drew it; now draw what the client decided, if that differs.
    if (!this.#hydrating) return;
    this.#hydrating = false;
    if (this.#serverShowsFacade() !== this.#facadeShown) this.requestUpdate();
  }

  protected override render() {
    if (!(this.#hydrating ? this.#serverShowsFacade() : this.#facadeShown)) return nothing;
    return renderFacade({
      label: this.launcherLabel || DEFAULT_LAUNCHER_LABEL,
      busy: this.#busy,
      onIntent: () => liveWidget.prefetch(this),
      onClick: () => {
        this.#loggedOut = false;
        this.#run(true).catch(() => undefined /* reported as closer-error; the facade stays */);
      },
    });
  }

  /** Validates, hands the config to the live widget, follows the loading strategy. */
  #applyConfig(): void {
    const result = readConfig(this);
    const error: CloserErrorDetail | undefined = result.ok
      ? liveWidget.connect(this, result.config)
      : { phase: 'config', code: 'invalid-config', message: describeIssues(result.issues), issues: result.issues };
    this.#ownError = error;
    this.#syncCustomStates();
    if (error) {
      reportError(this, error);
      return;
    }
    this.#followStrategy((result as { config: WidgetConfig }).config);
  }

  /** Starts now, when idle, on intent or on `load()`, per `loading` and the visitor. */
  #followStrategy({ loading, src, init }: WidgetConfig): void {
    this.#cancelSchedule?.();
    this.#cancelSchedule = undefined;
    const engaged = this.rememberEngagement !== false && hasEngaged();
    const behaviour = resolveBehaviour(loading, engaged, isConstrainedConnection());
    const ready = this.#widgetState.phase === 'ready';
    // No launcher of ours when the page hides the widget's own: it opens it by `open()`.
    const facade = (loading === 'interaction' || behaviour === 'interaction') && init.showButton !== false;
    this.#setFacade(facade && !ready);
    if (this.#loggedOut || ready) return;
    const start = () => void this.#run(false).catch(() => undefined /* reported as closer-error */);
    switch (behaviour) {
      case 'eager':
        return start();
      case 'idle':
        preconnect(src);
        this.#cancelSchedule = whenPageIdle(start);
        return;
      case 'interaction':
      case 'manual':
        return;
    }
  }

  /**
   * Starts (and opens) the widget; with the facade up, keeps it until the widget has
   * drawn its own launcher, so there is never none and never two. On failure the
   * facade stays, so a later click retries.
   */
  async #run(open: boolean): Promise<void> {
    const watch = this.#facadeShown ? watchForWidget() : undefined;
    if (open) this.#setBusy(true);
    try {
      await (open ? liveWidget.open(this) : liveWidget.start(this));
    } catch (error) {
      watch?.stop();
      throw error;
    } finally {
      if (open) this.#setBusy(false);
    }
    if (!watch) return;
    // Resolve now (init has run); hand the launcher over once the widget has drawn.
    void within(watch.drawn, DRAW_TIMEOUT_MS).then(() => {
      watch.stop();
      this.#setFacade(false);
    });
  }

  /**
   * What a server draws: the launcher for `interaction`, unless `show-button="false"`.
   * It cannot see the visitor (returning? Save-Data?) nor check the config; the
   * client decides on connect.
   */
  #serverShowsFacade(): boolean {
    return this.loading === 'interaction' && this.showButton !== false;
  }

  #setFacade(shown: boolean): void {
    if (shown === this.#facadeShown) return;
    this.#facadeShown = shown;
    this.requestUpdate();
  }

  #setBusy(busy: boolean): void {
    this.#busy = busy;
    this.requestUpdate();
  }

  /** Applies pending attribute changes, then checks this element may drive the widget. */
  async #ready(): Promise<void> {
    await this.updateComplete;
    if (!this.isConnected) {
      throw new CloserChatError({ phase: 'config', code: 'not-connected', message: '[closer-chat] the element is not in the document' });
    }
    if (this.#ownError) throw new CloserChatError(this.#ownError);
  }

  #syncCustomStates(): void {
    const states = this.#internals?.states;
    if (!states) return;
    for (const [name, isOn] of Object.entries(CUSTOM_STATES)) {
      if (isOn(this.#widgetState, this.#ownError)) states.add(name);
      else states.delete(name);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'closer-chat': CloserChat;
  }
}
