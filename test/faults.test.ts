// Faults of the widget script (issue #9, item 9): a 404, a script that never answers,
// one that loads but defines nothing, one that throws, and going offline during the
// load. Each gives its documented code (src/errors.ts, README "Errors"), `load()` (or,
// offline, the `online` event) gets the widget on the next try, and once the element is
// gone nothing of it is left in the page: no global listener, timer, channel or observer
// (test/fixtures/track-globals.js watches the code under /src/ from the page's first line).
//
// Each test runs in a page of its own (test/fixtures/tracked.html, in an iframe), and the
// test server plays the faults: test/faults-server.js answers each request for one id
// with the next step of its plan, e.g. `404,widget`.
import { expect } from '@open-wc/testing';
import type { CloserChat, CloserErrorDetail } from '../src/index.js';
import { LOAD_TIMEOUT_MS } from '../src/widget/loader.js';
import { collect, nextEvent, nextTask, ORG_ID, type Simulator, until } from './helpers.js';

type TrackedWindow = Window &
  typeof globalThis & {
    leftovers(): string[];
    closerSimulator?: Simulator;
  };

let ids = 0;
/** A widget URL of the fault server that answers its requests with `plan`, one step each. */
function faultyWidget(plan: string, extra: Record<string, string> = {}): { src: string; requests(): Promise<number> } {
  const id = `${Date.now()}-${++ids}`;
  return {
    src: `/test/faults/widget?${new URLSearchParams({ id, plan, ...extra })}`,
    requests: async () => (await (await fetch(`/test/faults/requests?id=${id}`)).json()).requests as number,
  };
}

