/**
 * Every `closer-error` the element can send, one row per code: the phase it belongs to
 * and the fix a page author needs. Messages follow one recipe:
 * `[closer-chat] <what happened>. <the fix>` and never contain a key.
 * The README's table of codes is checked against `ERRORS` by test/docs.test.ts.
 */

/** Where in its life an error happened. */
export type ErrorPhase = 'config' | 'load' | 'init' | 'conflict';

export const ERRORS = {
  'invalid-config': { phase: 'config', fix: 'Nothing was loaded.' },
  'not-connected': { phase: 'config', fix: 'Add it to the page first.' },
  'consent-required': { phase: 'config', fix: 'It starts once consent is granted (consent or consent-from).' },
  'load-failed': { phase: 'load', fix: 'Check src and the network; load() retries.' },
  'load-timeout': { phase: 'load', fix: 'The network is slow or the host down; load() retries.' },
  offline: { phase: 'load', fix: 'It retries by itself once the browser is back online; load() retries too.' },
  'script-error': { phase: 'load', fix: 'Point src at the Closer widget script; load() fetches it again.' },
  'sdk-missing': { phase: 'load', fix: 'Point src at the Closer widget script; load() fetches it again.' },
  'script-blocked': {
    phase: 'load',
    fix: "Give <closer-chat> the page's nonce (nonce attribute); with Trusted Types, allow the policy closer-chat.",
  },
  'init-failed': { phase: 'init', fix: 'Check the options; load() retries.' },
  'open-unsupported': { phase: 'init', fix: "Use the widget's own launcher." },
  'close-unsupported': { phase: 'init', fix: "Let the visitor close it with the widget's own button." },
  aborted: { phase: 'init', fix: 'It was removed or logged out meanwhile.' },
  'second-element': { phase: 'conflict', fix: 'Remove the extra <closer-chat>: one widget per page.' },
  'snippet-init': { phase: 'conflict', fix: "Remove the page's own Closer snippet, or this element." },
} as const satisfies Record<string, { phase: ErrorPhase; fix: string }>;

/** Stable, machine-readable reason of a `closer-error`. */
export type ErrorCode = keyof typeof ERRORS;

/** One problem with the element's input, named by the attribute or property to fix. */
export interface ConfigIssue {
  /** The attribute (`org-id`) or property (`options.onOpen`) at fault. */
  readonly name: string;
  readonly message: string;
}

export interface CloserErrorDetail {
  readonly phase: ErrorPhase;
  /** Stable, machine-readable reason: a key of `ERRORS`. */
  readonly code: ErrorCode;
  /** Human-readable, never contains the api key. */
  readonly message: string;
  readonly issues?: readonly ConfigIssue[];
}

/** The detail of a `closer-error`: `what` happened, then the row's fix. */
export function errorDetail(code: ErrorCode, what: string, issues?: readonly ConfigIssue[]): CloserErrorDetail {
  const { phase, fix } = ERRORS[code];
  // A list of issues ends its line; a sentence gets its full stop.
  const separator = what.includes('\n') ? '\n' : what.endsWith('.') ? ' ' : '. ';
  const message = `[closer-chat] ${what}${separator}${fix}`;
  return issues ? { phase, code, message, issues } : { phase, code, message };
}

/** Rejection of `load()`, `open()`, `logout()`; `detail` is the `closer-error` detail. */
export class CloserChatError extends Error {
  override name = 'CloserChatError';
  constructor(readonly detail: CloserErrorDetail) {
    super(detail.message);
  }
}

/** The rejection for `code`: `what` happened, then the row's fix. */
export const chatError = (code: ErrorCode, what: string): CloserChatError =>
  new CloserChatError(errorDetail(code, what));

/**
 * Messages already printed, per element: a framework re-rendering the same mistake,
 * or a retry loop, prints it once (as Lit's dev warnings do). Events still fire each time.
 */
const printed = new WeakMap<object, Set<string>>();
/** Stands for "no element" (a failure after the owner left). */
const NO_ELEMENT = {};

/** Prints `detail.message` to the console unless this element already printed it. */
export function printOnce(target: object | undefined, detail: CloserErrorDetail): void {
  const key = target ?? NO_ELEMENT;
  let seen = printed.get(key);
  if (!seen) printed.set(key, (seen = new Set()));
  const id = `${detail.code}\n${detail.message}`;
  if (seen.has(id)) return;
  seen.add(id);
  console.error(detail.message);
}
