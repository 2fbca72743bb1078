/**
 * The lease: what the element that owns the page's one widget holds. Its one job is
 * ownership: every call first checks that its element still owns the widget (another
 * element may have taken it over after a removal), then hands the call to the widget.
 * A lease whose element lost the widget answers `false` to `update`, rejects what the
 * page asked for with `second-element`, and ignores the rest.
 */
import { CloserChatError, errorDetail, type CloserErrorDetail } from '../errors.js';
import type { LogoutReason } from '../events.js';
import type { WidgetConfig } from '../config/read-config.js';
import type { PrepareStep } from './loader.js';

/** The element side of the widget: the target of its events. */
export interface WidgetHost extends EventTarget {
  readonly isConnected: boolean;
}

export type { PrepareStep };

/** What the owning element holds: everything it may ask of the widget. */
export interface WidgetLease {
  /**
   * New config (or the element is back in the document), applied at the end of the
   * task. `false`: the lease has ended (the element was removed for good); connect again.
   */
  update_(config: WidgetConfig): boolean;
  /** Loads the script if needed; resolves once `closer.init` has run on the real SDK. */
  start_(): Promise<void>;
  /**
   * `start_()`, then `closer.openWidget()`. Where the SDK has no `openWidget`, the widget
   * still starts (its own launcher shows) and this rejects with `open-unsupported`.
   */
  open_(): Promise<void>;
  /**
   * Closes the chat window with the SDK's `closeWidget()`. The public docs name no way
   * to close it, so where the SDK has none this rejects with `close-unsupported`.
   */
  close_(): Promise<void>;
  /**
   * Gets ahead of a start, never running the script:
   * - `connect`: it will be needed soon (idle): warm up the connection to its origin;
   * - `cache`: it may be needed (a tap): that, and fetch it at low priority;
   * - `fetch`: the visitor showed intent: that, and fetch it now; init waits for the click.
   */
  prepare_(step: PrepareStep): void;
  /** `closer.deinit()` (after a script still loading), then `closer-logout` with `reason`. Down until `start_()`. */
  logout_(reason?: LogoutReason): Promise<void>;
  /**
   * Nothing may run now (consent withheld before anything started): a start in flight
   * ends without an init. Down until `start_()`.
   */
  hold_(): void;
  /**
   * The element left the document. Unless it is back, or a successor with the same
   * visitor has connected, by the end of the grace period, the widget tears down.
   */
  release_(): void;
}

/** The widget as a lease drives it: who owns it now, and each request on the owner's behalf. */
export interface LeasedWidget {
  currentOwner_(): WidgetHost | undefined;
  update_(config: WidgetConfig): void;
  start_(): Promise<void>;
  open_(): Promise<void>;
  /** May throw: the lease's `close()` rejects with it. */
  close_(): void;
  prepare_(step: PrepareStep): void;
  logout_(reason: LogoutReason): Promise<void>;
  hold_(): void;
  release_(): void;
}

/** Another element runs the widget: what a second one reports, and what a lapsed lease rejects with. */
export const secondElement = (): CloserErrorDetail =>
  errorDetail('second-element', 'another <closer-chat> already runs the widget on this page');

export class Lease implements WidgetLease {
  readonly #host: WidgetHost;
  readonly #widget: LeasedWidget;

  constructor(host: WidgetHost, widget: LeasedWidget) {
    this.#host = host;
    this.#widget = widget;
  }

  update_(config: WidgetConfig): boolean {
    const owns = this.#owns();
    if (owns) this.#widget.update_(config);
    return owns;
  }

  async start_(): Promise<void> {
    return this.#owned().start_();
  }

  async open_(): Promise<void> {
    return this.#owned().open_();
  }

  close_(): Promise<void> {
    // A throw in the executor rejects: the owner check and the SDK's refusal alike.
    return new Promise((resolve) => resolve(this.#owned().close_()));
  }

  async logout_(reason: LogoutReason = 'logout'): Promise<void> {
    return this.#owned().logout_(reason);
  }

  prepare_(step: PrepareStep): void {
    if (this.#owns()) this.#widget.prepare_(step);
  }

  hold_(): void {
    if (this.#owns()) this.#widget.hold_();
  }

  release_(): void {
    if (this.#owns()) this.#widget.release_();
  }

  #owns(): boolean {
    return this.#widget.currentOwner_() === this.#host;
  }

  /** The widget, for a request of its owner's; a lapsed lease throws (the request rejects). */
  #owned(): LeasedWidget {
    if (!this.#owns()) throw new CloserChatError(secondElement());
    return this.#widget;
  }
}
