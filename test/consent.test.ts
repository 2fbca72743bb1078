// Many sites may not load a third-party chat before the visitor consents. With
// `consent="pending"` (or "denied") the element must fetch, preconnect and store
// nothing, whatever `loading` says, and start as soon as consent is granted.
import { expect } from '@open-wc/testing';
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
  slowWidgetUrl,
  whenReady,
  widgetScripts,
} from './helpers.js';

type PageWindow = Window & {
  requests(): PerformanceResourceTiming[];
  scriptRequests(): PerformanceResourceTiming[];
  loadEventAt?: number;
  closerSimulator?: { calls: { method: string }[] };
};

const framePage = (query: Record<string, string>) =>
  openFramePage<PageWindow>(`/test/fixtures/page.html?${new URLSearchParams(query)}`);

const launcher = (element: CloserChat) =>
  element.shadowRoot?.querySelector<HTMLButtonElement>('button[part~="launcher"]') ?? null;
const note = (element: CloserChat) => element.shadowRoot?.querySelector('[part~="note"]') ?? null;

/** The page has loaded and been idle: what `idle` waits for has long passed. */
async function pageSettled(win: PageWindow): Promise<void> {
  while (win.loadEventAt === undefined) await nextTask();
  await new Promise((resolve) => (win.requestIdleCallback ?? setTimeout)(() => resolve(undefined), { timeout: 500 }));
  await new Promise((resolve) => setTimeout(resolve, 150));
}

/** Nothing of the widget reached this page: no request, no hint, no stub, no script, no storage. */
function expectNothingOfTheWidget(win: PageWindow): void {
  expect(win.requests(), 'no request for the widget').to.have.length(0);
  expect(win.document.querySelectorAll('link[rel~="preconnect"]'), 'no preconnect').to.have.length(0);
  expect(win.document.querySelectorAll('script[data-closer-chat]'), 'no script').to.have.length(0);
  expect((win as unknown as { closer?: unknown }).closer, 'no stub').to.equal(undefined);
}

