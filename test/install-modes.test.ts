// The real widget.js's timing is not documented: its methods may be there while it
// executes, after a microtask, after its load event, after a timer, or never (it only
// replays the queue). Every lifecycle rule must hold whichever way it installs itself;
// the development widget's modes (dev/simulator/README.md) play each of them.
import { expect } from '@open-wc/testing';
import type { CloserErrorDetail } from '../src/index.js';
import {
  API_KEY,
  callsOf,
  collect,
  consoleErrors,
  eagerAttributes,
  mount,
  nextEvent,
  nextTask,
  openFramePage,
  ORG_ID,
  OTHER_API_KEY,
  resetPage,
  SIMULATOR_URL,
  simulator,
  until,
  widgetScripts,
} from './helpers.js';

const MODES = ['sync', 'late-microtask', 'late-load', 'late-timer', 'queue-only'] as const;

let fresh = 0;
/** The simulator in `mode`, at a URL of its own (the cache must not answer), `delay` ms late. */
const widgetIn = (mode: string, delay = 0) =>
  `${SIMULATOR_URL}?${new URLSearchParams({ mode, delay: String(delay), fresh: String(++fresh) })}`;

const methods = () => simulator().calls.map((call) => call.method);

const rejection = (promise: Promise<unknown>): Promise<{ detail?: CloserErrorDetail } | undefined> =>
  promise.then(
    () => undefined,
    (reason) => reason,
  );

describe('<closer-chat> whichever way the widget installs itself', () => {
  afterEach(resetPage);

  for (const mode of MODES) {
    describe(`mode ${mode}`, () => {
      it('load() resolves once init has run on the SDK: one script, one init, ready', async () => {
        const element = mount(eagerAttributes({ src: widgetIn(mode), loading: 'manual' }));
        await element.load();
        expect(simulator().mode).to.equal(mode);
        expect(methods()).to.deep.equal(['init']);
        expect(widgetScripts()).to.have.length(1);
        expect(element.state).to.equal('ready');
        await element.load();
        expect(callsOf('init'), 'asked again: still one init').to.have.length(1);
      });

      it('callbacks become events, identity reaches identify after init', async () => {
        const element = document.createElement('closer-chat');
        element.identity = { email: 'ada@example.com' };
        for (const [name, value] of Object.entries(eagerAttributes({ src: widgetIn(mode) })))
          element.setAttribute(name, value);
        document.body.append(element);
        await element.load();
        await until('identify', () => callsOf('identify').length === 1);
        expect(methods()).to.deep.equal(['init', 'identify']);
        const opened = nextEvent(element, 'closer-open');
        simulator().fire('onOpen');
        await opened;
        expect(element.opened).to.equal(true);
      });

      it('moving the element neither re-initialises nor logs off; removal for good deinits', async () => {
        const element = mount(eagerAttributes({ src: widgetIn(mode) }));
        await element.load();
        const elsewhere = document.body.appendChild(document.createElement('section'));
        elsewhere.append(element);
        await nextTask();
        expect(methods()).to.deep.equal(['init']);
        element.remove();
        await until('deinit', () => callsOf('deinit').length === 1);
        expect(methods()).to.deep.equal(['init', 'deinit']);
        expect(simulator().initialized).to.equal(false);
        elsewhere.remove();
      });

      it('removal while the script loads: once it has, no init and no deinit', async () => {
        const element = mount(eagerAttributes({ src: widgetIn(mode, 150) }));
        await element.updateComplete;
        element.remove();
        await until('the script', () => !!window.closerSimulator);
        await new Promise((resolve) => setTimeout(resolve, 150)); // past any late install
        expect(methods()).to.deep.equal([]);
      });

      it('an identity switch while loading: one init, with the new identity', async () => {
        const element = mount(eagerAttributes({ src: widgetIn(mode, 150), 'api-key': API_KEY }));
        await element.updateComplete;
        element.setAttribute('api-key', OTHER_API_KEY);
        await nextEvent(element, 'closer-ready');
        expect(methods()).to.deep.equal(['init']);
        expect(callsOf('init')[0].args[0].apiKey).to.equal(OTHER_API_KEY);
      });

      it('an identity switch after init: deinit, then init with the new key', async () => {
        const element = mount(eagerAttributes({ src: widgetIn(mode), 'api-key': API_KEY }));
        await element.load();
        const ready = nextEvent(element, 'closer-ready');
        element.setAttribute('api-key', OTHER_API_KEY);
        await ready;
        expect(methods()).to.deep.equal(['init', 'deinit', 'init']);
      });

      it('logout() while loading waits for the SDK, then deinit, and never inits', async () => {
        const element = mount(eagerAttributes({ src: widgetIn(mode, 150) }));
        await element.updateComplete;
        const pendingLoad = rejection(element.load());
        await element.logout();
        await until('deinit', () => methods().includes('deinit'));
        expect(
          methods().filter((method) => method === 'init'),
          'never inits',
        ).to.deep.equal([]);
        expect((await pendingLoad)?.detail?.code).to.equal('aborted');
      });

      it('a successor with the same visitor adopts the running widget without init', async () => {
        const first = mount(eagerAttributes({ src: widgetIn(mode), 'api-key': API_KEY }));
        await first.load();
        first.remove();
        const successor = mount(eagerAttributes({ src: widgetIn(mode), 'api-key': API_KEY }));
        await nextEvent(successor, 'closer-ready');
        await nextTask();
        expect(methods()).to.deep.equal(['init']);
        expect(widgetScripts()).to.have.length(1);
      });

      it('a second element reports a conflict and does nothing else', async () => {
        await mount(eagerAttributes({ src: widgetIn(mode) })).load();
        const second = document.createElement('closer-chat');
        const errors = collect(second, 'closer-error');
        for (const [name, value] of Object.entries(eagerAttributes({ src: widgetIn(mode) })))
          second.setAttribute(name, value);
        await consoleErrors(async () => {
          document.body.append(second);
          await second.updateComplete;
        });
        expect(errors.map((event) => event.detail.code)).to.deep.equal(['second-element']);
        expect(methods()).to.deep.equal(['init']);
      });
    });
  }

  it('an SDK whose init throws: closer-error init-failed, state error, no widget', async () => {
    const element = mount(eagerAttributes({ src: widgetIn('fail-init'), loading: 'manual' }));
    const errors = collect(element, 'closer-error');
    const failure = await consoleErrors(() => rejection(element.load()));
    expect(failure).to.have.length.at.least(1);
    expect(errors.map((event) => [event.detail.phase, event.detail.code])).to.deep.equal([['init', 'init-failed']]);
    expect(element.state).to.equal('error');
  });
});

