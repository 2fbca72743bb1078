/**
 * What the loading strategies ask about the visitor (strategy-table.ts): whether they
 * engaged before on this site, and the connection. Plain functions, no Lit.
 */
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
