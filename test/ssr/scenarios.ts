/**
 * The scenarios of test/ssr*.test.ts. A page rendered by @lit-labs/ssr from dist/
 * (served at /ssr/page.html by ./middleware.js, see ./render-page.js) is loaded in an
 * iframe. Its declarative shadow DOM must show the launcher before any script runs;
 * the upgrade must leave exactly one launcher and make no request to the widget; a
 * click must init once.
 */
import { expect } from '@open-wc/testing';
import type { CloserChat } from '../../src/index.js';

/** How the page loads the element: src/index.ts, the bundle, or dist/ after Lit's hydrate support. */
export type Client = 'src' | 'bundle' | 'hydrate';

interface BeforeUpgrade {
  defined: boolean;
  shadowRoot: boolean;
  buttons: number;
  label: string | null;
  part: string | null;
  position: string | null;
  requests: number;
}

type PageWindow = Window &
  typeof globalThis & {
    beforeUpgrade?: BeforeUpgrade;
    serverButton: HTMLButtonElement | null;
    requests(): PerformanceEntry[];
    pageErrors: string[];
    closerErrors: { phase: string; code: string; issues?: { name: string }[] }[];
    closerSimulator?: { calls: { method: string }[]; isOpen: boolean };
    closer?: unknown;
  };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Generous: each page is rendered by a Node process, and CI runs two browsers at once. */
export const WAIT_MS = 10_000;

async function until(condition: () => boolean, what: string | (() => string), ms = WAIT_MS): Promise<void> {
  const end = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await sleep(10);
  }
}

/** Waits until no update is pending (a hydrating element may schedule a second one). */
async function settled(chat: CloserChat): Promise<void> {
  while (!(await chat.updateComplete));
}

/** Loads a server-rendered page and waits until its element has upgraded and rendered. */
async function serverPage(query: Record<string, string>) {
  const frame = document.createElement('iframe');
  frame.src = `/ssr/page.html?${new URLSearchParams(query)}`;
  document.body.append(frame);
  const win = () => frame.contentWindow as PageWindow;
  await until(
    () => !!win().beforeUpgrade && !!win().customElements.get('closer-chat'),
    () => `the element to upgrade in ${frame.src} (page: ${win().document.body?.textContent?.trim().slice(0, 300)})`,
  );
  const chat = win().document.querySelector('closer-chat') as CloserChat;
  await settled(chat);
  const buttons = () => Array.from(chat.shadowRoot!.querySelectorAll('button'));
  const inits = () => win().closerSimulator?.calls.filter((call) => call.method === 'init').length ?? 0;
  return { win: win(), chat, buttons, inits, before: win().beforeUpgrade! };
}

/**
 * The scenarios for one client. `label` sets launcher-label; `all: false` runs only the
 * main one (interaction: launcher before JS, one launcher after, one init on click).
 */
