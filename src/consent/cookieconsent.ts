/**
 * `consent-from="cookieconsent:<category>"`: vanilla-cookieconsent v3, by its documented
 * API (cookieconsent.orestbida.com, "API reference" and "Callbacks and Events"):
 * - `CookieConsent.acceptedCategory(name)`: whether the category is accepted (in
 *   `opt-out` mode, also before the visitor answered: the site chose so);
 * - `CookieConsent.validConsent()`: whether the visitor has answered (a valid cookie);
 * - the window events `cc:onConsent` (the first answer, and every page load with a
 *   stored one) and `cc:onChange` (a changed answer, e.g. a category withdrawn).
 * The UMD build sets the global `CookieConsent`; a site that imports the ESM build sets
 * `window.CookieConsent = CookieConsent` itself.
 */
import { decision, followCmp, onWindowEvents } from './follow.js';
import type { Report, Stop } from './follow.js';

interface CookieConsentApi {
  acceptedCategory(category: string): boolean;
  validConsent(): boolean;
}

export function follow(category: string, source: string, report: Report): Stop {
  const read = (api: CookieConsentApi) => decision(api.acceptedCategory(category), api.validConsent());
  return followCmp<CookieConsentApi>(
    {
      name: 'vanilla-cookieconsent (window.CookieConsent)',
      find: () => {
        const api = (window as { CookieConsent?: Partial<CookieConsentApi> }).CookieConsent;
        return typeof api?.acceptedCategory === 'function' ? (api as CookieConsentApi) : undefined;
      },
      follow: (api, report) => {
        report(read(api));
        return onWindowEvents(['cc:onConsent', 'cc:onChange'], () => report(read(api)));
      },
    },
    source,
    report,
  );
}
