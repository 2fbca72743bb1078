// `consent-from`: the element takes the visitor's consent from the site's own consent
// manager (CMP), and a withdrawal logs the visitor off. Each CMP is on a page of its own
// (test/fixtures/cmp.html) and driven as a visitor would, by clicking its banner:
// vanilla-cookieconsent and Klaro are the real ones from npm; TCF is the IAB's own CMP API
// (@iabtcf/cmpapi) with TC strings from @iabtcf/core, behind a small banner of ours;
// OneTrust and Cookiebot, which are not on npm, are stand-ins written from their public
// documentation (test/fixtures/cmp/onetrust.js, cookiebot.js), not the vendors' code.
import { expect } from '@open-wc/testing';
import type { CloserChat } from '../src/index.js';
import { CONSENT_MANAGERS } from '../src/consent/managers.js';
import { CONSENT_SOURCE, isConsentSource } from '../src/consent/source.js';
import {
  collect,
  consoleErrors,
  mount,
  nextEvent,
  openFramePage,
  ORG_ID,
  resetPage,
  SIMULATOR_URL,
  until,
  type Simulator,
} from './helpers.js';

type CmpPage = Window & {
  requests(): PerformanceResourceTiming[];
  warnings: string[];
  errors: string[];
  closer?: unknown;
  closerSimulator?: Simulator;
};

/**
 * Each CMP's consent-from, and what a visitor clicks (test/fixtures/cmp/<cmp>.js): the
 * banner's accept button; to withdraw, and to grant again, after the page's "Cookie
 * settings", the CMP's own controls in order (Klaro: the purpose's switch, then Save).
 */
const SETUPS = {
  tcf: {
    from: 'tcf:1,11',
    accept: '#tcf-banner .accept',
    withdraw: ['#tcf-banner .reject'],
    regrant: ['#tcf-banner .accept'],
  },
  cookieconsent: {
    from: 'cookieconsent:functionality',
    accept: '#cc-main .cm [data-role="all"]',
    withdraw: ['#cc-main .pm [data-role="necessary"]'],
    regrant: ['#cc-main .pm [data-role="all"]'],
  },
  klaro: {
    from: 'klaro:closer',
    accept: '.klaro .cookie-notice .cm-btn-success',
    withdraw: ['.klaro .cookie-modal label[for="purpose-item-functional"]', '.klaro .cookie-modal .cm-btn-accept'],
    regrant: ['.klaro .cookie-modal label[for="purpose-item-functional"]', '.klaro .cookie-modal .cm-btn-accept'],
  },
  onetrust: {
    from: 'onetrust:C0003',
    accept: '#onetrust-accept-btn-handler',
    withdraw: ['#onetrust-pc-sdk .ot-pc-refuse-all-handler'],
    regrant: ['#onetrust-pc-sdk #accept-recommended-btn-handler'],
  },
  cookiebot: {
    from: 'cookiebot:preferences',
    accept: '#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll',
    withdraw: ['#CybotCookiebotDialogBodyButtonDecline'],
    regrant: ['#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll'],
  },
} as const;
type Cmp = keyof typeof SETUPS;
const CMPS = Object.keys(SETUPS) as Cmp[];

// A CMP's page loads the CMP's own modules (@iabtcf/core is large) before the tag: on a
// machine shared with other test runs that took over 4 s once, in Firefox. Not a hang.
const PAGE_LOAD_MS = 15_000;
const openCmpPage = (query: Record<string, string>) =>
  openFramePage<CmpPage>(`/test/fixtures/cmp.html?${new URLSearchParams(query)}`, PAGE_LOAD_MS);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const launcher = (chat: CloserChat) => chat.shadowRoot?.querySelector('button[part~="launcher"]') ?? null;
const calls = (win: CmpPage, method: string) =>
  win.closerSimulator?.calls.filter((call) => call.method === method) ?? [];
const whenReady = (chat: CloserChat) => (chat.state === 'ready' ? Promise.resolve() : nextEvent(chat, 'closer-ready'));

/** Clicks `selector` on the CMP's page once the CMP has drawn it, as a visitor would. */
async function click(win: CmpPage, selector: string): Promise<void> {
  const shown = () => win.document.querySelector<HTMLElement>(selector);
  await until(`${selector} on the page`, () => (shown()?.getClientRects().length ?? 0) > 0, 4000);
  shown()!.click();
}

