/**
 * The decision of the consent manager a tag names in `consent-from`, as the element
 * sees it: `pending` until the manager's adapter has loaded and the manager has decided,
 * then each decision it announces. The element treats it exactly as the `consent`
 * attribute, so a withdrawal takes the same path (log off, launcher back). What follows
 * the manager (follow.ts, then the manager's adapter) is loaded only now.
 */
import type { ConsentState } from '../config/attributes.js';

export interface ManagedConsent {
  /**
   * The decision for `source` (a valid `consent-from`), following the manager from now
   * on; none without a source. The last decision is kept across a `stop()` (an element
   * moved in the document), so a move never reads as a withdrawal.
   */
  read(source: string | undefined): ConsentState | undefined;
  /** Stops following (the element left the document). */
  stop(): void;
}

/** `changed`: a new decision to apply. */
export function managedConsent(changed: () => void): ManagedConsent {
  let current: string | undefined;
  let decision: ConsentState = 'pending';
  /** The manager being followed: resolves to how to stop following it. */
  let following: Promise<(() => void) | void> | undefined;
  const stop = () => {
    void following?.then((stopFollowing) => stopFollowing?.());
    following = undefined;
  };
  return {
    stop,
    read(source) {
      if (source !== current) {
        stop();
        current = source;
        decision = 'pending';
      }
      if (source && !following) {
        const started: Promise<(() => void) | void> = import('./follow.js')
          .then(({ followSource }) =>
            followSource(source, (next) => {
              if (following !== started) return; // stopped meanwhile
              decision = next;
              changed();
            }),
          )
          // follow.js or the adapter did not load: the chat stays pending, nothing loads without a decision.
          .catch((error: unknown) => console.error(`[closer-chat] consent-from="${source}": not loaded`, error));
        following = started;
      }
      return source ? decision : undefined;
    },
  };
}
