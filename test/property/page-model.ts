/**
 * What a page and its frameworks do to `<closer-chat>`, as data (`Action`), played on a
 * fresh page of its own (test/fixtures/property.html in an iframe), and what the element
 * must then show (`PageModel`): the rules of the README's Lifecycle, Loading and Consent
 * sections, written from the outside. Used by test/lifecycle.property.test.ts.
 *
 * The model tracks, per tag, the config it last applied and whether it wants the widget;
 * where the outcome depends on a race the README leaves open (a successor that connects
 * while the predecessor's init is still queued, an `interaction` tag of a returning
 * visitor), it says "maybe", and only the weaker checks apply.
 */
import type { CloserChat } from '../../src/index.js';

export const ORGS = ['4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f', '0b5e8c1a-2f3d-4e6a-9b7c-1d2e3f4a5b6c'] as const;
export const KEYS = [
  undefined,
  '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
  '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
] as const;
export const STRATEGIES = ['eager', 'idle', 'interaction', 'manual'] as const;
export const CONSENTS = [undefined, 'granted', 'pending', 'denied'] as const;
export const GRACES = ['0', '50'] as const;
/** Values a page may write by mistake: each is refused with invalid-config. */
export const INVALID = {
  'org-id': 'not-a-uuid',
  'api-key': 'nope',
  loading: 'later',
  consent: 'yes',
  'grace-period': '-1',
};
export const METHODS = ['load', 'open', 'close', 'toggle', 'logout'] as const;
export const CALLBACKS = ['onOpen', 'onClose', 'onMessageReceived', 'onMessageSent', 'onTagsChanged'] as const;

export type Attribute = 'org-id' | 'api-key' | 'loading' | 'consent' | 'grace-period' | 'show-button';

export interface TagAttributes {
  readonly 'org-id': string;
  readonly 'api-key'?: string;
  readonly loading: string;
  readonly consent?: string;
  readonly 'grace-period': string;
}

/** One thing a page, a framework, the visitor or the widget does. Tags are picked by index, modulo. */
export type Action =
  | { readonly kind: 'create'; readonly attributes: TagAttributes; readonly where: 0 | 1 | 'detached' }
  | { readonly kind: 'connect'; readonly tag: number; readonly where: 0 | 1 }
  | { readonly kind: 'move'; readonly tag: number }
  | { readonly kind: 'remove'; readonly tag: number }
  | { readonly kind: 'replace'; readonly tag: number; readonly attributes: TagAttributes }
  | { readonly kind: 'attribute'; readonly tag: number; readonly name: Attribute; readonly value: string | null }
  | { readonly kind: 'call'; readonly tag: number; readonly method: (typeof METHODS)[number] }
  /** Two calls on one tag in the same task (a "new conversation" button: logout(), then open()). */
  | {
      readonly kind: 'calls';
      readonly tag: number;
      readonly methods: readonly [(typeof METHODS)[number], (typeof METHODS)[number]];
    }
  | { readonly kind: 'click'; readonly tag: number }
  | { readonly kind: 'callback'; readonly name: (typeof CALLBACKS)[number] }
  | { readonly kind: 'other-tab-logoff' }
  | { readonly kind: 'gap'; readonly gap: 'microtask' | 'task' | 'frame' | 'timer'; readonly ms: number }
  | { readonly kind: 'settle' };

export const describeAction = (action: Action): string => {
  const { kind, ...rest } = action;
  return `${kind} ${JSON.stringify(rest)}`;
};

/** A config as the element applies it; `undefined` when the attributes are invalid. */
interface Config {
  readonly orgId: string;
  readonly apiKey: string | undefined;
  readonly loading: string;
  readonly consent: string | undefined;
  readonly gracePeriod: number;
}

const isValid = (name: string, value: string | null | undefined): boolean => {
  switch (name) {
    case 'org-id':
      return ORGS.includes(value as never);
    case 'api-key':
      return value == null || KEYS.includes(value as never);
    case 'loading':
      return STRATEGIES.includes(value as never);
    case 'consent':
      return value == null || CONSENTS.includes(value as never);
    case 'grace-period':
      return value == null || GRACES.includes(value as never);
    default:
      return true;
  }
};

function configOf(element: Element): Config | undefined {
  const read = (name: string) => element.getAttribute(name);
  for (const name of ['org-id', 'api-key', 'loading', 'consent', 'grace-period']) {
    if (!isValid(name, read(name))) return undefined;
  }
  return {
    orgId: read('org-id')!,
    apiKey: read('api-key') ?? undefined,
    loading: read('loading')!,
    consent: read('consent') ?? undefined,
    gracePeriod: Number(read('grace-period') ?? 3000),
  };
}

export const withheld = (config: Config | undefined): boolean =>
  config?.consent === 'pending' || config?.consent === 'denied';

export const sameVisitor = (a: { orgId: string; apiKey?: string }, b: { orgId: string; apiKey?: string }): boolean =>
  a.orgId === b.orgId && (a.apiKey ?? undefined) === (b.apiKey ?? undefined);

/** Whether a tag wants the widget: yes, no, or it depends on a race the README leaves open. */
export type Want = boolean | 'maybe';

