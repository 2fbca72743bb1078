// The lease on its own (src/widget/lease.ts), with a stand-in for the widget: it hands
// its owner's calls on, and a lease whose element lost the widget touches nothing.
import { expect } from '@open-wc/testing';
import { CloserChatError } from '../src/errors.js';
import { Lease, type LeasedWidget, type WidgetHost } from '../src/widget/lease.js';
import type { WidgetConfig } from '../src/config/read-config.js';

const host = (): WidgetHost => Object.assign(new EventTarget(), { isConnected: true });
const config = { src: 'https://example.test/widget.js' } as unknown as WidgetConfig;

/** A widget that records what reached it; `owner` is whoever owns it now. */
function standIn(owner: WidgetHost | undefined) {
  const calls: string[] = [];
  const widget: LeasedWidget & { owner: WidgetHost | undefined } = {
    owner,
    currentOwner_: () => widget.owner,
    update_: () => void calls.push('update'),
    start_: async () => void calls.push('start'),
    open_: async () => void calls.push('open'),
    close_: () => void calls.push('close'),
    prepare_: (step) => void calls.push(`prepare ${step}`),
    logout_: async (reason) => void calls.push(`logout ${reason}`),
    hold_: () => void calls.push('hold'),
    release_: () => void calls.push('release'),
  };
  return { widget, calls };
}

async function rejection(promise: Promise<unknown>): Promise<CloserChatError> {
  try {
    await promise;
  } catch (error) {
    return error as CloserChatError;
  }
  throw new Error('resolved, expected a rejection');
}

describe('Lease', () => {
  it("hands each of its owner's calls to the widget", async () => {
    const owner = host();
    const { widget, calls } = standIn(owner);
    const lease = new Lease(owner, widget);
    expect(lease.update_(config)).to.equal(true);
    await lease.start_();
    await lease.open_();
    await lease.close_();
    lease.prepare_('cache');
    await lease.logout_();
    await lease.logout_('consent');
    lease.hold_();
    lease.release_();
    expect(calls).to.deep.equal([
      'update',
      'start',
      'open',
      'close',
      'prepare cache',
      'logout logout',
      'logout consent',
      'hold',
      'release',
    ]);
  });

  it('once another element owns the widget: update says false, requests reject with second-element, the rest is ignored', async () => {
    const before = host();
    const { widget, calls } = standIn(before);
    const lease = new Lease(before, widget);
    widget.owner = host(); // a successor connected
    expect(lease.update_(config)).to.equal(false);
    for (const request of [lease.start_(), lease.open_(), lease.close_(), lease.logout_()]) {
      const error = await rejection(request);
      expect(error).to.be.instanceOf(CloserChatError);
      expect(error.detail.code).to.equal('second-element');
    }
    lease.prepare_('fetch');
    lease.hold_();
    lease.release_();
    expect(calls).to.deep.equal([]);
  });

  it('a widget nobody owns any more (removed for good) ends the lease too', async () => {
    const owner = host();
    const { widget, calls } = standIn(owner);
    const lease = new Lease(owner, widget);
    widget.owner = undefined;
    expect(lease.update_(config)).to.equal(false);
    expect((await rejection(lease.start_())).detail.code).to.equal('second-element');
    lease.release_();
    expect(calls).to.deep.equal([]);
  });
});
