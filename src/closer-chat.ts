import { adoptStyles, isServer, LitElement, nothing, type PropertyValues } from 'lit';
import {
  applyDefaults,
  litProperties,
  reachesWidget,
  type ElementValues,
  type ElementProperties,
} from './config/attributes.js';
import { managedConsent } from './consent/managed-consent.js';
import { chatError, CloserChatError, errorDetail, type CloserErrorDetail } from './errors.js';
import { reportError } from './events.js';
import { CustomStates } from './widget/custom-states.js';
import { facadeStyles } from './launcher/facade.js';
import { LoadingController } from './launcher/loading-controller.js';
import { explainInvalidConfig, readConfig } from './config/read-config.js';
import type { WidgetLease } from './widget/lease.js';
import { liveWidget } from './widget/live-widget.js';
import { INITIAL_STATE, type WidgetPhase, type WidgetState } from './widget/state.js';

/** Rendering on a server (@lit-labs/ssr: no page, no visitor): Lit's Node build, or no `document`. */
const ON_SERVER = isServer || typeof document === 'undefined';

/**
 * Embeds the Closer chat widget: attributes become the options of `closer.init(...)`,
 * every widget callback becomes a DOM event. A thin adapter: the inputs and their
 * checks are tables (attributes.ts), when to start is the loading controller's, the
 * page's one widget is widget.ts's. The attributes, properties and events in the
 * manifest come from those tables (custom-elements-manifest.config.mjs).
 *
 * @summary The Closer chat widget as one tag, for any page or framework.
 * @customElement closer-chat
 *
 * @slot - Content of the `interaction` launcher (replaces the chat icon).
 * @csspart launcher - The launcher button of the facade (`interaction`, Save-Data, consent withheld).
 * @csspart button - The same launcher button, by its other name.
 * @csspart note - The note next to the launcher that says the chat needs consent.
 * @cssprop [--closer-chat-launcher-background=#1b4fd8] - Launcher background.
 * @cssprop [--closer-chat-launcher-color=#fff] - Launcher icon colour.
 * @cssprop [--closer-chat-launcher-size=56px] - Launcher width and height.
 * @cssprop [--closer-chat-launcher-offset=20px] - Distance from the bottom-right corner.
 * @cssprop --closer-chat-launcher-offset-x - Horizontal distance; default: the offset.
 * @cssprop --closer-chat-launcher-offset-y - Vertical distance; default: the offset.
 * @cssprop [--closer-chat-launcher-radius=50%] - Launcher corner radius.
 * @cssprop [--closer-chat-launcher-z-index=2147483000] - Launcher stacking order.
 * @cssprop [--closer-chat-launcher-focus-ring=#1b4fd8] - Focus ring colour (outside).
 * @cssprop [--closer-chat-launcher-focus-ring-inner=#fff] - Focus ring colour (the band next to the button).
 *
 * @cssstate loading - The widget script is loading.
 * @cssstate ready - The widget is initialised.
 * @cssstate error - Configuration, loading or initialisation failed.
 * @cssstate open - The chat window is open.
 * @cssstate unread - Messages arrived while the window was closed.
 */
export class CloserChat extends LitElement {
  static override styles = facadeStyles;
  static override properties = litProperties();