export function serverRenderedScenarios(
  client: Client,
  { label, all = true }: { label?: string; all?: boolean } = {},
): void {
  describe(`client ${client}`, function () {
    this.timeout(3 * WAIT_MS);
    afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

    it('shows the launcher before any script, upgrades to one launcher, fetches nothing, inits once on click', async () => {
      const page = await serverPage({ loading: 'interaction', client, ...(label && { 'launcher-label': label }) });
      const { win, chat, buttons, inits, before } = page;

      // Parsed from the HTML alone: declarative shadow DOM, before the element is defined.
      expect(before.defined, 'measured before the upgrade').to.equal(false);
      expect(before.shadowRoot, 'a declarative shadow root').to.equal(true);
      expect(before.buttons).to.equal(1);
      expect(before.label).to.equal(label ?? 'Open chat');
      expect(before.part).to.equal('launcher button');
      expect(before.position, 'styled by the server-rendered <style>').to.equal('fixed');
      expect(before.requests).to.equal(0);

      // Upgraded: still exactly one launcher, styled, and nothing fetched.
      expect(buttons(), 'no second launcher').to.have.length(1);
      expect(buttons()[0].getAttribute('aria-label')).to.equal(label ?? 'Open chat');
      expect(win.getComputedStyle(buttons()[0]).position).to.equal('fixed');
      if (client === 'hydrate') expect(buttons()[0], 'hydrated, not redrawn').to.equal(win.serverButton);
      await sleep(100);
      expect(win.requests(), 'no request to the widget before intent').to.have.length(0);
      expect(win.closer, 'not even the stub').to.equal(undefined);
      expect(inits()).to.equal(0);
      expect(win.pageErrors).to.deep.equal([]);
      expect(win.closerErrors).to.deep.equal([]);

      // A click: one init, the chat opens, the real launcher takes over.
      const opened = new Promise((resolve) => chat.addEventListener('closer-open', resolve, { once: true }));
      buttons()[0].click();
      await opened;
      expect(inits(), 'exactly one closer.init').to.equal(1);
      expect(win.closerSimulator!.isOpen).to.equal(true);
      expect(chat.opened).to.equal(true);
      await until(() => buttons().length === 0, 'the facade to hand over to the widget');
      expect(inits()).to.equal(1);
      expect(win.requests()).to.have.length(1);
      expect(win.document.querySelectorAll('script[src*="/dev/simulator/widget.js"]')).to.have.length(1);
      expect(win.pageErrors).to.deep.equal([]);
    });

    if (!all) return;

    it('loading="eager": an empty shadow root from the server; the client inits once', async () => {
      const { win, buttons, inits, before } = await serverPage({ loading: 'eager', client });
      expect(before.shadowRoot).to.equal(true);
      expect(before.buttons).to.equal(0);
      await until(() => inits() > 0, 'closer.init');
      await sleep(50);
      expect(inits()).to.equal(1);
      expect(buttons()).to.have.length(0);
      expect(win.pageErrors).to.deep.equal([]);
    });

    it('missing org-id: the server draws the launcher, the client reports the error and removes it', async () => {
      const { win, buttons, before } = await serverPage({ loading: 'interaction', 'org-id': '', client });
      expect(before.buttons).to.equal(1);
      expect(buttons(), 'no launcher that could not work').to.have.length(0);
      expect(win.closerErrors.map((error) => [error.phase, error.code])).to.deep.equal([['config', 'invalid-config']]);
      expect(win.closerErrors[0].issues!.map((issue) => issue.name)).to.deep.equal(['org-id']);
      await sleep(50);
      expect(win.requests()).to.have.length(0);
      expect(win.pageErrors, 'no hydration mismatch').to.deep.equal([]);
    });

    it('loading="idle" on Save-Data: no launcher from the server, the client draws one', async () => {
      const { win, buttons, inits, before } = await serverPage({ loading: 'idle', 'save-data': '1', client });
      expect(before.buttons).to.equal(0);
      expect(buttons()).to.have.length(1);
      expect(win.pageErrors, 'no hydration mismatch').to.deep.equal([]);
      const ready = new Promise((resolve) => win.addEventListener('closer-ready', resolve, { once: true }));
      buttons()[0].click();
      await ready;
      expect(inits()).to.equal(1);
    });

    it('a returning visitor keeps the server’s launcher until the widget, loaded on idle, has drawn', async () => {
      const { win, buttons, inits, before } = await serverPage({ loading: 'interaction', engaged: '1', client });
      expect(before.buttons).to.equal(1);
      // The launcher stays from the server's HTML until the widget draws its own.
      if (inits() === 0) expect(buttons()).to.have.length(1);
      await until(() => inits() === 1, 'closer.init on idle, without a click');
      await until(() => buttons().length === 0, 'the facade to hand over');
      expect(win.document.querySelector('[data-closer-widget]')).to.exist;
      expect(inits()).to.equal(1);
      expect(win.pageErrors).to.deep.equal([]);
    });

    it('show-button="false": no launcher on the server or the client', async () => {
      const { win, buttons, before } = await serverPage({ loading: 'interaction', 'show-button': 'false', client });
      expect(before.buttons).to.equal(0);
      expect(buttons()).to.have.length(0);
      expect(win.pageErrors).to.deep.equal([]);
    });
  });
}
