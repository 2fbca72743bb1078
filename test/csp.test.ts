// Sites that embed a chat widget often run a strict Content Security Policy. The
// element must work there with its nonce, and cause no violation report of its own.
import { expect } from '@open-wc/testing';
import type { CloserErrorDetail } from '../src/index.js';
import { itExcept, nextEvent, openFramePage, resetPage, whenReady } from './helpers.js';

/** The test server's own live-reload script is not ours to answer for. */
const ours = (violations: Violation[], after = 0) =>
  violations.filter(({ line, at }) => at >= after && !line.includes('__web-dev-server__')).map(({ line }) => line);

interface Violation {
  line: string;
  at: number;
}

type CspWindow = Window & {
  violations: Violation[];
  errors: CloserErrorDetail[];
  closerSimulator?: { calls: { method: string }[] };
};

const cspPage = (nonce: string) => openFramePage<CspWindow>(`/test/fixtures/csp.html?nonce=${nonce}`);

/** test/fixtures/policy.html with `policy` sent as the page's Content-Security-Policy header. */
const policyPage = (policy: string, nonce: string) =>
  openFramePage<CspWindow>(`/test/fixtures/policy.html?${new URLSearchParams({ csp: policy, nonce })}`);

const STRICT_DYNAMIC = "script-src 'nonce-test' 'strict-dynamic'; object-src 'none'; base-uri 'none'";
const NONCE_ONLY = "script-src 'nonce-test'; object-src 'none'; base-uri 'none'";

describe('<closer-chat>', () => {
  afterEach(resetPage);

  describe('under a strict Content Security Policy', () => {
    it('loads the widget with the nonce and causes no violation', async () => {
      const { win, chat } = await cspPage('test');
      await whenReady(chat);
      expect(win.closerSimulator?.calls.map((call) => call.method)).to.deep.equal(['init']);
      expect(
        win.document.querySelector('script[data-closer-chat]')?.getAttribute('nonce') ?? '',
        'nonce hidden from the DOM',
      ).to.equal('');
      expect((win.document.querySelector('script[data-closer-chat]') as HTMLScriptElement).nonce).to.equal('test');
      expect(ours(win.violations)).to.deep.equal([]);
    });

    itExcept(
      'webkit',
      'WebKit blocks eval() and new Function() but fires no securitypolicyviolation for them (only for string timers), so no check there can see an eval probe',
    )('makes no eval probe either: the check would see one', async () => {
      const { win, chat } = await cspPage('test');
      await whenReady(chat);
      expect(ours(win.violations)).to.deep.equal([]);
      // The check can see an eval probe: one made now is reported. (Browsers may fold
      // repeated reports into one, hence the timestamps.)
      const probedAt = win.performance.now();
      try {
        new (win as unknown as { Function: FunctionConstructor }).Function('');
      } catch {
        /* blocked, as it should be */
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(ours(win.violations, probedAt)).to.deep.equal(['script-src eval']);
    });

    it('without the nonce the policy blocks the widget script (the policy is enforced here)', async () => {
      const { win, chat } = await cspPage('none');
      if (chat.state !== 'error') await nextEvent(chat, 'closer-error');
      expect(chat.state).to.equal('error');
      expect(
        ours(win.violations).some(
          (line) => line.startsWith('script-src-elem') && line.includes('/dev/simulator/widget.js'),
        ),
      ).to.equal(true);
    });
  });

  describe('under a Content Security Policy sent as a response header', () => {
    it("script-src 'nonce-…' 'strict-dynamic' with the nonce attribute: loads, no violation", async () => {
      const { win, chat } = await policyPage(STRICT_DYNAMIC, 'test');
      await whenReady(chat);
      expect(win.closerSimulator?.calls.map((call) => call.method)).to.deep.equal(['init']);
      expect(ours(win.violations)).to.deep.equal([]);
    });

    it("'strict-dynamic' without the nonce attribute: trust flows from the page's nonced module, still loads", async () => {
      const { win, chat } = await policyPage(STRICT_DYNAMIC, 'none');
      await whenReady(chat);
      expect(win.closerSimulator?.calls.map((call) => call.method)).to.deep.equal(['init']);
      expect(ours(win.violations)).to.deep.equal([]);
    });

    it('a nonce-only policy without the nonce attribute: closer-error script-blocked, naming the fix', async () => {
      const { win, chat } = await policyPage(NONCE_ONLY, 'none');
      if (chat.state !== 'error') await nextEvent(chat, 'closer-error');
      expect(win.errors.map((detail) => [detail.phase, detail.code])).to.deep.equal([['load', 'script-blocked']]);
      expect(win.errors[0].message).to.include('nonce');
      expect(win.closerSimulator, 'the widget never ran').to.equal(undefined);
    });
  });
});