/** Nothing of the widget reached the page: no request, no hint, no script, no stub, nothing stored. */
function expectNothingOfTheWidget(win: CmpPage): void {
  expect(win.requests(), 'no request to the widget host').to.have.length(0);
  expect(win.document.querySelectorAll('link[rel~="preconnect"], link[rel~="prefetch"]'), 'no hint').to.have.length(0);
  expect(win.document.querySelectorAll('script[data-closer-chat]'), 'no widget script').to.have.length(0);
  expect(win.closer, 'no stub').to.equal(undefined);
  expect(Object.keys(win.localStorage), 'nothing in localStorage').to.deep.equal([]);
  expect(Object.keys(win.sessionStorage), 'nothing in sessionStorage').to.deep.equal([]);
}

/** Reloads the frame (the visitor comes back) and resolves with the new page's tag. */
async function reload(frame: HTMLIFrameElement): Promise<{ win: CmpPage; chat: CloserChat }> {
  const before = frame.contentDocument;
  frame.contentWindow!.location.reload();
  const page = () => frame.contentWindow as CmpPage;
  const chat = () => page().document.querySelector('closer-chat') as CloserChat | null;
  await until('the reloaded page with its tag', () => {
    return frame.contentDocument !== before && !!chat() && !!page().customElements.get('closer-chat');
  });
  return { win: page(), chat: chat()! };
}

function forgetCookies(): void {
  for (const name of document.cookie.split('; ').map((pair) => pair.split('=')[0])) {
    if (name) document.cookie = `${name}=; path=/; max-age=0`;
  }
  sessionStorage.clear();
}

