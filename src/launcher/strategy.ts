/**
 * Which loading behaviour applies to this visitor, from the `loading` attribute, what
 * we remember of the visitor, and the connection. Plain functions, no Lit.
 */
import type { LoadingStrategy } from '../config/attributes.js';

/**
 * Set once the visitor opened the widget or sent a message on this site. Holds "1",
 * nothing personal and no key; `logout()` and `remember-engagement="false"` forget it.
 */
const ENGAGED_KEY = 'closer-chat:engaged';

/** Storage can throw (privacy modes, sandboxed iframes): treat that as "not engaged". */
export function hasEngaged(): boolean {
  try {
    return localStorage.getItem(ENGAGED_KEY) === '1';
  } catch {
    return false;
  }
}

/** Stores (or forgets) that the visitor engaged; storage can throw, like `hasEngaged`. */
export function storeEngagement(engaged: boolean): void {
  try {
    if (engaged) localStorage.setItem(ENGAGED_KEY, '1');
    else localStorage.removeItem(ENGAGED_KEY);
  } catch {
    // Nothing to remember with: the visitor simply gets the facade next time.
  }
}

interface NetworkInformationLike {
  readonly saveData?: boolean;
  readonly effectiveType?: string;
}

/** Save-Data on, or a 2G-class connection (Network Information API, Chromium only). */
export function isConstrainedConnection(): boolean {
  const connection = (navigator as { connection?: NetworkInformationLike }).connection;
  return connection?.saveData === true || /(^|-)2g$/.test(connection?.effectiveType ?? '');
}

/** What the strategy may ask about the visitor: asked only when it matters (storage and connection reads cost). */
export interface Visitor {
  engaged(): boolean;
  constrained(): boolean;
}

/**
 * What the element does for this visitor: fetch now, when idle, on intent (facade), or
 * on `load()`.
 * - `interaction` loads like `idle` for a visitor who engaged before, so their
 *   conversation comes back without a click.
 * - `idle` waits for intent (shows the facade) on Save-Data or 2G for a visitor who
 *   never engaged: the heavy script is not fetched on its own there.
 * `eager` and `manual` ask nothing: their first load reads no storage.
 */
export function strategyForVisitor(loading: LoadingStrategy, visitor: Visitor): LoadingStrategy {
  if (loading === 'interaction') return visitor.engaged() ? 'idle' : 'interaction';
  if (loading === 'idle' && visitor.constrained() && !visitor.engaged()) return 'interaction';
  return loading;
}
