// closer-chat/dev-widget.js: the development widget for users' own apps, one file
// (an app's bundler renames and moves files, so the panel is inside it).
import { expect } from '@open-wc/testing';
import { mount, ORG_ID, resetPage } from './helpers.js';

const PACKAGED = '/dist/dev-widget.js';

describe('closer-chat/dev-widget.js (the packaged development widget)', () => {
  afterEach(async () => {
    document.querySelectorAll(`script[src$="${PACKAGED}"]`).forEach((script) => script.remove());
    await resetPage();
  });

  it('is one file: <closer-chat src> at it initialises, draws and opens, fetching nothing else', async () => {
    const before = performance.getEntriesByType('resource').length;
    const element = mount({ 'org-id': ORG_ID, src: PACKAGED, loading: 'manual' });
    await element.open();
    await window.closerSimulator!.whenDrawn();
    expect(element.opened).to.equal(true);
    expect(document.querySelector('#closer-simulator[data-closer-widget]')).to.exist;
    const fetched = performance
      .getEntriesByType('resource')
      .slice(before)
      .map((entry) => new URL(entry.name).pathname)
      // The browser's own favicon request (WebKit made one mid-test once in CI), not the widget's.
      .filter((path) => path !== '/favicon.ico');
    expect(fetched).to.deep.equal([PACKAGED]);
  });

  it('plays any point of the space of SDKs from its URL, as the repository copy does', async () => {
    const script = document.createElement('script');
    script.src = `${PACKAGED}?install=function&open=after-init&deinit=promise`;
    const loaded = new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));
    document.head.append(script);
    await loaded;
    const sdk = (window as unknown as { closer: any }).closer;
    expect(typeof sdk).to.equal('function');
    expect(typeof sdk.openWidget).to.equal('undefined');
    sdk('init', { orgId: ORG_ID });
    expect(typeof sdk.openWidget).to.equal('function');
    expect(window.closerSimulator!.point).to.include({ install: 'function', open: 'after-init', deinit: 'promise' });
    await sdk.deinit();
    expect(window.closerSimulator!.initialized).to.equal(false);
  });
});
