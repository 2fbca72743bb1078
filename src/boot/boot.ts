/**
 * The boot: all a page runs of `<closer-chat>` before the visitor shows intent. No Lit,
 * no zod, no widget code: it reads the few attributes that decide when to start, draws
 * the launcher exactly as the element does (launcher-look.ts), fetches the rest of the
 * element (and the widget script) into the cache on the visitor's first activity, and
 * hands over to the full element on intent (`interaction`, consent withheld, `manual`),
 * or at once (`eager`, `idle`, or anything it cannot judge).
 *
 * The hand-over is page-wide: the rest registers `<closer-chat>`, which upgrades every
 * tag; the element takes over the boot's shadow root as it takes over a server-rendered
 * one (closer-chat.ts, createRenderRoot) in the same task, so the launcher never blinks.
 * A tap that lands meanwhile is kept and opens the chat once.
 */
import {
  isAllowedWidgetUrl,
  LOADING_STRATEGIES,
  OFFICIAL_WIDGET_URL,
  saysFalse,
  UUID_PATTERN,
  type LoadingStrategy,
} from './input-rules.js';
import { whenVisitorActive } from '../launcher/schedule.js';
import { hasEngaged, isConstrainedConnection, strategyForVisitor } from '../launcher/strategy.js';
import { launcherNames } from '../launcher/strings.js';
import { CHAT_ICON_PATH, LAUNCHER_CSS } from './launcher-look.js';

/** How the rest of the element reaches the page: the CMS file or a bundler's chunk. */
export interface ElementLoader {
  /** Into the cache, not run; once, however often it is asked. */
  prefetch(): void;
  /** Loads and runs the rest, which registers `<closer-chat>`. */
  run(): Promise<unknown>;
}

const TAG = 'closer-chat';
/** The element's methods a page may call before the hand-over: each hands over, then calls the element's. */
const METHODS = ['load', 'open', 'close', 'toggle', 'logout'] as const;
/**
 * On the boot's launcher: the visitor is about to click. Not a touch (`touchstart`, or the
 * `pointerenter` of a finger landing): its click follows at once, and its busy state
 * must paint before the element runs (the touch itself is activity, which warms the caches).
 */
const INTENT = ['pointerenter', 'focus'] as const;

/** What the boot does for a tag until intent hands over. */
interface TagPlan {
  readonly launcher: boolean;
  /** Warm the widget script on activity (the element does the same behind its facade). */
  readonly warmWidget: boolean;
}

/** No plan: the element at once. */
const NOW = undefined;

/** A flag attribute turned off, read as the element reads it (absent is not off). */
const off = (tag: Element, name: string): boolean => saysFalse(tag.getAttribute(name));

/**
 * The element's own decision (loading-controller.ts, follow), from the attributes alone.
 * A tag it cannot vouch for (no valid org id, a foreign `src`, an unknown value) gets the
 * element at once, which reports the mistake as it always did.
 */
function planFor(tag: Element): TagPlan | undefined {
  const src = tag.getAttribute('src');
  const loading = tag.getAttribute('loading') ?? 'idle';
  const consent = tag.getAttribute('consent');
  if (!UUID_PATTERN.test(tag.getAttribute('org-id') ?? '') || (src !== null && !isAllowedWidgetUrl(src))) return NOW;
  if (!('adoptedStyleSheets' in Document.prototype)) return NOW;
  if (!(LOADING_STRATEGIES as readonly string[]).includes(loading)) return NOW;
  const showButton = !off(tag, 'show-button');
  if (consent === 'pending' || consent === 'denied') return { launcher: showButton, warmWidget: false };
  if (consent !== null && consent !== 'granted') return NOW;
  const behaviour = strategyForVisitor(loading as LoadingStrategy, {
    engaged: () => !off(tag, 'remember-engagement') && hasEngaged(),
    constrained: isConstrainedConnection,
  });
  // `idle` too: its widget starts after the load event, and the element must be there by
  // then, as it was before the boot (run after the load event, it started ~200 ms later).
  if (behaviour === 'eager' || behaviour === 'idle') return NOW;
  const launcher = behaviour === 'interaction' && showButton;
  // Under `consent-from`, consent is pending until the element has read the manager: nothing from the widget's origin.
  const warmWidget = behaviour === 'interaction' && !isConstrainedConnection() && !tag.hasAttribute('consent-from');
  return { launcher, warmWidget };
}

/**
 * The launcher's markup and styles, as the element renders them (facade.ts), built
 * without innerHTML (a Trusted Types sink).
 */
function drawLauncher(tag: HTMLElement): HTMLButtonElement | null {
  if (tag.shadowRoot) return tag.shadowRoot.querySelector('button'); // drawn by a server already
  const root = tag.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(LAUNCHER_CSS);
  root.adoptedStyleSheets = [sheet];
  const icon = make('svg', {
    viewBox: '0 0 24 24',
    width: '28',
    height: '28',
    'aria-hidden': 'true',
    focusable: 'false',
  });
  icon.append(make('path', { fill: 'currentColor', d: CHAT_ICON_PATH }));
  const slot = make('slot', {}, HTML);
  slot.append(icon);
  const button = make('button', { part: 'launcher button', type: 'button' }, HTML) as HTMLButtonElement;
  setLabel(tag, button, false);
  button.append(slot);
  root.append(button);
  return button;
}

const HTML = 'http://www.w3.org/1999/xhtml';

