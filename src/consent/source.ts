/**
 * Whether a value is a valid `consent-from="<manager>:<what>"`: one of the consent
 * managers the element has an adapter for (managers.ts lists them, and a test holds the
 * two together), and what in it covers the chat: a list of TCF purpose ids, or a
 * category, service or group name. One pattern, as every page with the element loads
 * it; the list and the adapters load only for a page that uses `consent-from`.
 */
export const CONSENT_SOURCE = /^(tcf:\s*\d+(\s*,\s*\d+)*|(cookieconsent|klaro|onetrust|cookiebot):\s*\S.*?)\s*$/;

export const isConsentSource = (value: unknown): boolean => typeof value === 'string' && CONSENT_SOURCE.test(value);
