// The development widget itself (dev/simulator/): the SDK contract the element's tests
// rely on, its modes (how a real widget may install itself), cross-tab logoff, and that
// it draws under a strict CSP and under Trusted Types. No <closer-chat> here.
import { expect } from '@open-wc/testing';
import { officialSnippet } from '../tools/official-snippet.js';
import {
  API_KEY,
  nextTask,
  openFramePage,
  ORG_ID,
  OTHER_ORG_ID,
  resetPage,
  SIMULATOR_URL,
  simulator,
} from './helpers.js';

interface SdkWindow {
  closer?: Record<string, any>;
}
const sdk = (): Record<string, any> => (window as unknown as SdkWindow).closer ?? {};

let unique = 0;

/**
 * Adds the simulator script in `mode` (after the official snippet's stub when
 * `snippet`), and resolves at its `load` event with what a loader would see then.
 */
async function loadSimulator(query: Record<string, string>, { snippet = true } = {}) {
  const src = `${SIMULATOR_URL}?${new URLSearchParams({ ...query, test: String(++unique) })}`;
  let script: HTMLScriptElement;
  if (snippet) {
    const inline = document.createElement('script');
    inline.textContent = officialSnippet(src);
    document.head.append(inline);
    inline.remove();
    script = Array.from(document.scripts).find((candidate) => candidate.src.endsWith(src))!;
  } else {
    script = document.createElement('script');
    script.src = src;
    document.head.append(script);
  }
  return new Promise<{ deinit: string; openWidget: string }>((resolve, reject) => {
    script.addEventListener(
      'load',
      () => resolve({ deinit: typeof sdk().deinit, openWidget: typeof sdk().openWidget }),
      { once: true },
    );
    script.addEventListener('error', () => reject(new Error(`${src} failed to load`)), { once: true });
  });
}

/** `promise`, or a failure naming `what` after `ms`. */
const within = <T>(what: string, promise: Promise<T>, ms = 3000): Promise<T> =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)),
  ]);

