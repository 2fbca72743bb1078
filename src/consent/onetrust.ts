/**
 * `consent-from="onetrust:<group id>"` (e.g. `C0003`, Functional): OneTrust's Web CMP, by
 * its documented API (developer.onetrust.com, "Web CMP Events Guide", and the knowledge
 * base article "OnetrustActiveGroups - Using the Data Layer Object"):
 * - `OnetrustActiveGroups`: the active groups, a comma-separated string (`,C0001,C0003,`);
 *   before the visitor answers it holds the geolocation rule's defaults (opt-in: only
 *   the strictly necessary group; opt-out: all);
 * - the window event `OneTrustGroupsUpdated`, raised when the script has loaded and at
 *   each change, with the active groups as its detail;
 * - `OneTrust.IsAlertBoxClosed()`: whether the visitor has answered the banner, which
 *   tells `pending` from `denied` (both withhold the chat).
 */
import { decision, followCmp, onWindowEvents } from './follow.js';
import type { Report, Stop } from './follow.js';

interface OneTrustWindow {
  OnetrustActiveGroups?: string;
  OneTrust?: { IsAlertBoxClosed?: () => boolean };
}

export function follow(group: string, source: string, report: Report): Stop {
  const page = window as OneTrustWindow;
  const read = (active: readonly string[]) =>
    decision(active.includes(group), page.OneTrust?.IsAlertBoxClosed?.() === true);
  return followCmp<string>(
    {
      name: 'OneTrust (window.OnetrustActiveGroups)',
      find: () => (typeof page.OnetrustActiveGroups === 'string' ? page.OnetrustActiveGroups : undefined),
      follow: (activeGroups, report) => {
        report(read(activeGroups.split(',')));
        return onWindowEvents(['OneTrustGroupsUpdated'], (event) => {
          const { detail } = event as CustomEvent<unknown>;
          report(read(Array.isArray(detail) ? (detail as string[]) : (page.OnetrustActiveGroups ?? '').split(',')));
        });
      },
    },
    source,
    report,
  );
}
