import { expect } from '@open-wc/testing';
import {
  CLOSE_EVENT,
  CLOSER_EVENTS,
  CONVERSATION_STATUS_CHANGED_EVENT,
  LEKTA_CONTEXT_EVENT,
  MESSAGE_RECEIVED_EVENT,
  MESSAGE_SENT_EVENT,
  OPEN_EVENT,
  TAGS_CHANGED_EVENT,
  USER_AUTHORIZATION_FAILED_EVENT,
  USER_AUTHORIZED_EVENT,
} from '../src/index.js';
import {
  API_KEY,
  callsOf,
  collect,
  eagerAttributes,
  mount,
  mountReady,
  nextEvent,
  nextTask,
  resetPage,
  SIMULATOR_URL,
  simulator,
  slowWidgetUrl,
} from './helpers.js';

/** Each SDK callback, the arguments the SDK passes, the event and detail we expect. */
const CALLBACK_CASES = [
  { callback: 'onOpen', args: [], event: OPEN_EVENT, detail: { args: [] } },
  { callback: 'onClose', args: [], event: CLOSE_EVENT, detail: { args: [] } },
  { callback: 'onMessageSent', args: [], event: MESSAGE_SENT_EVENT, detail: { args: [] } },
  { callback: 'onMessageReceived', args: [], event: MESSAGE_RECEIVED_EVENT, detail: { args: [] } },
  {
    callback: 'onTagsChanged',
    args: [['vip', 'billing']],
    event: TAGS_CHANGED_EVENT,
    detail: { tags: ['vip', 'billing'], args: [['vip', 'billing']] },
  },
  {
    callback: 'onLektaContext',
    args: [{ intent: 'refund', step: 2 }],
    event: LEKTA_CONTEXT_EVENT,
    detail: { context: { intent: 'refund', step: 2 }, args: [{ intent: 'refund', step: 2 }] },
  },
  {
    callback: 'onConversationStatusChanged',
    args: [{ status: 'solved' }],
    event: CONVERSATION_STATUS_CHANGED_EVENT,
    detail: { status: 'solved', args: [{ status: 'solved' }] },
  },
  // Arguments the docs do not describe still reach the page, as `args`.
  {
    callback: 'onUserAuthorized',
    args: [{ customerId: 'c-42', email: 'ada@example.com' }],
    event: USER_AUTHORIZED_EVENT,
    detail: { args: [{ customerId: 'c-42', email: 'ada@example.com' }] },
  },
  { callback: 'onUserAuthorizationFailed', args: [], event: USER_AUTHORIZATION_FAILED_EVENT, detail: { args: [] } },
] as const;