describe('<closer-chat>', () => {
  afterEach(resetPage);

  describe('consent', () => {
    for (const loading of ['eager', 'idle', 'interaction', 'manual']) {
      it(`consent="pending" with loading="${loading}": zero requests, zero storage, a launcher all the same`, async () => {
        const { win, chat } = await framePage({
          loading,
          consent: 'pending',
          src: 'https://widget.closer.app/widget.js',
        });
        const storageBefore = Object.keys(win.localStorage);
        await pageSettled(win);
        launcher(chat)?.dispatchEvent(new PointerEvent('pointerenter')); // intent, too, fetches nothing
        launcher(chat)?.focus();
        await nextTask();
        expectNothingOfTheWidget(win);
        expect(Object.keys(win.localStorage), 'nothing stored').to.deep.equal(storageBefore);
        expect(win.document.cookie, 'no cookie').to.equal('');
        expect(launcher(chat), 'the visitor still sees a launcher').to.exist;
        expect(chat.state).to.equal('idle');
      });
    }

    it('a returning visitor with consent pending gets nothing loaded either', async () => {
      const { win, chat } = await framePage({ loading: 'interaction', consent: 'pending', engaged: '1' });
      await pageSettled(win);
      expectNothingOfTheWidget(win);
      expect(chat.state).to.equal('idle');
    });

    it('granting consent loads right away (eager): one request, one init', async () => {
      const { win, chat } = await framePage({ loading: 'eager', consent: 'pending' });
      await pageSettled(win);
      expect(win.requests()).to.have.length(0);
      chat.setAttribute('consent', 'granted');
      await whenReady(chat);
      expect(win.scriptRequests()).to.have.length(1);
      expect(win.closerSimulator!.calls.map((call) => call.method)).to.deep.equal(['init']);
    });

    it('removing the consent attribute lifts the gate, as if it was never there: it loads', async () => {
      const { win, chat } = await framePage({ loading: 'eager', consent: 'pending' });
      const errors = collect(chat, 'closer-error');
      await pageSettled(win);
      chat.removeAttribute('consent');
      await whenReady(chat);
      expect(errors, 'no config error').to.have.length(0);
      expect(win.scriptRequests()).to.have.length(1);
    });

    it('granting consent with loading="idle" after the page is idle loads without waiting for another load event', async () => {
      const { win, chat } = await framePage({ loading: 'idle', consent: 'pending' });
      await pageSettled(win);
      chat.consent = 'granted';
      await whenReady(chat);
      expect(win.scriptRequests()).to.have.length(1);
    });

    it('a click while pending asks the page (closer-consent-required); once granted, the chat opens', async () => {
      const chat = mount({ 'org-id': ORG_ID, src: SIMULATOR_URL, loading: 'interaction', consent: 'pending' });
      await chat.updateComplete;
      const asked = nextEvent(document, 'closer-consent-required');
      document.addEventListener('closer-consent-required', (event) => event.preventDefault(), { once: true });
      launcher(chat)!.click();
      const { detail } = await asked;
      expect(detail).to.deep.equal({ consent: 'pending' });
      await chat.updateComplete;
      expect(note(chat), 'the page answered: no note of ours').to.equal(null);
      expect(widgetScripts()).to.have.length(0);

      const opened = nextEvent(chat, 'closer-open');
      chat.setAttribute('consent', 'granted'); // the consent manager's answer
      await opened;
      expect(callsOf('init')).to.have.length(1);
      expect(callsOf('openWidget')).to.have.length(1);
    });

    // The page's logout() comes after the visitor's click: it holds the widget down, as the
    // README says, so the consent that arrives later does not open the chat for the click.
    it('a click while pending, then logout(): once granted, nothing opens (logout() came last)', async () => {
      const chat = mount({ 'org-id': ORG_ID, src: SIMULATOR_URL, loading: 'interaction', consent: 'pending' });
      await chat.updateComplete;
      launcher(chat)!.click();
      await chat.updateComplete;
      await chat.logout();
      chat.setAttribute('consent', 'granted');
      await chat.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(widgetScripts(), 'nothing fetched').to.have.length(0);
      expect(callsOf('init')).to.have.length(0);
      expect(launcher(chat), 'the launcher stays').to.exist;
    });

    it('if the page does not answer, the launcher says that the chat needs consent', async () => {
      const chat = mount({ 'org-id': ORG_ID, src: SIMULATOR_URL, loading: 'interaction', consent: 'denied' });
      await chat.updateComplete;
      launcher(chat)!.click();
      await chat.updateComplete;
      expect(note(chat)?.getAttribute('role')).to.equal('status');
      expect(note(chat)?.textContent).to.equal('The chat needs your consent first.');
      await expect(chat).shadowDom.to.be.accessible();
    });

    it('the note answers a click: a launcher taken down (invalid org-id) and drawn again shows none', async () => {
      const chat = mount({ 'org-id': ORG_ID, src: SIMULATOR_URL, loading: 'interaction', consent: 'denied' });
      await chat.updateComplete;
      launcher(chat)!.click();
      await chat.updateComplete;
      expect(!!note(chat), 'the click got its note').to.equal(true);
      chat.setAttribute('org-id', 'not a uuid');
      await chat.updateComplete;
      expect(!!launcher(chat), 'no launcher for a config that cannot start').to.equal(false);
      chat.setAttribute('org-id', ORG_ID);
      await chat.updateComplete;
      expect(!!launcher(chat), 'the launcher is back').to.equal(true);
      // (booleans: a failing assertion on an element hangs the runner while it prints it)
      expect(!!note(chat), 'and no click has asked yet').to.equal(false);
    });

    it('load() and open() while pending reject with consent-required and load nothing', async () => {
      const chat = mount({ 'org-id': ORG_ID, src: SIMULATOR_URL, loading: 'manual', consent: 'pending' });
      const asked = collect(chat, 'closer-consent-required');
      const codes: unknown[] = [];
      for (const call of [() => chat.load(), () => chat.open()]) {
        await call().catch((error: { detail?: { code: string } }) => codes.push(error.detail?.code));
      }
      expect(codes).to.deep.equal(['consent-required', 'consent-required']);
      expect(asked).to.have.length(2);
      expect(widgetScripts()).to.have.length(0);
      expect(window.closer).to.equal(undefined);
    });

    it('consent withdrawn (denied) after the chat ran logs the visitor off and forgets the engagement', async () => {
      const chat = mount({ 'org-id': ORG_ID, src: SIMULATOR_URL, loading: 'eager', consent: 'granted' });
      await chat.open();
      expect(localStorage.getItem('closer-chat:engaged')).to.equal('1');
      const loggedOut = nextEvent(chat, 'closer-logout');
      chat.setAttribute('consent', 'denied');
      await loggedOut;
      expect(callsOf('deinit')).to.have.length(1);
      expect(simulator().initialized).to.equal(false);
      expect(localStorage.getItem('closer-chat:engaged')).to.equal(null);
    });

    it('consent withdrawn while the widget script loads: no init once it has, nothing stored, open() refused', async () => {
      const chat = mount({ 'org-id': ORG_ID, src: slowWidgetUrl(800), loading: 'eager', consent: 'granted' });
      const pending = chat.load().then(
        () => 'resolved',
        (error: { detail?: { code: string } }) => error.detail?.code,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      chat.setAttribute('consent', 'denied');
      await scriptSettled();
      await nextTask();
      await nextTask();
      expect(await pending, 'the load that consent stopped').to.be.oneOf(['aborted', 'consent-required']);
      expect(callsOf('init'), 'no init without consent').to.have.length(0);
      expect(chat.state).to.not.equal('ready');
      const code = await chat.open().then(
        () => 'opened',
        (error: { detail?: { code: string } }) => error.detail?.code,
      );
      expect(code).to.equal('consent-required');
      expect(callsOf('init')).to.have.length(0);
      expect(localStorage.length, 'nothing stored').to.equal(0);
    });

    it('consent withdrawn while a late SDK still holds the queued init: the init is taken back', async () => {
      const chat = mount({
        'org-id': ORG_ID,
        src: `${SIMULATOR_URL}?mode=late-timer&install-ms=300`,
        loading: 'eager',
        consent: 'granted',
      });
      await chat.updateComplete;
      await scriptSettled();
      chat.setAttribute('consent', 'denied');
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect(callsOf('init'), 'no init without consent').to.have.length(0);
      expect(chat.state).to.not.equal('ready');
    });

    it('an unknown consent value is a config error naming the attribute', async () => {
      const errors = collect(document, 'closer-error');
      await consoleErrors(async () => {
        const chat = mount({ 'org-id': ORG_ID, src: SIMULATOR_URL, loading: 'eager', consent: 'yes' });
        await chat.updateComplete;
      });
      expect(errors[0].detail.issues?.map((issue) => issue.name)).to.deep.equal(['consent']);
      expect(widgetScripts()).to.have.length(0);
    });
  });
});