function make(name: string, attributes: Record<string, string>, namespace = 'http://www.w3.org/2000/svg'): Element {
  const node = document.createElementNS(namespace, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

/** The accessible name, as the element words it: busy while the chat loads. */
function setLabel(tag: Element, button: HTMLButtonElement, busy: boolean): void {
  const names = launcherNames(tag);
  button.setAttribute('aria-label', busy ? names.loading : tag.getAttribute('launcher-label') || names.open);
  if (busy) button.setAttribute('aria-busy', 'true');
}

/** One tag under the boot: its launcher and what the visitor did on it. */
interface Booted {
  readonly tag: HTMLElement & Methods;
  tapped: boolean;
  /** Pointer over or touch on the launcher: the element's facade warms the widget on it. */
  intent: boolean;
  /** The launcher got the focus (a keyboard visitor): the element's launcher gets it back. */
  focused: boolean;
}

/** The upgraded element, as far as the boot calls it. */
type Methods = Record<string, (...args: unknown[]) => Promise<unknown>>;

/**
 * Boots every `<closer-chat>` on the page, now and as they are added, until the
 * hand-over. Does nothing where the element is registered already, nor on a server.
 */
export function boot(loader: ElementLoader): void {
  if (typeof customElements === 'undefined' || customElements.get(TAG)) return;
  const booted = new Map<HTMLElement, Booted>();
  let handing: Promise<void> | undefined;
  /** The widget script to have in the cache on activity, as the element does behind its facade. */
  let warm: string | undefined;

  // Whoever registers the element (the hand-over, or the page's own import of it), the
  // boot steps back then, before anyone awaiting the hand-over goes on.
  const defined = customElements.whenDefined(TAG).then(() => {
    observer.disconnect();
    stopActivity();
    booted.forEach(takeOver);
  });
  const handOver = (): Promise<void> =>
    (handing ??= loader
      .run()
      .then(() => defined)
      .catch((error: unknown) => {
        handing = undefined; // a later intent tries again
        console.error('[closer-chat]', error);
        throw error;
      }));
  const go = () => void handOver().catch(ignore);

  const watch = (tag: HTMLElement & Methods) => {
    if (booted.has(tag)) return;
    const plan = planFor(tag);
    if (!plan) return go();
    const button = plan.launcher ? drawLauncher(tag) : null;
    const entry: Booted = { tag, tapped: false, intent: false, focused: false };
    booted.set(tag, entry);
    for (const name of METHODS) tag[name] = (...args) => handOver().then(() => tag[name](...args));
    const intent = (event?: Event) => {
      // A finger "enters" the launcher as it lands: not intent, as touchstart is not (INTENT).
      if ((event as PointerEvent | undefined)?.pointerType === 'touch') return;
      entry.intent = true;
      // A keyboard visitor: the element's launcher gets the focus back.
      entry.focused ||= event?.type === 'focus';
      go();
    };
    INTENT.forEach((type) => button?.addEventListener(type, intent, { passive: true }));
    button?.addEventListener('click', () => {
      // Feedback now; the element opens the chat once it has taken over. (Waiting for the
      // busy state's frame before the rest runs made tap → panel 200-250 ms slower in the
      // side-by-side benchmark, and the feedback no faster: the rest arrives after it.)
      entry.tapped = true;
      setLabel(tag, button, true);
      intent();
    });
    // The page changed what the boot decided from: the element decides from now on.
    observer.observe(tag, { attributes: true });
    if (plan.warmWidget) warm ??= tag.getAttribute('src') ?? OFFICIAL_WIDGET_URL;
  };

  const scan = (root: ParentNode) => root.querySelectorAll<HTMLElement & Methods>(TAG).forEach(watch);
  // Tags added later, and attribute changes of the tags booted.
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') go();
      record.addedNodes.forEach((node) => {
        if ((node as Element).localName === TAG) watch(node as HTMLElement & Methods);
        else if ((node as Element).firstElementChild) scan(node as Element);
      });
    }
  });
  observer.observe(document, { childList: true, subtree: true });
  const stopActivity = whenVisitorActive(() => {
    loader.prefetch();
    // As loader.ts's prefetchScript: the element's own hint later finds this one.
    if (warm) addLink({ rel: 'prefetch', href: new URL(warm, document.baseURI).href });
  });
  // In a task of its own: reading the visitor (storage, connection) and drawing the
  // launchers (a shadow root, a stylesheet) after this module's own start-up made one
  // task of 85-144 ms at CPU 4x, a TBT of 31-45 ms the 1 kB launcher does not have.
  setTimeout(() => customElements.get(TAG) || scan(document));
}

/** A `<link>` in the head, e.g. a hint; its `href` last, so it is fetched with the rest set. */
export const addLink = (properties: Partial<HTMLLinkElement>): HTMLLinkElement =>
  document.head.appendChild(Object.assign(document.createElement('link'), properties));

const ignore = () => undefined; // reported in the console; the launcher stays for a retry

/**
 * The element is registered and has upgraded the tag: the boot's methods go (the
 * element's show through), and what the visitor did meanwhile reaches the element.
 */
function takeOver({ tag, tapped, intent, focused }: Booted): void {
  for (const name of METHODS) delete tag[name];
  if (!tag.isConnected) return; // upgraded if it comes back: as a tag that never had a boot
  if (tapped) void tag.open().catch(ignore);
  if (focused || intent)
    void (tag as unknown as { updateComplete: Promise<unknown> }).updateComplete.then(() => {
      const launcher = tag.shadowRoot?.querySelector('button');
      if (focused) launcher?.focus();
      else if (!tapped) launcher?.dispatchEvent(new Event('pointerenter'));
    });
}
