import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CloserChat } from '../src/index.js';
import {
  callsOf,
  collect,
  consoleErrors,
  mount,
  nextEvent,
  nextTask,
  openFramePage,
  ORG_ID,
  resetPage,
  scriptSettled,
  SIMULATOR_URL,
  simulator,
  until,
  whenReady,
  widgetScripts,
} from './helpers.js';

/** A src only this test uses, so resource timing shows whether *it* was fetched. */
let unique = 0;
const freshSrc = (extra = '') => `${SIMULATOR_URL}?test=${++unique}${extra}`;
const fetched = (src: string) => performance.getEntriesByName(new URL(src, location.href).href).length;

const launcher = (element: CloserChat) =>
  element.shadowRoot?.querySelector<HTMLButtonElement>('button[part~="launcher"]') ?? null;

async function mountInteraction(
  attributes: Record<string, string> = {},
): Promise<{ element: CloserChat; src: string }> {
  const src = attributes.src ?? freshSrc();
  const element = mount({ 'org-id': ORG_ID, loading: 'interaction', ...attributes, src });
  await element.updateComplete;
  return { element, src };
}

/** Resolves once the facade has been removed from the element's shadow root. */
async function facadeGone(element: CloserChat): Promise<void> {
  while (launcher(element)) await element.updateComplete.then(nextTask);
}

/** test/fixtures/page.html with a scenario in its query (see that file). */
const framePage = (query: Record<string, string>) =>
  openFramePage(`/test/fixtures/page.html?${new URLSearchParams(query)}`);

