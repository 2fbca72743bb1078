import { expect } from '@open-wc/testing';
import { mount, resetPage, SIMULATOR_URL, ORG_ID, OTHER_ORG_ID, API_KEY, until, callsOf } from './helpers.js';
describe('scratch', function () {
  this.timeout(20000);
  afterEach(resetPage);
  it('replace a running eager tag by an idle tag for another visitor', async () => {
    const first = mount({ 'org-id': ORG_ID, 'api-key': API_KEY, src: SIMULATOR_URL, loading: 'eager', 'grace-period': '0' });
    await first.load();
    const parent = first.parentElement!;
    first.remove();
    const next = mount({ 'org-id': OTHER_ORG_ID, src: SIMULATOR_URL, loading: 'idle', consent: 'granted', 'grace-period': '50' }, parent);
    await until('ready', () => next.state === 'ready', 6000).catch((e) => console.log(String(e)));
    console.log(JSON.stringify(callsOf('init').length), JSON.stringify(window.closerSimulator?.calls.map((c) => c.method)), next.state);
    expect(next.state).to.equal('ready');
  });
});