describe('<closer-chat> on hostile or unusual pages', () => {
  afterEach(resetPage);

  const launcherOf = (element: HTMLElement) => element.shadowRoot?.querySelector('button[part~="launcher"]') ?? null;

  it('an SDK without openWidget: a facade click still starts the chat, its launcher replaces ours, never two', async () => {
    const element = mount({
      'org-id': ORG_ID,
      src: widgetIn('no-open', 100),
      loading: 'interaction',
      'grace-period': '0',
    });
    await element.updateComplete;
    const launchers: number[] = [];
    const count = () =>
      launchers.push((launcherOf(element) ? 1 : 0) + (document.querySelector('[data-closer-widget]') ? 1 : 0));
    const observer = new MutationObserver(count);
    observer.observe(document.body, { childList: true, subtree: true });
    observer.observe(element.shadowRoot!, { childList: true, subtree: true });
    const ready = nextEvent(element, 'closer-ready');
    (launcherOf(element) as HTMLButtonElement).click();
    await ready;
    await until('the hand-over', () => !launcherOf(element));
    observer.disconnect();
    expect(methods()).to.deep.equal(['init']);
    expect(document.querySelector('[data-closer-widget]'), "the widget's own launcher").to.exist;
    expect(launchers.length, 'the page changed while we watched').to.be.greaterThan(0);
    expect(Math.min(...launchers), 'never none').to.be.at.least(1);
    expect(Math.max(...launchers.slice(0, -1)), 'never two (one frame at the hand-over at most)').to.be.at.most(2);
    const failure = await rejection(element.open());
    expect(failure?.detail?.code).to.equal('open-unsupported');
  });

  it('a deinit in another same-origin tab logs this one off too: closer-logout other-tab, and back on load()', async () => {
    const open = (name: string) =>
      openFramePage<Window & { closerSimulator?: { remoteLogoffs: number; initialized: boolean } }>(
        `/test/fixtures/page.html?${new URLSearchParams({ loading: 'eager', 'grace-period': '0', tab: name })}`,
      );
    const a = await open('a');
    const b = await open('b');
    await Promise.all([a.chat.load(), b.chat.load()]);
    const loggedOff = nextEvent(b.chat, 'closer-logout');
    await a.chat.logout();
    const { detail } = await loggedOff;
    expect(detail).to.deep.equal({ reason: 'other-tab' });
    expect(b.chat.state).to.equal('idle');
    await until("the other tab's widget going", () => b.win.closerSimulator?.initialized === false);
    expect(b.win.closerSimulator?.remoteLogoffs).to.equal(1);
    await b.chat.load();
    expect(b.chat.state).to.equal('ready');
    expect(b.win.closerSimulator?.initialized).to.equal(true);
  });

  /** Another same-origin tab's element logged the visitor off: its message on the elements' channel. */
  const logoffFromAnotherTab = (): void => {
    const channel = new BroadcastChannel('closer-chat');
    channel.postMessage({ type: 'logoff' });
    channel.close();
  };

  it("after another tab's logoff, an attribute change does not start the widget again (as after logout()); load() does", async () => {
    const chat = mount(eagerAttributes());
    await chat.load();
    const loggedOff = nextEvent(chat, 'closer-logout');
    logoffFromAnotherTab();
    expect((await loggedOff).detail).to.deep.equal({ reason: 'other-tab' });
    chat.setAttribute('show-button', 'true');
    await chat.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(callsOf('init'), 'no new session without the page asking').to.have.length(1);
    expect(chat.state).to.equal('idle');
    await chat.load();
    expect(callsOf('init')).to.have.length(2);
    expect(chat.state).to.equal('ready');
  });

  it("a start the idle strategy had planned is called off by another tab's logoff", async () => {
    // The page is not idle yet when the visitor opens the chat: the idle start is pending.
    const planned: (() => void)[] = [];
    const { requestIdleCallback: request, cancelIdleCallback: cancel } = window;
    window.requestIdleCallback = ((run: () => void) => planned.push(run)) as typeof window.requestIdleCallback;
    window.cancelIdleCallback = (handle: number) => void (planned[handle - 1] = () => undefined);
    try {
      const chat = mount(eagerAttributes({ loading: 'idle' }));
      await chat.updateComplete;
      expect(planned, 'the idle start is planned').to.have.length(1);
      await chat.open();
      const loggedOff = nextEvent(chat, 'closer-logout');
      logoffFromAnotherTab();
      await loggedOff;
      planned.forEach((run) => run()); // the page is idle now
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(callsOf('init'), 'no new session without the page asking').to.have.length(1);
      expect(chat.state).to.equal('idle');
    } finally {
      document.querySelectorAll('closer-chat').forEach((element) => element.remove());
      // WebKit has neither: leave it without them again.
      Object.assign(window, { requestIdleCallback: request, cancelIdleCallback: cancel });
      if (!request) Reflect.deleteProperty(window, 'requestIdleCallback');
      if (!cancel) Reflect.deleteProperty(window, 'cancelIdleCallback');
    }
  });

  it("require-trusted-types-for 'script' (a response header): the script URL goes through a policy, no violation", async () => {
    const page = await openFramePage<Window & { violations: { line: string }[] }>(
      `/test/fixtures/policy.html?${new URLSearchParams({ csp: "require-trusted-types-for 'script'", nonce: 'none' })}`,
    );
    if (page.chat.state !== 'ready') await nextEvent(page.chat, 'closer-ready');
    const own = page.win.violations.map((v) => v.line).filter((line) => !line.includes('__web-dev-server__'));
    expect(own).to.deep.equal([]);
  });

  // The README names the policies to allow; a page that allows exactly those must work,
  // with the bundle a CMS page loads as with the source.
  for (const entry of ['source', 'bundle'] as const) {
    it(`Trusted Types with exactly the README's policy list (${entry}): defined, ready, no violation`, async () => {
      const readme = await (await fetch('/README.md')).text();
      const listed = readme.match(/`(require-trusted-types-for 'script'; trusted-types [^`]+)`/)?.[1];
      expect(listed, "the README's Trusted Types policy line").to.be.a('string');
      const query = new URLSearchParams({ csp: listed!, nonce: 'none', ...(entry === 'bundle' && { bundle: '1' }) });
      const page = await openFramePage<Window & { violations: { line: string }[]; moduleErrors: string[] }>(
        `/test/fixtures/policy.html?${query}`,
      );
      if (page.chat.state !== 'ready') await nextEvent(page.chat, 'closer-ready');
      expect(page.win.moduleErrors).to.deep.equal([]);
      const own = page.win.violations.map((v) => v.line).filter((line) => !line.includes('__web-dev-server__'));
      expect(own).to.deep.equal([]);
    });
  }

  it('Trusted Types that do not allow the closer-chat policy: closer-error script-blocked, naming the fix', async () => {
    const csp = "require-trusted-types-for 'script'; trusted-types lit-html";
    const page = await openFramePage<Window & { errors: CloserErrorDetail[] }>(
      `/test/fixtures/policy.html?${new URLSearchParams({ csp, nonce: 'none' })}`,
    );
    if (page.chat.state !== 'error') await nextEvent(page.chat, 'closer-error');
    expect(page.win.errors.map((error) => error.code)).to.deep.equal(['script-blocked']);
    expect(page.win.errors[0].message).to.include('closer-chat');
  });
});
