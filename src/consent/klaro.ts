/**
 * `consent-from="klaro:<service name>"`: Klaro, by its documented JavaScript API
 * (klaro.org/docs/api/js_api) and its config options:
 * - `klaro.getManager()`: the consent manager of the page's config (`klaroConfig`, or
 *   the script tag's `data-klaro-config`);
 * - `manager.getConsent(name)` and `manager.confirmed` (the visitor has saved a choice);
 * - `manager.watch({ update(manager, event) })`: every change; the element reads again
 *   when consents are saved or applied (`saveConsents`, `applyConsents`), not while the
 *   visitor is still toggling switches in the modal (`consents`);
 * - the service's (or the config's) `required` and `optOut` options, which Klaro applies
 *   without a saved choice: the element does the same.
 * Klaro takes a changed choice into account at once, without a reload.
 */
import { decision, followCmp } from './follow.js';
import type { Report, Stop } from './follow.js';

interface KlaroService {
  name: string;
  required?: boolean;
  optOut?: boolean;
}
interface KlaroWatcher {
  update(manager: KlaroManager, event: string): void;
}
interface KlaroManager {
  readonly confirmed: boolean;
  readonly config: { services?: KlaroService[]; required?: boolean; optOut?: boolean };
  getConsent(name: string): boolean;
  watch(watcher: KlaroWatcher): void;
  unwatch(watcher: KlaroWatcher): void;
}

/** Reported once per page: a name Klaro's config does not know. */
const saidUnknown = new Set<string>();

export function follow(name: string, source: string, report: Report): Stop {
  const read = (manager: KlaroManager) => {
    const { config } = manager;
    const service = config.services?.find((candidate) => candidate.name === name);
    if (!service && !saidUnknown.has(source)) {
      saidUnknown.add(source);
      console.warn(`[closer-chat] consent-from="${source}": Klaro's config has no service named "${name}".`);
    }
    const required = service?.required ?? config.required ?? false;
    const optOut = service?.optOut ?? config.optOut ?? false;
    const allowed = required || (manager.getConsent(name) && (manager.confirmed || optOut));
    return decision(allowed, manager.confirmed);
  };
  return followCmp<KlaroManager>(
    {
      name: 'Klaro (window.klaro)',
      find: () => {
        try {
          // Throws until Klaro has its config (one loaded from Klaro's servers comes later).
          return (window as { klaro?: { getManager(): KlaroManager } }).klaro?.getManager();
        } catch {
          return undefined;
        }
      },
      follow: (manager, report) => {
        const watcher: KlaroWatcher = {
          update: (_, event) => {
            if (event === 'saveConsents' || event === 'applyConsents') report(read(manager));
          },
        };
        report(read(manager));
        manager.watch(watcher);
        return () => manager.unwatch(watcher);
      },
    },
    source,
    report,
  );
}