  readonly #states: CustomStates;
  #widgetState: WidgetState = INITIAL_STATE;
  /** A config or conflict error of this element (the widget itself may be fine). */
  #ownError?: CloserErrorDetail;
  #lease?: WidgetLease;
  readonly #launcher = new LoadingController(this);
  /** What the consent manager named in `consent-from` decided: each decision applies as `consent` would. */
  readonly #managedConsent = managedConsent(() => {
    this.#configChanged = true;
    this.requestUpdate();
  });
  /** Set on connect and on config changes: the widget must hear about it. */
  #configChanged = false;
  /** The facade's styles are in the shadow root: adopted when it is first drawn (most pages never draw it). */
  #styled = false;
  /** An invalid config's issues being worked out (config-issues.ts, loaded on demand). */
  #explaining?: Promise<void>;

  constructor() {
    super();
    applyDefaults(this);
    // Optional: a server-side DOM shim may not have it.
    this.#states = new CustomStates(this.attachInternals?.().states);
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
    await this.#applied();
    this.#check();
    return this.#launcher.load();
  }

  /** Loads the widget if needed, then opens its window. */
  async open(): Promise<void> {
    await this.#applied();
    this.#check();
    return this.#launcher.open();
  }

  /**
   * Closes the chat window, where the SDK can (`closer.closeWidget()`); rejects with
   * `close-unsupported` where it cannot. Nothing to do when it is not open.
   */
  async close(): Promise<void> {
    await this.#applied();
    this.#check();
    return this.#lease!.close_();
  }

  /** Opens the chat window if it is closed, closes it if it is open. */
  async toggle(): Promise<void> {
    return this.opened ? this.close() : this.open();
  }

  /** Logs the visitor off (`closer.deinit()`) and fires `closer-logout`. `load()` starts again. */
  async logout(): Promise<void> {
    await this.#applied();
    this.#check();
    return this.#launcher.logout();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#configChanged = true;
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#lease?.release_();
    this.#managedConsent.stop();
  }

  // Config is applied before render, so the facade decision lands in the same update.
  protected override willUpdate(changed: PropertyValues<this>): void {
    if ([...changed.keys()].some(reachesWidget)) this.#configChanged = true;
    // A server renders without connecting (@lit-labs/ssr calls willUpdate and render only)
    // and must touch no page API. Decide from the attributes alone, so the launcher is in
    // the HTML before any script runs. The client decides for good on connect; it keeps
    // the facade for a returning visitor too, until the widget has drawn.
    if (ON_SERVER) return this.#launcher.decideOnServer();
    if (!this.#configChanged || !this.isConnected) return;
    this.#configChanged = false;
    this.#applyConfig();
  }

  /**
   * A root of our own starts bare: the styles come with the first facade (render()).
   * A server-rendered root (declarative shadow DOM) is Lit's to hydrate when the
   * hydrate support is loaded (it sets `_$needsHydration`); without it, Lit would render
   * beside the server's launcher, so that markup goes and the first render redraws it.
   */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    if (!this.shadowRoot) return this.attachShadow((this.constructor as typeof LitElement).shadowRootOptions);
    const serverNodes = [...this.shadowRoot.childNodes];
    const root = super.createRenderRoot();
    this.#styled = true; // the server's <style>, or adopted by Lit just now
    if ((this as { _$needsHydration?: boolean })._$needsHydration) {
      this.#launcher.hydrateServerMarkup();
    } else if (serverNodes.length) {
      serverNodes.forEach((node) => node.remove());
      this.renderOptions.renderBefore = root.firstChild;
    }
    return root;
  }

  protected override render() {
    const view = this.#launcher.render();
    if (view !== nothing && !this.#styled && !ON_SERVER) {
      this.#styled = true;
      adoptStyles(this.renderRoot as ShadowRoot, (this.constructor as typeof LitElement).elementStyles);
    }
    return view;
  }

  /** Validates, then hands the config to the page's widget and the loading controller. */
  #applyConfig(): void {
    const result = readConfig(this);
    this.#explaining = undefined;
    let error: CloserErrorDetail | undefined;
    if (!result.ok) {
      // The state is `error` now; the detail that names each attribute follows (#explain).
      error = errorDetail('invalid-config', 'invalid configuration');
    } else if (!this.#lease?.update_(result.config)) {
      const connected = liveWidget.connect(this, result.config, (state) => this.#showWidgetState(state));
      if (connected.ok) this.#lease = connected.lease;
      else error = connected.error;
    }
    this.#ownError = error;
    this.#states.sync(this.#widgetState, this.#ownError);
    if (error || !result.ok || !this.#lease) {
      this.#launcher.halt();
      if (!result.ok) this.#explain(result.input);
      else if (error) reportError(this, error);
      return;
    }
    const { loading } = result;
    const consent = this.#managedConsent.read(result.consentFrom) ?? result.consent;
    this.#launcher.apply({ lease: this.#lease, loading, consent, showButton: result.config.init.showButton });
  }

  /** The live widget's state, as the properties and custom states show it. */
  #showWidgetState(state: WidgetState): void {
    this.#widgetState = state;
    this.#states.sync(this.#widgetState, this.#ownError);
  }

  /**
   * Reports an invalid config with its issues, worked out by config-issues.ts,
   * loaded only now; dropped if the config changed meanwhile. `updateComplete` waits
   * for it, so `closer-error` has fired by then.
   */
  #explain(input: ElementValues): void {
    const explaining = explainInvalidConfig(input).then((detail) => {
      if (this.#explaining !== explaining) return;
      this.#ownError = detail;
      reportError(this, detail);
    });
    this.#explaining = explaining;
  }

  /** @internal `updateComplete` includes the report of an invalid config. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    await this.#explaining;
    return complete;
  }

  /**
   * Pending attribute changes, applied; rejects at once for a tag that cannot drive the
   * widget (one never connected has no update to wait for: it would wait for ever), and
   * with no change pending, for a config that is refused.
   * The caller checks again and acts in the same microtask, so no change slips in between.
   */
  #applied(): Promise<boolean> {
    // A change waiting for the update may fix (or break) the config: judged once applied.
    if (this.isUpdatePending) this.#checkConnected();
    else this.#check();
    return this.updateComplete;
  }

  #checkConnected(): void {
    if (!this.isConnected) throw chatError('not-connected', 'the element is not in the document');
  }

  #check(): void {
    this.#checkConnected();
    if (this.#ownError) throw new CloserChatError(this.#ownError);
  }
}

// The reactive properties' types come from the attribute table.
export interface CloserChat extends ElementProperties {}

declare global {
  interface HTMLElementTagNameMap {
    'closer-chat': CloserChat;
  }
}
