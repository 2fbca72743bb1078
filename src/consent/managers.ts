/**
 * The consent managers `consent-from` can name, in the order the docs list them.
 * Imported only by what loads on demand (follow.ts, config-issues.ts): the element's
 * entry checks the attribute with one pattern (source.ts), which a test holds to this list.
 */
export const CONSENT_MANAGERS = ['tcf', 'cookieconsent', 'klaro', 'onetrust', 'cookiebot'] as const;
/** A consent manager `consent-from` can name. */
export type ConsentManager = (typeof CONSENT_MANAGERS)[number];

/** `klaro: closer` → `['klaro', 'closer']`, for a value `isConsentSource` accepted. */
export function splitConsentSource(source: string): [ConsentManager, string] {
  const colon = source.indexOf(':');
  return [source.slice(0, colon) as ConsentManager, source.slice(colon + 1).trim()];
}
