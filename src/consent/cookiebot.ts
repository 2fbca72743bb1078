/**
 * `consent-from="cookiebot:<category>"` (`preferences`, `statistics` or `marketing`):
 * Cookiebot, by its documented SDK (cookiebot.com/en/developer):
 * - `Cookiebot.consent.<category>`: whether the category is accepted (also when consent
 *   is implied where the site's settings say so: `consent.method` "implied");
 * - `Cookiebot.hasResponse`: whether the visitor has answered, which tells `pending`
 *   from `denied`;
 * - the window events `CookiebotOnConsentReady` (consent submitted, or loaded from its
 *   cookie), `CookiebotOnAccept` and `CookiebotOnDecline` (an answer, and each page
 *   load with a stored one).
 */
import { decision, followCmp, onWindowEvents } from './follow.js';
import type { Report, Stop } from './follow.js';

interface CookiebotApi {
  consent?: Record<string, unknown>;
  hasResponse?: boolean;
}

export function follow(category: string, source: string, report: Report): Stop {
  const read = (api: CookiebotApi) => decision(api.consent?.[category] === true, api.hasResponse === true);
  return followCmp<CookiebotApi>(
    {
      name: 'Cookiebot (window.Cookiebot)',
      find: () => (window as { Cookiebot?: CookiebotApi }).Cookiebot,
      follow: (api, report) => {
        report(read(api));
        return onWindowEvents(['CookiebotOnConsentReady', 'CookiebotOnAccept', 'CookiebotOnDecline'], () =>
          report(read(api)),
        );
      },
    },
    source,
    report,
  );
}