describe('<closer-chat consent-from>', function () {
  this.timeout(PAGE_LOAD_MS + 5000); // a page, then what the test waits for
  // Test files share the origin's storage: start from none, whatever ran before.
  before(() => {
    localStorage.clear();
    forgetCookies();
  });
  afterEach(async () => {
    await resetPage();
    forgetCookies();
  });

  for (const cmp of CMPS) {
    const setup = SETUPS[cmp];

    describe(cmp, () => {
      it('nothing before consent; accept: one init; withdraw: one deinit, the launcher back, nothing fetched after; grant again: a fresh session', async function () {
        this.timeout(30_000); // a visitor's clicks, each once the CMP has drawn its button
        const { win, chat } = await openCmpPage({ cmp });
        const logouts = collect(chat, 'closer-logout');
        await until('the banner', () => !!win.document.querySelector(setup.accept), 4000);
        await pause(300); // what `eager` would have fetched by now
        expectNothingOfTheWidget(win);
        expect(win.document.cookie, 'no cookie').to.equal('');
        expect(launcher(chat), 'a launcher meanwhile').to.exist;
        expect(chat.state).to.equal('idle');

        await click(win, setup.accept);
        await whenReady(chat);
        expect(calls(win, 'init'), 'one init').to.have.length(1);
        await win.closerSimulator!.whenDrawn(); // the running widget's own fetch (its panel) is done
        const afterAccept = win.requests().length;
        expect(afterAccept).to.be.greaterThan(0);

        for (const selector of ['#cookie-settings', ...setup.withdraw]) {
          expect(logouts, `nothing withdrawn before ${selector}`).to.have.length(0);
          await click(win, selector);
          await pause(150);
        }
        await until('closer-logout', () => logouts.length > 0);
        expect(logouts[0].detail).to.deep.equal({ reason: 'consent' });
        expect(calls(win, 'deinit'), 'one deinit').to.have.length(1);
        await until('the launcher back', () => !!launcher(chat));
        const afterWithdrawal = win.requests().length;
        await pause(500);
        expect(afterWithdrawal, 'nothing fetched by the withdrawal').to.equal(afterAccept);
        expect(win.requests().length, 'nothing fetched after the withdrawal').to.equal(afterWithdrawal);
        expect(calls(win, 'init'), 'no new init').to.have.length(1);
        expect(chat.state).to.equal('idle');
        expect(win.localStorage.getItem('closer-chat:engaged')).to.equal(null);
        const summary =
          `[consent-from] ${cmp}: widget-host requests before consent 0, after accept ${afterAccept}, ` +
          `after withdrawal ${afterWithdrawal} (+${win.requests().length - afterWithdrawal} in the next 500 ms); ` +
          `init ${calls(win, 'init').length}, deinit ${calls(win, 'deinit').length}`;

        for (const selector of ['#cookie-settings', ...setup.regrant]) await click(win, selector);
        await whenReady(chat);
        expect(calls(win, 'init'), 'a fresh session').to.have.length(2);
        expect(calls(win, 'deinit')).to.have.length(1);
        console.log(`${summary}; granted again: init ${calls(win, 'init').length}, requests ${win.requests().length}`);
      });

      it('a reload with the stored consent starts the widget under its strategy (idle), without a click', async () => {
        const { frame, win, chat } = await openCmpPage({ cmp, loading: 'idle' });
        await click(win, setup.accept);
        await whenReady(chat);
        const again = await reload(frame);
        await whenReady(again.chat);
        await again.win.closerSimulator!.whenDrawn(); // the running widget's own fetches, as counted above
        expect(calls(again.win, 'init'), 'one init on the new page').to.have.length(1);
        expect(again.win.requests().length).to.be.greaterThan(0);
        console.log(
          `[consent-from] ${cmp}: reload with stored consent: requests ${again.win.requests().length}, init 1`,
        );
      });

      it("the CMP's script arriving 800 ms after the tag: pending until then, followed after", async () => {
        const { win, chat } = await openCmpPage({ cmp, late: '800' });
        await pause(400);
        expectNothingOfTheWidget(win);
        expect(launcher(chat)).to.exist;
        await click(win, setup.accept);
        await whenReady(chat);
        await win.closerSimulator!.whenDrawn();
        expect(calls(win, 'init')).to.have.length(1);
        expect(win.warnings, 'no console line: it came').to.deep.equal([]);
        console.log(`[consent-from] ${cmp}, late: requests before it came 0, after accept ${win.requests().length}`);
      });
    });
  }

  it('a CMP that never comes: each tag stays pending, fetches nothing, and says so once in the console', async function () {
    this.timeout(30_000);
    const pages = await Promise.all(CMPS.map((cmp) => openCmpPage({ cmp, missing: '1', from: SETUPS[cmp].from })));
    await until('a console line on each page', () => pages.every(({ win }) => win.warnings.length > 0), 20_000);
    await pause(500);
    pages.forEach(({ win, chat }, index) => {
      const from = SETUPS[CMPS[index]].from;
      expect(win.warnings, from).to.have.length(1);
      expect(win.warnings[0]).to.include(`consent-from="${from}"`).and.include('consent="pending"');
      expectNothingOfTheWidget(win);
      expect(chat.state).to.equal('idle');
      expect(launcher(chat)).to.exist;
    });
    console.log('[consent-from] CMP missing, each of 5: widget-host requests 0, console lines 1');
  });

  describe('the self-contained bundle', () => {
    /** The files beside the bundle that the page fetched: `consent-from`'s, loaded on demand. */
    const consentFiles = (win: Window) =>
      win.performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => path.startsWith('/dist/closer-chat.bundle-consent-'))
        .sort();

    it('loads nothing of consent-from for a tag without it', async () => {
      const { win, chat } = await openCmpPage({ cmp: 'cookiebot', bundle: '1', from: 'none' });
      await whenReady(chat);
      expect(consentFiles(win)).to.deep.equal([]);
    });

    it('follows a consent manager with its adapter from a file beside it, and only that one', async () => {
      const { win, chat } = await openCmpPage({ cmp: 'cookiebot', bundle: '1' });
      await pause(300);
      expectNothingOfTheWidget(win);
      await click(win, SETUPS.cookiebot.accept);
      await whenReady(chat);
      expect(calls(win, 'init')).to.have.length(1);
      expect(consentFiles(win)).to.deep.equal([
        '/dist/closer-chat.bundle-consent-cookiebot.js',
        '/dist/closer-chat.bundle-consent-follow.js',
      ]);
    });

    it('an adapter that does not load: the chat stays pending, and the console says so', async () => {
      const { win, chat } = await openCmpPage({ cmp: 'cookiebot', bundle: '1', lost: 'cookiebot' });
      await until('a console error', () => win.errors.length > 0);
      expect(win.errors).to.have.length(1);
      expect(win.errors[0]).to.include('consent-from="cookiebot:preferences": not loaded');
      await click(win, SETUPS.cookiebot.accept);
      await pause(500);
      expectNothingOfTheWidget(win);
      expect(chat.state).to.equal('idle');
      expect(launcher(chat)).to.exist;
    });
  });

  it('TCF with gdprApplies false (the CMP found the GDPR does not apply): granted, no click', async () => {
    const { win, chat } = await openCmpPage({ cmp: 'tcf', gdpr: '0' });
    await whenReady(chat);
    expect(calls(win, 'init')).to.have.length(1);
  });

  it('a tag moved in the document keeps the decision: no deinit, no logout', async () => {
    const { win, chat } = await openCmpPage({ cmp: 'cookieconsent' });
    await click(win, SETUPS.cookieconsent.accept);
    await whenReady(chat);
    const logouts = collect(chat, 'closer-logout');
    win.document.querySelector('footer')!.append(chat);
    await pause(300);
    expect(logouts).to.have.length(0);
    expect(calls(win, 'deinit')).to.have.length(0);
    expect(chat.state).to.equal('ready');
  });

  it('a page without consent-from loads no adapter; one with it loads only its own', async () => {
    const adapterRequests = (win: Window) =>
      win.performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter(
          (path) =>
            path.startsWith('/src/consent/') && !path.endsWith('/source.ts') && !path.endsWith('/managed-consent.ts'),
        );
    const plain = await openFramePage('/test/fixtures/page.html?loading=eager');
    await whenReady(plain.chat);
    expect(adapterRequests(plain.win)).to.deep.equal([]);
    const { win } = await openCmpPage({ cmp: 'klaro' });
    await until('the adapter', () => adapterRequests(win).includes('/src/consent/klaro.ts'));
    await pause(200);
    expect(adapterRequests(win).sort()).to.deep.equal([
      '/src/consent/follow.ts',
      '/src/consent/klaro.ts',
      '/src/consent/managers.ts',
    ]);
  });

  describe('validation', () => {
    // The first invalid config of the run loads the explanation chunk (and zod) through the
    // dev server: seconds on a loaded machine (over 5 s once, in Firefox), not a hang.
    before(async function () {
      this.timeout(20_000);
      await import('../src/config/config-issues.js');
    });
    const mountWith = async (attributes: Record<string, string>) => {
      const errors: CustomEvent[] = [];
      const printed = await consoleErrors(async () => {
        const chat = mount({ 'org-id': ORG_ID, src: SIMULATOR_URL, loading: 'eager', ...attributes });
        chat.addEventListener('closer-error', (event) => errors.push(event));
        await chat.updateComplete;
      });
      return { errors, printed };
    };

    for (const value of ['usercentrics:chat', 'Klaro:closer', 'klaro:', ':closer', 'klaro: ', 'tcf:analytics', '']) {
      it(`consent-from="${value}" is an invalid config naming consent-from, and nothing loads`, async () => {
        const { errors, printed } = await mountWith({ 'consent-from': value });
        expect(errors).to.have.length(1);
        expect(errors[0].detail.code).to.equal('invalid-config');
        expect(errors[0].detail.issues.map((issue: { name: string }) => issue.name)).to.deep.equal(['consent-from']);
        expect(errors[0].detail.message).to.include('<manager>:<what>');
        expect(printed).to.have.length(1);
        expect(document.querySelectorAll('script[data-closer-chat]')).to.have.length(0);
        expect(window.closer).to.equal(undefined);
      });
    }

    it('consent and consent-from together: refused, naming consent-from, nothing loads', async () => {
      const { errors } = await mountWith({ consent: 'granted', 'consent-from': 'klaro:closer' });
      expect(errors).to.have.length(1);
      expect(errors[0].detail.issues).to.deep.equal([
        {
          name: 'consent-from',
          message:
            'consent-from: not together with consent (which would decide?); remove consent to let the consent manager decide',
        },
      ]);
      expect(document.querySelectorAll('script[data-closer-chat]')).to.have.length(0);
    });

    it('the attribute check knows the same consent managers as the adapters, no more', () => {
      const named = CONSENT_SOURCE.source.match(/[a-z]{3,}/g); // the names in the pattern (\s, \d are one letter)
      expect(named).to.have.members([...CONSENT_MANAGERS]);
      for (const manager of CONSENT_MANAGERS) expect(isConsentSource(`${manager}:1`), manager).to.equal(true);
      for (const value of ['tcf:1, 11 ', 'tcf: 11', 'klaro: closer\n', 'onetrust:C0003', 'cookieconsent:a b']) {
        expect(isConsentSource(value), value).to.equal(true);
      }
      for (const value of ['tcf:1,', 'tcf:,1', 'klaro:a\nb', ' klaro:closer', 'klaro', 'klaro:\t', 5, null]) {
        expect(isConsentSource(value), String(value)).to.equal(false);
      }
    });

    it('the explanation names every consent manager the element knows', async () => {
      const { errors } = await mountWith({ 'consent-from': 'nope:x' });
      for (const manager of CONSENT_MANAGERS) expect(errors[0].detail.message).to.include(`${manager}:`);
    });
  });
});