export interface Tag {
  readonly index: number;
  readonly element: CloserChat;
  /** The config last applied while connected (an invalid change keeps it: no lost session). */
  applied?: Config;
  want: Want;
  /**
   * After logout(), or another tab's logoff heard in the document: the strategy no longer
   * starts it; load(), open() or a click do. `maybe`: a logoff crossed a start on its way.
   */
  loggedOut: Want;
  /** Clicked or open() while consent was withheld: opens once granted. */
  openOnConsent: boolean;
  /** Refused as a second element; stays so until its config is applied again. */
  conflict: boolean;
  /**
   * Its grace period, which started as it left the document: the timer's deadline, and
   * what the page has yielded to since (a timer fires only when the page yields).
   */
  grace?: { ends: number; yielded: boolean; fired: boolean };
  /**
   * It came back with a refused config when its grace timer may or may not have fired:
   * whether it still owns the widget shows only when another tag connects.
   */
  leaseMaybeEnded?: boolean;
}

/** What the running widget is, as the test sees it. */
export interface WidgetSeen {
  /** The development widget has a live session (its `initialized`). */
  readonly running: boolean;
  readonly visitor?: { orgId: string; apiKey?: string };
}

/**
 * The README's rules for one page: which tag owns the widget and whether it wants it.
 * Updated as each action is played (the element applies it in its next update, before
 * any timer can run, so the order is the same).
 */
export class PageModel {
  readonly tags: Tag[] = [];
  owner?: Tag;
  /** A tag that connected beside an owner whose lease may have ended: `decide()` reads which. */
  #undecided?: Tag;
  /** The SDK cannot init at this point of the space (init throws): nothing can ever run. */
  constructor(readonly initWorks: boolean) {}

  add(element: CloserChat): Tag {
    const tag: Tag = {
      index: this.tags.length,
      element,
      want: false,
      loggedOut: false,
      openOnConsent: false,
      conflict: false,
    };
    this.tags.push(tag);
    return tag;
  }

  /** The tag connected, or a config change reached it while connected: what `willUpdate` does. */
  applyConfig(tag: Tag, seen: WidgetSeen): void {
    if (!tag.element.isConnected) return;
    const leaseEnded = this.#leaseEnded(tag);
    tag.grace = undefined;
    // Its lease ended while it was away: it owns nothing until it connects anew.
    if (leaseEnded === true && this.owner === tag) this.owner = undefined;
    const config = configOf(tag.element);
    if (!config) {
      // Refused: nothing else happens, a running visitor keeps running. A start the
      // strategy had planned (idle) is called off; one under way goes on.
      if (this.owner === tag && tag.want === true && !seen.running) tag.want = 'maybe';
      if (this.owner === tag && leaseEnded === 'maybe') tag.leaseMaybeEnded = true;
      return;
    }
    tag.leaseMaybeEnded = false;
    if (this.owner === tag) {
      tag.applied = config;
      if (leaseEnded === 'maybe' && tag.want === true) tag.want = 'maybe';
      if (leaseEnded === 'maybe' && tag.loggedOut === true) {
        // Logged out, and its lease may have ended while it was away: then this is a fresh
        // mount, which a logoff's hold does not outlive (the strategy decides), or it is not.
        tag.loggedOut = false;
        this.#follow(tag, seen);
        tag.loggedOut = 'maybe';
        if (tag.want === true) tag.want = 'maybe';
        return;
      }
      this.#follow(tag, seen);
      return;
    }
    const predecessor = this.owner;
    if (predecessor?.element.isConnected) {
      tag.conflict = true;
      tag.applied = config;
      if (predecessor.leaseMaybeEnded) this.#undecided = tag;
      return;
    }
    // A predecessor in its grace period (or none) hands over. The successor adopts a
    // running widget of the same visitor; an init of it may still be on its way (queued,
    // or the script loading), and then it depends on timing the README leaves open.
    const predecessorWanted = !!predecessor?.applied && predecessor.want !== false;
    if (seen.running && seen.visitor && sameVisitor(seen.visitor, config)) tag.want = true;
    else if (predecessorWanted && sameVisitor(predecessor.applied!, config)) tag.want = 'maybe';
    else tag.want = false;
    if (predecessor) predecessor.want = false;
    tag.conflict = false;
    tag.applied = config;
    tag.loggedOut = false;
    this.owner = tag;
    this.#follow(tag, seen);
  }

  /**
   * Once the tags have updated: a tag that connected beside an owner whose lease may have
   * ended was refused (a conflict) if that lease had not ended, and took over if it had.
   */
  decide(seen: WidgetSeen): void {
    const tag = this.#undecided;
    this.#undecided = undefined;
    const predecessor = this.owner;
    if (!tag || !predecessor?.leaseMaybeEnded) return;
    predecessor.leaseMaybeEnded = false;
    if (tag.element.state === 'error') return; // refused: the lease had not ended
    predecessor.want = false;
    this.owner = undefined;
    this.applyConfig(tag, seen);
  }

  /** Whether the tag's attributes are valid now (an invalid change keeps the applied config). */
  validNow(tag: Tag): boolean {
    return configOf(tag.element) !== undefined;
  }

