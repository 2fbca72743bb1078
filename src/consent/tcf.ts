/**
 * `consent-from="tcf:<purpose ids>"` (e.g. `tcf:1,11`): any CMP of the IAB's Transparency
 * and Consent Framework v2.2, by its CMP API (IAB Tech Lab, "CMP API v2"):
 * `__tcfapi('addEventListener', 2, callback)` calls back with the TC data now and at
 * every change, and `removeEventListener` with the listener's id stops it.
 * - Granted when every listed purpose has consent (`purpose.consents[id]`); the element
 *   reads purposes only, as it knows no vendor id of its own in the Global Vendor List.
 * - Decided on `eventStatus` `tcloaded` (a stored answer) or `useractioncomplete` (an
 *   answer now). While the CMP's UI is up (`cmpuishown`) the last decision stands: a
 *   visitor reopening the settings has not withdrawn anything yet.
 * - `gdprApplies: false` (the CMP found that the GDPR does not apply to this visitor):
 *   granted, as the framework asks of vendors. A site that wants the gate for everyone
 *   uses the `consent` attribute instead.
 * A stub (`__tcfapi` queueing calls until the CMP loads) counts as the CMP being there.
 */
import type { ConsentState } from '../config/attributes.js';
import { followCmp } from './follow.js';
import type { Report, Stop } from './follow.js';

interface TcData {
  gdprApplies?: boolean;
  eventStatus?: string;
  listenerId?: number;
  purpose?: { consents?: Record<string, boolean | undefined> };
}
type TcfApi = (
  command: string,
  version: 2,
  callback: (data: TcData, success: boolean) => void,
  ...rest: unknown[]
) => void;

export function follow(purposeList: string, source: string, report: Report): Stop {
  const purposes = purposeList.split(',').map((id) => id.trim());
  const read = (data: TcData): ConsentState | undefined => {
    if (data.gdprApplies === false) return 'granted';
    if (data.eventStatus !== 'tcloaded' && data.eventStatus !== 'useractioncomplete') return undefined;
    return purposes.every((id) => data.purpose?.consents?.[id] === true) ? 'granted' : 'denied';
  };
  return followCmp<TcfApi>(
    {
      name: 'a TCF CMP (window.__tcfapi)',
      find: () => {
        const api = (window as { __tcfapi?: TcfApi }).__tcfapi;
        return typeof api === 'function' ? api : undefined;
      },
      follow: (tcfapi, report) => {
        let listenerId: number | undefined;
        let stopped = false;
        const removeListener = () => tcfapi('removeEventListener', 2, () => undefined, listenerId);
        tcfapi('addEventListener', 2, (data, success) => {
          if (!success || !data) return;
          listenerId = data.listenerId;
          if (stopped) return removeListener();
          const decided = read(data);
          if (decided) report(decided);
        });
        return () => {
          stopped = true;
          if (listenerId !== undefined) removeListener();
        };
      },
    },
    source,
    report,
  );
}
