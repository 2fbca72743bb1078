// The boot (issue 18): before intent a page runs only dist/closer-chat.boot.js, which
// draws the element's own launcher; the visitor's first activity fetches the rest
// without running it; intent hands over to the full element, which opens the chat once,
// however many taps land meanwhile. The CMS line's one integrity hash covers it all,
// under a strict nonce policy. Built files: `npm run build` first (npm test does).
import { expect } from '@open-wc/testing';
import type { CloserChat, CloserErrorDetail } from '../src/index.js';
import { ENGINE, itExcept } from './engine.js';
import { mount, ORG_ID, resetPage, SIMULATOR_URL, type Simulator, until } from './helpers.js';

type BootWindow = Window & {
  violations: { line: string; at: number }[];
  errors: CloserErrorDetail[];
  consoleErrors: string[];
  launcherFrames: boolean[];
  bootLoaded?: boolean;
  bootFailed?: boolean;
  closerSimulator?: Simulator;
};

interface BootPage {
  win: BootWindow;
  chat: CloserChat;
  /** The launcher drawn in the tag's shadow root, the boot's or the element's. */
  launcher(): HTMLButtonElement | null;
  /** Paths fetched by the page (Resource Timing), the test server's own scripts left out. */
  fetched(): string[];
  defined(): boolean;
  calls(method: string): number;
}

/** The boot page (test/fixtures/boot.html), once its script line has loaded. */
async function bootPage(options: {
  entry?: string;
  sri?: string;
  /** A policy header besides the page's own nonce policy (e.g. Trusted Types). */
  csp?: string;
  attributes?: Record<string, string>;
}): Promise<BootPage> {
  const query = new URLSearchParams();
  query.set('entry', options.entry ?? BOOT);
  if (options.sri) query.set('sri', options.sri);
  if (options.csp) query.set('csp', options.csp);
  for (const [name, value] of Object.entries(options.attributes ?? {})) query.set(`a-${name}`, value);
  const frame = document.createElement('iframe');
  frame.src = `/test/fixtures/boot.html?${query}`;
  document.body.append(frame);
  const win = () => frame.contentWindow as BootWindow;
  await until('the script line loaded', () => !!win()?.bootLoaded || !!win()?.bootFailed, 4000);
  const chat = win().document.querySelector('closer-chat') as CloserChat;
  return {
    win: win(),
    chat,
    launcher: () => chat.shadowRoot?.querySelector('button') ?? null,
    fetched: () =>
      win()
        .performance.getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => !path.includes('__web-dev-server')),
    defined: () => !!win().customElements.get('closer-chat'),
    calls: (method) => win().closerSimulator?.calls.filter((call) => call.method === method).length ?? 0,
  };
}

/** The Subresource Integrity value of a file (sha384: as README's `openssl` line gives it). */
async function sri(path: string, algorithm: 'SHA-384' | 'SHA-256' = 'SHA-384'): Promise<string> {
  const bytes = await (await fetch(path)).arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest(algorithm, bytes));
  return `${algorithm.replace('-', '').toLowerCase()}-${btoa(String.fromCharCode(...digest))}`;
}

const BOOT = '/__cdn/closer-chat.boot.js';
const BUNDLE = '/__cdn/closer-chat.bundle.js';
const INTERACTION = { loading: 'interaction' };
/** README's line for a page that requires Trusted Types, with the fixture's own policy for its script line. */
const TRUSTED_TYPES = "require-trusted-types-for 'script'; trusted-types closer-chat lit-html fixture";
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
/** Comments (Lit's markers) and blanks between tags out (a grid lays none out): the markup a visitor sees. */
const markup = (root: ShadowRoot) => root.innerHTML.replace(/<!--[^]*?-->/g, '').replace(/>\s+</g, '><');

/** The visitor's first scroll, touch, click or key press anywhere on the page. */
const beActive = (page: BootPage) => page.win.dispatchEvent(new Event('pointerdown'));

