// The development widget itself (dev/simulator/): the SDK contract the element's tests
// rely on, its modes (how a real widget may install itself), cross-tab logoff, and that
// it draws under a strict CSP and under Trusted Types. No <closer-chat> here.
import { expect } from '@open-wc/testing';
import { officialSnippet } from '../tools/official-snippet.js';
import { nextTask, openFramePage, ORG_ID, OTHER_ORG_ID, resetPage, SIMULATOR_URL, simulator } from './helpers.js';

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
      expect(() => sdk().init({ orgId: ORG_ID })).to.throw(/fail-init/);
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
