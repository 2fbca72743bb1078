import { expect, fixture, html } from '@open-wc/testing';
import { CloserChat, defineCloserChat } from '../src/index.js';
import {
  API_KEY,
  callsOf,
  eagerAttributes,
  mount,
  mountReady,
  nextTask,
  ORG_ID,
  resetPage,
  SIMULATOR_URL,
  simulator,
} from './helpers.js';

/** The options object the development widget received in its one init call. */
async function initOptionsFor(extra: Record<string, string>): Promise<Record<string, unknown>> {
  await mountReady(extra);
  const inits = callsOf('init');
  expect(inits).to.have.length(1);
  return inits[0].args[0];
}

describe('<closer-chat>', () => {
  afterEach(resetPage);

  describe('registration', () => {
    it('is defined as closer-chat and created by createElement', () => {
      const element = document.createElement('closer-chat');
      expect(element).to.be.instanceOf(CloserChat);
      expect(customElements.get('closer-chat')).to.equal(CloserChat);
    });

    it('is created by HTML', async () => {
      const element = await fixture<CloserChat>(
        html`<closer-chat org-id=${ORG_ID} src=${SIMULATOR_URL} loading="manual"></closer-chat>`,
      );
      expect(element).to.be.instanceOf(CloserChat);
      expect(element.orgId).to.equal(ORG_ID);
    });

    it('closer-chat/element registers nothing; a page may define the class under its own name', async () => {
      const frame = document.createElement('iframe');
      frame.srcdoc = `<script type="module">
        import { CloserChat } from '/src/element.ts';
        window.registeredOnImport = customElements.get('closer-chat') ?? null;
        customElements.define('my-chat', CloserChat);
        const chat = document.createElement('my-chat');
        chat.setAttribute('org-id', '${ORG_ID}');
        chat.setAttribute('src', '${SIMULATOR_URL}');
        chat.setAttribute('loading', 'manual');
        document.body.append(chat);
        chat.load().then(() => (window.outcome = chat.state), (error) => (window.outcome = String(error)));
      </script>`;
      document.body.append(frame);
      const win = () => frame.contentWindow as (Window & { outcome?: string; registeredOnImport?: unknown }) | null;
      while (win()?.outcome === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(win()!.registeredOnImport, 'nothing registered on import').to.equal(null);
      expect(win()!.outcome).to.equal('ready');
      expect(win()!.customElements.get('closer-chat')).to.equal(undefined);
    });

    it('defining twice does not throw (the script included twice on a CMS page)', () => {
      expect(() => defineCloserChat()).not.to.throw();
      expect(customElements.get('closer-chat')).to.equal(CloserChat);
    });

    it('every observed attribute has a camelCased property', () => {
      const element = document.createElement('closer-chat') as CloserChat & Record<string, unknown>;
      const attributes = (CloserChat as unknown as { observedAttributes: string[] }).observedAttributes;
      expect(attributes).to.include.members([
        'org-id',
        'api-key',
        'show-button',
        'disable-auto-open',
        'enable-log',
        'initialize-before-render',
        'loading',
        'src',
      ]);
      for (const attribute of attributes) {
        const property = attribute.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
        expect(property in element, `${attribute} → ${property}`).to.equal(true);
      }
      // nonce is the built-in HTMLElement property (it survives CSP nonce hiding).
      element.setAttribute('nonce', 'abc');
      expect(element.nonce).to.equal('abc');
    });

    it('renders nothing of its own and has the accessible tree of an empty element', async () => {
      const element = await fixture<CloserChat>(
        html`<closer-chat org-id=${ORG_ID} src=${SIMULATOR_URL} loading="manual"></closer-chat>`,
      );
      expect(element.shadowRoot?.children.length ?? 0).to.equal(0);
      await expect(element).to.be.accessible();
    });
  });

  describe('attributes → closer.init options', () => {
    it('org-id → orgId, and nothing else unless asked for', async () => {
      const options = await initOptionsFor({});
      expect(options.orgId).to.equal(ORG_ID);
      // Keys only: a failing comparison of the options object itself (functions
      // inside) stalls the runner's error serialiser.
      const keys = Object.keys(options).filter((key) => typeof options[key] !== 'function');
      expect(keys).to.deep.equal(['orgId']);
    });

    it('api-key → apiKey', async () => {
      expect((await initOptionsFor({ 'api-key': API_KEY })).apiKey).to.equal(API_KEY);
    });

    it('show-button absent leaves the SDK default (no showButton option)', async () => {
      expect(Object.keys(await initOptionsFor({}))).not.to.include('showButton');
    });

    it('show-button="false" → showButton: false', async () => {
      expect((await initOptionsFor({ 'show-button': 'false' })).showButton).to.equal(false);
    });

    it('show-button="" and show-button="true" → showButton: true', async () => {
      expect((await initOptionsFor({ 'show-button': '' })).showButton).to.equal(true);
      await resetPage();
      expect((await initOptionsFor({ 'show-button': 'true' })).showButton).to.equal(true);
    });

    for (const [attribute, option] of [
      ['disable-auto-open', 'disableAutoOpen'],
      ['enable-log', 'enableLog'],
      ['initialize-before-render', 'initializeBeforeRender'],
    ] as const) {
      it(`${attribute} → ${option}: true when present`, async () => {
        expect((await initOptionsFor({ [attribute]: '' }))[option]).to.equal(true);
      });

      it(`${attribute}="false" → ${option}: false (as CMS editors write it)`, async () => {
        expect((await initOptionsFor({ [attribute]: 'false' }))[option]).to.equal(false);
      });
    }

    it('passes every SDK callback to init', async () => {
      const options = await initOptionsFor({});
      for (const callback of [
        'onOpen',
        'onClose',
        'onMessageSent',
        'onMessageReceived',
        'onTagsChanged',
        'onLektaContext',
        'onConversationStatusChanged',
        'onUserAuthorized',
        'onUserAuthorizationFailed',
      ]) {
        expect(options[callback], callback).to.be.a('function');
      }
    });

    it('src loads that script; nonce is put on the injected tag', async () => {
      const element = mount(eagerAttributes({ nonce: 'n0nce-value' }));
      await element.load();
      const script = Array.from(document.scripts).find((s) => s.src.endsWith(SIMULATOR_URL));
      expect(script, 'script tag').to.exist;
      expect(script!.nonce).to.equal('n0nce-value');
      expect(script!.async).to.equal(true);
      expect(simulator().executions).to.equal(1);
    });
  });

  describe('properties', () => {
    it('options are merged under the attribute-derived ones', async () => {
      const element = document.createElement('closer-chat');
      element.options = { showButton: true, locale: 'pl', theme: { color: 'red' } };
      for (const [name, value] of Object.entries(eagerAttributes({ 'show-button': 'false' }))) {
        element.setAttribute(name, value);
      }
      document.body.append(element);
      await element.load();
      const options = callsOf('init')[0].args[0];
      expect(options.locale).to.equal('pl');
      expect(options.theme).to.deep.equal({ color: 'red' });
      expect(options.showButton, 'the attribute wins').to.equal(false);
    });

    it('getLoginHintToken is passed to init as given', async () => {
      const element = document.createElement('closer-chat');
      const getLoginHintToken = () => Promise.resolve('hint');
      element.getLoginHintToken = getLoginHintToken;
      for (const [name, value] of Object.entries(eagerAttributes())) element.setAttribute(name, value);
      document.body.append(element);
      await element.load();
      expect(callsOf('init')[0].args[0].getLoginHintToken).to.equal(getLoginHintToken);
    });

    it('identity is passed to closer.identify once initialised, and again when it changes', async () => {
      const element = document.createElement('closer-chat');
      element.identity = { email: 'ada@example.com', firstName: 'Ada' };
      for (const [name, value] of Object.entries(eagerAttributes())) element.setAttribute(name, value);
      document.body.append(element);
      await element.load();
      expect(callsOf('identify').map((call) => call.args[0])).to.deep.equal([
        { email: 'ada@example.com', firstName: 'Ada' },
      ]);
      const methods = simulator().calls.map((call) => call.method);
      expect(methods.indexOf('init')).to.be.lessThan(methods.indexOf('identify'));

      element.identity = { email: 'ada@example.com', firstName: 'Ada' }; // equal value: no call
      await nextTask();
      expect(callsOf('identify')).to.have.length(1);

      element.identity = { email: 'grace@example.com' };
      await nextTask();
      expect(callsOf('identify').map((call) => call.args[0].email)).to.deep.equal([
        'ada@example.com',
        'grace@example.com',
      ]);
      expect(callsOf('init'), 'identify does not re-init').to.have.length(1);
    });

    it('changing a non-identity option after init does not log the visitor off', async () => {
      const element = await mountReady();
      element.setAttribute('enable-log', '');
      element.setAttribute('show-button', 'false');
      await nextTask();
      await nextTask();
      expect(callsOf('deinit')).to.have.length(0);
      expect(callsOf('init')).to.have.length(1);
    });
  });
});