describe('the boot (dist/closer-chat.boot.js)', () => {
  afterEach(resetPage);

  it('draws the launcher with the markup and styles of the element', async () => {
    const page = await bootPage({ attributes: INTERACTION });
    await until('the boot launcher', () => !!page.launcher());
    expect(page.defined(), 'the element is not registered yet').to.equal(false);
    const element = mount({ 'org-id': ORG_ID, src: SIMULATOR_URL, loading: 'interaction' });
    await element.updateComplete;
    expect(markup(page.chat.shadowRoot!)).to.equal(markup(element.shadowRoot!));
    // Blanks out: the source's styles (this document) are not compacted as the build's are.
    const rules = (root: ShadowRoot) =>
      [...root.adoptedStyleSheets[0]!.cssRules].map((rule) => rule.cssText.replace(/\s+/g, ''));
    expect(rules(page.chat.shadowRoot!)).to.deep.equal(rules(element.shadowRoot!));
    expect(page.launcher()!.getAttribute('aria-label')).to.equal('Open chat');
  });

  it('fetches nothing but itself before activity; activity fetches the rest and the widget without running them', async () => {
    const page = await bootPage({ attributes: INTERACTION });
    await settle();
    expect(page.fetched().filter((path) => !path.startsWith('/test/fixtures/'))).to.deep.equal([BOOT]);
    expect(page.defined()).to.equal(false);
    beActive(page);
    // WebKit has no rel="prefetch": the element warms no widget script there (docs/loading.md).
    const warmed = ENGINE === 'webkit' ? [BUNDLE] : [BUNDLE, SIMULATOR_URL];
    await until('the rest and the widget in the cache', () => warmed.every((path) => page.fetched().includes(path)));
    await settle();
    expect(page.defined(), 'fetched, not run').to.equal(false);
    expect(page.win.closerSimulator, 'the widget did not run').to.equal(undefined);
  });

  it('a tap hands over: the launcher stays drawn every frame, the chat opens once for taps during the hand-over', async () => {
    const page = await bootPage({ entry: '/__slow-cdn/closer-chat.boot.js', attributes: INTERACTION });
    await until('the boot launcher', () => !!page.launcher());
    const bootLauncher = page.launcher()!;
    const where = JSON.stringify(bootLauncher.getBoundingClientRect());
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const firstFrame = page.win.launcherFrames.length;
    bootLauncher.click();
    expect(bootLauncher.getAttribute('aria-busy'), 'feedback at once').to.equal('true');
    bootLauncher.click();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(page.defined(), 'still handing over').to.equal(false);
    bootLauncher.click();
    await until('the element', page.defined);
    await until('the chat open', () => page.calls('openWidget') > 0);
    await settle();
    expect(page.calls('init')).to.equal(1);
    expect(page.calls('openWidget')).to.equal(1);
    const frames = page.win.launcherFrames.slice(firstFrame);
    expect(frames.length, 'enough frames sampled (WebKit under Xvfb draws fewer)').to.be.greaterThan(4);
    expect(frames.every(Boolean), "no frame without a launcher (ours, then the widget's)").to.equal(true);
    expect(page.launcher() === null || JSON.stringify(page.launcher()!.getBoundingClientRect()) === where).to.equal(
      true,
    );
  });

  it('a touch on the launcher is not intent: its click hands over, with the busy state at once', async () => {
    const page = await bootPage({ attributes: INTERACTION });
    await until('the boot launcher', () => !!page.launcher());
    const bootLauncher = page.launcher()!;
    // A finger "enters" the launcher as it lands (pointer events for touch), then touches it.
    bootLauncher.dispatchEvent(new PointerEvent('pointerenter', { pointerType: 'touch' }));
    bootLauncher.dispatchEvent(new Event('touchstart', { bubbles: true, composed: true }));
    await settle();
    expect(page.defined(), 'a touch alone hands nothing over').to.equal(false);
    bootLauncher.click();
    expect(bootLauncher.getAttribute('aria-busy'), 'feedback at once').to.equal('true');
    await until('the chat open', () => page.calls('openWidget') === 1);
  });

  it('keyboard focus on the launcher hands over and the focus stays on the launcher', async () => {
    const page = await bootPage({ attributes: INTERACTION });
    await until('the boot launcher', () => !!page.launcher());
    const bootLauncher = page.launcher()!;
    bootLauncher.focus();
    await until('the element', page.defined);
    await page.chat.updateComplete;
    await until('the focus on the element launcher', () => page.chat.shadowRoot!.activeElement === page.launcher());
    expect(page.launcher()).not.to.equal(bootLauncher);
    expect(page.calls('openWidget')).to.equal(0);
  });

  it('manual: nothing but the boot before load(); load() before the hand-over starts the widget once', async () => {
    const page = await bootPage({ attributes: { loading: 'manual' } });
    await settle();
    expect(page.launcher(), 'no launcher for manual').to.equal(null);
    expect(page.defined()).to.equal(false);
    await Promise.all([page.chat.load(), page.chat.load()]);
    expect(page.chat.state).to.equal('ready');
    expect(page.calls('init')).to.equal(1);
  });

  it('consent pending: the launcher, no widget hint on activity; a tap asks for consent, granting opens', async () => {
    const page = await bootPage({ attributes: { loading: 'interaction', consent: 'pending' } });
    await until('the boot launcher', () => !!page.launcher());
    beActive(page);
    await until('the rest in the cache', () => page.fetched().includes(BUNDLE));
    await settle();
    expect(page.fetched()).not.to.include(SIMULATOR_URL);
    const asked = new Promise((resolve) => page.chat.addEventListener('closer-consent-required', resolve));
    page.launcher()!.click();
    await asked;
    expect(page.win.closerSimulator).to.equal(undefined);
    page.chat.setAttribute('consent', 'granted');
    await until('the chat open', () => page.calls('openWidget') === 1);
  });

  it('consent-from: nothing from the widget origin on activity, as under consent pending', async () => {
    const page = await bootPage({ attributes: { loading: 'interaction', 'consent-from': 'klaro:closer' } });
    await until('the boot launcher', () => !!page.launcher());
    beActive(page);
    await until('the rest in the cache', () => page.fetched().includes(BUNDLE));
    await settle();
    expect(page.fetched()).not.to.include(SIMULATOR_URL);
    expect(page.win.document.querySelectorAll('link[href*="simulator"]').length, 'no widget hint').to.equal(0);
  });

  it('eager and idle hand over without intent and start the widget as before', async () => {
    for (const loading of ['eager', 'idle']) {
      const page = await bootPage({ attributes: { loading } });
      await until(`${loading}: the element`, page.defined);
      await until(`${loading}: init`, () => page.calls('init') === 1);
      document.querySelector('iframe')!.remove();
    }
  });

  it('a page that loads the bundle itself too: the boot steps back, the element works as before', async () => {
    const page = await bootPage({ attributes: INTERACTION });
    await until('the boot launcher', () => !!page.launcher());
    const script = Object.assign(page.win.document.createElement('script'), { type: 'module', nonce: 'test' });
    script.src = BUNDLE;
    page.win.document.head.append(script);
    await until('the element', page.defined);
    await page.chat.updateComplete;
    expect(Object.hasOwn(page.chat, 'open'), "the boot's stand-in methods are gone").to.equal(false);
    page.launcher()!.click();
    await until('the chat open', () => page.calls('openWidget') === 1);
  });

  it('a tag with a mistake gets the element at once, which reports it as before', async () => {
    const page = await bootPage({ attributes: { loading: 'interaction', 'org-id': 'not-a-uuid' } });
    await until('the element', page.defined);
    await until('closer-error', () => page.win.errors.length > 0);
    expect(page.win.errors[0]!.code).to.equal('invalid-config');
  });

  describe('the CMS line: one pinned script with one integrity hash, under a strict nonce policy', () => {
    it('with the hash of the boot: loads, hands over on a tap, no violation', async () => {
      const page = await bootPage({ sri: await sri(BOOT), attributes: INTERACTION });
      expect(page.win.bootLoaded).to.equal(true);
      await until('the boot launcher', () => !!page.launcher());
      page.launcher()!.click();
      await until('the chat open', () => page.calls('openWidget') === 1);
      const scripts = [
        ...page.win.document.querySelectorAll<HTMLScriptElement>('script[src$="closer-chat.bundle.js"]'),
      ];
      expect(scripts.map((script) => script.integrity)).to.deep.equal([await sri(BUNDLE, 'SHA-256')]);
      expect(page.win.violations.filter(({ line }) => !line.includes('__web-dev-server__'))).to.deep.equal([]);
    });

    it('a wrong hash on the line: nothing runs', async () => {
      // A URL of its own: Chromium keeps a failed integrity check for the URL, and the later tests load the boot.
      const page = await bootPage({ entry: `${BOOT}?wrong-hash`, sri: await sri(BUNDLE), attributes: INTERACTION });
      expect(page.win.bootFailed).to.equal(true);
      await settle();
      expect(page.launcher()).to.equal(null);
    });

    it('a rest that is not the one the boot was built with: it never runs, the launcher stays for a retry', async () => {
      const page = await bootPage({ entry: '/__tampered/closer-chat.boot.js', attributes: INTERACTION });
      await until('the boot launcher', () => !!page.launcher());
      page.launcher()!.click();
      await until('the failure reported', () => page.win.consoleErrors.some((line) => line.includes('[closer-chat]')));
      await settle();
      expect(page.defined()).to.equal(false);
      expect(page.launcher()).not.to.equal(null);
    });

    it('a rest that is not the one the boot was built with, cached on activity first: it still never runs', async () => {
      const page = await bootPage({ entry: '/__tampered/closer-chat.boot.js', attributes: INTERACTION });
      await until('the boot launcher', () => !!page.launcher());
      beActive(page);
      await until('the rest in the cache', () => page.fetched().includes('/__tampered/closer-chat.bundle.js'));
      page.launcher()!.click();
      await until('the failure reported', () => page.win.consoleErrors.some((line) => line.includes('[closer-chat]')));
      await settle();
      expect(page.defined()).to.equal(false);
    });

    it("under the README's Trusted Types policy: hands over on a tap, the chat opens", async () => {
      const page = await bootPage({ csp: TRUSTED_TYPES, attributes: INTERACTION });
      await until('the boot launcher', () => !!page.launcher());
      page.launcher()!.click();
      await until('the chat open', () => page.calls('openWidget') === 1);
      // The boot's try of a plain script URL, where the engine enforces Trusted Types: one report, nothing else.
      const lines = page.win.violations.map(({ line }) => line).filter((line) => !line.includes('__web-dev-server__'));
      expect(
        lines.length <= 1 && lines.every((line) => line === 'require-trusted-types-for trusted-types-sink'),
      ).to.equal(true);
    });

    itExcept(
      'webkit',
      "WebKit (2.50) ignores a modulepreload's integrity, the one way to run the rest where Trusted Types refuse a plain script URL (documented in docs/security.md)",
    )('under Trusted Types, a rest that is not the one the boot was built with never runs', async () => {
      const page = await bootPage({
        entry: '/__tampered/closer-chat.boot.js',
        csp: TRUSTED_TYPES,
        attributes: INTERACTION,
      });
      await until('the boot launcher', () => !!page.launcher());
      page.launcher()!.click();
      await until('the failure reported', () => page.win.consoleErrors.some((line) => line.includes('[closer-chat]')));
      await settle();
      expect(page.defined()).to.equal(false);
    });
  });

  it('closer-chat/boot (a bundler): the same launcher, the element through import() on a tap, opened once', async () => {
    const page = await bootPage({ entry: '/src/boot/index.ts', attributes: INTERACTION });
    await until('the boot launcher', () => !!page.launcher());
    await settle();
    expect(page.defined()).to.equal(false);
    page.launcher()!.click();
    page.launcher()!.click();
    await until('the chat open', () => page.calls('openWidget') === 1);
    await settle();
    expect(page.calls('openWidget')).to.equal(1);
  });
});