  /** The tag left the document: its grace period starts (a timer, set at once). */
  removed(tag: Tag, seen: WidgetSeen): void {
    if (this.owner !== tag || !tag.applied) return;
    // Only a running widget waits out the grace period; anything else settles at the end of the task.
    const grace = seen.running ? tag.applied.gracePeriod : 0;
    tag.grace = { ends: performance.now() + grace, yielded: false, fired: false };
  }

  /**
   * The page yielded to the event loop; once a timer of the test's own with `deadline`
   * has fired, every timer due by then has fired too (they fire in deadline order).
   */
  yielded(deadline: number): void {
    for (const { grace } of this.tags) {
      if (!grace) continue;
      grace.yielded = true;
      if (deadline >= grace.ends) grace.fired = true;
    }
  }

  /**
   * Whether the owner's lease ended while it was out of the document: its grace timer
   * has fired, cannot have (the page has not yielded since, or it is not due), or may
   * have (due, and the page yielded, but not to a timer that late).
   */
  #leaseEnded(tag: Tag): Want {
    const { grace } = tag;
    if (this.owner !== tag || !grace) return false;
    if (grace.fired) return true;
    return !grace.yielded || performance.now() < grace.ends ? false : 'maybe';
  }

  /** The loading controller's `follow`: consent, then the strategy. */
  #follow(tag: Tag, seen: WidgetSeen): void {
    const config = tag.applied!;
    if (withheld(config)) {
      tag.want = false;
      return;
    }
    if (tag.openOnConsent) {
      tag.openOnConsent = false;
      // Another tab's logoff that may have reached the element dropped the pending open, or not.
      if (tag.loggedOut === 'maybe') {
        tag.want = 'maybe';
      } else {
        tag.loggedOut = false;
        tag.want = true;
      }
      return;
    }
    const readyNow = seen.running && seen.visitor && sameVisitor(seen.visitor, config) && tag.want === true;
    if (tag.loggedOut === 'maybe' && tag.want === true) tag.want = 'maybe';
    if (tag.loggedOut || readyNow) return;
    // A strategy that does not start on its own (manual; interaction for a visitor who never
    // engaged) calls off a start the earlier one had planned, unless that start has begun.
    const startsOnItsOwn = config.loading === 'eager' || config.loading === 'idle' || engaged(tag.element);
    if (!startsOnItsOwn && tag.want === true) tag.want = 'maybe';
    if (config.loading === 'eager' || config.loading === 'idle') tag.want = true;
    // A returning visitor's `interaction` loads as `idle` does.
    else if (config.loading === 'interaction' && engaged(tag.element) && tag.want !== true) tag.want = 'maybe';
  }

  /** `load()`, `open()` or a click on the launcher: starts it unless consent is withheld. */
  ask(tag: Tag, opens: boolean): void {
    if (this.owner !== tag || !tag.element.isConnected || tag.conflict || !configOf(tag.element)) return;
    if (withheld(tag.applied)) {
      // Refused for now, yet no longer held down by a logoff: once consent is given, the
      // strategy decides again (and a click or open() opens the chat).
      tag.loggedOut = false;
      if (opens) tag.openOnConsent = true;
      return;
    }
    tag.loggedOut = false;
    tag.want = true;
  }

  logout(tag: Tag): void {
    if (this.owner !== tag || !tag.element.isConnected || tag.conflict || !configOf(tag.element)) return;
    tag.want = false;
    tag.loggedOut = true;
    tag.openOnConsent = false; // a logoff drops an open the visitor asked for before consenting
  }

  /** Another same-origin tab's `deinit`: the running visitor here is logged off too. */
  otherTabLoggedOff(seen: WidgetSeen): void {
    const owner = this.owner;
    if (!owner) return;
    // The element hears of it in the document only (closer-logout); a start on its way
    // (queued, or the script loading) may be heard of or not. So may a session of another
    // visitor than the owner's (a predecessor's, its switch due at the end of the task): the
    // message may come before the switch ends it (the owner is held) or after (it is not).
    const forOwner = !!seen.visitor && !!owner.applied && sameVisitor(seen.visitor, owner.applied);
    if (forOwner) {
      owner.want = false;
      owner.openOnConsent = false;
      if (owner.element.isConnected) owner.loggedOut = true;
    } else if (owner.want === true || seen.running) {
      if (owner.want === true) owner.want = 'maybe';
      if (owner.element.isConnected && owner.loggedOut !== true) owner.loggedOut = 'maybe';
    }
  }

  /**
   * Once everything has settled (past every grace period): whether the widget must run,
   * for which visitor, or must not; `maybe` allows either.
   */
  expected(): { run: Want; owner?: Tag } {
    const owner = this.owner?.element.isConnected ? this.owner : undefined;
    if (!owner || !owner.applied || withheld(owner.applied) || !this.initWorks) return { run: false, owner };
    return { run: owner.want, owner };
  }
}

const engaged = (element: Element): boolean => {
  try {
    return element.ownerDocument.defaultView?.localStorage.getItem('closer-chat:engaged') === '1';
  } catch {
    return false;
  }
};