describe('<closer-chat>', () => {
  afterEach(resetPage);

  describe('loading="interaction"', () => {
    // Found by a Firefox property run (seed 777, path 136:…): a click on the launcher of a
    // tag just removed (before its removal was settled at the end of the task) started the
    // widget, which then ran once the tag was back. A launcher not in the page is no intent.
    it('a click on the launcher of a tag removed in the same task starts nothing, even once the tag is back', async () => {
      const { element, src } = await mountInteraction({ 'grace-period': '0' });
      const button = launcher(element)!;
      element.remove();
      button.click();
      document.body.append(element);
      await element.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(fetched(src), 'no request to the widget').to.equal(0);
      expect(element.state).to.equal('idle');
      expect(launcher(element), 'the launcher is back').to.exist;
    });

    it('draws a launcher button and makes no request to the widget before intent', async () => {
      const { element, src } = await mountInteraction();
      const button = launcher(element);
      expect(button, 'facade button').to.exist;
      expect(button!.getAttribute('aria-label')).to.equal('Open chat');
      expect(button!.type).to.equal('button');
      expect(getComputedStyle(button!).position).to.equal('fixed');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fetched(src)).to.equal(0);
      expect(widgetScripts()).to.have.length(0);
      expect(window.closer, 'not even the stub').to.equal(undefined);
      await expect(element).shadowDom.to.be.accessible();
    });

    it('launcher-label names the button; slotted content replaces the icon', async () => {
      const { element } = await mountInteraction({ 'launcher-label': 'Chat with sales' });
      const label = document.createElement('span');
      label.textContent = 'Chat';
      element.append(label);
      expect(launcher(element)!.getAttribute('aria-label')).to.equal('Chat with sales');
      const slot = launcher(element)!.querySelector('slot')!;
      expect(slot.assignedElements()).to.deep.equal([label]);
    });

    it('is styled through custom properties and ::part(launcher)', async () => {
      const style = document.createElement('style');
      style.textContent = `
        closer-chat { --closer-chat-launcher-background: rgb(0, 128, 0); --closer-chat-launcher-size: 70px; }
        closer-chat::part(launcher) { border-radius: 4px; }`;
      document.head.append(style);
      const { element } = await mountInteraction();
      const computed = getComputedStyle(launcher(element)!);
      expect(computed.backgroundColor).to.equal('rgb(0, 128, 0)');
      expect(computed.width).to.equal('70px');
      expect(computed.borderTopLeftRadius).to.equal('4px');
      style.remove();
    });

    it('pointerenter starts fetching the widget but does not initialise it', async () => {
      const { element, src } = await mountInteraction();
      launcher(element)!.dispatchEvent(new PointerEvent('pointerenter'));
      expect(widgetScripts()).to.have.length(1);
      await scriptSettled();
      expect(fetched(src)).to.equal(1);
      expect(typeof window.closer?.deinit).to.equal('function');
      expect(callsOf('init')).to.have.length(0);
      expect(launcher(element), 'the facade stays until a click').to.exist;
    });

    it("a finger landing on the launcher (a touch's pointerenter, touchstart) runs no widget script before its click", async () => {
      const { element } = await mountInteraction();
      launcher(element)!.dispatchEvent(new PointerEvent('pointerenter', { pointerType: 'touch' }));
      launcher(element)!.dispatchEvent(new Event('touchstart'));
      await element.updateComplete;
      expect(widgetScripts(), 'the click comes at once: its busy state paints first').to.have.length(0);
      launcher(element)!.click();
      await element.updateComplete;
      expect(launcher(element)!.getAttribute('aria-busy')).to.equal('true');
      await until('the widget started', () => callsOf('init').length === 1);
    });

    it("the visitor's first scroll or touch on the page prefetches the script without running it", async () => {
      const { element, src } = await mountInteraction();
      const prefetches = () => Array.from(document.head.querySelectorAll<HTMLLinkElement>('link[rel="prefetch"]'));
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(prefetches(), 'nothing before the visitor does anything').to.have.length(0);
      window.dispatchEvent(new Event('scroll'));
      expect(prefetches().map((link) => link.href)).to.deep.equal([new URL(src, location.href).href]);
      window.dispatchEvent(new Event('pointerdown')); // once only
      expect(prefetches()).to.have.length(1);
      expect(widgetScripts(), 'fetched, not run').to.have.length(0);
      expect(window.closer).to.equal(undefined);
      const opened = nextEvent(element, 'closer-open');
      launcher(element)!.click();
      await opened;
      expect(widgetScripts()).to.have.length(1);
      prefetches().forEach((link) => link.remove());
    });

    it('focus starts fetching the widget', async () => {
      const { element } = await mountInteraction();
      launcher(element)!.focus();
      expect(widgetScripts()).to.have.length(1);
      await scriptSettled();
      expect(callsOf('init')).to.have.length(0);
    });

    it('a click loads, opens, and hands over to the real launcher with never none and never two', async () => {
      const { element } = await mountInteraction({ src: freshSrc('&delay=150') });
      const button = launcher(element)!;
      // Record, at each change of the facade, whether the real widget is on the page.
      const widgetWhenFacadeLeft: boolean[] = [];
      const observer = new MutationObserver(() => {
        if (!launcher(element)) widgetWhenFacadeLeft.push(!!document.querySelector('[data-closer-widget]'));
      });
      observer.observe(element.shadowRoot!, { childList: true, subtree: true });
      const opened = nextEvent(element, 'closer-open');

      button.click();
      await element.updateComplete;
      expect(button.getAttribute('aria-busy'), 'busy while loading').to.equal('true');
      expect(document.querySelector('[data-closer-widget]'), 'no real widget yet').to.equal(null);

      await opened;
      await facadeGone(element);
      observer.disconnect();
      expect(widgetWhenFacadeLeft).to.deep.equal([true]);
      expect(simulator().calls.map((call) => call.method)).to.deep.equal(['init', 'openWidget']);
      expect(element.opened).to.equal(true);
    });

    it('works with the keyboard alone: Tab to the launcher, Enter opens the chat', async () => {
      const { element } = await mountInteraction();
      const opened = nextEvent(element, 'closer-open');
      (document.activeElement as HTMLElement | null)?.blur();
      let reached = false;
      for (let step = 0; step < 10 && !reached; step++) {
        await sendKeys({ press: 'Tab' });
        reached = element.shadowRoot!.activeElement === launcher(element);
      }
      expect(reached, 'the launcher is reachable by Tab').to.equal(true);
      expect(getComputedStyle(launcher(element)!).outlineStyle, 'a visible focus ring').to.equal('solid');
      await sendKeys({ press: 'Enter' });
      await opened;
      expect(callsOf('openWidget')).to.have.length(1);
    });

    it('a failed load keeps the facade and fires closer-error; a second click retries', async () => {
      const { element } = await mountInteraction({ src: '/dev/simulator/missing-widget.js' });
      const errors = collect(element, 'closer-error');
      const failed = nextEvent(element, 'closer-error');
      await consoleErrors(async () => {
        launcher(element)!.click();
        await failed;
        await nextTask();
        await element.updateComplete;
      });
      expect(errors.map((event) => event.detail.phase)).to.deep.equal(['load']);
      const button = launcher(element);
      expect(button, 'the launcher never vanishes').to.exist;
      expect(button!.hasAttribute('aria-busy')).to.equal(false);

      element.setAttribute('src', freshSrc()); // the CDN is back
      await element.updateComplete;
      const opened = nextEvent(element, 'closer-open');
      launcher(element)!.click();
      await opened;
      await facadeGone(element);
      expect(callsOf('init')).to.have.length(1);
    });

    it('remembers engagement (no personal data) once the visitor opened the chat', async () => {
      const { element } = await mountInteraction();
      expect(localStorage.getItem('closer-chat:engaged')).to.equal(null);
      await element.open();
      expect(localStorage.getItem('closer-chat:engaged')).to.equal('1');
    });

    it('remember-engagement="false" remembers nothing', async () => {
      const { element } = await mountInteraction({ 'remember-engagement': 'false' });
      await element.open();
      simulator().sendMessage('hi');
      expect(localStorage.getItem('closer-chat:engaged')).to.equal(null);
    });

    it('a returning visitor gets the widget back without a click (loads as idle)', async () => {
      const { win, chat } = await framePage({ loading: 'interaction', engaged: '1' });
      await whenReady(chat);
      expect(win.closerSimulator!.calls.map((call: { method: string }) => call.method)).to.deep.equal(['init']);
      await facadeGone(chat);
      expect(win.document.querySelector('[data-closer-widget]')).to.exist;
    });

    it('show-button="false" draws no facade: the page opens the chat with open()', async () => {
      const { element, src } = await mountInteraction({ 'show-button': 'false' });
      expect(launcher(element)).to.equal(null);
      expect(fetched(src)).to.equal(0);
      await element.open();
      expect(callsOf('openWidget')).to.have.length(1);
    });
  });

  describe('loading="idle"', () => {
    it('fetches only after the page load event, then initialises', async () => {
      const { win, chat } = await framePage({ loading: 'idle', 'slow-load': '1000' });
      expect(win.loadEventAt, 'the page is still loading').to.equal(undefined);
      expect(win.requests()).to.have.length(0);
      await whenReady(chat);
      const [request] = win.scriptRequests();
      // Not before it; the same figure can come of Firefox's coarsened clock (1 ms).
      expect(request.startTime).to.be.at.least(win.loadEventAt);
    });

    it('without requestIdleCallback (Safari has none) falls back to a timer: fetches after the load event', async () => {
      const { win, chat } = await framePage({ loading: 'idle', 'slow-load': '1000', 'no-idle-callback': '1' });
      expect(typeof win.requestIdleCallback, 'the page has no requestIdleCallback').to.equal('undefined');
      expect(win.loadEventAt, 'the page is still loading').to.equal(undefined);
      expect(win.requests()).to.have.length(0);
      await whenReady(chat);
      const [request] = win.requests();
      // Not before it; the same figure can come of Firefox's coarsened clock (1 ms).
      expect(request.startTime).to.be.at.least(win.loadEventAt);
    });

    it('on Save-Data a new visitor gets the facade and no fetch; intent still loads it', async () => {
      const { win, chat } = await framePage({ loading: 'idle', 'save-data': '1' });
      while (win.loadEventAt === undefined) await nextTask();
      await new Promise((resolve) => win.requestIdleCallback?.(resolve, { timeout: 500 }) ?? setTimeout(resolve, 100));
      await nextTask();
      expect(win.requests(), 'nothing fetched on idle').to.have.length(0);
      const button = launcher(chat);
      expect(button, 'a launcher all the same').to.exist;
      const ready = nextEvent(chat, 'closer-ready');
      button!.click();
      await ready;
      expect(win.scriptRequests()).to.have.length(1);
    });

    it('on Save-Data the interaction facade prefetches nothing, even for an active visitor', async () => {
      const { win, chat } = await framePage({ loading: 'interaction', 'save-data': '1' });
      await chat.updateComplete;
      win.dispatchEvent(new Event('scroll'));
      win.dispatchEvent(new Event('pointerdown'));
      await nextTask();
      expect(win.document.querySelectorAll('link[rel="prefetch"]')).to.have.length(0);
      expect(win.requests()).to.have.length(0);
    });

    it('on Save-Data a returning visitor still gets the widget back on idle', async () => {
      const { win, chat } = await framePage({ loading: 'idle', 'save-data': '1', engaged: '1' });
      await whenReady(chat);
      expect(win.scriptRequests()).to.have.length(1);
    });

    it('adds one preconnect per CORS mode for the official widget origin, never a duplicate', async () => {
      const { win, frame, chat } = await framePage({
        loading: 'idle',
        src: 'https://widget.closer.app/widget.js',
        'slow-load': '3000',
      });
      await chat.updateComplete;
      chat.parentNode!.append(chat); // a move re-applies the strategy
      await chat.updateComplete;
      const links = Array.from(win.document.head.querySelectorAll('link[rel="preconnect"]')) as HTMLLinkElement[];
      // The script's own fetch (no CORS), then what the widget fetches with CORS (fonts, fetch()).
      expect(links.map((link) => [link.href, link.getAttribute('crossorigin')])).to.deep.equal([
        ['https://widget.closer.app/', null],
        ['https://widget.closer.app/', 'anonymous'],
      ]);
      expect(win.document.querySelectorAll('script[src*="widget.closer.app"]')).to.have.length(0);
      frame.remove(); // before its load event: nothing is ever fetched
    });

    it('adds no preconnect for a widget on the page’s own origin', async () => {
      const element = mount({ 'org-id': ORG_ID, src: freshSrc() });
      await nextEvent(element, 'closer-ready');
      expect(document.head.querySelectorAll('link[rel="preconnect"]')).to.have.length(0);
    });
  });
});
