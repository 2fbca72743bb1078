/**
 * When the next `closer.init` may run after a `closer.deinit`. The docs do not say whether
 * `deinit` is synchronous: an init waits for a promise it returns (bounded), or a moment
 * after one that returns nothing, since an SDK that finishes in a later task may drop what
 * comes meanwhile. A teardown leaves no timer behind: the moment is waited for only when
 * an init comes that soon.
 */

/** How long an `init` waits for a `deinit` that returned a promise (an SDK that tears down asynchronously). */
const DEINIT_WAIT_MS = 3_000;
/** How long an `init` waits after a `deinit` that returned nothing: only an identity switch or a login right after a logoff waits. */
const TEARDOWN_SETTLE_MS = 100;

export class TeardownGate {
  /** Until it settles, no init. */
  #pending?: Promise<void>;
  /** When our last `deinit` returned nothing: it may still be finishing. */
  #returnedAt = -Infinity;
  /** Called once inits may run again after a wait: the widget then reconciles. */
  readonly #onOpen: () => void;

  constructor(onOpen: () => void) {
    this.#onOpen = onOpen;
  }

  /** A teardown is being waited for. */
  get closed_(): boolean {
    return this.#pending !== undefined;
  }

  /** What `closer.deinit()` returned; a rejection is reported, never left unhandled. */
  deinitReturned_(result: unknown): void {
    if (typeof (result as PromiseLike<unknown> | undefined)?.then !== 'function') {
      this.#returnedAt = performance.now();
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
    this.#closeUntil(settled);
  }

  /** An init may run now; if not, `onOpen` is called once it may. */
  initMayRun_(): boolean {
    if (this.#pending) return false;
    const wait = this.#returnedAt + TEARDOWN_SETTLE_MS - performance.now();
    if (wait <= 0) return true;
    this.#closeUntil(new Promise((resolve) => setTimeout(resolve, wait)));
    return false;
  }

  /** Resolves once no teardown is waited for (the latest one included). */
  async opened_(): Promise<void> {
    while (this.#pending) await this.#pending;
  }

  #closeUntil(settled: Promise<void>): void {
    const pending = (this.#pending = settled.then(() => {
      if (this.#pending !== pending) return;
      this.#pending = undefined;
      this.#onOpen();
    }));
  }
}