/** A fresh tracked page in an iframe, once its element is defined. */
async function openTrackedPage(): Promise<TrackedWindow> {
  const frame = document.createElement('iframe');
  frame.src = '/test/fixtures/tracked.html';
  document.body.append(frame);
  for (;;) {
    const win = frame.contentWindow as TrackedWindow | null;
    if (win?.customElements?.get('closer-chat') && typeof win.leftovers === 'function') return win;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** `<closer-chat>` in `win`, `manual` and torn down at the end of the task unless told otherwise. */
function mountIn(win: TrackedWindow, src: string, attributes: Record<string, string> = {}): CloserChat {
  const chat = win.document.createElement('closer-chat');
  const all = { 'org-id': ORG_ID, src, loading: 'manual', 'grace-period': '0', ...attributes };
  for (const [name, value] of Object.entries(all)) chat.setAttribute(name, value);
  win.document.body.append(chat);
  return chat;
}

/** The page's console.error lines are the element's messages: kept out of the test log. */
function quietConsole(win: TrackedWindow): string[] {
  const lines: string[] = [];
  win.console.error = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  return lines;
}

/** The next load timeout in `win` fires after `ms` instead of 15 s (later ones are real). */
function shortenNextLoadTimeout(win: TrackedWindow, ms: number): void {
  const setTimeout = win.setTimeout;
  win.setTimeout = ((callback: TimerHandler, delay?: number, ...rest: unknown[]) => {
    if (delay === LOAD_TIMEOUT_MS) {
      win.setTimeout = setTimeout;
      delay = ms;
    }
    return setTimeout(callback, delay, ...rest);
  }) as typeof win.setTimeout;
}

/** The browser's connection, as the page sees it: `navigator.onLine` and the events. */
function setOnline(win: TrackedWindow, online: boolean): void {
  if (online) delete (win.navigator as { onLine?: boolean }).onLine;
  else Object.defineProperty(win.navigator, 'onLine', { configurable: true, get: () => false });
  win.dispatchEvent(new win.Event(online ? 'online' : 'offline'));
}

const widgetTags = (win: TrackedWindow): HTMLScriptElement[] =>
  Array.from(win.document.scripts).filter((script) => script.src.includes('/test/faults/widget?'));

const rejection = (promise: Promise<unknown>): Promise<{ detail?: CloserErrorDetail } | undefined> =>
  promise.then(
    () => undefined,
    (reason: { detail?: CloserErrorDetail }) => reason,
  );

/** Removes the element for good and lets the end of the task pass. */
async function removeForGood(chat: CloserChat): Promise<void> {
  chat.remove();
  await nextTask();
  await nextTask();
}

describe('<closer-chat> when the widget script fails', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  /** One row per fault: the plan the server follows, and the code the page gets. */
  const FAULTS = [
    { fault: 'a script that answers 404', plan: '404,widget', code: 'load-failed', refetch: true },
    // Arrives at 1.5 s; the first load gives up at 300 ms, the retry waits on the same tag.
    { fault: 'a script that never answers', plan: 'widget@1500', code: 'load-timeout', refetch: false },
    { fault: 'a script that throws while it runs', plan: 'throw,widget', code: 'script-error', refetch: true },
    // The bounded wait for a late SDK (10 s) is the slowest of these.
    { fault: 'a script that loads but defines nothing', plan: 'empty,widget', code: 'sdk-missing', refetch: true },
  ] as const;

  for (const { fault, plan, code, refetch } of FAULTS) {
    describe(fault, () => {
      it(`closer-error ${code} (phase load), state error; load() then gets the widget${refetch ? ', fetched again' : ' from the same tag'}`, async () => {
        const win = await openTrackedPage();
        const printed = quietConsole(win);
        // Only the hanging script needs a short timeout; on a busy machine a slow answer must not read as one.
        if (code === 'load-timeout') shortenNextLoadTimeout(win, 300);
        const widget = faultyWidget(plan);
        const chat = mountIn(win, widget.src);
        const errors = collect(chat, 'closer-error');

        const failure = await rejection(chat.load());
        expect(failure?.detail).to.include({ phase: 'load', code });
        expect(errors.map((event) => [event.detail.phase, event.detail.code])).to.deep.equal([['load', code]]);
        expect(chat.state).to.equal('error');
        expect(chat.matches(':state(error)')).to.equal(true);
        expect(printed.join('\n')).to.include(`[closer-chat]`);
        expect(Array.from(win.closer?.q ?? []), 'nothing of ours waits on the stub').to.deep.equal([]);
        // A failed tag goes, so the retry adds a fresh one; a timed-out one stays and is waited on.
        expect(widgetTags(win)).to.have.length(refetch ? 0 : 1);

        await chat.load();
        expect(chat.state).to.equal('ready');
        expect(widgetTags(win)).to.have.length(1);
        expect(await widget.requests()).to.equal(refetch ? 2 : 1);
        expect(win.closerSimulator?.calls.filter((call) => call.method === 'init')).to.have.length(1);
        expect(win.closerSimulator?.executions, 'the widget ran once').to.equal(1);

        await removeForGood(chat);
        expect(win.closerSimulator?.calls.map((call) => call.method)).to.deep.equal(['init', 'deinit']);
        expect(win.leftovers()).to.deep.equal([]);
      }).timeout(20_000);

      it('removed after the failure, it leaves no listener, timer, channel or observer behind', async () => {
        const win = await openTrackedPage();
        quietConsole(win);
        if (code === 'load-timeout') shortenNextLoadTimeout(win, 300);
        const chat = mountIn(win, faultyWidget(plan).src);
        expect((await rejection(chat.load()))?.detail?.code).to.equal(code);
        await removeForGood(chat);
        expect(win.leftovers()).to.deep.equal([]);
      }).timeout(20_000);
    });
  }

  describe('a script that answers 404', () => {
    it('retrying the same failing URL keeps one tag at a time and reports each failure', async () => {
      const win = await openTrackedPage();
      quietConsole(win);
      const chat = mountIn(win, faultyWidget('404').src);
      const errors = collect(chat, 'closer-error');
      await rejection(chat.load());
      await rejection(chat.load());
      expect(errors.map((event) => event.detail.code)).to.deep.equal(['load-failed', 'load-failed']);
      expect(widgetTags(win)).to.have.length(0);
    });

    it('a src that works (the CDN is back) recovers from the error', async () => {
      const win = await openTrackedPage();
      quietConsole(win);
      const chat = mountIn(win, faultyWidget('404').src);
      await rejection(chat.load());
      chat.setAttribute('src', faultyWidget('widget').src);
      await chat.load();
      expect(chat.state).to.equal('ready');
      expect(widgetTags(win)).to.have.length(1);
    });

    it('failing while online is not retried by an online event', async () => {
      const win = await openTrackedPage();
      quietConsole(win);
      const widget = faultyWidget('404,widget');
      const chat = mountIn(win, widget.src);
      await rejection(chat.load());
      win.dispatchEvent(new win.Event('online'));
      await nextTask();
      expect(await widget.requests()).to.equal(1);
      expect(chat.state).to.equal('error');
    });
  });

  describe('a script that never answers', () => {
    it('arriving after its timeout, it is used by the next load(): no second tag, no wait for a load event gone by', async () => {
      const win = await openTrackedPage();
      quietConsole(win);
      shortenNextLoadTimeout(win, 300);
      // queue-only: the SDK shows no methods until init, so only the tag's load event tells it ran.
      const widget = faultyWidget('widget@1000', { mode: 'queue-only' });
      const chat = mountIn(win, widget.src);
      expect((await rejection(chat.load()))?.detail?.code).to.equal('load-timeout');
      await until('the late script', () => win.closerSimulator?.executions === 1);
      shortenNextLoadTimeout(win, 300); // a retry that waited for a second load event would time out
      await chat.load();
      expect(chat.state).to.equal('ready');
      expect(widgetTags(win)).to.have.length(1);
      expect(await widget.requests()).to.equal(1);
    });
  });

  describe('a script that throws while it runs', () => {
    it('is reported at once as script-error, not after the wait for a late SDK', async () => {
      const win = await openTrackedPage();
      quietConsole(win);
      const chat = mountIn(win, faultyWidget('throw').src);
      const started = performance.now();
      const failure = await rejection(chat.load());
      expect(failure?.detail?.code).to.equal('script-error');
      expect(failure?.detail?.message).to.include('threw while it ran');
      expect(performance.now() - started).to.be.below(3000);
    });
  });

  describe('going offline during the load', () => {
    /** A page offline from the start: the element's first load fails with `offline`, and it waits to be back online. */
    async function failedOffline() {
      const win = await openTrackedPage();
      quietConsole(win);
      const widget = faultyWidget('404,widget');
      setOnline(win, false);
      const chat = mountIn(win, widget.src);
      expect((await rejection(chat.load()))?.detail?.code).to.equal('offline');
      return { win, widget, chat };
    }

    it('closer-error offline; back online, it loads by itself, and its online listener goes', async () => {
      const win = await openTrackedPage();
      quietConsole(win);
      // The request fails 300 ms in: the page has gone offline by then.
      const widget = faultyWidget('404@300,widget');
      const chat = mountIn(win, widget.src);
      const errors = collect(chat, 'closer-error');
      const failure = rejection(chat.load());
      await nextTask();
      setOnline(win, false);
      expect((await failure)?.detail).to.include({ phase: 'load', code: 'offline' });
      expect(errors.map((event) => event.detail.code)).to.deep.equal(['offline']);
      expect(chat.state).to.equal('error');
      expect(win.leftovers().filter((held) => held.startsWith('window online'))).to.have.length(1);

      const ready = nextEvent(chat, 'closer-ready');
      setOnline(win, true);
      await ready;
      expect(chat.state).to.equal('ready');
      expect(await widget.requests()).to.equal(2);
      expect(widgetTags(win)).to.have.length(1);
      expect(win.leftovers().filter((held) => held.startsWith('window online'))).to.deep.equal([]);

      await removeForGood(chat);
      expect(win.leftovers()).to.deep.equal([]);
    });

    it('removed while waiting to be back online: no listener left, and going online fetches nothing', async () => {
      const { win, widget, chat } = await failedOffline();
      await removeForGood(chat);
      expect(win.leftovers()).to.deep.equal([]);
      setOnline(win, true);
      await nextTask();
      expect(await widget.requests()).to.equal(1);
    });

    it('logout() while waiting to be back online: going online starts nothing', async () => {
      const { win, widget, chat } = await failedOffline();
      await chat.logout();
      expect(win.leftovers().filter((held) => held.startsWith('window online'))).to.deep.equal([]);
      setOnline(win, true);
      await nextTask();
      expect(await widget.requests()).to.equal(1);
      expect(chat.state).to.equal('idle');
    });

    it('moved in the DOM while waiting: it still loads once back online', async () => {
      const { win, widget, chat } = await failedOffline();
      const box = win.document.createElement('div');
      win.document.body.append(box);
      box.append(chat); // a framework reordering: disconnect and connect in one task
      await nextTask();
      const ready = nextEvent(chat, 'closer-ready');
      setOnline(win, true);
      await ready;
      expect(await widget.requests()).to.equal(2);
    });

    it('a launcher click while offline opens the chat once back online', async () => {
      const win = await openTrackedPage();
      quietConsole(win);
      const widget = faultyWidget('404,widget');
      setOnline(win, false);
      const chat = mountIn(win, widget.src, { loading: 'interaction' });
      await chat.updateComplete;
      const launcher = chat.shadowRoot!.querySelector<HTMLButtonElement>('button[part~="launcher"]')!;
      const failed = nextEvent(chat, 'closer-error');
      launcher.click();
      expect((await failed).detail.code).to.equal('offline');
      expect(chat.shadowRoot!.querySelector('button[part~="launcher"]'), 'the launcher stays').to.exist;

      const opened = nextEvent(chat, 'closer-open');
      setOnline(win, true);
      await opened;
      expect(chat.opened).to.equal(true);
      expect(win.closerSimulator?.calls.map((call) => call.method)).to.deep.equal(['init', 'openWidget']);
    });
  });
});