describe('<closer-chat>', () => {
  afterEach(resetPage);

  describe('widget callbacks → DOM events', () => {
    for (const { callback, args, event, detail } of CALLBACK_CASES) {
      it(`${callback} → ${event} with detail ${JSON.stringify(detail)}, bubbling and composed`, async () => {
        const element = await mountReady();
        const heard = nextEvent(document, event);
        simulator().fire(callback, ...args);
        const received = await heard;
        expect(received).to.be.instanceOf(CustomEvent);
        expect(received.target).to.equal(element);
        expect(received.bubbles).to.equal(true);
        expect(received.composed).to.equal(true);
        expect(received.detail).to.deep.equal(detail);
      });
    }

    it('callback arguments never carry the api key: redacted in values and apiKey fields', async () => {
      const element = await mountReady({ 'api-key': API_KEY });
      const heard = nextEvent(element, 'closer-user-authorized');
      simulator().fire('onUserAuthorized', { apiKey: API_KEY, customer: { token: `Bearer ${API_KEY}`, name: 'Ada' } }, [
        API_KEY,
      ]);
      const { detail } = await heard;
      expect(JSON.stringify(detail)).not.to.include(API_KEY);
      expect(detail.args).to.deep.equal([
        { apiKey: '[redacted]', customer: { token: 'Bearer [redacted]', name: 'Ada' } },
        ['[redacted]'],
      ]);
      expect(Object.isFrozen(detail.args), 'one listener cannot change what the next sees').to.equal(true);
    });

    it('the exported event names cover every callback and the element events', () => {
      expect(CLOSER_EVENTS).to.have.members([
        ...CALLBACK_CASES.map((entry) => entry.event),
        'closer-unread-changed',
        'closer-ready',
        'closer-logout',
        'closer-error',
        'closer-consent-required',
      ]);
    });

    it('the widget UI drives the same events (open, message, close)', async () => {
      const element = await mountReady();
      const names: string[] = [];
      for (const name of [OPEN_EVENT, MESSAGE_SENT_EVENT, CLOSE_EVENT]) {
        element.addEventListener(name, () => names.push(name));
      }
      simulator().open();
      simulator().sendMessage('hello');
      simulator().close();
      expect(names).to.deep.equal([OPEN_EVENT, MESSAGE_SENT_EVENT, CLOSE_EVENT]);
    });

    it('events reach a listener above a shadow root (composed)', async () => {
      const host = document.createElement('div');
      const root = host.attachShadow({ mode: 'open' });
      document.body.append(host);
      const element = document.createElement('closer-chat');
      for (const [name, value] of Object.entries({
        'org-id': '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
        src: '/dev/simulator/widget.js',
        loading: 'eager',
        'grace-period': '0',
      })) {
        element.setAttribute(name, value);
      }
      root.append(element);
      await element.load();
      const heard = nextEvent(document, OPEN_EVENT);
      simulator().fire('onOpen');
      expect((await heard).target, 'retargeted to the shadow host').to.equal(host);
      host.remove();
    });
  });

  describe('closer-ready', () => {
    it('fires after init with the options, the api key redacted and no functions', async () => {
      const element = document.createElement('closer-chat');
      const ready = nextEvent(element, 'closer-ready');
      element.getLoginHintToken = () => Promise.resolve('token');
      for (const [name, value] of Object.entries({
        'org-id': '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
        'api-key': API_KEY,
        'show-button': 'false',
        src: '/dev/simulator/widget.js',
        loading: 'eager',
        'grace-period': '0',
      })) {
        element.setAttribute(name, value);
      }
      document.body.append(element);
      const { detail } = await ready;
      expect(detail.options.orgId).to.equal('4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f');
      expect(detail.options.showButton).to.equal(false);
      expect(detail.options.apiKey).to.equal('[redacted]');
      expect(JSON.stringify(detail)).not.to.include(API_KEY);
      expect(Object.values(detail.options).some((value) => typeof value === 'function')).to.equal(false);
      expect(callsOf('init')).to.have.length(1);
    });
  });

  describe('state and custom states', () => {
    it('state goes idle → loading → ready, with :state(loading) and :state(ready)', async () => {
      const element = document.createElement('closer-chat');
      for (const [name, value] of Object.entries({
        'org-id': '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
        src: slowWidgetUrl(100),
        loading: 'manual',
        'grace-period': '0',
      })) {
        element.setAttribute(name, value);
      }
      document.body.append(element);
      await element.updateComplete;
      expect(element.state).to.equal('idle');
      const loaded = element.load();
      expect(element.state).to.equal('idle', 'load() applies pending changes first');
      await nextTask();
      expect(element.state).to.equal('loading');
      expect(element.matches(':state(loading)')).to.equal(true);
      await loaded;
      expect(element.state).to.equal('ready');
      expect(element.matches(':state(ready)')).to.equal(true);
      expect(element.matches(':state(loading)')).to.equal(false);
    });

    it('opened, :state(open), unreadCount and :state(unread) follow the widget', async () => {
      const element = await mountReady();
      const unread = collect(element, 'closer-unread-changed');
      expect(element.opened).to.equal(false);
      simulator().fire('onMessageReceived');
      simulator().fire('onMessageReceived');
      expect(element.unreadCount).to.equal(2);
      expect(element.matches(':state(unread)')).to.equal(true);

      simulator().fire('onOpen');
      expect(element.opened).to.equal(true);
      expect(element.matches(':state(open)')).to.equal(true);
      expect(element.unreadCount, 'reset on open').to.equal(0);
      expect(element.matches(':state(unread)')).to.equal(false);

      simulator().fire('onMessageReceived');
      expect(element.unreadCount, 'not counted while open').to.equal(0);
      simulator().fire('onClose');
      expect(element.opened).to.equal(false);
      expect(element.matches(':state(open)')).to.equal(false);
      expect(unread.map((event) => event.detail.count)).to.deep.equal([1, 2, 0]);
    });

    it('a window the SDK reopens during init (visitor left it open) reads as opened', async () => {
      localStorage.setItem('closer-simulator:open', '1'); // the dev widget remembers it like the SDK
      const element = await mountReady({ src: `${SIMULATOR_URL}?callbacks-in-init=yes` });
      expect(simulator().isOpen).to.equal(true);
      expect(element.opened).to.equal(true);
      expect(element.matches(':state(open)')).to.equal(true);
    });

    it('a window the SDK reopens in a task after init reads as opened then', async () => {
      localStorage.setItem('closer-simulator:open', '1');
      const element = mount(eagerAttributes());
      const reopened = nextEvent(element, 'closer-open');
      await element.load();
      await reopened;
      expect(simulator().isOpen).to.equal(true);
      expect(element.opened).to.equal(true);
      expect(element.matches(':state(open)')).to.equal(true);
    });

    it('tags and conversationStatus follow the widget', async () => {
      const element = await mountReady();
      expect(element.tags).to.deep.equal([]);
      expect(element.conversationStatus).to.equal(undefined);
      simulator().fire('onTagsChanged', ['vip']);
      simulator().fire('onConversationStatusChanged', { status: 'inProgress' });
      expect(element.tags).to.deep.equal(['vip']);
      expect(element.conversationStatus).to.equal('inProgress');
    });

    it('CSS can style around the state without JavaScript', async () => {
      const style = document.createElement('style');
      style.textContent = 'closer-chat:state(unread) { outline: 3px solid rgb(255, 0, 0); display: block; }';
      document.head.append(style);
      const element = await mountReady();
      expect(getComputedStyle(element).outlineColor).not.to.equal('rgb(255, 0, 0)');
      simulator().fire('onMessageReceived');
      expect(getComputedStyle(element).outlineColor).to.equal('rgb(255, 0, 0)');
      style.remove();
    });
  });

  describe('listeners', () => {
    it('a listener that throws breaks neither the widget nor the other listeners', async () => {
      const element = await mountReady();
      const reported: unknown[] = [];
      const onError = (event: ErrorEvent) => {
        reported.push(event.error);
        event.preventDefault(); // keep the test runner from counting the page error
      };
      const originalOnError = window.onerror;
      window.onerror = null;
      window.addEventListener('error', onError);
      try {
        element.addEventListener(OPEN_EVENT, () => {
          throw new Error('listener bug');
        });
        const after = collect(element, OPEN_EVENT);
        expect(() => simulator().fire('onOpen')).not.to.throw();
        expect(after, 'the next listener still ran').to.have.length(1);
        expect(element.opened).to.equal(true);
        expect(reported.map((error) => (error as Error).message)).to.deep.equal(['listener bug']);

        simulator().fire('onTagsChanged', ['still-working']);
        expect(element.tags).to.deep.equal(['still-working']);
      } finally {
        window.removeEventListener('error', onError);
        window.onerror = originalOnError;
      }
    });
  });

  describe('logout()', () => {
    it('calls closer.deinit, fires closer-logout, and load() starts a fresh widget', async () => {
      const element = await mountReady({ 'api-key': API_KEY });
      const logout = nextEvent(element, 'closer-logout');
      await element.logout();
      expect((await logout).detail).to.deep.equal({ reason: 'logout' });
      expect(callsOf('deinit')).to.have.length(1);
      expect(element.state).to.equal('idle');
      expect(simulator().initialized).to.equal(false);
      expect(localStorage.getItem('closer-simulator:session'), 'client data removed').to.equal(null);

      element.setAttribute('show-button', 'false'); // a re-render after logout
      await nextTask();
      await nextTask();
      expect(callsOf('init'), 'does not come back by itself').to.have.length(1);
      await element.load();
      expect(callsOf('init')).to.have.length(2);
      expect(element.state).to.equal('ready');
    });
  });
});