const until = async (what: string, check: () => boolean, ms = 2000): Promise<void> => {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('development widget', () => {
  afterEach(resetPage);

  describe('the SDK contract (mode sync)', () => {
    it('installs the real methods on the stub and replays its queue while executing', async () => {
      const atLoad = loadSimulator({});
      sdk().init({ orgId: ORG_ID });
      const seen = await atLoad;
      expect(seen).to.deep.equal({ deinit: 'function', openWidget: 'function' });
      expect(simulator().calls.map((call) => call.method)).to.deep.equal(['init']);
      expect(sdk().q).to.deep.equal([]);
      expect(simulator().initialized).to.equal(true);
      expect((simulator() as any).installedAfterLoad).to.equal(false);
    });

    it('draws its root, with id and data attribute, in a task after init', async () => {
      await loadSimulator({});
      sdk().init({ orgId: ORG_ID });
      expect(document.querySelector('[data-closer-widget]'), 'drawing is asynchronous').to.equal(null);
      await (simulator() as any).whenDrawn();
      const root = document.querySelector('#closer-simulator')!;
      expect(root.hasAttribute('data-closer-widget')).to.equal(true);
      expect(root.parentElement).to.equal(document.body);
      expect(root.shadowRoot!.querySelector('.launcher')).to.exist;
      simulator().open();
      expect(root.hasAttribute('data-open')).to.equal(true);
      expect((root.shadowRoot!.querySelector('.panel') as HTMLElement).hidden).to.equal(false);
      sdk().deinit();
      expect(document.querySelector('#closer-simulator')).to.equal(null);
    });

    it('a deinit before the drawing task leaves nothing drawn', async () => {
      await loadSimulator({});
      sdk().init({ orgId: ORG_ID });
      sdk().deinit();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(document.querySelector('[data-closer-widget]')).to.equal(null);
    });
  });

  describe('modes', () => {
    it('late-microtask: installed in a microtask, before the script load event', async () => {
      const seen = await loadSimulator({ mode: 'late-microtask' });
      expect(seen.deinit).to.equal('function');
      expect((simulator() as any).mode).to.equal('late-microtask');
      expect((simulator() as any).installedAfterLoad).to.equal(false);
    });

    it('late-load: only the stub at the load event; installed right after it', async () => {
      const atLoad = loadSimulator({ mode: 'late-load' });
      sdk().init({ orgId: ORG_ID });
      const seen = await atLoad;
      expect(seen.deinit).to.equal('undefined');
      await until('the real methods', () => typeof sdk().deinit === 'function');
      expect((simulator() as any).installedAfterLoad).to.equal(true);
      expect(
        simulator().calls.map((call) => call.method),
        'the queue replayed then',
      ).to.deep.equal(['init']);
    });

    it('late-timer: installed install-ms after execution', async () => {
      const seen = await loadSimulator({ mode: 'late-timer', 'install-ms': '80' });
      expect(seen.deinit).to.equal('undefined');
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(typeof sdk().deinit, 'not yet').to.equal('undefined');
      await until('the real methods', () => typeof sdk().deinit === 'function');
    });

    it('queue-only: init on the stub runs through the queue; deinit appears only after it', async () => {
      await loadSimulator({ mode: 'queue-only' });
      await nextTask();
      expect(typeof sdk().deinit, 'a loader waiting for deinit waits forever').to.equal('undefined');
      expect(Array.isArray(sdk().q)).to.equal(false);
      sdk().init({ orgId: ORG_ID });
      expect(simulator().initialized).to.equal(true);
      expect(typeof sdk().deinit).to.equal('function');
      sdk().identify({ email: 'ada@example.com' });
      expect(simulator().calls.map((call) => call.method)).to.deep.equal(['init', 'identify']);
    });

    it('no-open: no openWidget, not even the stub’s', async () => {
      const seen = await loadSimulator({ mode: 'no-open' });
      expect(seen).to.deep.equal({ deinit: 'function', openWidget: 'undefined' });
    });

    it('fail-init: init throws (and records the call)', async () => {
      await loadSimulator({ mode: 'fail-init' });
      expect(() => sdk().init({ orgId: ORG_ID })).to.throw(/init=throws/);
      expect(simulator().calls.map((call) => call.method)).to.deep.equal(['init']);
      expect(simulator().initialized).to.equal(false);
    });

    it('an unknown mode warns and runs as sync', async () => {
      const warnings: string[] = [];
      const original = console.warn;
      console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
      try {
        const seen = await loadSimulator({ mode: 'bogus' });
        expect(seen.deinit).to.equal('function');
      } finally {
        console.warn = original;
      }
      expect(warnings.some((line) => line.includes('unknown mode "bogus"'))).to.equal(true);
    });
  });

  describe('the space of SDKs (one URL parameter per dimension)', () => {
    const sim = () => simulator() as any;
    const methods = () => simulator().calls.map((call) => call.method);

    it('exposes the space and the normalised point it plays; mode= values are aliases', async () => {
      await loadSimulator({ mode: 'late-timer', queue: 'leave' });
      const space = sim().space as { name: string; values: string[]; default: string }[];
      expect(space.map((dimension) => dimension.name)).to.include.members(['install', 'when', 'queue', 'tabs', 'init']);
      for (const dimension of space) expect(dimension.default).to.equal(dimension.values[0]);
      const defaults = Object.fromEntries(space.map((dimension) => [dimension.name, dimension.default]));
      expect(sim().point).to.deep.equal({ ...defaults, when: 'timer', queue: 'leave' });
      expect(sim().mode).to.equal('late-timer');
    });

    it('when=never implies install=stub, queue=drain and deinit-before-init=absent, and says so', async () => {
      const warnings: string[] = [];
      const original = console.warn;
      console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
      try {
        await loadSimulator({ when: 'never', queue: 'clear', install: 'replace' });
      } finally {
        console.warn = original;
      }
      expect(sim().point).to.include({
        when: 'never',
        install: 'stub',
        queue: 'drain',
        'deinit-before-init': 'absent',
      });
      expect(warnings.filter((line) => line.includes('cannot go with when=never'))).to.have.length(2);
    });

    describe('install', () => {
      it('stub: the methods go on the stub object itself', async () => {
        const atLoad = loadSimulator({ install: 'stub' });
        const stub = sdk();
        await atLoad;
        expect(sdk()).to.equal(stub);
        expect(typeof stub.deinit).to.equal('function');
      });

      it('replace: window.closer becomes a new plain object; the old stub’s queue is replayed', async () => {
        const atLoad = loadSimulator({ install: 'replace' });
        const stub = sdk();
        stub.init({ orgId: ORG_ID });
        await atLoad;
        expect(sdk()).not.to.equal(stub);
        expect(Object.getPrototypeOf(sdk())).to.equal(Object.prototype);
        expect(typeof sdk().deinit).to.equal('function');
        expect(methods()).to.deep.equal(['init']);
        expect(simulator().initialized).to.equal(true);
        expect(typeof stub.deinit, 'the old stub is left as it was').to.equal('undefined');
      });

      it('function: window.closer becomes a function carrying the methods; calling it runs one', async () => {
        await loadSimulator({ install: 'function' });
        expect(typeof (window as any).closer).to.equal('function');
        (window as any).closer('init', { orgId: ORG_ID });
        expect(simulator().initialized).to.equal(true);
        (window as any).closer.deinit();
        expect(methods()).to.deep.equal(['init', 'deinit']);
      });
    });

    describe('queue', () => {
      it('clear: a new empty array once replayed', async () => {
        const atLoad = loadSimulator({ queue: 'clear', when: 'load' });
        const queue = sdk().q;
        sdk().init({ orgId: ORG_ID });
        await atLoad;
        await until('installed', () => sim().installed);
        expect(sdk().q).to.deep.equal([]);
        expect(sdk().q).not.to.equal(queue);
        expect(simulator().initialized).to.equal(true);
      });

      it('leave: replayed, but the array stays as it was, items and all', async () => {
        const atLoad = loadSimulator({ queue: 'leave', when: 'load' });
        const queue = sdk().q;
        sdk().init({ orgId: ORG_ID });
        await atLoad;
        await until('installed', () => sim().installed);
        expect(sdk().q).to.equal(queue);
        expect(sdk().q.map((item: any) => item.method)).to.deep.equal(['init']);
        expect(methods(), 'replayed once').to.deep.equal(['init']);
      });

      it('drain: q becomes an object whose push runs the call at once', async () => {
        await loadSimulator({ queue: 'drain' });
        expect(Array.isArray(sdk().q)).to.equal(false);
        sdk().q.push({ method: 'init', args: [{ orgId: ORG_ID }] });
        expect(simulator().initialized).to.equal(true);
      });

      it('drain: an exception of the call reaches whoever pushed it (the stub’s method too)', async () => {
        await loadSimulator({ when: 'never', init: 'throws' });
        expect(() => sdk().init({ orgId: ORG_ID })).to.throw(/init=throws/);
        expect(methods()).to.deep.equal(['init']);
      });
    });

    describe('reinit', () => {
      it('ignore: warns, keeps the first session (the call is recorded)', async () => {
        await loadSimulator({ reinit: 'ignore' });
        sdk().init({ orgId: ORG_ID });
        sdk().init({ orgId: OTHER_ORG_ID });
        expect(sim().sessions).to.equal(1);
        expect(simulator().options!.orgId).to.equal(ORG_ID);
        expect(methods()).to.deep.equal(['init', 'init']);
      });

      it('throw: the second init throws (and is recorded)', async () => {
        await loadSimulator({ reinit: 'throw' });
        sdk().init({ orgId: ORG_ID });
        expect(() => sdk().init({ orgId: ORG_ID })).to.throw(/reinit=throw/);
        expect(sim().sessions).to.equal(1);
        expect(methods()).to.deep.equal(['init', 'init']);
      });

      it('second: a second widget starts beside the first; deinit ends both', async () => {
        await loadSimulator({ reinit: 'second' });
        sdk().init({ orgId: ORG_ID });
        sdk().init({ orgId: ORG_ID });
        expect(sim().sessions).to.equal(2);
        await until('two panels', () => sim().panels === 2);
        expect(document.querySelectorAll('[data-closer-widget]')).to.have.length(2);
        sdk().deinit();
        expect(sim().sessions).to.equal(0);
        expect(document.querySelectorAll('[data-closer-widget]')).to.have.length(0);
      });
    });

    describe('deinit', () => {
      it('sync: the teardown is done when deinit returns', async () => {
        await loadSimulator({});
        sdk().init({ orgId: ORG_ID });
        expect(sdk().deinit()).to.equal(undefined);
        expect(simulator().initialized).to.equal(false);
        expect(localStorage.getItem('closer-simulator:session')).to.equal(null);
      });

      it('promise: returns a promise; the teardown completes when it resolves', async () => {
        await loadSimulator({ deinit: 'promise' });
        sdk().init({ orgId: ORG_ID });
        await simulator().whenDrawn();
        const done = sdk().deinit();
        expect(done).to.be.instanceOf(Promise);
        expect(sim().teardownPending).to.equal(true);
        expect(document.querySelector('[data-closer-widget]'), 'not yet').to.exist;
        expect(sdk().deinit(), 'a deinit meanwhile joins it').to.equal(done);
        await done;
        expect(simulator().initialized).to.equal(false);
        expect(document.querySelector('[data-closer-widget]')).to.equal(null);
      });

      it('task: returns nothing; the teardown completes in a later task', async () => {
        await loadSimulator({ deinit: 'task' });
        sdk().init({ orgId: ORG_ID });
        expect(sdk().deinit()).to.equal(undefined);
        expect(simulator().initialized, 'not yet').to.equal(true);
        await until('the teardown', () => !simulator().initialized);
      });

      it('calls made before the teardown completed wait for it, then run in order', async () => {
        await loadSimulator({ deinit: 'task' });
        sdk().init({ orgId: ORG_ID, apiKey: API_KEY });
        sdk().deinit();
        sdk().init({ orgId: OTHER_ORG_ID });
        sdk().identify({ email: 'ada@example.com' });
        expect(methods(), 'recorded at once').to.deep.equal(['init', 'deinit', 'init', 'identify']);
        expect(simulator().options!.orgId, 'the first session still tears down').to.equal(ORG_ID);
        await until('the held init', () => simulator().options?.orgId === OTHER_ORG_ID);
        expect(sim().sessions).to.equal(1);
        expect((simulator() as any).identity).to.deep.equal({ email: 'ada@example.com' });
      });
    });

    it('deinit-before-init=absent: no deinit on window.closer until an init has run', async () => {
      await loadSimulator({ 'deinit-before-init': 'absent' });
      expect(typeof sdk().deinit).to.equal('undefined');
      sdk().init({ orgId: ORG_ID });
      expect(typeof sdk().deinit).to.equal('function');
      sdk().deinit();
      expect(typeof sdk().deinit, 'and it stays').to.equal('function');
    });

    it('after-deinit=remove: deinit deletes window.closer; a kept reference is ignored (and recorded)', async () => {
      await loadSimulator({ 'after-deinit': 'remove' });
      const kept = sdk();
      kept.init({ orgId: ORG_ID });
      kept.deinit();
      expect('closer' in window).to.equal(false);
      expect(sim().unloaded).to.equal(true);
      const original = console.warn;
      console.warn = () => undefined;
      try {
        kept.init({ orgId: ORG_ID });
      } finally {
        console.warn = original;
      }
      expect(simulator().initialized).to.equal(false);
      expect(methods()).to.deep.equal(['init', 'deinit', 'init']);
    });

    describe('open', () => {
      it('present, absent, after-init', async () => {
        expect((await loadSimulator({ open: 'present' })).openWidget).to.equal('function');
        await resetPage();
        expect((await loadSimulator({ open: 'absent' })).openWidget).to.equal('undefined');
        sdk().init({ orgId: ORG_ID });
        expect(typeof sdk().openWidget).to.equal('undefined');
        await resetPage();
        expect((await loadSimulator({ open: 'after-init' })).openWidget).to.equal('undefined');
        sdk().init({ orgId: ORG_ID });
        expect(typeof sdk().openWidget).to.equal('function');
        sdk().openWidget();
        expect(simulator().isOpen).to.equal(true);
      });
    });

    it('callback-args=extra: callbacks get a trailing argument after the documented ones', async () => {
      await loadSimulator({ 'callback-args': 'extra' });
      const seen: unknown[][] = [];
      sdk().init({ orgId: ORG_ID, onTagsChanged: (...args: unknown[]) => seen.push(args) });
      simulator().fire('onTagsChanged');
      expect(seen).to.have.length(1);
      expect(seen[0]).to.have.length(2);
      expect(seen[0][0], 'the documented one, absent here').to.equal(undefined);
      expect(seen[0][1]).to.deep.include({ source: 'closer-simulator' });
    });

    for (const inInit of ['no', 'yes']) {
      it(`callbacks-in-init=${inInit}: onUserAuthorized ${inInit === 'yes' ? 'inside' : 'in a task after'} init`, async () => {
        await loadSimulator({ 'callbacks-in-init': inInit });
        let during = false;
        const seen: boolean[] = [];
        during = true;
        sdk().init({ orgId: ORG_ID, apiKey: API_KEY, onUserAuthorized: () => seen.push(during) });
        during = false;
        await until('onUserAuthorized', () => seen.length === 1);
        expect(seen).to.deep.equal([inInit === 'yes']);
        expect(sim().callbacks.map((entry: any) => entry.inInit)).to.deep.equal([inInit === 'yes']);
      });
    }

    for (const after of ['no', 'yes']) {
      it(`callback-after-deinit=${after}`, async () => {
        await loadSimulator({ 'callback-after-deinit': after });
        const seen: string[] = [];
        sdk().init({ orgId: ORG_ID, onClose: () => seen.push('onClose') });
        sdk().deinit();
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(seen).to.deep.equal(after === 'yes' ? ['onClose'] : []);
      });
    }

    describe('tabs: remoteLogoff() plays another tab’s logoff as this SDK perceives it', () => {
      for (const [tabs, heard] of [
        ['broadcast', true],
        ['storage', true],
        ['none', false],
      ] as const) {
        it(`${tabs}: ${heard ? 'torn down' : 'keeps running'}`, async () => {
          await loadSimulator({ tabs });
          sdk().init({ orgId: ORG_ID });
          await sim().remoteLogoff();
          expect(simulator().initialized).to.equal(!heard);
          expect(simulator().remoteLogoffs).to.equal(heard ? 1 : 0);
          expect(localStorage.getItem('closer-simulator:session'), 'the shared storage lost the visitor').to.equal(
            null,
          );
        });
      }
    });

    it('live sessions and panels are counted', async () => {
      await loadSimulator({});
      expect([sim().sessions, sim().panels]).to.deep.equal([0, 0]);
      sdk().init({ orgId: ORG_ID });
      await simulator().whenDrawn();
      expect([sim().sessions, sim().panels]).to.deep.equal([1, 1]);
    });
  });

  describe('cross-tab logoff', () => {
    type SimWindow = Window & {
      closerSimulator?: { initialized: boolean; remoteLogoffs: number; whenDrawn(): Promise<void> };
    };

    it('a deinit here logs the same organisation off in another same-origin document', async () => {
      const other = document.createElement('iframe');
      other.src = `/test/fixtures/simulator.html?org=${ORG_ID}`;
      const loaded = new Promise((resolve) => other.addEventListener('load', resolve, { once: true }));
      document.body.append(other);
      await loaded;
      const win = other.contentWindow as SimWindow;
      await win.closerSimulator!.whenDrawn();

      await loadSimulator({});
      sdk().init({ orgId: ORG_ID });
      sdk().deinit();
      await until('the other document to log off', () => win.closerSimulator!.remoteLogoffs === 1);
      expect(win.closerSimulator!.initialized).to.equal(false);
      expect(win.document.querySelector('[data-closer-widget]')).to.equal(null);
      expect((simulator() as any).remoteLogoffs, 'not counted where deinit was called').to.equal(0);
    });

    for (const [tabs, heard] of [
      ['storage', true],
      ['none', false],
    ] as const) {
      it(`tabs=${tabs}: a deinit here ${heard ? 'reaches' : 'does not reach'} the other document's SDK`, async () => {
        const other = document.createElement('iframe');
        other.src = `/test/fixtures/simulator.html?org=${ORG_ID}&tabs=${tabs}`;
        const loaded = new Promise((resolve) => other.addEventListener('load', resolve, { once: true }));
        document.body.append(other);
        await loaded;
        const win = other.contentWindow as SimWindow;
        await win.closerSimulator!.whenDrawn();

        await loadSimulator({ tabs });
        sdk().init({ orgId: ORG_ID });
        sdk().deinit();
        if (heard) await until('the other document to log off', () => win.closerSimulator!.remoteLogoffs === 1);
        else await new Promise((resolve) => setTimeout(resolve, 100));
        expect(win.closerSimulator!.initialized).to.equal(!heard);
      });
    }

    it('another organisation’s widget stays', async () => {
      const other = document.createElement('iframe');
      other.src = `/test/fixtures/simulator.html?org=${OTHER_ORG_ID}`;
      const loaded = new Promise((resolve) => other.addEventListener('load', resolve, { once: true }));
      document.body.append(other);
      await loaded;
      const win = other.contentWindow as SimWindow;

      await loadSimulator({});
      sdk().init({ orgId: ORG_ID });
      sdk().deinit();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(win.closerSimulator!.initialized).to.equal(true);
      expect(win.closerSimulator!.remoteLogoffs).to.equal(0);
    });
  });

  describe('under page policies', () => {
    it('draws under a nonce-only CSP (panel.js comes through the import, with the nonce)', async () => {
      type CspWindow = Window & { violations: { line: string }[]; closerSimulator?: { whenDrawn(): Promise<void> } };
      const { win, chat } = await openFramePage<CspWindow>('/test/fixtures/csp.html?nonce=test');
      await new Promise((resolve) =>
        chat.state === 'ready' ? resolve(undefined) : chat.addEventListener('closer-ready', resolve, { once: true }),
      );
      await within('the widget to draw itself', win.closerSimulator!.whenDrawn());
      expect(win.document.querySelector('#closer-simulator')).to.exist;
      expect(
        win.violations.map(({ line }) => line).filter((line) => !line.includes('__web-dev-server__')),
      ).to.deep.equal([]);
    });

    it("draws under require-trusted-types-for 'script' without a violation", async () => {
      type TtWindow = Window & { violations: string[]; closerSimulator?: { whenDrawn(): Promise<void> } };
      const frame = document.createElement('iframe');
      frame.src = '/test/fixtures/trusted-types.html';
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      document.body.append(frame);
      await loaded;
      const win = frame.contentWindow as TtWindow;
      await within('the widget to draw itself', win.closerSimulator!.whenDrawn());
      expect(win.document.querySelector('#closer-simulator')!.shadowRoot!.querySelector('.launcher')).to.exist;
      expect(win.violations.filter((line) => !line.includes('__web-dev-server__'))).to.deep.equal([]);
    });
  });
});
