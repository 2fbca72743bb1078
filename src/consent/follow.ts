/**
 * Following a consent manager, loaded on demand by the first tag with `consent-from`:
 * the adapter of each manager (its own module, loaded only when a tag names it), and
 * what every adapter does alike: find the manager's API now or once its script has run
 * (a banner loaded late, or by a tag manager), follow it from then on, and say once in
 * the console when it has not come some time after the page loaded.
 */
import type { ConsentState } from '../config/attributes.js';
import { splitConsentSource, type ConsentManager } from './managers.js';

/** What an adapter reports: the visitor's decision as the consent manager has it. */
export type Report = (decision: ConsentState) => void;
/** Stops following. */
export type Stop = () => void;

/** An adapter module: follows `what` on its manager; `source` is the attribute's value, for messages. */
interface ConsentAdapter {
  follow(what: string, source: string, report: Report): Stop;
}

const ADAPTERS: Record<ConsentManager, () => Promise<ConsentAdapter>> = {
  tcf: () => import('./tcf.js'),
  cookieconsent: () => import('./cookieconsent.js'),
  klaro: () => import('./klaro.js'),
  onetrust: () => import('./onetrust.js'),
  cookiebot: () => import('./cookiebot.js'),
};

/** Follows the manager `source` (a valid `consent-from`) names with its adapter, once loaded; resolves to how to stop. */
export function followSource(source: string, report: Report): Promise<Stop> {
  const [manager, what] = splitConsentSource(source);
  return ADAPTERS[manager]().then((adapter) => adapter.follow(what, source, report));
}

/** One consent manager, as its adapter sees it. */
export interface Cmp<Api> {
  /** How the console names it, with the global the element looks for. */
  readonly name: string;
  /** Its API, once its script has run; undefined before. */
  find(): Api | undefined;
  /** Reports the decision now (once known) and after every change the manager announces; returns how to stop. */
  follow(api: Api, report: Report): Stop;
}

/** How often a manager not on the page yet is looked for: one property read each time. */
const LOOK_EVERY_MS = 100;
/** How long after the page's load event a manager still missing is worth a console line. */
export const MISSING_AFTER_MS = 5000;
/** Sources already said to be missing: once per page, whatever the tags do. */
const saidMissing = new Set<string>();

/**
 * Follows `cmp` for the tag whose `consent-from` is `source`: `report` hears the first
 * decision and then each change (not the same decision again), and nothing once stopped.
 */
export function followCmp<Api>(cmp: Cmp<Api>, source: string, report: Report): Stop {
  let stopFollowing: Stop | undefined;
  let stopped = false;
  let last: ConsentState | undefined;
  const reportChange: Report = (decision) => {
    if (stopped || decision === last) return;
    last = decision;
    report(decision);
  };
  const found = (): boolean => {
    const api = cmp.find();
    if (api !== undefined) stopFollowing = cmp.follow(api, reportChange);
    return api !== undefined;
  };
  const look = setInterval(() => found() && stop(), LOOK_EVERY_MS);
  const stopWaiting = afterPageLoad(MISSING_AFTER_MS, () => {
    if (saidMissing.has(source)) return;
    saidMissing.add(source);
    console.warn(
      `[closer-chat] consent-from="${source}": ${cmp.name} is not on this page (yet). The chat waits, as with consent="pending", until it is.`,
    );
  });
  const stop = () => {
    clearInterval(look);
    stopWaiting();
  };
  if (found()) stop();
  return () => {
    stopped = true;
    stop();
    stopFollowing?.();
  };
}

/** Runs `callback` `ms` after the window's load event (now, if it has been). */
function afterPageLoad(ms: number, callback: () => void): Stop {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const start = () => (timer = setTimeout(callback, ms));
  if (document.readyState === 'complete') start();
  else addEventListener('load', start, { once: true });
  return () => {
    removeEventListener('load', start);
    clearTimeout(timer);
  };
}

/** Calls `listener` after each of `events` on the window (where the managers announce changes); returns how to stop. */
export function onWindowEvents(events: readonly string[], listener: (event: Event) => void): Stop {
  for (const name of events) addEventListener(name, listener);
  return () => {
    for (const name of events) removeEventListener(name, listener);
  };
}

/**
 * The rule of the managers that keep lists of what is allowed: allowed → granted;
 * otherwise denied once the visitor has answered, pending before.
 */
export const decision = (allowed: boolean, answered: boolean): ConsentState =>
  allowed ? 'granted' : answered ? 'denied' : 'pending';
