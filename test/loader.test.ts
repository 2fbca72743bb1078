// The loader alone, driven as a plain module (it has no element): stub compatibility
// and the load timeout, which through the element would take 15 s to observe.
import { expect } from '@open-wc/testing';
import { CloserChatError } from '../src/errors.js';
import { loadScript } from '../src/widget/loader.js';
import { ensureStub, isSdkReady } from '../src/widget/sdk.js';
import { resetPage, SIMULATOR_URL, simulator } from './helpers.js';

describe('loader', () => {
  afterEach(async () => {
    Array.from(document.scripts)
      .filter((script) => script.src.includes('hang.js'))
      .forEach((script) => script.remove());
    await resetPage();
  });

  it('creates a stub shaped like the official snippet, whose queue the SDK replays', async () => {
    const stub = ensureStub(SIMULATOR_URL);
    expect(stub.q).to.deep.equal([]);
    expect(stub.scriptUrl).to.equal(SIMULATOR_URL);
    expect(isSdkReady(), 'the stub has no deinit').to.equal(false);
    stub.identify({ email: 'ada@example.com' });
    expect(stub.q?.[0].method).to.equal('identify');
    expect(Array.from(stub.q?.[0].args ?? [])).to.deep.equal([{ email: 'ada@example.com' }]);

    await loadScript({ src: SIMULATOR_URL });
    expect(isSdkReady()).to.equal(true);
    expect(window.closer, 'the SDK installs itself on the same object').to.equal(stub);
    expect(simulator().calls.map((call) => call.method)).to.deep.equal(['identify']);
  });

  it('never replaces an existing closer object (the snippet must not run twice)', () => {
    const existing = ensureStub(SIMULATOR_URL);
    expect(ensureStub('/elsewhere.js')).to.equal(existing);
  });

  it('rejects with load-timeout when the script never answers, keeping the one tag', async () => {
    const error = await loadScript({ src: '/dev/simulator/hang.js', timeoutMs: 200 }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).to.be.instanceOf(CloserChatError);
    expect((error as CloserChatError).detail).to.include({ phase: 'load', code: 'load-timeout' });
    expect((error as CloserChatError).message).to.include('did not load in 200 ms');
    const tags = () => Array.from(document.scripts).filter((script) => script.src.includes('hang.js'));
    expect(tags()).to.have.length(1);

    // A retry waits on the same tag instead of adding a second copy of the widget.
    await loadScript({ src: '/dev/simulator/hang.js', timeoutMs: 50 }).catch(() => undefined);
    expect(tags()).to.have.length(1);
  });
});
