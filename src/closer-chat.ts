import { LitElement, css, nothing, type PropertyValues } from 'lit';
import { reportError, type CloserErrorDetail } from './events.js';
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
import { CloserChatError, INITIAL_STATE, liveWidget, type WidgetPhase, type WidgetState } from './widget.js';

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
 *
 * @attr org-id - Your organisation's id (UUID). Required.
 * @attr api-key - A client's api key (UUID): restores that client's session.
 * @attr show-button - `"false"` hides the launcher; absent keeps the SDK default (shown).
 * @attr disable-auto-open - Start closed even if the visitor had the widget open before.
 * @attr enable-log - Send the widget's frontend logs to Closer.
 * @attr initialize-before-render - Check the stored session before drawing the widget.
 * @attr loading - When the script is fetched: `eager`, `idle` (default), `interaction` or `manual`.
 * @attr src - Widget script URL: the official one (default) or one on this page's origin.
 * @attr nonce - CSP nonce for the injected script tag. Read through the built-in
 *   `nonce` property, which keeps the value after the browser hides the attribute.
 *
 * @fires closer-open - The widget window opened. Detail: `{}`.
 * @fires closer-close - The widget window closed. Detail: `{}`.
 * @fires closer-message-sent - The visitor sent a message. Detail: `{}`.
 * @fires closer-message-received - A message arrived for the visitor. Detail: `{}`.
 * @fires closer-tags-changed - Conversation tags changed. Detail: `{ tags: readonly string[] }`.
 * @fires closer-lekta-context - The Lekta bot set its context. Detail: `{ context: unknown }`.
 * @fires closer-conversation-status-changed - Detail: `{ status: 'waiting' | 'inProgress' | 'solved' | 'unsolved' }`.
 * @fires closer-user-authorized - The stored session passed its check. Detail: `{}`.
 * @fires closer-user-authorization-failed - The stored session failed its check. Detail: `{}`.
 * @fires closer-unread-changed - Messages received while closed. Detail: `{ count: number }`.
 * @fires closer-ready - `closer.init` ran (or a running widget was adopted). Detail: `{ options }`, api key redacted.
 * @fires closer-logout - `logout()` finished. Detail: `{}`.
 * @fires closer-error - Detail: `{ phase: 'config' | 'load' | 'init' | 'conflict', code, message, issues? }`.
 *
 * @cssstate loading - The widget script is loading.
 * @cssstate ready - The widget is initialised.
 * @cssstate error - Configuration, loading or initialisation failed.
 * @cssstate open - The chat window is open.
 * @cssstate unread - Messages arrived while the window was closed.
 */
export class CloserChat extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  static override properties = {
    orgId: { attribute: 'org-id' },
    apiKey: { attribute: 'api-key' },
    showButton: { attribute: 'show-button', converter: optionalBooleanAttribute },
    disableAutoOpen: { attribute: 'disable-auto-open', converter: booleanAttribute },
    enableLog: { attribute: 'enable-log', converter: booleanAttribute },
    initializeBeforeRender: { attribute: 'initialize-before-render', converter: booleanAttribute },
    loading: {},
    src: {},
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

  constructor() {
    super();
    this.loading = 'idle';
    // Optional: a server-side DOM shim may not have it.
    this.#internals = this.attachInternals?.();
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
    return liveWidget.start(this);
  }

  /** Loads the widget if needed, then opens its window. */
  async open(): Promise<void> {
    await this.#ready();
    this.#loggedOut = false;
    return liveWidget.open(this);
  }

  /** Logs the visitor off (`closer.deinit()`) and fires `closer-logout`. `load()` starts again. */
  async logout(): Promise<void> {
    await this.#ready();
    this.#loggedOut = true;
    this.#cancelSchedule?.();
    return liveWidget.logout(this);
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

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.size > 0) this.#configChanged = true;
  }

  protected override updated(): void {
    if (!this.#configChanged || !this.isConnected) return;
    this.#configChanged = false;
    this.#applyConfig();
  }

  protected override render() {
    return nothing;
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
    this.#followStrategy((result as { config: WidgetConfig }).config.loading);
  }

  #followStrategy(loading: LoadingStrategy): void {
    this.#cancelSchedule?.();
    this.#cancelSchedule = undefined;
    if (this.#loggedOut || this.#widgetState.phase === 'ready') return;
    const start = () => void liveWidget.start(this).catch(() => undefined /* reported as closer-error */);
    switch (loading) {
      case 'eager':
        return start();
      case 'idle':
      case 'interaction':
        this.#cancelSchedule = whenPageIdle(start);
        return;
      case 'manual':
        return;
    }
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
